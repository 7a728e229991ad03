"""What the gates buy and cost: one row per cell, every number from the params and gradflow cores.

Retention is log10‖∂L/∂h_{T−s}‖ at s = ``steps``, simulated by the gradflow core
with a fixed seed at typical settings: radius 1 for the vanilla RNN, and
``gate``, the fraction of the carried state kept per step, for the gated cells
(the forget gate f of the LSTM family, the update gate z of the GRU, 1 − f of
the MGU). The carry path is measured wherever the cell has one whose Jacobian is a
diagonal gate: diag(f) for the LSTM, peephole and CIFG cells, diag(z) for the
GRU and diag(1 − f) for the MGU; the full Jacobian where the simulator has the
cell (RNN, LSTM, GRU).
"""

from __future__ import annotations

from .cells import CELLS
from .errors import InvalidArgument
from .params import count_params

BIDIRECTIONAL = ("rnn", "lstm", "gru")
TYPICAL_GATE = 0.95
SIM_HIDDEN = 64
SIM_TRIALS = 4
# The gradflow cell whose carry path has the same Jacobian: diag(kept fraction).
_CARRY = {"lstm": "lstm", "peephole": "lstm", "cifg": "lstm", "gru": "gru", "mgu": "gru"}


def _retention(cell: str, steps: int, seed: int, gate: float) -> dict:
    from .gradflow import Config, simulate

    common = dict(hidden=SIM_HIDDEN, steps=steps, trials=SIM_TRIALS, seed=seed)
    out = {"steps": steps, "full": None, "carry": None}
    if cell == "rnn":
        out["full"] = simulate(Config(cell="rnn", radius=1.0, **common)).log10_norm[-1]
    elif cell in ("lstm", "gru"):
        out["full"] = simulate(Config(cell=cell, forget=gate, update=gate, **common)).log10_norm[-1]
    if cell in _CARRY:
        carry = Config(cell=_CARRY[cell], path="carry", forget=gate, update=gate, **common)
        out["carry"] = simulate(carry).log10_norm[-1]
    return out


def gate_rows(
    hidden: int = 128,
    input_size: int = 28,
    output_size: int = 0,
    *,
    convention: str = "textbook",
    steps: int = 100,
    seed: int = 0,
    gate: float = TYPICAL_GATE,
    cells: list[str] | None = None,
    bidirectional: bool = True,
) -> list[dict]:
    """One row per cell (and per bidirectional variant) with gates, parameters and retention."""
    chosen = cells or list(CELLS)
    for name in chosen:
        if name not in CELLS:
            raise InvalidArgument("cells", f"unknown cell {name!r}; choose from {', '.join(CELLS)}")
    if not 0 < gate < 1:
        raise InvalidArgument("gate", f"must be strictly between 0 and 1, got {gate}")
    base = _params(convention, "rnn", hidden, input_size, output_size, False)
    rows = []
    variants = [(c, False) for c in chosen] + [(c, True) for c in chosen if bidirectional and c in BIDIRECTIONAL]
    for name, bi in variants:
        spec = CELLS[name]
        params = _params(convention, name, hidden, input_size, output_size, bi)
        rows.append(
            {
                "cell": name,
                "title": ("Bidirectional " if bi else "") + spec.title,
                "bidirectional": bi,
                "gates": list(spec.gates),
                "state": spec.state,
                "params": params,
                "ratio_to_rnn": round(params / base, 4) if params is not None and base else None,
                "carry": spec.jacobian,
                "carry_path": spec.carry,
                "retention": None if bi else _retention(name, steps, seed, gate),
                "use_when": "whole sequences known in advance (sees past and future; not streaming)"
                if bi
                else spec.use_when,
                "equations": list(spec.equations),
            }
        )
    return rows


def _params(convention, cell, hidden, input_size, output_size, bidirectional) -> int | None:
    """The params core's count, or None where the convention has no such cell."""
    try:
        return count_params(
            cell, hidden, input_size, output_size, bidirectional=bidirectional, convention=convention
        ).total
    except InvalidArgument as e:
        if e.name != "cell":
            raise
        return None
