"""What every view hands to the output layer, and the number formats people read.

Pure: no terminal code. A table is declared once, as columns (machine key,
label, format, alignment, how a missing value reads, and whether it may wrap or
be dropped at narrow widths) and rows of raw values under the machine keys;
the CSV header and cells, JSON records, the table for people and its Markdown
and LaTeX forms are all derived from that one declaration.
"""

import math
from typing import Any, Callable, NamedTuple


class Column(NamedTuple):
    key: str  # machine key: JSON and CSV
    label: str  # the header people read
    fmt: Callable[[Any], str] = str  # raw value → display text (never given None)
    align: str = "left"  # or "right" (numbers)
    missing: str = "—"  # how None reads
    wrap: bool = False  # long text, may wrap between words
    optional: int = 0  # dropped at narrow widths, highest first; 0: never
    legend: str = ""  # a note explaining this column, printed under the table only while it is shown

    def text(self, value: Any) -> str:
        return self.missing if value is None else self.fmt(value)


class Table(NamedTuple):
    title: str
    columns: tuple[Column, ...]
    rows: list[dict]  # raw values under the columns' keys
    notes: tuple[str, ...] = ()
    keep: int = 1  # leading columns repeated in every part when the table is split to fit
    header: bool = True  # False: a two-column list of facts, read without column titles

    def cells(self) -> list[list[str]]:
        return [[c.text(row.get(c.key)) for c in self.columns] for row in self.rows]

    def records(self) -> list[dict]:
        return [{c.key: row.get(c.key) for c in self.columns} for row in self.rows]

    def all_notes(self) -> tuple[str, ...]:
        """The notes printed under the table: its columns' legends (each once), then its own notes."""
        return (*dict.fromkeys(c.legend for c in self.columns if c.legend), *self.notes)


class Text(NamedTuple):
    body: str
    style: str = ""  # "note" (dim), "heading" (bold), "equations" (a title, then "  lhs = rhs" lines) or ""


class Curve(NamedTuple):
    """A line over a heatmap: drawn as a line in the plot, as a mark on its nearest cells in the terminal."""

    label: str
    mark: str  # the glyph over its cells
    points: list[tuple[int, float]]  # (row, x): x in the columns' units, anywhere between them


BOTH = "◉"  # two curves through one cell


class Heatmap(NamedTuple):
    """A grid of numbers drawn as one glyph and colour per cell on a stated scale (see rnncalc.output.scale)."""

    title: str
    row_name: str  # what the rows are, e.g. "radius"
    row_labels: list[str]
    column_name: str  # e.g. "lag s"
    column_values: list[float]  # one per column; the renderer samples them to fit the width
    values: list[list[float | None]]  # None: exactly zero gradient
    scale: Any  # a rnncalc.output.scale.Scale
    curves: tuple[Curve, ...] = ()
    notes: tuple[str, ...] = ()


class Chart(NamedTuple):
    """log10 values against the lag, one series per run, scaled to the width when drawn."""

    series: list[tuple[str, list[float | None]]]
    x_label: str
    y_label: str
    title: str = ""
    theory: list = []  # (label, values, index of the run it predicts): drawn in plot files
    # Plot files: per series (colour group, line style, panel): one colour per run, a style per path, a panel
    # per quantity (‖∂L/∂h‖ and ‖∂L/∂c‖ are not on one axis); panel_labels name each panel's y axis.
    styles: list[tuple[int, str, int]] = []
    panel_labels: list[str] = []


class Activations(NamedTuple):
    """Neuron activations (0 to 1) over time along one string: a picture for plot files."""

    title: str
    row_labels: list[str]  # one per neuron
    values: list[list[float]]  # [neuron][time]
    inputs: tuple[str, ...] = ()  # the symbol read before each time step after 0


class Report(NamedTuple):
    data: Any  # the JSON document
    csv: Table  # the CSV table: its columns' keys are the header, its raw values the cells
    sections: list  # Table, Text, Heatmap or Chart, for people (and Markdown, LaTeX)
    quiet: str  # what -q prints
    figure: Chart | Heatmap | Activations | None = None  # what --plot draws


def quiet_lines(table: Table, *keys: str) -> str:
    """-q for a table: the given columns of every row, tab-separated, a row a line ('' where missing)."""
    return "\n".join("\t".join("" if row.get(k) is None else str(row[k]) for k in keys) for row in table.rows)


def thousands(n: int) -> str:
    return f"{n:,}"


def sci(x: float | None, digits: int = 3) -> str:
    """A log10 value as scientific notation: -30103.0 → "1.00e-30103"; None → "0" (exactly zero)."""
    if x is None:
        return "0"
    exponent = math.floor(x)
    mantissa = 10 ** (x - exponent)
    if mantissa >= 10 - 0.5 * 10 ** (2 - digits):  # rounding would print 10.00e…
        mantissa, exponent = 1.0, exponent + 1
    return f"{mantissa:.{digits - 1}f}e{exponent:+d}"


def shape_text(shape: tuple[int, ...]) -> str:
    return "(" + ", ".join(thousands(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def ratio_text(x: float) -> str:
    return f"{x:.2f}×"


def general(x: float) -> str:
    return f"{x:g}"


def exact(x: float) -> str:
    """A setting as the user can type it back: the shortest text that reads as exactly this float (0.9, 1.0000001,
    1e-07), so two different settings never share a label (`:g` made 1.0000001 and 1.0000002 both "1")."""
    text = repr(float(x))
    return text[:-2] if text.endswith(".0") else text
