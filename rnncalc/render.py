"""A report's sections as text for people: the terminal (Rich), Markdown and LaTeX.

Pure functions from sections to strings; :mod:`rnncalc.output` decides which and
writes. The terminal form fits the width: a table too wide first drops its
optional columns (bars), then splits into parts that repeat its leading
columns; cells never wrap inside a number. Where the output's encoding cannot
carry Unicode, every piece of text is transliterated to ASCII first (n² → n^2,
σ → sigma, box drawing → +-|), so the same information arrives.
"""

from __future__ import annotations

import io
import re
import unicodedata
from typing import Callable, NamedTuple

from .report import Chart, Column, Heatmap, Table, Text
from .scale import BLUES, CAP, REDS, colour, glyph

MIN_WIDTH = 40


class Terminal(NamedTuple):
    width: int = 80
    unicode: bool = True
    colour: bool = False


# ---- ASCII -----------------------------------------------------------------------------------

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_ASCII = {
    "×": "x", "·": "*", "⊙": "*", "−": "-", "—": "-", "–": "-", "…": "...", "≤": "<=", "≥": ">=",
    "≈": "~", "→": "->", "↦": "->", "‖": "|", "∂": "d", "∇": "grad", "√": "sqrt", "Σ": "sum",
    "σ": "sigma", "ρ": "rho", "χ": "chi", "φ": "phi", "γ": "gamma", "ζ": "zeta", "τ": "tau", "δ": "delta",
    "′": "'", "ᵀ": "^T", "⊇": "contains", "∈": "in", "±": "+/-", "◆": "*", "○": "o", "●": "*",
    "∞": "inf", "\u0303": "~", "‘": "'", "’": "'", "“": '"', "”": '"', "█": "#", "░": ".",
    "┤": "|", "└": "+", "─": "-", "│": "|", "▏": "+", "▎": "+", "▍": "+", "▌": "+", "▋": "+", "▊": "+", "▉": "+",
}  # fmt: skip


def ascii_text(text: str) -> str:
    """The same text in ASCII: n² → n^2, log₁₀ → log10, σ → sigma; anything else unknown becomes '?'."""
    text = re.sub("[⁰¹²³⁴⁵⁶⁷⁸⁹]+", lambda m: "^" + m.group().translate(_SUPERSCRIPTS), text)
    text = "".join(_ASCII.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text)  # subscript digits → digits, accents → base letters
    return text.encode("ascii", "replace").decode("ascii")


