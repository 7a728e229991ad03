"""What the gates cost and what they buy: costs are instant integers, retention is simulation.

:func:`gate_costs` reads the cell table and the params core: gates, blocks,
state, parameters and the ratio to the vanilla RNN under a convention.

:func:`gate_retention` simulates, with the gradflow core, over SIM_DRAWS draws of
the weights (seeds seed, seed + 1, …), log10 of the gradient norm after `steps`
steps back (the mean over the draws, with their spread): the vanilla RNN at
spectral radius 1 (full Jacobian), the LSTM and GRU along their full Jacobian
and their carry path, and every other gated cell along its carry path, which
has the same diagonal Jacobian as the LSTM's (diag(f)) or the GRU's (diag(z),
the MGU's diag(1 − f)), each keeping `gate` of the carried state per step.
"""

from __future__ import annotations

from typing import NamedTuple, Sequence

from ..choices import TYPICAL_GATE
from ..counting.cells import BIDIRECTIONAL, CELL_NAMES, CELLS, Cell
from ..counting.params import availability, count_params
from ..errors import InvalidArgument, check_bool, check_choice, check_float, check_int, shown
from .config import MAX_STEPS, Config

BOTH_WAYS_USE = "whole sequences known in advance (sees past and future; not streaming)"
SIM_RADIUS = 1.0  # the vanilla RNN beside the gated cells: at the edge, its best case
SIM_HIDDEN = 64
SIM_TRIALS = 4
SIM_DRAWS = 4  # weight draws (seeds) each retention is averaged over: one draw is one network, not the cell


class GateCost(NamedTuple):
    """One cell's row: what the cell is (`spec`, from the cell table) and what it costs at these sizes."""

    spec: Cell
    bidirectional: bool
    params: int | None  # None where the convention has no such layer
    ratio_to_rnn: float | None
    reason: str | None  # why params is None

    @property
    def cell(self) -> str:
        return self.spec.name

    @property
    def title(self) -> str:
        return ("Bidirectional " if self.bidirectional else "") + self.spec.title

    @property
    def use_when(self) -> str:
        return BOTH_WAYS_USE if self.bidirectional else self.spec.use_when


class Retention(NamedTuple):
    steps: int
    full: float | None  # log10‖∂L/∂h_{T−s}‖ at s = steps along the full Jacobian, mean over draws; None: not simulated
    carry: float | None  # the same along the carry path alone; None: the cell has none
    full_spread: float | None = None  # standard deviation of `full` over the weight draws
    full_range: tuple[float, float] | None = None  # the lowest and highest draw
    verdict: str | None = None  # the full path's, by gradflow's rule, over the draws' mean norms
    cell_state: dict | None = None  # the LSTM's mean |c| and tanh′(c), over the draws


def chosen_cells(cells: Sequence[str] | str | None) -> list[str]:
    """The cells named (a single name or a list), in order, each once; all of them for None."""
    if cells is None:
        return list(CELL_NAMES)
    names = [cells] if isinstance(cells, str) else cells
    if not isinstance(names, Sequence) or not names:
        raise InvalidArgument("cells", f"name at least one cell, got {shown(cells)}")
    return list(dict.fromkeys(check_choice("cells", c, CELL_NAMES) for c in names))


def gate_costs(
    hidden: int = 128,
    input_size: int = 28,
    output_size: int = 0,
    *,
    convention: str = "textbook",
    cells: Sequence[str] | str | None = None,
    bidirectional: bool = False,
) -> list[GateCost]:
    """One row per cell (and per bidirectional variant, when asked) with its gates and exact parameters.

    >>> [(r.cell, r.params) for r in gate_costs(128, 28, cells=["rnn", "lstm"])]
    [('rnn', 19968), ('lstm', 79872)]
    """
    names = chosen_cells(cells)
    check_bool("bidirectional", bidirectional)
    base = count_params("rnn", hidden, input_size, output_size, convention=convention).total
    variants = [(c, False) for c in names] + [(c, True) for c in names if bidirectional and c in BIDIRECTIONAL]
    rows = []
    for name, both_ways in variants:
        spec, reason = CELLS[name], availability(name, convention)
        params = (
            None
            if reason
            else count_params(
                name, hidden, input_size, output_size, bidirectional=both_ways, convention=convention
            ).total
        )
        rows.append(GateCost(spec, both_ways, params, None if params is None else round(params / base, 4), reason))
    return rows


