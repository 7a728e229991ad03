"""A report's sections as text for people: the terminal (Rich), Markdown and LaTeX.

Pure functions from sections to strings; :mod:`rnncalc.output.emit` decides which and
writes. The terminal form fits the width: a table too wide first drops its
optional columns (bars), then splits into parts that repeat its leading
columns; cells never wrap inside a number. Where the output's encoding cannot
carry Unicode, every piece of text is transliterated to ASCII first (:mod:`rnncalc.output.terminals`: n² → n^2,
σ → sigma, box drawing → +-|), so the same information arrives.

Size: tables, heatmaps and charts for the terminal share one width logic (fit, wrap, sample).
"""

from __future__ import annotations

import io
import math
import re
import textwrap
from typing import Callable

from .report import BOTH, Chart, Column, Heatmap, Table, Text
from .scale import CAP, DECAY_GLYPHS, GROWTH_GLYPHS, colour, glyph
from .terminals import Terminal, ascii_text

MIN_WIDTH = 40
ZERO = "·"  # a heatmap cell whose gradient is exactly zero


# ---- terminal --------------------------------------------------------------------------------


def terminal(sections: list, term: Terminal) -> str:
    """Every section for a person at this width, separated by blank lines."""
    from rich import box
    from rich.console import Console

    width = max(MIN_WIDTH, term.width)
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=term.colour,
        no_color=not term.colour,
        color_system="256" if term.colour else None,
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
    )
    txt: Callable[[str], str] = (lambda s: s) if term.unicode else ascii_text
    style = box.HEAVY_HEAD if term.unicode else box.ASCII
    for i, section in enumerate(sections):
        if i:
            console.print()
        if isinstance(section, Table):
            for part in fit(section, width, txt):
                _table(console, part, txt, style)
        elif isinstance(section, Heatmap):
            _heatmap(console, section, width, term, txt)
        elif isinstance(section, Chart):
            console.print(_chart(section, width, txt), crop=False, soft_wrap=True)
        else:
            _text(console, section, txt)
    return buffer.getvalue()


def _text(console, section: Text, txt) -> None:
    style = {"note": "dim", "heading": "bold"}.get(section.style, "")
    _say(console, txt(section.body), style)


def _say(console, text: str, style: str) -> None:
    """Text wrapped between words to the width, no trailing spaces; a word longer than the line is left whole.
    An indented line or a "• " item continues two columns further in (a hanging indent)."""
    from rich.text import Text as RichText

    console.print(RichText(wrap(text, console.width), style=style), soft_wrap=True)


def wrap(text: str, width: int) -> str:
    lines = []
    for line in text.split("\n"):
        body = line.lstrip(" ")
        if body.startswith("rnncalc "):  # a command to copy: whole, however long (the terminal may fold it)
            lines.append(line)
            continue
        longest = max((len(w) for w in body.split()), default=0)
        indent = " " * min(len(line) - len(body), max(0, width - longest))  # a long number keeps the line's width
        hanging = indent + ("  " if indent or body.startswith(("• ", "- ")) else "")
        hanging = hanging[: max(0, width - longest)]
        lines += textwrap.wrap(
            body, width, initial_indent=indent, subsequent_indent=hanging, break_long_words=False,
            break_on_hyphens=False,
        ) or [""]  # fmt: skip
    return "\n".join(lines)


def _words(text: str) -> list[str]:
    return text.split() or [""]


NUMBER = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+")  # 21,248: a long one may break after a comma, never elsewhere
NUMBER_WIDTH = 16  # the narrowest a column of long numbers gets: four groups a line


def _minimum(column: Column, cells: list[str], txt) -> int:
    """The narrowest a column may be: its longest cell (a word of it, if it wraps; a long number broken after
    commas), its longest header word."""
    header = max(len(w) for w in _words(txt(column.label)))
    if column.wrap:
        return max(
            [header, min(24, max((len(c) for c in cells), default=0))] + [len(w) for c in cells for w in _words(c)]
        )
    return max([header] + [min(len(c), NUMBER_WIDTH) if NUMBER.fullmatch(c) else len(c) for c in cells])


