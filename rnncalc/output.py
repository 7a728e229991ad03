"""The one output layer: a Report becomes a Rich table, JSON, CSV or a headline.

JSON goes through ``json.dumps`` and CSV through ``csv.writer``, never through
Rich, so neither ever holds colour codes, box characters or wrapped cells.
Rich is imported only when a table is drawn.
"""

from __future__ import annotations

import sys
from enum import Enum

from .report import Heatmap, Report

# A diverging scale (ColorBrewer RdBu): blue where the gradient shrinks, red where it grows.
# The bar heights carry the same levels without colour (NO_COLOR, a dumb terminal).
PALETTE = ("#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#fddbc7", "#f4a582", "#d6604d", "#b2182b")
BARS = "▁▂▃▄▅▆▇█"


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
        if isinstance(section, Heatmap):
            console.print(_heatmap(section), overflow="fold", crop=False)
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


def _level(value: float, limit: float) -> int:
    """0..7 on a scale from −limit to +limit, centred on zero."""
    if limit <= 0:
        return len(PALETTE) // 2
    position = (value + limit) / (2 * limit)
    return min(len(PALETTE) - 1, max(0, int(position * len(PALETTE))))


def _heatmap(h: Heatmap):
    from rich.text import Text

    finite = [abs(v) for row in h.values for v in row if v is not None]
    limit = max(finite, default=0.0)
    pad = max(len(h.row_name), *(len(label) for label in h.row_labels))
    text = Text()
    text.append(h.title + "\n", style="bold")
    text.append(f"{h.row_name:>{pad}}\n")
    for r, (label, row) in enumerate(zip(h.row_labels, h.values)):
        text.append(f"{label:>{pad}} ")
        for c, value in enumerate(row):
            mark = h.marks.get((r, c))
            if value is None:
                text.append(mark or "·", style="dim")
                continue
            level = _level(value, limit)
            text.append(
                mark or BARS[level],
                style=f"{PALETTE[level]} on {PALETTE[level]}" if not mark else f"bold black on {PALETTE[level]}",
            )
        text.append("\n")
    width = len(h.column_ticks)
    ticks = [h.column_ticks[0], h.column_ticks[width // 2], h.column_ticks[-1]]
    middle = width // 2 - len(ticks[0])
    axis = ticks[0] + " " * max(1, middle - len(ticks[1]) // 2) + ticks[1]
    axis += " " * max(1, width - len(axis) - len(ticks[2])) + ticks[2]
    text.append(" " * (pad + 1) + axis + "\n")
    text.append(" " * (pad + 1) + f"{h.column_name:^{width}}\n")
    text.append(f"{h.scale_name}: {-limit:.3g} ")
    for level, colour in enumerate(PALETTE):
        text.append(BARS[level], style=f"{colour} on {colour}")
    text.append(f" {limit:+.3g}   · exactly zero")
    for note in h.notes:
        text.append("\n" + note, style="dim")
    return text


def error_console():
    """Messages, warnings and progress: stderr, never mixed into the data."""
    from rich.console import Console

    return Console(stderr=True, highlight=False)
