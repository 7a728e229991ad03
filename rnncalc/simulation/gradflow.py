"""Gradient flow through time: simulate runs and summarise each one beside the theory.

The model is in :mod:`rnncalc.simulation.config` (what a run is) and :mod:`rnncalc.simulation.engine`
(how it is simulated): the loss is L = u·h_T with u a random unit vector, and
for every lag s = 0..T a run reports log10‖∂L/∂h_{T−s}‖, the total derivative
that torch.autograd.grad returns, as the mean over trials of the log norms
(a geometric mean), with their standard deviation as the spread. The carry
paths report the vector they carry instead: ∂L/∂c_{T−s} through diag(f) alone
for the LSTM, ∂L/∂h_{T−s} through diag(z) alone for the GRU.

The summary of a run:

rate      decay_per_step: the least-squares slope of log10‖·‖ against the lag
          over lags 1..T (lag 0 is the unit vector the loss starts from; the
          LSTM's full path drops once, at the first step, because h_{T−1}
          reaches h_T only through the gates and W_hh), over the lags where
          the gradient is not exactly zero.
interval  the rate ± two standard errors over trials (each trial's own fitted
          rate): how far other draws of the inputs would move it.
verdict   from the level at the last lag and the trend together (VERDICT_RULE):
          ``vanishing`` ends below its start and is falling, ``exploding``
          ends above it and is growing (the whole interval past ±RATE_THRESHOLD,
          a factor 10 per 1,000 steps); with no such trend, ``dropped`` or
          ``risen`` if it ends more than a decade below or above its start, else
          ``preserved`` if the interval lies within the threshold and ``uncertain``
          if it straddles it; ``mixed`` when trend and level disagree. An
          exactly zero gradient is ``vanishing``; one kept exactly, ``preserved``.
horizon   the first lag where the norm is below `tol` (None: never, in the window).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from functools import partial
from typing import Callable, Sequence

from ..counting.cells import CELLS
from ..errors import InvalidArgument, check_float, shown
from ..guard import Cost, Limits, check
from . import config as cfgs
from .config import Config, RNNConfig

RATE_THRESHOLD = 1e-3  # log10 per step: a factor 10 per 1,000 steps
VERDICTS = ("vanishing", "exploding", "preserved", "dropped", "risen", "uncertain", "mixed")
LEVEL_DECADES = 1.0  # a norm within a decade of its start has kept its size
KEPT = 1e-12  # log10 levels this close to 0 at every lag: kept exactly (renormalising a unit vector rounds ~1e-17)
VERDICT_RULE = (
    "Verdict, from the level and the trend together: vanishing if the norm ends below its start and falls, exploding "
    "if it ends above and grows (the rate ± 2 standard errors over trials past ±0.001/step, tenfold per 1,000 "
    "steps); with no such trend, dropped or risen if it ends more than a decade below or above its start, else "
    "preserved if the interval lies within ±0.001/step and uncertain if it straddles that; mixed when trend and "
    "level disagree."
)


def quantity(cfg: Config) -> str:
    """The norm a run follows: ‖∂L/∂h‖ through the full Jacobian, or the carried state's through its gate alone."""
    if cfg.path == "full":
        return "‖∂L/∂h‖"
    carry = CELLS[cfg.cell].carry
    assert carry is not None, "only the gated cells have a carry path"
    return f"‖∂L/∂{carry.state}‖ via diag({carry.kept})"


@dataclass
class Run:
    """The measured decay of one configuration, lag by lag, and what theory says of it."""

    config: Config
    burn_in: int  # the steps actually run before the window
    stationary: bool | None  # did the burn-in cover the gated state's timescale (None: vanilla RNN)
    settling: float | None  # the burn-in a gated state needs: BURN_IN_TIMESCALES × 1/(1 − gate) (inf at gate 1)
    quantity: str  # what log10_norm measures: ‖∂L/∂h‖, or the carry path's vector
    log10_norm: list[float | None]  # s = 0..T; None: exactly zero
    log10_spread: list[float | None]  # standard deviation over trials of the same
    decay_per_step: float | None  # the rate: least-squares log10 change per step over lags 1..T
    horizon: int | None
    verdict: str
    theory: dict
    decay_interval: tuple[float, float] | None = None  # the rate ± 2 standard errors over trials
    cell_state: dict | None = None  # the LSTM's: mean |c| and tanh′(c) over the window (its full path runs through it)


def simulate(
    config: Config,
    *,
    tol: float = 1e-6,
    limits: Limits | None = None,
    progress: Callable[[float], None] | None = None,
) -> Run:
    """Simulate backpropagation through time for one configuration.

    >>> from rnncalc.simulation.config import LSTMConfig
    >>> run = simulate(LSTMConfig(path="carry", forget=0.5, steps=3, hidden=4))
    >>> [round(x, 6) for x in run.log10_norm]
    [0.0, -0.30103, -0.60206, -0.90309]
    """
    return simulate_many([config], tol=tol, limits=limits, progress=progress)[0]


