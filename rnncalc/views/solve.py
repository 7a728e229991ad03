"""`rnncalc solve` as a Report: the largest hidden size that fits a parameter budget."""

from __future__ import annotations

from ..counting.cells import CELLS
from ..counting.params import Unavailable
from ..counting.solve import HiddenCheck, Solution
from ..output.report import Column, Report, Table, Text, quiet_lines, thousands

COLUMNS = (
    Column("cell", "Cell", lambda c: CELLS[c].title),
    Column("convention", "Convention", optional=3),
    Column("budget", "Budget", thousands, "right", optional=4),
    Column("hidden", "Hidden n", thousands, "right", missing="n/a"),
    Column("params", "Params", thousands, "right", missing=""),
    Column("slack", "Slack", thousands, "right", missing="", optional=1),
    Column("next_params", "n+1 would need", thousands, "right", missing="", optional=2),
    Column("macs_per_step", "MACs/step", thousands, "right", missing="", optional=1),
    Column("reason", "Reason", missing=""),
)


def _row(cell: str, convention: str, budget: int, answer: Solution | Unavailable) -> dict:
    if isinstance(answer, Unavailable):
        return {"cell": cell, "convention": convention, "budget": budget, "reason": answer.reason}
    return {
        "cell": cell,
        "convention": convention,
        "budget": budget,
        "hidden": answer.hidden,
        "params": answer.result.total,
        "slack": answer.slack,
        "next_params": answer.next_total,
        "macs_per_step": answer.macs_per_step,
        "reason": None,
    }


def solve_report(
    budget: int, answers: dict[str, Solution | Unavailable], shape: dict, expect: HiddenCheck | None = None
) -> Report:
    """`answers` holds one cell, or every cell (a matched-budget table); `shape` the sizes and options asked."""
    convention = shape["convention"]
    rows = [_row(cell, convention, budget, a) for cell, a in answers.items()]
    sizes = {k: v for k, v in shape.items() if k != "convention"}
    one = len(rows) == 1
    data = (
        {**{c.key: rows[0].get(c.key) for c in COLUMNS}, **sizes}
        if one
        else {
            "budget": budget,
            "convention": convention,
            **sizes,
            "cells": [{c.key: r.get(c.key) for c in COLUMNS} for r in rows],
        }
    )
    table = Table(
        f"Largest hidden size within {thousands(budget)} parameters · {convention} convention · "
        f"m={shape['input_size']:,}, k={shape['output_size']:,}",
        COLUMNS,
        rows,
        notes=(
            "Exact: each count is the network's parameter count at that hidden size; one more unit no longer fits.",
        ),
    )
    shown = table._replace(columns=tuple(c for c in COLUMNS if c.key not in ("convention", "budget", "reason")))
    sections: list = [shown]
    if any(r.get("reason") for r in rows):
        sections += [Text(f"{r['cell']}: {r['reason']}.", "note") for r in rows if r.get("reason")]  # one a line
    if expect is not None:
        data |= {"expected": expect.expected, "match": expect.match, "expected_params": expect.params}
        sections.append(Text(_verdict(expect, budget, rows[0]), "heading"))
    quiet = (
        str(rows[0]["hidden"] if rows[0].get("hidden") is not None else "")
        if one
        else quiet_lines(table, "cell", "hidden")
    )
    return Report(data, table, sections, quiet)


def _verdict(check: HiddenCheck, budget: int, row: dict) -> str:
    if check.match:
        return f"✓ {check.expected:,} is the largest hidden size within the budget."
    fits = (
        "fits, but is not the largest" if check.params is not None and check.params <= budget else "is over the budget"
    )
    need = f" ({thousands(check.params)} parameters)" if check.params is not None else ""
    return f"✗ hidden size {check.expected:,}{need} {fits}: the answer is {row['hidden']:,}."