def can_encode(encoding: str | None) -> bool:
    try:
        "─│²×⊙σ‖∂ρχ▁█▏·—≤…₁₀h̃".encode(encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


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
    from rich.text import Text as RichText

    style = {"note": "dim", "heading": "bold"}.get(section.style, "")
    console.print(RichText(txt(section.body), style=style), overflow="fold")


def _words(text: str) -> list[str]:
    return text.split() or [""]


def _minimum(column: Column, cells: list[str], txt) -> int:
    """The narrowest a column may be: its longest cell (a word of it, if it wraps), its longest header word."""
    header = max(len(w) for w in _words(txt(column.label)))
    if column.wrap:
        return max(
            [header, min(24, max((len(c) for c in cells), default=0))] + [len(w) for c in cells for w in _words(c)]
        )
    return max([header] + [len(c) for c in cells])


def _width(columns: list[Column], cells: list[list[str]], txt) -> int:
    return sum(_minimum(c, [row[i] for row in cells], txt) for i, c in enumerate(columns)) + 3 * len(columns) + 1


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
    from rich.text import Text as RichText

    console.print(RichText(txt(table.title), style="bold"), overflow="fold")
    cells = [[txt(c) for c in row] for row in table.cells()]
    drawn = RichTable(box=box_style, header_style="bold", safe_box=True, show_header=table.header)
    for i, column in enumerate(table.columns):
        drawn.add_column(
            txt(column.label),
            justify="right" if column.align == "right" else "left",
            min_width=_minimum(column, [row[i] for row in cells], txt),
            overflow="fold",
        )
    for row in cells:
        drawn.add_row(*row)
    console.print(drawn)
    for note in table.notes:
        console.print(RichText(txt(note), style="dim"), overflow="fold")


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
    console.print(RichText(txt(h.title), style="bold"), overflow="fold")
    grid = RichText(f"{txt(h.row_name):>{pad}}\n")
    for r, (label, row) in enumerate(zip(labels, h.values)):
        grid.append(f"{label:>{pad}} ")
        for c in columns:
            value, mark = row[c], h.marks.get((r, c))
            if value is None:
                grid.append(txt(mark) if mark else ("·" if term.unicode else "."), style="dim")
                continue
            grid.append(txt(mark) if mark else glyph(value, h.scale), style=_cell_style(value, h, term, bool(mark)))
        grid.append("\n")
    grid.append(" " * (pad + 1) + _axis([_tick(h.column_values[c]) for c in columns]) + "\n")
    grid.append(" " * (pad + 1) + f"{txt(h.column_name):^{len(columns)}}".rstrip())
    console.print(grid, crop=False, soft_wrap=True)
    console.print(RichText(txt(legend(h))), overflow="fold")
    for note in h.notes:
        console.print(RichText(txt(note), style="dim"), overflow="fold")


def _cell_style(value: float, h: Heatmap, term: Terminal, marked: bool) -> str:
    if not term.colour:
        return "bold" if marked else ""
    background = colour(value, h.scale)
    dark = background in BLUES[5:] or background in REDS[5:]
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
    """What each glyph means: the level's size, digits for decay, letters for growth, the cap."""
    s = h.scale
    if s.unit == "decade":
        level, lost, gained = "one decade (a factor of 10)", "decades lost", "decades gained"
    else:
        level, lost, gained = f"{s.step:g} of log₁₀ change per step", "levels of decay", "levels of growth"
    cap = f", {CAP}: {CAP} or more" if s.clipped else ""
    text = f"Scale: one level = {level}. Digits: {lost} (0: less than one, 1: one to two{cap})"
    if s.up >= 0:
        text += f"; letters: {gained} (a: less than one, b: one to two)"
    return text + "; ·: exactly zero."


def _chart(chart: Chart, width: int, txt):
    from rich.text import Text as RichText

    return RichText(txt(text_chart(chart, width)))


MARKERS = "●×+o*#@%"


def text_chart(chart: Chart, width: int = 80, height: int = 14) -> str:
    """A scatter of every series on one grid; lags on x, log10 norm on y. Zeros are not drawn."""
    values = [y for _, ys in chart.series for y in ys if y is not None]
    if not values:
        return "(every gradient is exactly zero: nothing to chart)"
    top, bottom = max(values), min(values)
    if top - bottom < 1e-9:
        top, bottom = top + 0.5, bottom - 0.5
    labels = {0: f"{top:.3g}", (height - 1) // 2: f"{(top + bottom) / 2:.3g}", height - 1: f"{bottom:.3g}"}
    pad = max(len(v) for v in labels.values())
    cols = max(10, min(60, width - pad - 2))
    lags = max(len(ys) for _, ys in chart.series) - 1
    grid = [[" "] * cols for _ in range(height)]
    for marker, (_, ys) in zip(MARKERS * 4, chart.series):
        for lag, y in enumerate(ys):
            if y is not None:
                grid[round((top - y) / (top - bottom) * (height - 1))][round(lag / max(lags, 1) * (cols - 1))] = marker
    lines = [chart.y_label]
    lines += [f"{labels.get(r, ''):>{pad}} ┤{''.join(row)}" for r, row in enumerate(grid)]
    lines.append(" " * pad + " └" + "─" * cols)
    end = str(lags)
    lines.append(" " * pad + f"  0{chart.x_label:^{max(0, cols - 1 - len(end))}}{end}")
    legend_items = [f"{m} {label}" for m, (label, _) in zip(MARKERS * 4, chart.series)]
    lines += _wrap_items(legend_items, width, " " * (pad + 2))
    return "\n".join(line.rstrip() for line in lines)


def _wrap_items(items: list[str], width: int, indent: str) -> list[str]:
    lines, current = [], indent
    for item in items:
        if current.strip() and len(current) + 3 + len(item) > width:
            lines.append(current)
            current = indent
        current += ("   " if current.strip() else "") + item
    return lines + [current]


# ---- Markdown and LaTeX ----------------------------------------------------------------------


def markdown(sections: list) -> str:
    """GitHub Markdown: pipe tables with their titles, text as paragraphs, pictures in code blocks."""
    out = []
    for section in sections:
        if isinstance(section, Table):
            rows = [[c.replace("|", "\\|") for c in row] for row in section.cells()]
            header = [c.label.replace("|", "\\|") for c in section.columns]
            rule = ["---:" if c.align == "right" else "---" for c in section.columns]
            lines = [f"**{section.title}**", ""] + ["| " + " | ".join(r) + " |" for r in [header, rule, *rows]]
            out.append("\n".join(lines + ["", *section.notes]).rstrip())
        elif isinstance(section, Text) and section.style != "note" and "\n" in section.body:
            out.append(f"```\n{section.body}\n```")
        elif isinstance(section, Text):
            out.append(section.body)
        else:
            out.append("```\n" + terminal([section], Terminal(100, True, False)).rstrip() + "\n```")
    return "\n\n".join(out) + "\n"


_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}  # fmt: skip
_LATEX_UNICODE = {
    "×": r"$\times$", "·": r"$\cdot$", "⊙": r"$\odot$", "−": r"$-$", "—": "---", "–": "--", "…": r"\ldots{}",
    "≤": r"$\le$", "≥": r"$\ge$", "≈": r"$\approx$", "→": r"$\to$", "↦": r"$\mapsto$", "‖": r"$\|$",
    "∂": r"$\partial$", "∇": r"$\nabla$", "√": r"$\surd$", "Σ": r"$\Sigma$", "σ": r"$\sigma$", "ρ": r"$\rho$",
    "χ": r"$\chi$", "φ": r"$\varphi$", "γ": r"$\gamma$", "ζ": r"$\zeta$", "τ": r"$\tau$", "δ": r"$\delta$",
    "′": r"$'$", "ᵀ": r"\textsuperscript{T}", "⊇": r"$\supseteq$", "∈": r"$\in$", "±": r"$\pm$", "∞": r"$\infty$",
    "◆": r"$\blacklozenge$", "○": r"$\circ$", "●": r"$\bullet$", "█": r"\textbar{}", "“": "``", "”": "''",
}  # fmt: skip


def latex_text(text: str) -> str:
    """Text for a LaTeX document: special characters escaped, symbols as LaTeX, sub/superscripts marked up."""
    out = []
    for ch in text:
        if ch == "\u0303" and out:  # a combining tilde: h̃
            out[-1] = r"\~{" + out[-1] + "}"
        elif ch in _LATEX_SPECIAL:
            out.append(_LATEX_SPECIAL[ch])
        elif ch in _LATEX_UNICODE:
            out.append(_LATEX_UNICODE[ch])
        elif ch in "⁰¹²³⁴⁵⁶⁷⁸⁹":
            out.append(r"\textsuperscript{" + ch.translate(_SUPERSCRIPTS) + "}")
        elif ch in "₀₁₂₃₄₅₆₇₈₉":
            out.append(r"\textsubscript{" + unicodedata.normalize("NFKD", ch) + "}")
        elif ord(ch) < 128:
            out.append(ch)
        else:
            out.append(_latex_ascii(ch))
    return "".join(out)


def _latex_ascii(ch: str) -> str:
    return "".join(_LATEX_SPECIAL.get(c, c) for c in ascii_text(ch))


def latex(sections: list) -> str:
    """Each table as a booktabs tabular in a table float with its title as caption; text as paragraphs."""
    out = []
    for section in sections:
        if isinstance(section, Table):
            spec = "".join("r" if c.align == "right" else "l" for c in section.columns)
            rows = [" & ".join(latex_text(c) for c in row) + r" \\" for row in section.cells()]
            out.append(
                "\n".join(
                    [
                        r"\begin{table}[ht]",
                        r"  \centering",
                        r"  \caption{" + latex_text(section.title) + "}",
                        r"  \begin{tabular}{" + spec + "}",
                        r"    \toprule",
                        "    " + " & ".join(latex_text(c.label) for c in section.columns) + r" \\",
                        r"    \midrule",
                        *("    " + row for row in rows),
                        r"    \bottomrule",
                        r"  \end{tabular}",
                        *(r"  \par\smallskip\footnotesize " + latex_text(note) for note in section.notes),
                        r"\end{table}",
                    ]
                )
            )
        elif isinstance(section, Text):
            out.append(
                "\n".join(
                    latex_text(line) + (r" \\" if "\n" in section.body else "") for line in section.body.splitlines()
                )
            )
        else:
            out.append(
                "\\begin{verbatim}\n" + terminal([section], Terminal(100, False, False)).rstrip() + "\n\\end{verbatim}"
            )
    return "% needs \\usepackage{booktabs}\n" + "\n\n".join(out) + "\n"
