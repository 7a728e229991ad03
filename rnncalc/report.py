"""What every command hands to the output layer, and the number formats people read.

Pure: no terminal code. A :class:`Report` carries the same result three ways:
``data`` (the JSON document), ``columns``/``rows`` (the CSV table, raw values
under stable snake_case keys) and ``sections`` (tables and text for people).
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple


class Section(NamedTuple):
    """A table for people: a title, column labels and rows of display strings."""

    title: str
    labels: list[str]
    rows: list[list[str]]
    notes: tuple[str, ...] | list[str] = ()
    numeric: tuple[int, ...] = ()  # indices of right-aligned columns


class Heatmap(NamedTuple):
    """A grid of numbers drawn as coloured cells, with a colour scale centred on zero."""

    title: str
    row_name: str  # what the rows are, e.g. "radius"
    row_labels: list[str]
    column_name: str  # e.g. "lag s"
    column_ticks: list[str]  # one label per column; a few are printed under the grid
    values: list[list[float | None]]  # None: exactly zero gradient (no colour)
    scale_name: str  # what the colour means, e.g. "log₁₀‖∇‖"
    marks: dict = {}  # (row, column) → a character drawn over the colour
    notes: tuple[str, ...] | list[str] = ()


class Report(NamedTuple):
    data: Any  # the JSON document
    columns: list[str]  # CSV header: stable machine keys
    rows: list[list[Any]]  # CSV rows, raw values (None → empty cell)
    headline: str  # what -q prints
    sections: list[Section | Heatmap | str]  # str: a block of plain text


def thousands(n: int) -> str:
    return f"{n:,}"


def sci(x: float | None, digits: int = 3) -> str:
    """A log10 value as scientific notation: -30103.0 → "1.00e-30103"; None → "0"."""
    if x is None:
        return "0"
    exponent = math.floor(x)
    mantissa = 10 ** (x - exponent)
    if mantissa >= 9.995:  # rounding would print 10.00e…
        mantissa, exponent = 1.0, exponent + 1
    return f"{mantissa:.{digits - 1}f}e{exponent:+d}"


_BYTE_UNITS = ("B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB")


def human_bytes(n: int) -> str:
    """Binary units, exact below 1 KiB: 81152 → "79.2 KiB"."""
    if n < 1024:
        return f"{n} B"
    value, unit = float(n), 0
    while value >= 1024 and unit < len(_BYTE_UNITS) - 1:
        value /= 1024
        unit += 1
    return f"{value:,.1f} {_BYTE_UNITS[unit]}"


def shape_text(shape: tuple[int, ...]) -> str:
    return "(" + ", ".join(thousands(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"
