"""Where the gradient survives: grids of gradflow runs, and the forget-bias table.

Three sweeps:

lag     one parameter (radius for the vanilla RNN, forget for the LSTM, update
        for the GRU) against every lag up to T: log10‖∂L/∂h_{T−s}‖ per cell,
        one batched gradflow grid (each row equals a single gradflow run with
        the same seed, bit for bit).
phase   radius × drive for the tanh RNN: the measured decay per step of every
        pair, the mean-field edge of chaos (the radius where χ = 1) per drive,
        and the measured boundary (where the measured decay crosses zero).
bias    forget-gate bias b ↦ f = σ(b), f^T and the memory timescale −1/ln f
        (pure arithmetic).
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from .errors import InvalidArgument

MAX_VALUES = 500  # values in one range
MAX_CELLS = 200_000  # grid rows × columns in one sweep
PARAMETER_CELL = {"radius": "rnn", "forget": "lstm", "update": "gru"}


def parse_range(name: str, text: str) -> list[float]:
    """'start:stop:step', both ends included: '0.5:1:0.25' → [0.5, 0.75, 1.0]. A single number is one value."""
    parts = (text or "").split(":")
    try:
        numbers = [Decimal(p.strip()) for p in parts]
    except InvalidOperation:
        raise InvalidArgument(name, f"write start:stop:step (e.g. 0.5:1.5:0.05) or one number, got {text!r}") from None
    if len(numbers) == 1:
        numbers = [numbers[0], numbers[0], Decimal(1)]
    if len(numbers) != 3 or not all(n.is_finite() for n in numbers):
        raise InvalidArgument(name, f"write start:stop:step with finite numbers (e.g. 0.5:1.5:0.05), got {text!r}")
    start, stop, step = numbers
    if step <= 0:
        raise InvalidArgument(name, f"the step must be positive, got {text!r}")
    if stop < start:
        raise InvalidArgument(name, f"the range is reversed (stop {stop} < start {start}); write {stop}:{start}:{step}")
    count = int((stop - start) / step) + 1  # exact in decimal: 0.5:1.5:0.05 has 21 values
    if count > MAX_VALUES:
        raise InvalidArgument(name, f"{count:,} values; at most {MAX_VALUES} in one range (use a larger step)")
    return [float(start + i * step) for i in range(count)]


class LagSweep(NamedTuple):
    parameter: str  # radius, forget or update
    values: list[float]
    runs: list  # gradflow Runs, one per value


class PhaseSweep(NamedTuple):
    radii: list[float]
    drives: list[float]
    decay: list[list[float | None]]  # [drive][radius]: measured log10 change per step
    chi: list[list[float]]  # [drive][radius]: mean-field χ
    critical_mean_field: list[float | None]  # per drive: the radius where χ = 1
    critical_measured: list[float | None]  # per drive: where the measured decay crosses 0


def check_size(rows: int, columns: int) -> None:
    if rows * columns > MAX_CELLS:
        raise InvalidArgument("steps", f"{rows:,} × {columns:,} cells; at most {MAX_CELLS:,} in one sweep")


def lag_sweep(parameter: str, values: list[float], *, tol: float = 1e-6, progress=None, **config) -> LagSweep:
    """One gradflow grid over `parameter` (radius, forget or update)."""
    from .gradflow import Config, simulate_grid

    check_size(len(values), config.get("steps", 100) + 1)
    cell = PARAMETER_CELL[parameter]
    configs = [Config(cell=cell, **config, **{parameter: v}) for v in values]
    return LagSweep(parameter, values, simulate_grid(configs, tol=tol, progress=progress))


def phase_sweep(radii: list[float], drives: list[float], *, progress=None, **config) -> PhaseSweep:
    """Measured decay per step over radius × drive for a tanh RNN, beside the mean-field edge of chaos."""
    from .gradflow import Config, simulate_grid
    from .theory import mean_field

    check_size(len(radii) * len(drives), config.get("steps", 100) + 1)
    configs = [Config(cell="rnn", activation="tanh", radius=r, drive=d, **config) for d in drives for r in radii]
    runs = iter(simulate_grid(configs, progress=progress))
    decay = [[next(runs).decay_per_step for _ in radii] for _ in drives]
    chi = [[mean_field(r, d, "tanh")["chi"] for r in radii] for d in drives]
    return PhaseSweep(
        radii,
        drives,
        decay,
        chi,
        critical_mean_field=[edge_of_chaos(d) for d in drives],
        critical_measured=[_zero_crossing(radii, row) for row in decay],
    )


def edge_of_chaos(drive: float, top: float = 20.0) -> float | None:
    """The radius where the mean-field χ of a tanh RNN reaches 1 (bisection; χ grows with the radius)."""
    from .theory import mean_field

    def chi(r: float) -> float:
        return mean_field(r, drive, "tanh")["chi"]

    lo, hi = 1e-6, top
    if chi(hi) < 1:
        return None
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if chi(mid) < 1 else (lo, mid)
    return (lo + hi) / 2


def _zero_crossing(xs: list[float], ys: list[float | None]) -> float | None:
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


MAX_BIAS = 100.0


def forget_bias_table(biases: list[float], steps: int) -> list[BiasRow]:
    """b ↦ σ(b), f^T and −1/ln f, with ln σ(b) = −log1p(e^{−b}) so nothing rounds to 0 or 1 too early."""
    rows = []
    for b in biases:
        if abs(b) > MAX_BIAS:
            raise InvalidArgument("forget_bias", f"biases must lie within ±{MAX_BIAS:g}, got {b:g}")
        log_f = -math.log1p(math.exp(-b))
        rows.append(BiasRow(b, math.exp(log_f), steps * log_f / math.log(10), -1 / log_f))
    return rows
