"""`rnncalc gates` as a Report: what the gates cost (parameters) and buy (gradient retention)."""

from __future__ import annotations

from typing import Any

from ..choices import RNN_DEFAULTS, RUN_DEFAULTS
from ..counting.cells import CELLS, Cell
from ..output.report import Column, Report, Table, Text, exact, quiet_lines, ratio_text, sci, thousands
from ..simulation.config import CONFIGS
from ..simulation.gates import SIM_DRAWS, SIM_HIDDEN, SIM_RADIUS, SIM_TRIALS, GateCost, Retention

CSV = tuple(
    Column(k, k)
    for k in (
        "cell title bidirectional gates state params ratio_to_rnn carry_jacobian carry_path "
        "retention_full_log10 retention_full_spread retention_carry_log10 retention_verdict steps use_when"
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
    Column(
        "spread",
        "± decades",
        lambda x: f"±{x:.2f}",
        "right",
        optional=3,
        legend="± decades: the standard deviation of Full's log norms over the draws.",
    ),
    Column("carry", "Carry", sci, "right"),
    Column("verdict", "Full path", optional=2, legend="Full path: Full's verdict, by gradflow's rule."),
    Column("use_when", "Use it when", wrap=True, optional=4),
)


def blocks_text(spec: Cell) -> str:
    """'i f o + candidate g': the gates, then what is not a gate."""
    if not spec.blocks:
        return "none (one tensor W_ijk)"
    gates = [b.letter for b in spec.blocks if b.is_gate]
    others = [f"{b.role} {b.letter}" for b in spec.blocks if not b.is_gate]
    return " ".join(gates) + (" + " if gates else "") + " ".join(others)


def gates_report(
    rows: list[GateCost], retention: dict[str, Retention] | None, *, convention: str, sizes: str, steps: int,
    gate: float, seed: int, equations: bool,
) -> Report:  # fmt: skip
    records: list[dict[str, Any]] = []
    for r in rows:
        kept = None if retention is None else retention[r.cell]  # a bidirectional cell: per direction, the same
        spec = r.spec
        records.append(
            {
                "cell": r.cell,
                "title": r.title,
                "bidirectional": r.bidirectional,
                "blocks": blocks_text(spec),
                "gates": list(spec.gates),
                "state": spec.state,
                "params": r.params,
                "ratio_to_rnn": r.ratio_to_rnn,
                "reason": r.reason,
                "carry_jacobian": spec.carry.jacobian if spec.carry else None,
                "carry_path": spec.carry.equation if spec.carry else f"none: ∂h_t/∂h_{{t−1}} = {spec.step_jacobian}",
                "retention": kept._asdict() if kept else None,
                "full": kept.full if kept else None,
                "spread": kept.full_spread if kept else None,
                "carry": kept.carry if kept else None,
                "verdict": kept.verdict if kept else None,
                "use_when": r.use_when,
                "equations": list(spec.equations),
                "reference": spec.reference,
            }
        )
    json_keys = (
        "cell title bidirectional gates state params ratio_to_rnn reason carry_jacobian carry_path retention "
        "use_when equations reference"
    ).split()
    data = [
        {k: rec[k] for k in json_keys} | {"blocks": [b._asdict() for b in r.spec.blocks]}
        for rec, r in zip(records, rows)
    ]
    csv_rows = [
        rec
        | {"gates": ";".join(rec["gates"]), "retention_full_log10": rec["full"], "retention_carry_log10": rec["carry"]}
        | {"retention_full_spread": rec["spread"], "retention_verdict": rec["verdict"]}
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
                notes=(_retention_note(rows, gate, seed),),
            )
        )
        sections += [Text(line, "note") for line in _lessons(records, steps, gate)]
    if equations:
        sections += [Text(_equations(r.spec), "equations") for r in rows if not r.bidirectional]
        if convention == "textbook":
            sections.append(Text("The b terms are bias vectors: the textbook count above leaves them out.", "note"))
    csv = Table("", CSV, csv_rows)
    return Report(data, csv, sections, quiet_lines(csv, "cell", "params"))


def _retention_note(rows: list[GateCost], gate: float, seed: int) -> str:
    kept: dict[str, list[str]] = {}
    for r in rows:
        if r.spec.carry and not r.bidirectional:
            kept.setdefault(r.spec.carry.kept, []).append(r.spec.title)
    symbols = "; ".join(f"{symbol} for {', '.join(titles)}" for symbol, titles in kept.items())
    simulated = [CELLS[c].title for c in CONFIGS]
    return (
        f"Simulated as rnncalc gradflow does (n={SIM_HIDDEN}, {SIM_TRIALS} trials) on {SIM_DRAWS} draws of the weights "
        f"(seeds {seed} to {seed + SIM_DRAWS - 1}): Full is the mean of their log norms. The vanilla RNN at "
        f"spectral radius {SIM_RADIUS:g} ({RNN_DEFAULTS['activation']}, drive {RUN_DEFAULTS['drive']:g}); gated cells "
        f"keep {exact(gate)} of the carried state per step" + (f" ({symbols})" if symbols else "") + ". Full: the "
        f"whole cell's Jacobian (simulated for the {', '.join(simulated[:-1])} and {simulated[-1]}). Carry: the "
        "additive path alone, exactly gate^T. —: no such path, or not simulated. A bidirectional cell runs its one-way "
        "cell in each direction, so each direction keeps what the one-way cell keeps (its row repeats those numbers)."
    )