def break_number(cell: str, width: int) -> str:
    """A number too wide for its column, broken after commas into lines that fit (other text as it is)."""
    if len(cell) <= width or not NUMBER.fullmatch(cell):
        return cell
    lines, line = [], ""
    for group in cell.split(","):
        piece = group if not line else "," + group
        if line and len(line) + len(piece) + 1 > width:  # the line keeps its trailing comma
            lines.append(line + ",")
            line = group
        else:
            line += piece
    return "\n".join([*lines, line])


def _natural(column: Column, cells: list[str], txt) -> int:
    """The width a column takes when there is room: its header and its longest cell, each on one line."""
    return max([len(txt(column.label))] + [len(c) for c in cells])


def _frame(columns: list) -> int:
    return 3 * len(columns) + 1  # a border and a space either side of every cell


def _width(columns: list[Column], cells: list[list[str]], txt) -> int:
    return sum(_minimum(c, [row[i] for row in cells], txt) for i, c in enumerate(columns)) + _frame(columns)


def column_widths(columns: list[Column], cells: list[list[str]], width: int, txt=lambda s: s) -> list[int]:
    """Each column's width within `width`: natural if all fit, else its minimum plus a share of the room left
    by how much more it wants. Set explicitly, so the terminal never crops a cell."""
    low = [_minimum(c, [row[i] for row in cells], txt) for i, c in enumerate(columns)]
    high = [max(lo, _natural(c, [row[i] for row in cells], txt)) for i, (c, lo) in enumerate(zip(columns, low))]
    room = width - _frame(columns) - sum(low)
    want = [h - lo for h, lo in zip(high, low)]
    if room >= sum(want):
        return high
    if room <= 0:
        return low
    give = [room * w // sum(want) for w in want]
    for i in sorted(range(len(want)), key=lambda i: give[i] - want[i])[: room - sum(give)]:
        give[i] += 1
    return [lo + g for lo, g in zip(low, give)]


def fit(table: Table, width: int, txt=lambda s: s) -> list[Table]:
    """The table as one or more parts no wider than `width`: optional columns dropped first, then split."""
    texts = [[txt(c) for c in row] for row in table.cells()]
    keyed = dict(zip([c.key for c in table.columns], range(len(table.columns))))

    def cells_of(columns):
        return [[row[keyed[c.key]] for c in columns] for row in texts]

    columns = list(table.columns)
    while _width(columns, cells_of(columns), txt) > width and any(c.optional for c in columns):
        drop = max(c.optional for c in columns)  # all columns of one priority go together (every run's bar)
        columns = [c for c in columns if c.optional != drop]
    # Named by their headers; a column without one is a run's bar.
    dropped = list(dict.fromkeys(txt(c.label) or "the bars" for c in table.columns if c not in columns))
    if dropped:  # said, never silent
        them = "it" if len(dropped) == 1 and dropped != ["the bars"] else "them"
        note = f"Not shown at this width: {', '.join(dropped)}; a wider terminal shows {them}."
        table = table._replace(notes=(*table.notes, note))
    if _width(columns, cells_of(columns), txt) <= width or len(columns) <= table.keep + 1:
        return [table._replace(columns=tuple(columns))]
    kept, rest = columns[: table.keep], columns[table.keep :]
    parts: list[list[Column]] = [[]]
    for column in rest:
        if parts[-1] and _width(kept + parts[-1] + [column], cells_of(kept + parts[-1] + [column]), txt) > width:
            parts.append([])
        parts[-1].append(column)
    last = len(parts) - 1
    return [
        table._replace(
            title=table.title + (f" ({i + 1} of {len(parts)})" if len(parts) > 1 else ""),
            columns=tuple(kept + part),
            notes=table.notes if i == last else (),
        )
        for i, part in enumerate(parts)
    ]


def _table(console, table: Table, txt, box_style) -> None:
    from rich.table import Table as RichTable

    _say(console, txt(table.title), "bold")
    cells = [[txt(c) for c in row] for row in table.cells()]
    widths = column_widths(list(table.columns), cells, console.width, txt)
    drawn = RichTable(box=box_style, header_style="bold", safe_box=True, show_header=table.header)
    for column, width in zip(table.columns, widths):
        drawn.add_column(
            txt(column.label), justify="right" if column.align == "right" else "left", width=width, overflow="fold"
        )
    for row in cells:
        drawn.add_row(*(break_number(cell, width) for cell, width in zip(row, widths)))
    # Wider than the terminal only when one column's longest word is: then the terminal wraps the line, whole.
    console.print(drawn, width=max(console.width, sum(widths) + _frame(widths)), crop=False)
    for note in table.all_notes():
        _say(console, txt(note), "dim")


def _sample(count: int, room: int) -> list[int]:
    """At most `room` evenly spread indices of `count`, first and last included."""
    if count <= room:
        return list(range(count))
    return sorted({round(j * (count - 1) / (room - 1)) for j in range(room)})


def _heatmap(console, h: Heatmap, width: int, term: Terminal, txt) -> None:
    """The title and legend wrap to the width; the grid is sampled to fit it, one glyph per cell."""
    from rich.text import Text as RichText

    labels = [txt(label) for label in h.row_labels]
    pad = max(len(txt(h.row_name)), *(len(label) for label in labels))
    columns = _sample(len(h.column_values), max(8, width - pad - 1))
    _say(console, txt(h.title), "bold")
    marks = curve_marks(h, columns)
    zero = ZERO if term.unicode else "."  # not "*", which marks a curve
    grid = RichText(f"{txt(h.row_name):>{pad}}\n")
    for r, (label, row) in enumerate(zip(labels, h.values)):
        grid.append(f"{label:>{pad}} ")
        for c in columns:
            value, mark = row[c], marks.get((r, c))
            if value is None:
                grid.append(txt(mark) if mark else zero, style="dim")
                continue
            grid.append(txt(mark) if mark else glyph(value, h.scale), style=_cell_style(value, h, term, bool(mark)))
        grid.append("\n")
    grid.append(" " * (pad + 1) + _axis([_tick(h.column_values[c]) for c in columns]) + "\n")
    grid.append(" " * (pad + 1) + f"{txt(h.column_name):^{len(columns)}}".rstrip())
    console.print(grid, crop=False, soft_wrap=True)
    _say(console, txt(legend(h).replace(ZERO, zero)), "")
    for note in h.notes:
        _say(console, txt(note), "dim")


def curve_marks(h: Heatmap, columns: list[int]) -> dict[tuple[int, int], str]:
    """(row, column) → the mark of the curves through that cell: each point on the nearest column drawn."""
    xs = [h.column_values[c] for c in columns]
    marks: dict[tuple[int, int], str] = {}
    for curve in h.curves:
        for row, x in curve.points:
            if not min(xs) - 1e-9 <= x <= max(xs) + 1e-9:
                continue
            cell = (row, columns[min(range(len(xs)), key=lambda i: abs(xs[i] - x))])
            marks[cell] = curve.mark if marks.get(cell, curve.mark) == curve.mark else BOTH
    return marks


def _cell_style(value: float, h: Heatmap, term: Terminal, marked: bool) -> str:
    if not term.colour:
        return "bold" if marked else ""
    background, dark = colour(value, h.scale)
    return f"{'bold ' if marked else ''}{'white' if dark else 'black'} on {background}"


def _tick(value: float) -> str:
    return f"{value:g}"


def _axis(ticks: list[str]) -> str:
    """The first, middle and last tick under a grid as wide as the list."""
    width, middle = len(ticks), len(ticks) // 2
    line = [" "] * width
    for position, text in (
        (0, ticks[0]),
        (middle - len(ticks[middle]) // 2, ticks[middle]),
        (width - len(ticks[-1]), ticks[-1]),
    ):
        start = max(0, min(position, width - len(text)))
        if all(ch == " " for ch in line[max(0, start - 1) : start + len(text) + 1]):
            line[start : start + len(text)] = text
    return "".join(line).rstrip()


def legend(h: Heatmap) -> str:
    """What each glyph means: the level's size, digits for decay, letters for growth, up to the deepest used."""
    s = h.scale
    if s.unit == "decade":
        level, lost, gained = "one decade (a factor of 10)", "decades lost", "decades gained"
    else:
        level, lost, gained = f"{s.step:g} of log₁₀ change per step", "levels of decay", "levels of growth"
    text = f"Scale: one level = {level}. Digits: {lost} ({_glyph_meanings(DECAY_GLYPHS, s.down)})"
    if s.up >= 0:
        text += f"; letters: {gained} ({_glyph_meanings(GROWTH_GLYPHS, s.up)})"
    return text + f"; {ZERO}: exactly zero."


def _glyph_meanings(glyphs: str, deepest: int) -> str:
    """'0: less than one, 1: one to two, …, 4: four to five', as far as the data goes (the last glyph: or more)."""

    def meaning(i: int) -> str:
        if i == 0:
            return f"{glyphs[0]}: less than one"
        return f"{glyphs[i]}: {i} or more" if i == CAP else f"{glyphs[i]}: {i} to {i + 1}"

    shown = [0, 1] if deepest <= 2 else [0, 1, None]
    items = [meaning(i) if i is not None else "…" for i in shown if i is None or i <= deepest]
    if deepest >= 2:
        items.append(meaning(deepest))
    return ", ".join(items)


def _chart(chart: Chart, width: int, txt):
    from rich.text import Text as RichText

    return RichText(txt(text_chart(chart, width)))


MARKERS = "●×+o*#@%"


def text_chart(chart: Chart, width: int = 80, height: int = 15) -> str:
    """A scatter of every series on one grid; lags on x, log10 norm on y, between round ticks. Zeros are not
    drawn. With fewer lags than columns, each series is interpolated between its lags, so no curve has holes."""
    values = [y for _, ys in chart.series for y in ys if y is not None]
    if not values:
        return "(every gradient is exactly zero: nothing to chart)"
    top, bottom = _round_span(max(values), min(values))
    mid = (top + bottom) / 2
    labels = {0: f"{top:g}", (height - 1) // 2: f"{mid:g}", height - 1: f"{bottom:g}"}  # height is odd
    pad = max(len(v) for v in labels.values())
    cols = max(10, min(60, width - pad - 2))
    lags = max(len(ys) for _, ys in chart.series) - 1
    grid = [[" "] * cols for _ in range(height)]
    for marker, (_, ys) in zip(MARKERS * 4, chart.series):
        for column, y in _columns(ys, lags, cols):
            grid[round((top - y) / (top - bottom) * (height - 1))][column] = marker
    lines = [chart.y_label]
    lines += [f"{labels.get(r, ''):>{pad}} ┤{''.join(row)}" for r, row in enumerate(grid)]
    lines.append(" " * pad + " └" + "─" * cols)
    end = str(lags)
    lines.append(" " * pad + f"  0{chart.x_label:^{max(0, cols - 1 - len(end))}}{end}")
    legend_items = [f"{m} {label}" for m, (label, _) in zip(MARKERS * 4, chart.series)]
    lines += _wrap_items(legend_items, width, " " * (pad + 2))
    return "\n".join(line.rstrip() for line in lines)


def _round_span(top: float, bottom: float) -> tuple[float, float]:
    """The span widened to multiples of a round step (1, 2 or 5 × 10^k), about two steps tall."""
    from .scale import nice_ceil

    if top - bottom < 1e-9:
        top, bottom = top + 0.5, bottom - 0.5
    step = nice_ceil((top - bottom) / 2)
    return math.ceil(top / step - 1e-9) * step, math.floor(bottom / step + 1e-9) * step


def _columns(ys: list[float | None], lags: int, cols: int) -> list[tuple[int, float]]:
    """(column, value) to draw: every lag in its column, or, with fewer lags than columns, one value per
    column interpolated between the two lags around it (none beside a zero gradient)."""
    if lags + 1 >= cols or lags == 0:
        return [(round(lag / max(lags, 1) * (cols - 1)), y) for lag, y in enumerate(ys) if y is not None]
    out = []
    for column in range(cols):
        at = column / (cols - 1) * lags
        left = min(int(at), len(ys) - 1)
        right = min(left + 1, len(ys) - 1)
        y0, y1 = ys[left], ys[right]
        if y0 is not None and y1 is not None:
            out.append((column, y0 + (y1 - y0) * (at - left)))
    return out


def _wrap_items(items: list[str], width: int, indent: str) -> list[str]:
    lines, current = [], indent
    for item in items:
        if current.strip() and len(current) + 3 + len(item) > width:
            lines.append(current)
            current = indent
        current += ("   " if current.strip() else "") + item
    return lines + [current]