def retention_configs(cell: str, steps: int, gate: float, seed: int) -> dict[str, Config]:
    """The gradflow runs behind one cell's retention: {"full": config, "carry": config}, where it has them."""
    from .config import CONFIGS, config_for

    common = dict(hidden=SIM_HIDDEN, steps=steps, trials=SIM_TRIALS, seed=seed)
    runs: dict[str, Config] = {}
    carry = CELLS[cell].carry
    if cell == "rnn":
        runs["full"] = config_for("rnn", radius=SIM_RADIUS, **common)
    elif carry and carry.simulated_as == cell:
        runs["full"] = config_for(cell, **{CONFIGS[cell].varies: gate}, **common)
    if carry:
        simulated = carry.simulated_as
        runs["carry"] = config_for(simulated, path="carry", **{CONFIGS[simulated].varies: gate}, **common)
    return runs


def check_retention(steps: int, gate: float) -> None:
    """The retention settings, refused the same way whether or not the simulation runs."""
    check_int("steps", steps, 1, MAX_STEPS)
    if not 0 < check_float("gate", gate, 0, 1) < 1:
        raise InvalidArgument("gate", f"must be strictly between 0 and 1, got {gate}")


def gate_retention(
    cells: Sequence[str] | str | None = None,
    *,
    steps: int = 100,
    gate: float = TYPICAL_GATE,
    seed: int = 0,
    limits=None,
    progress=None,
) -> dict[str, Retention]:
    """log10 of the gradient norm after `steps` steps back, per cell and path (one batch of gradflow runs)."""
    from .gradflow import simulate_many

    names = chosen_cells(cells)
    check_retention(steps, gate)
    check_int("seed", seed, 0, 2**63 - SIM_DRAWS)
    draws = range(seed, seed + SIM_DRAWS)
    plans = {name: [retention_configs(name, steps, gate, s) for s in draws] for name in names}
    unique = list(dict.fromkeys(cfg for plan in plans.values() for one in plan for cfg in one.values()))
    measured = dict(zip(unique, simulate_many(unique, limits=limits, progress=progress))) if unique else {}
    return {name: _retention(steps, [{k: measured[c] for k, c in one.items()} for one in plan])
            for name, plan in plans.items()}  # fmt: skip


def _retention(steps: int, runs: list[dict]) -> Retention:
    """One cell's retention from its runs on each weight draw: the full path's mean, spread and verdict."""
    import statistics

    from .gradflow import mean_interval, verdict

    carry = runs[0]["carry"].log10_norm[-1] if "carry" in runs[0] else None  # exact: the same on every draw
    if "full" not in runs[0]:
        return Retention(steps, None, carry)
    norms = [r["full"].log10_norm for r in runs]
    ends = [n[-1] for n in norms]
    if None in ends:
        return Retention(steps, None, carry, verdict="vanishing")
    mean = [None if None in lag else statistics.fmean(lag) for lag in zip(*norms)]
    rates = [r["full"].decay_per_step for r in runs]
    interval = None if None in rates else mean_interval(statistics.fmean(rates), rates)
    states = [r["full"].cell_state for r in runs if r["full"].cell_state]
    state = {k: statistics.fmean(s[k] for s in states) for k in states[0]} if states else None
    return Retention(
        steps,
        mean[-1],
        carry,
        statistics.stdev(ends),
        (min(ends), max(ends)),
        verdict(mean, None if interval is None else statistics.fmean(rates), interval),
        state,
    )
