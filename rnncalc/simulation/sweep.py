"""Where the gradient survives: grids of gradflow runs, and the forget-bias table.

lag     one value (radius for the vanilla RNN, forget for the LSTM, update for
        the GRU) against every lag up to T: log10‖∂L/∂h_{T−s}‖ per cell, one
        batched gradflow grid. Every row equals `rnncalc gradflow` with the same
        seed and burn-in, bit for bit; the sweep's burn-in is the longest any of
        its values needs (see :func:`rnncalc.simulation.config.burn_in`).
phase   radius × drive for the tanh RNN: the measured rate per step of every
        pair, the mean-field χ with the weight scale σ_w of the W drawn, the
        mean-field edge of chaos (the radius where χ = 1) per drive, and the
        measured boundary (where the measured rate crosses zero).
bias    forget-gate bias b ↦ f = σ(b), f^T and the memory timescale −1/ln f
        (pure arithmetic).
"""

from __future__ import annotations

import math
from typing import NamedTuple, Sequence

from ..errors import InvalidArgument, check_float, check_int, shown
from ..notebook import shows_as_table
from ..numbers import MAX_RANGE as MAX_VALUES
from .config import CONFIGS, Config, config_for
from .config import burn_in as auto_burn_in

MAX_BIAS = 100.0
MAX_GRID = 10_000  # points of a radius × drive map (100 × 100): refused at once, before any is built
PARAMETERS = {kind.varies: cell for cell, kind in CONFIGS.items()}  # radius → rnn, forget → lstm, update → gru


@shows_as_table
class LagSweep(NamedTuple):
    parameter: str  # radius, forget or update
    values: list[float]
    runs: list  # gradflow Runs, one per value
    burn_in: int


@shows_as_table
class PhaseSweep(NamedTuple):
    radii: list[float]
    drives: list[float]
    decay: list[list[float | None]]  # [drive][radius]: measured log10 change per step
    chi: list[list[float]]  # [drive][radius]: mean-field χ with the drawn W's σ_w
    sigma_w: list[float]  # per radius: ‖W‖_F/√n of the W simulated
    critical_mean_field: list[float | None]  # per drive: the radius where χ = 1
    critical_measured: list[float | None]  # per drive: where the measured rate crosses 0
    burn_in: int
    unit_scale: float | None  # σ_w/ρ of the W drawn (None: every radius 0)
    config: Config  # the first grid point's configuration: the settings every point shares


def _values(name: str, values: Sequence[float]) -> list[float]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence) or not values:
        raise InvalidArgument(name, f"give a non-empty list of values, got {shown(values)}")
    if len(values) > MAX_VALUES:
        raise InvalidArgument(name, f"{len(values):,} values; at most {MAX_VALUES} in one sweep")
    return [check_float(name, v, -math.inf, math.inf) for v in values]


def _shared_burn_in(cell: str, parameter: str, values: list[float], settings: dict) -> int:
    """The given burn-in, or the longest the automatic rule picks for any value."""
    if settings.get("burn_in") is not None:
        return settings["burn_in"]
    return max(auto_burn_in(config_for(cell, **settings, **{parameter: v})) for v in values)


def lag_configs(parameter: str, values: Sequence[float], **settings) -> list:
    """The gradflow grid a lag sweep runs: one configuration per value, all with the longest burn-in any needs."""
    if parameter not in PARAMETERS:
        raise InvalidArgument("parameter", f"choose from {', '.join(PARAMETERS)}; got {shown(parameter)}")
    cell, values = PARAMETERS[parameter], _values(parameter, values)
    if parameter in settings:
        raise InvalidArgument(
            parameter, "is what the sweep varies: give its values as the sweep's values, not a setting"
        )
    burn_in = _shared_burn_in(cell, parameter, values, settings)
    return [config_for(cell, **{**settings, "burn_in": burn_in, parameter: v}) for v in values]