def simulate_many(
    configs: Sequence[Config],
    *,
    tol: float = 1e-6,
    limits: Limits | None = None,
    progress: Callable[[float], None] | None = None,
) -> list[Run]:
    """Several configurations, in order; those that differ only in their value and drive run as one batch.

    Each result is the one :func:`simulate` gives for that configuration alone,
    to the last bit. The whole set is costed and checked against `limits`
    before anything runs.
    """
    return simulate_grid(configs, tol, limits, progress, cfgs.MAX_RUNS)


def simulate_grid(
    configs: Sequence[Config],
    tol: float,
    limits: Limits | None,
    progress: Callable[[float], None] | None,
    most: int,
) -> list[Run]:
    """simulate_many for at most `most` configurations (a sweep's radius × drive map may hold 10,000)."""
    if progress is not None and not callable(progress):
        raise InvalidArgument("progress", f"give a function of the fraction done, got {shown(progress)}")
    check_float("tol", tol, 0, math.inf)
    if tol <= 0:
        raise InvalidArgument("tol", f"must be positive, got {shown(tol)}")
    grids = group(configs, most)
    check(total_cost([g for g, _ in grids]), limits)
    report = progress or (lambda _: None)
    runs: dict[int, Run] = {}
    for k, (grid, where) in enumerate(grids):
        from . import engine

        burn_in = cfgs.burn_in(grid[0])
        raw = engine.run(grid, burn_in, partial(_share, report, k, len(grids)))
        for g, (i, cfg, logs) in enumerate(zip(where, grid, raw.logs)):
            run = summarise(cfg, burn_in, logs, raw.unit_sigma_max, raw.unit_scale, tol)
            if cfg.cell == "lstm" and raw.watch is not None and raw.watch.steps:
                run.cell_state = raw.watch.cell_state(g)
            runs[i] = run
    return [runs[i] for i in range(len(configs))]


def group(configs: Sequence[Config], most: int = cfgs.MAX_RUNS) -> list[tuple[list[Config], list[int]]]:
    """The batches a set of configurations runs in, with each member's index in the set."""
    if isinstance(configs, (str, bytes)) or not isinstance(configs, Sequence) or not configs:
        raise InvalidArgument("configs", f"give a non-empty list of configurations, got {shown(configs)}")
    if len(configs) > most:
        raise InvalidArgument("configs", f"{len(configs):,} configurations; at most {most:,} in one call")
    batches: dict[tuple, tuple[list[Config], list[int]]] = {}
    for i, cfg in enumerate(configs):
        cfgs.check_grid([cfg])
        key = (type(cfg), cfgs.burn_in(cfg), *(getattr(cfg, f.name) for f in fields(cfg) if f.name not in _VARIED))
        members, where = batches.setdefault(key, ([], []))
        members.append(cfg)
        where.append(i)
    return list(batches.values())


_VARIED = ("radius", "forget", "update", "drive", "burn_in")


def cost_of(configs: Sequence[Config], most: int = cfgs.MAX_RUNS) -> Cost:
    """What :func:`simulate_many` would take for these configurations, before anything runs."""
    return total_cost([g for g, _ in group(configs, most)])


def total_cost(grids: list[list[Config]]) -> Cost:
    costs = [cfgs.estimate(g) for g in grids]
    biggest = max(costs, key=lambda c: c.seconds)
    return Cost(
        sum(c.seconds for c in costs),
        max(c.memory for c in costs),
        biggest.time_culprit,
        max(costs, key=lambda c: c.memory).memory_culprit,
    )


def _share(report: Callable[[float], None], k: int, grids: int, fraction: float) -> None:
    """Progress of grid k of `grids` as a fraction of the whole call."""
    report((k + fraction) / grids)


def summarise(cfg: Config, burn_in: int, logs, unit_sigma_max, unit_scale, tol: float) -> Run:
    """One grid member's log norms (trials × lags, natural log) as a Run."""
    import numpy as np

    from .theory import carry_theory, rnn_theory

    if np.isnan(logs).any():
        raise FloatingPointError("the simulation produced NaN; please report this run")
    log10 = logs / math.log(10)
    norm, spread = geometric_mean(log10)
    rate = fitted_rate(norm)
    interval = rate_interval(rate, log10)
    theory = (
        rnn_theory(cfg.radius, unit_sigma_max, unit_scale, cfg.drive, cfg.activation)
        if isinstance(cfg, RNNConfig)
        else carry_theory(cfg.gate)
    )
    return Run(
        config=cfg,
        burn_in=burn_in,
        stationary=cfgs.stationary(cfg, burn_in),
        settling=None if cfg.cell == "rnn" else cfgs.BURN_IN_TIMESCALES * cfg.timescale,
        quantity=quantity(cfg),
        log10_norm=norm,
        log10_spread=spread,
        decay_per_step=rate,
        horizon=horizon(norm, tol),
        verdict=verdict(norm, rate, interval),
        theory=theory,
        decay_interval=interval,
    )


