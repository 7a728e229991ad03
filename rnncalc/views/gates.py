"""`rnncalc gates` as a Report: what the gates cost (parameters) and buy (gradient retention)."""

from __future__ import annotations

from ..gates import SIM_HIDDEN, SIM_TRIALS, GateCost, Retention
from ..report import Column, Report, Table, Text, quiet_lines, ratio_text, sci, thousands

CSV = tuple(
    Column(k, k)
    for k in (
        "cell title bidirectional gates state params ratio_to_rnn carry_jacobian carry_path "
        "retention_full_log10 retention_carry_log10 steps use_when"
    ).split()
)
COST = (
    Column("title", "Cell"),
    Column("blocks", "Blocks", wrap=True),
    Column("state", "State"),
    Column("params", "Params", thousands, "right", missing="n/a"),
    Column("ratio_to_rnn", "× RNN", ratio_text, "right", missing=""),
)
BENEFIT = (
    Column("title", "Cell"),
    Column("carry_jacobian", "Carry Jacobian", missing="none"),
    Column("full", "Full", sci, "right"),
    Column("carry", "Carry", sci, "right"),
    Column("use_when", "Use it when", wrap=True, optional=1),
)


def blocks_text(row: GateCost) -> str:
    """'i f o + candidate g': the gates, then what is not a gate."""
    gates = [b.letter for b in row.blocks if b.role.endswith("gate")]
    if not row.blocks:
        return "none (one tensor W_ijk)"
    return (
        " ".join(gates)
        + (" + " if gates else "")
        + " ".join(f"{b.role} {b.letter}" for b in row.blocks if not b.role.endswith("gate"))
    )


def gates_report(
    rows: list[GateCost], retention: dict[str, Retention] | None, *, convention: str, sizes: str, steps: int,
    gate: float, seed: int, equations: bool,
) -> Report:  # fmt: skip
    records = []
    for r in rows:
        kept = None if (retention is None or r.bidirectional) else retention[r.cell]
        records.append(
            {
                "cell": r.cell,
                "title": r.title,
                "bidirectional": r.bidirectional,
                "blocks": blocks_text(r),
                "gates": list(r.gates),
                "state": r.state,
                "params": r.params,
                "ratio_to_rnn": r.ratio_to_rnn,
                "reason": r.reason,
                "carry_jacobian": r.carry.jacobian if r.carry else None,
                "carry_path": r.carry.equation if r.carry else f"none: ∂h_t/∂h_(t−1) = {r.step_jacobian}",
                "retention": kept._asdict() if kept else None,
                "full": kept.full if kept else None,
                "carry": kept.carry if kept else None,
                "use_when": r.use_when,
                "equations": list(r.equations),
            }
        )
    json_keys = (
        "cell title bidirectional gates state params ratio_to_rnn reason carry_jacobian carry_path retention "
        "use_when equations"
    ).split()
    data = [
        {k: rec[k] for k in json_keys} | {"blocks": [b._asdict() for b in r.blocks]} for rec, r in zip(records, rows)
    ]
    csv_rows = [
        rec
        | {"gates": ";".join(rec["gates"]), "retention_full_log10": rec["full"], "retention_carry_log10": rec["carry"]}
        | {"steps": steps if rec["retention"] else None}
        for rec in records
    ]
    cost = Table(
        f"What the gates cost · {convention} convention · {sizes}",
        COST,
        records,
        notes=_cost_notes(rows, convention),
    )
    sections: list = [cost]
    if retention is not None:
        sections.append(
            Table(
                f"What they buy · ‖∂L/∂h‖ (full) and the carried vector's norm (carry) after {steps} steps back",
                BENEFIT,
                records,
                notes=(
                    f"Simulated as rnncalc gradflow does (n={SIM_HIDDEN}, {SIM_TRIALS} trials, seed {seed}): "
                    "the vanilla RNN "
                    f"at spectral radius 1 (tanh, drive 0.1); gated cells keep {gate:g} of the carried state per step "
                    "(LSTM family: f, GRU: z, MGU: 1 − f). Full: the whole cell's Jacobian (simulated for the RNN, "
                    "LSTM "
                    "and GRU). Carry: the additive path alone, exactly gate^T. —: no such path, or not simulated; a "
                    "bidirectional cell keeps per direction what its one-way cell does.",
                ),
            )
        )
        sections += [Text(line, "note") for line in _lessons(records, steps, gate)]
    if equations:
        sections += [Text(_equations(r), "") for r in rows if not r.bidirectional]
    return Report(data, Table("", CSV, csv_rows), sections, quiet_lines(Table("", CSV, csv_rows), "cell", "params"))


def _cost_notes(rows: list[GateCost], convention: str) -> tuple[str, ...]:
    notes = [
        "Blocks: one input matrix, one recurrent matrix and one bias each: the gates, plus the candidate that is "
        "not a gate (the LSTM's 4 blocks are 3 gates and the candidate g), so the count grows with the blocks."
    ]
    missing = [r.cell for r in rows if r.params is None]
    if missing:
        notes.append(
            f"n/a ({', '.join(missing)}): the {convention} convention has no such layer (textbook has every cell)."
        )
    return tuple(notes)


def _lessons(records: list[dict], steps: int, gate: float) -> list[str]:
    carry = next((r["carry"] for r in records if r["carry"] is not None), None)
    rnn = next((r["full"] for r in records if r["cell"] == "rnn" and r["full"] is not None), None)
    lines = []
    if carry is not None:
        lines.append(
            f"Every carry path keeps exactly {gate:g}^{steps} = {sci(carry)} of the gradient after {steps} steps, "
            "whatever the weights: the gate, not the cell's size, sets how long it survives."
        )
    if rnn is not None and carry is not None:
        more = "more" if carry > rnn else "less"
        lines.append(
            f"The vanilla RNN keeps {sci(rnn)} here; with a gate of {gate:g} the carry path keeps {more}. "
            "Try --gate 0.99 or --steps 500 to see the gap change."
        )
    return lines


def _equations(r: GateCost) -> str:
    from ..cells import CELLS

    lines = [f"{r.title} (--cell {r.cell})", *("  " + e for e in r.equations)]
    variant = CELLS[r.cell].reset_after
    if variant:
        lines.append(f"  PyTorch, and Keras with reset_after=True: {variant.equation}")
    lines.append(
        f"  carry path: {r.carry.equation}, Jacobian {r.carry.jacobian}"
        if r.carry
        else f"  no carry path: ∂h_t/∂h_(t−1) = {r.step_jacobian}"
    )
    return "\n".join(lines)
