"""`rnncalc solve` as a Report: the largest hidden size that fits a parameter budget."""

from __future__ import annotations

from ..cells import CELLS
from ..errors import InvalidArgument
from ..report import Report, Section, thousands
from ..solve import Solution, solve_hidden
from . import unavailable_note

COLUMNS = ["cell", "convention", "budget", "hidden", "params", "slack", "next_params", "macs_per_step", "reason"]


def _row(cell: str, convention: str, budget: int, solution: Solution | None, reason: str | None) -> dict:
    if solution is None:
        return dict(zip(COLUMNS, [cell, convention, budget, None, None, None, None, None, reason]))
    r = solution.result
    return {
        "cell": cell,
        "convention": convention,
        "budget": budget,
        "hidden": solution.hidden,
        "params": r.total,
        "slack": solution.slack,
        "next_params": solution.next_total,
        "macs_per_step": r.macs_per_step,
        "reason": None,
    }


def solve_report(budget: int, cell: str, input_size: int, output_size: int, **options) -> Report:
    convention = options.get("convention", "textbook")
    cells = list(CELLS) if cell == "all" else [cell]
    rows = []
    for name in cells:
        try:
            rows.append(
                _row(name, convention, budget, solve_hidden(budget, name, input_size, output_size, **options), None)
            )
        except InvalidArgument as e:
            if cell != "all" or e.name not in ("cell", "proj", "budget"):
                raise
            rows.append(_row(name, convention, budget, None, e.message))
    shape = {
        "input_size": input_size,
        "output_size": output_size,
        **{k: v for k, v in options.items() if k != "convention"},
    }
    data = (
        {"budget": budget, "convention": convention, **shape, "cells": rows} if cell == "all" else {**rows[0], **shape}
    )
    table = Section(
        f"Largest hidden size within {thousands(budget)} parameters · {convention} convention · "
        f"m={input_size:,}, k={output_size:,}",
        ["Cell", "Hidden n", "Params", "Slack", "n+1 would need", "MACs/step"],
        [
            [
                CELLS[r["cell"]].title,
                thousands(r["hidden"]),
                thousands(r["params"]),
                thousands(r["slack"]),
                thousands(r["next_params"]),
                thousands(r["macs_per_step"]),
            ]
            if r["hidden"] is not None
            else [CELLS[r["cell"]].title, "n/a", "", "", "", ""]
            for r in rows
        ],
        notes=[
            "Exact: each count is the params core's at that hidden size; one more unit no longer fits.",
            *unavailable_note(rows, convention),
        ],
        numeric=(1, 2, 3, 4, 5),
    )
    headline = (
        str(rows[0]["hidden"])
        if cell != "all"
        else "\n".join(f"{r['cell']}\t{'' if r['hidden'] is None else r['hidden']}" for r in rows)
    )
    return Report(data, COLUMNS, [[r[k] for k in COLUMNS] for r in rows], headline, [table])