def _cost_notes(rows: list[GateCost], convention: str) -> tuple[str, ...]:
    notes = [
        "Blocks: one input matrix and one recurrent matrix each (and bias vectors, where the convention counts "
        f"them): the gates, plus the candidate that is not a gate ({_lstm_example()}), so the count grows with "
        "the blocks."
    ]
    missing = [r.cell for r in rows if r.params is None]
    if missing:
        notes.append(
            f"n/a ({', '.join(missing)}): the {convention} convention has no such layer (textbook has every cell)."
        )
    return tuple(notes)


def _lstm_example() -> str:
    """The LSTM's 4 blocks are 3 gates and the candidate g: read off the cell table."""
    lstm = CELLS["lstm"]
    others = " and ".join(f"the {b.role} {b.letter}" for b in lstm.blocks if not b.is_gate)
    return f"the LSTM's {len(lstm.blocks)} blocks are {len(lstm.gates)} gates and {others}"


def _lessons(records: list[dict], steps: int, gate: float) -> list[str]:
    carry = next((r["carry"] for r in records if r["carry"] is not None), None)
    rnn = next((r["full"] for r in records if r["cell"] == "rnn" and r["full"] is not None), None)
    gated_full = [r for r in records if r["cell"] != "rnn" and r["full"] is not None and not r["bidirectional"]]
    lines = []
    if carry is not None:
        lines.append(
            f"Every carry path keeps exactly {exact(gate)}^{steps} = {sci(carry)} of the gradient after {steps} steps, "
            "whatever the weights: along that path the gate, not the cell's size, sets how long it survives."
        )
    if carry is not None and gated_full:
        lines.append(
            "The Full column is another quantity: ‖∂L/∂h‖ also flows through the gates and W_hh, so it depends on "
            "the weights and may keep more or less than the carry path (here "
            + ", ".join(f"{r['title']} {sci(r['full'])}" for r in gated_full)
            + "); rnncalc gradflow --path both follows both lag by lag."
        )
    lines += _why_gru_keeps_more(records)
    if rnn is not None and carry is not None:
        more = "more" if carry > rnn else "less"
        tries = [f"--gate {0.99 if gate < 0.99 else 0.9:g}"] + ([f"--steps {5 * steps}"] if steps <= 2000 else [])
        lines.append(
            f"The vanilla RNN keeps {sci(rnn)} here; with a gate of {exact(gate)} the carry path keeps {more}. "
            f"Try {' or '.join(tries)} to see the gap change."
        )
    return lines


def _why_gru_keeps_more(records: list[dict]) -> list[str]:
    """Issue 18's puzzle as a sentence: the GRU's full path keeps what its carry keeps, the LSTM's does not."""
    one_way = {r["cell"]: r for r in records if not r["bidirectional"] and r["retention"]}
    lstm, gru = one_way.get("lstm"), one_way.get("gru")
    if not (lstm and gru and lstm["full"] is not None and gru["full"] is not None):
        return []
    state = lstm["retention"]["cell_state"]
    if not state or state["mean_tanh_prime"] >= 0.5 or gru["full"] - lstm["full"] < 1:
        return []
    return [
        f"Why the GRU's full path keeps {sci(gru['full'])} here and the LSTM's {sci(lstm['full'])}: with its forget "
        f"gate held open while its input gate keeps adding, the LSTM's cell state grows to |c| ≈ "
        f"{state['mean_abs']:.2g}, where tanh′(c) ≈ {state['mean_tanh_prime']:.2g}; h reads c through tanh(c), so "
        "that factor cuts the path between c and h. The GRU's update is convex, h = z ⊙ h + (1 − z) ⊙ n, so h stays "
        "within [−1, 1] and ‖∂L/∂h‖ rides its carry path; coupling the LSTM's gates (the CIFG's i = 1 − f) keeps "
        "|c| ≤ 1 the same way."
    ]


def _equations(spec: Cell) -> str:
    lines = [f"{spec.title} (--cell {spec.name}; {spec.reference})", *("  " + e for e in spec.equations)]
    if spec.reset_after:
        lines.append(f"  PyTorch, and Keras with reset_after=True: {spec.reset_after.equation}")
    lines.append(
        f"  carry path: {spec.carry.equation}, Jacobian {spec.carry.jacobian}"
        if spec.carry
        else f"  no carry path: ∂h_t/∂h_{{t−1}} = {spec.step_jacobian}"
    )
    return "\n".join(lines)