def lag_sweep(parameter: str, values: Sequence[float], *, tol=1e-6, limits=None, progress=None, **settings) -> LagSweep:
    """One gradflow grid over `parameter` (radius, forget or update); `settings` as in the cell's config."""
    from .gradflow import simulate_many

    configs = lag_configs(parameter, values, **settings)
    runs = simulate_many(configs, tol=tol, limits=limits, progress=progress)
    return LagSweep(parameter, [c.value for c in configs], runs, configs[0].burn_in)


def phase_configs(radii: Sequence[float], drives: Sequence[float], **settings) -> list:
    """The grid a radius × drive map runs: drive-major, one configuration per radius and drive."""
    radii, drives = _values("radius", radii), _values("drive", drives)
    for varied in ("radius", "drive"):
        if varied in settings:
            raise InvalidArgument(varied, "is what the map varies: give its values as the map's, not as a setting")
    if len(radii) * len(drives) > MAX_GRID:
        raise InvalidArgument("drive", f"{len(radii):,} radii × {len(drives):,} drives; at most {MAX_GRID:,} points")
    if settings.get("activation", "tanh") != "tanh":
        raise InvalidArgument("activation", "the radius × drive sweep is for tanh RNNs")
    settings = dict(settings)
    burn_in = settings.pop("burn_in", None)
    burn_in = auto_burn_in(config_for("rnn", **settings)) if burn_in is None else burn_in
    return [config_for("rnn", **settings, burn_in=burn_in, radius=r, drive=d) for d in drives for r in radii]


def phase_sweep(
    radii: Sequence[float], drives: Sequence[float], *, limits=None, progress=None, **settings
) -> PhaseSweep:
    """Measured rate per step over radius × drive for a tanh RNN, beside the mean-field edge of chaos."""
    from .gradflow import simulate_grid
    from .theory import edge_of_chaos

    configs = phase_configs(radii, drives, **settings)
    radii, drives = _values("radius", radii), _values("drive", drives)
    runs = simulate_grid(configs, 1e-6, limits, progress, MAX_GRID)
    grid = [runs[j * len(radii) : (j + 1) * len(radii)] for j in range(len(drives))]
    sigma_w = [r.theory["sigma_w"] for r in grid[0]]
    scale = next((s / r for s, r in zip(sigma_w, radii) if r > 0), None)  # ‖W₁‖_F/√n of the W drawn
    decay = [[r.decay_per_step for r in row] for row in grid]
    return PhaseSweep(
        radii=radii,
        drives=drives,
        decay=decay,
        chi=[[r.theory["chi"] for r in row] for row in grid],
        sigma_w=sigma_w,
        critical_mean_field=[None if scale is None else edge_of_chaos(d, scale) for d in drives],
        critical_measured=[zero_crossing(radii, row) for row in decay],
        burn_in=configs[0].burn_in,
        unit_scale=scale,
        config=configs[0],
    )


def zero_crossing(xs: list[float], ys: list[float | None]) -> float | None:
    """The first x where y goes from negative to ≥ 0, linearly interpolated."""
    for (x0, y0), (x1, y1) in zip(zip(xs, ys), zip(xs[1:], ys[1:])):
        if y0 is not None and y1 is not None and y0 < 0 <= y1:
            return x0 + (x1 - x0) * (-y0) / (y1 - y0)
    return None


class BiasRow(NamedTuple):
    bias: float
    forget: float  # σ(b)
    log10_retained: float  # log10 f^T
    timescale: float  # −1/ln f: the lag at which the carry path has decayed by e


def forget_bias_table(biases: Sequence[float], steps: int) -> list[BiasRow]:
    """b ↦ σ(b), f^T and −1/ln f, with ln σ(b) = −log1p(e^{−b}) so nothing rounds to 0 or 1 too early.

    >>> forget_bias_table([0.0], 1)[0].forget
    0.5
    """
    check_int("steps", steps, 1, 10**9)
    rows = []
    for b in _values("forget_bias", biases):
        check_float("forget_bias", b, -MAX_BIAS, MAX_BIAS)
        log_f = -math.log1p(math.exp(-b))
        rows.append(BiasRow(b, math.exp(log_f), steps * log_f / math.log(10), -1 / log_f))
    return rows