def geometric_mean(log10) -> tuple[list[float | None], list[float | None]]:
    """Per lag, the mean over trials of (trials, T + 1) log10 norms and their standard deviation; None where a
    trial is exactly zero (a geometric mean with a zero factor is zero)."""
    import numpy as np

    zero = np.isneginf(log10).any(axis=0)
    finite = np.where(np.isfinite(log10), log10, 0.0)
    mean, spread = finite.mean(axis=0), finite.std(axis=0)
    return [None if z else float(m) for z, m in zip(zero, mean)], [
        None if z else float(s) for z, s in zip(zero, spread)
    ]


def horizon(norm: list[float | None], tol: float) -> int | None:
    """The first lag where the norm is below `tol` (or exactly zero); None: not within the window."""
    return next((s for s, x in enumerate(norm) if x is None or x < math.log10(tol)), None)


def fitted_rate(norm: list[float | None]) -> float | None:
    """Least-squares log10 change per step over lags 1..T (lag 0 too when T = 1), zeros left out."""
    import numpy as np

    lags = np.arange(len(norm), dtype=float)
    values = np.array([np.nan if y is None else y for y in norm])
    keep = ~np.isnan(values) & ((lags > 0) | (len(norm) == 2))
    if keep.sum() < 2:
        return None
    s, y = lags[keep], values[keep]
    s_centred = s - s.mean()
    return float(np.dot(s_centred, y - y.mean()) / np.dot(s_centred, s_centred))


def rate_interval(rate: float | None, log10) -> tuple[float, float] | None:
    """The rate ± 2 standard errors of the trials' own fitted rates ((trials, T + 1) log10 norms); None without a
    rate, or with one trial (then the rate alone decides)."""
    own = trial_rates(log10)
    return None if rate is None or own is None else mean_interval(rate, list(own))


def trial_rates(log10):
    """Each trial's own fitted rate (as fitted_rate, over lags 1..T), from (trials, T + 1) log10 norms; None with
    one trial or an exact zero."""
    import numpy as np

    if log10.shape[0] < 2 or not np.isfinite(log10).all():
        return None
    lags = np.arange(log10.shape[1], dtype=float)
    keep = (lags > 0) | (len(lags) == 2)
    s = lags[keep] - lags[keep].mean()
    y = log10[:, keep]
    return (y - y.mean(axis=1, keepdims=True)) @ s / np.dot(s, s)


def mean_interval(centre: float, samples: list[float]) -> tuple[float, float]:
    """centre ± two standard errors of `samples` (at least two): how far other draws would move their mean."""
    import statistics

    half = 2 * statistics.stdev(samples) / math.sqrt(len(samples))
    return (centre - half, centre + half)


def verdict(norm: list[float | None], rate: float | None, interval: tuple[float, float] | None = None) -> str:
    """The verdict from the level and the trend together (VERDICT_RULE, and the module docstring)."""
    levels = [x for x in norm if x is not None]
    if len(levels) < len(norm):
        return "vanishing"  # exactly zero somewhere in the window
    if all(abs(x) < KEPT for x in levels):
        return "preserved"  # kept exactly
    if rate is None:
        rate = levels[-1] / (len(levels) - 1)
    low, high = interval or (rate, rate)
    last = levels[-1]
    falling, growing = high < -RATE_THRESHOLD, low > RATE_THRESHOLD
    if falling or growing:
        return "vanishing" if falling and last < 0 else "exploding" if growing and last > 0 else "mixed"
    if last < -LEVEL_DECADES:
        return "dropped"
    if last > LEVEL_DECADES:
        return "risen"
    return "preserved" if -RATE_THRESHOLD <= low and high <= RATE_THRESHOLD else "uncertain"


def change_text(norm: list[float | None], rate: float | None) -> str:
    """How fast the norm changes, in words that stay true at the edges: gone after k steps, kept exactly, or the
    steps a tenfold change takes."""
    if None in norm:
        k = norm.index(None)
        return f"gone after {k:,} step{'s' * (k != 1)}"
    if all(x is not None and abs(x) < KEPT for x in norm):
        return "kept exactly"
    steps = decade_steps(rate)
    return "no tenfold change at this rate" if steps is None else f"{steps:,.3g} steps"


def decade_steps(rate: float | None) -> float | None:
    """Steps for the norm to change tenfold at this rate (None: no rate, or none within 10¹² steps)."""
    return None if rate is None or abs(rate) < 1e-12 else 1 / abs(rate)
