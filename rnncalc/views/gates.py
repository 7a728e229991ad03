"""`rnncalc gates` as a Report: what the gates cost (parameters) and buy (gradient retention)."""

from __future__ import annotations

from ..report import Report, Section, sci, thousands

COLUMNS = [
    "cell",
    "title",
    "bidirectional",
    "gates",
    "state",
    "params",
    "ratio_to_rnn",
    "carry",
    "carry_path",
    "retention_full_log10",
    "retention_carry_log10",
    "steps",
    "use_when",
]


def _retention_text(value: float | None) -> str:
    return "—" if value is None else sci(value)


def gates_report(
    rows: list[dict], *, convention: str, sizes: str, steps: int, gate: float, seed: int, equations: bool
) -> Report:
    csv_rows = []
    for r in rows:
        ret = r["retention"] or {}
        csv_rows.append(
            [
                r["cell"],
                r["title"],
                r["bidirectional"],
                ";".join(r["gates"]),
                r["state"],
                r["params"],
                r["ratio_to_rnn"],
                r["carry"],
                r["carry_path"],
                ret.get("full"),
                ret.get("carry"),
                ret.get("steps"),
                r["use_when"],
            ]
        )
    cost = Section(
        f"What the gates cost · {convention} convention · {sizes}",
        ["Cell", "Gates", "State", "Params", "× RNN"],
        [
            [
                r["title"],
                ", ".join(r["gates"]) or "none",
                r["state"],
                "n/a" if r["params"] is None else thousands(r["params"]),
                "" if r["ratio_to_rnn"] is None else f"{r['ratio_to_rnn']:.2f}×",
            ]
            for r in rows
        ],
        notes=["n/a: the convention has no such layer (use --convention textbook)."]
        if any(r["params"] is None for r in rows)
        else [],
        numeric=(3, 4),
    )
    gain = Section(
        f"What they buy · ‖∂L/∂h‖ after {steps} steps back (gradflow core: n=64, 4 trials, seed {seed})",
        ["Cell", "Carry Jacobian", "Full", "Carry", "Use it when"],
        [
            [
                r["title"],
                r["carry"],
                _retention_text((r["retention"] or {}).get("full")),
                _retention_text((r["retention"] or {}).get("carry")),
                r["use_when"],
            ]
            for r in rows
        ],
        notes=[
            f"Settings: vanilla RNN at spectral radius 1 (tanh, drive 0.1); gated cells keep {gate:g} of the "
            "carried state per step (LSTM family: f, GRU: z, MGU: 1 − f). 'Carry': the additive path alone, "
            "exactly gate^T; 'Full': the whole cell's Jacobian. —: no carry path, or not simulated "
            "(IndRNN, second-order; a bidirectional cell retains per direction what its one-way cell does). "
            "The carry paths in full: --format json, or --equations."
        ],
        numeric=(2, 3),
    )
    sections: list = [cost, gain]
    if equations:
        for r in rows:
            if not r["bidirectional"]:
                lines = [
                    f"{r['title']} (--cell {r['cell']})",
                    *("  " + e for e in r["equations"]),
                    f"  carry path: {r['carry_path']}",
                ]
                sections.append("\n".join(lines))
    headline = "\n".join(
        f"{r['cell']}{' bidirectional' if r['bidirectional'] else ''}\t{'' if r['params'] is None else r['params']}"
        for r in rows
    )
    return Report(rows, COLUMNS, csv_rows, headline, sections)
