"""The one output layer: a Report becomes a Rich table, JSON, CSV or a headline.

JSON goes through ``json.dumps`` and CSV through ``csv.writer``, never through
Rich, so neither ever holds colour codes, box characters or wrapped cells.
Rich is imported only when a table is drawn.
"""

from __future__ import annotations

import sys
from enum import Enum

from .report import Report


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def emit(report: Report, fmt: Format, quiet: bool = False) -> None:
    out = sys.stdout
    if quiet:
        out.write(report.headline + "\n")
    elif fmt is Format.json:
        import json

        out.write(json.dumps(report.data, indent=2, ensure_ascii=False, allow_nan=False) + "\n")
    elif fmt is Format.csv:
        import csv

        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(report.columns)
        writer.writerows([["" if v is None else v for v in row] for row in report.rows])
    else:
        _draw(report)
    out.flush()


def _draw(report: Report) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=False)
    for i, section in enumerate(report.sections):
        if i:
            console.print()
        if isinstance(section, str):
            console.print(Text(section), overflow="fold", crop=False)
            continue
        console.print(Text(section.title, style="bold"), overflow="fold")
        table = Table(header_style="bold")
        for j, label in enumerate(section.labels):
            table.add_column(label, justify="right" if j in section.numeric else "left", overflow="fold")
        for row in section.rows:
            table.add_row(*row)
        console.print(table)
        for note in section.notes:
            console.print(Text(note, style="dim"), overflow="fold")


def error_console():
    """Messages, warnings and progress: stderr, never mixed into the data."""
    from rich.console import Console

    return Console(stderr=True, highlight=False)
