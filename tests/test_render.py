"""What people see: bars and heatmaps on stated scales, every width from 60 up, ASCII terminals, Markdown, LaTeX."""

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rnncalc.output.documents import latex_text, markdown
from rnncalc.output.emit import Format, compose
from rnncalc.output.report import Column, Heatmap, Report, Table
from rnncalc.output.scale import bar_eighths, bar_scale, decade_scale, glyph
from rnncalc.output.terminals import Terminal, ascii_text
from rnncalc.views.gradflow import bar

values = st.floats(-300, 50, allow_nan=False)


@given(st.lists(values, min_size=1, max_size=40), st.data())
def test_equal_norms_get_equal_bars_whatever_else_is_in_the_table(column, data):
    other = data.draw(st.lists(values, max_size=40))
    x = data.draw(st.sampled_from(column))
    assert bar(x, bar_scale(column + other)) == bar(x, bar_scale(column + other + [x]))


@given(st.lists(st.integers(-60, 0), min_size=2, max_size=60, unique=True))
def test_norms_a_decade_or_more_apart_get_different_bars(decades):
    # Within the 64 decades a bar can show, one decade is at least one eighth of a block.
    scale = bar_scale([float(d) for d in decades])
    assert len({bar_eighths(float(d), scale) for d in decades}) == len(decades)


def test_a_preserved_gradient_has_full_bars_on_every_row():
    # Issue 10: 1.00e+0 on every row, the bar full to empty, because rounding noise (1e-15) set the scale.
    column = [0.0, 1e-15, -2e-15, 4e-16, 0.0]
    assert {bar(x, bar_scale(column)) for x in column} == {"████████"}


@given(st.lists(st.floats(-8.99, 0), min_size=2, max_size=20))
def test_heatmap_rows_a_decade_apart_somewhere_render_differently(row):
    # Above the cap (nine decades and more share "9"; within 1e-9 of a level's edge counts as on it), a decade
    # lower is always another glyph.
    shifted = [x - 1 for x in row]  # every value a decade lower
    scale = decade_scale(row + shifted)
    assert [glyph(x, scale) for x in row] != [glyph(x, scale) for x in shifted]


def test_the_sweep_heatmap_tells_a_decade_from_twelve():
    # Issue 10: ρ = 0.9 (−12.7 at lag 200) and ρ = 1.25 (−1.3) rendered character for character the same.
    scale = decade_scale([-12.7, -1.3, 0.0])
    assert (glyph(-12.7, scale), glyph(-1.3, scale), glyph(0.0, scale), glyph(1.5, scale)) == ("9", "1", "0", "b")


# ---- widths -----------------------------------------------------------------------------

COMMANDS = [
    tuple(words.split())
    for words in (
        "params -n 128 -m 28 -k 10",
        "params -n 128 -m 28 -k 10 --cell lstm --layers 5 --bidirectional --expect 20224",
        "params -n 256 -m 64 --cell all",
        "params --cell lstm -n 128 -m 28 -k 10 --layers 2 --bidirectional --proj 64 --convention pytorch",
        "gradflow --steps 60 --hidden 16",
        "gradflow --cell lstm --forget 0.9 --forget 0.99 --path both --steps 60 --hidden 16",
        "gates --steps 20 --equations --bidirectional",
        "solve --budget 1.5M --cell all --in 28 --out 10",
        "sweep radius 0.5:1.5:0.05 --steps 120 --hidden 16",
        "sweep radius 0.6:2:0.1 --drive 0:1:0.25 --steps 40 --hidden 16",
        "sweep forget-bias -2:6:1",
        "fsm tomita3 --no-search --random 3 --classify 0101 --strength 4",
    )
]


GLYPHS = re.compile(r"\d{9,}")  # a heatmap row of decade digits, not a number


def numbers_in_tables(out: str) -> list[str]:
    return re.findall(r"(?<![\w.])[-+]?\d[\d,]*(?:\.\d+)?(?:e[-+]\d+)?(?![\w.])", out)


@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:3]))
def test_every_line_fits_the_width_and_no_number_is_split(run, args, columns):
    code, out, _ = run(*args, COLUMNS=str(columns))
    assert code in (0, 3)
    assert max(len(line) for line in out.splitlines()) <= columns
    # Every table row is drawn whole: nothing cropped at the right edge.
    rows = [line for line in out.splitlines() if line and line[0] in "│┃┏┡└"]
    assert all(line[-1] in "│┃┓┩┘" for line in rows), [line for line in rows if line[-1] not in "│┃┓┩┘"]
    # A number split across lines leaves fragments that are no number of the same output at full width
    # (columns may be dropped when narrow, and a heatmap samples other ticks: short numbers are exempt).
    wide = set(numbers_in_tables(run(*args, COLUMNS="400")[1]))
    fragments = [n for n in numbers_in_tables(out) if n not in wide and 4 < len(n) and not GLYPHS.fullmatch(n)]
    assert fragments == []


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("params",),
        ("gradflow",),
        ("gates",),
        ("solve",),
        ("sweep",),
        ("sweep", "radius"),
        ("sweep", "forget-bias"),
        ("fsm",),
    ],
)
def test_help_fits_80_columns_without_breaking_a_word(run, args):
    code, out, _ = run(*args, "--help", COLUMNS="80")
    assert code == 0 and max(len(line) for line in out.splitlines()) <= 80
    wide = run(*args, "--help", COLUMNS="1000")[1]
    assert set(out.split()) == set(wide.split())  # the same words, only wrapped differently
    assert "<str>" not in out and "[str]" not in out


def test_absurd_widths_are_unknown_widths(run):
    for width in ("0", "-5", "1", "abc", "99999999"):
        code, out, err = run("params", "-n", "8", "-m", "4", COLUMNS=width)
        assert code == 0 and err == "" and 0 < max(len(line) for line in out.splitlines()) <= 80


# ---- ASCII, Markdown, LaTeX -----------------------------------------------------------------


def test_ascii_carries_the_same_information():
    assert (
        ascii_text("n² + nm ≤ σ·‖∂L/∂h‖ · log₁₀ h̃ ⊙ ρ^s — 10⁵") == "n^2 + nm <= sigma*|dL/dh| * log10 h~ * rho^s - 10^5"
    )


@pytest.mark.parametrize("args", COMMANDS + [("gates", "--equations", "--steps", "5")], ids=lambda a: " ".join(a[:3]))
def test_every_character_printed_has_an_ascii_form(run, args):
    out = run(*args, COLUMNS="200")[1]
    box = {chr(c) for c in range(0x2500, 0x2580)}  # tables are drawn in ASCII boxes there, not transliterated
    unknown = {ch for ch in set(out) - box if ord(ch) > 127 and "?" in ascii_text(ch)}
    assert unknown == set()


@pytest.mark.parametrize(
    "env",
    [
        {"PYTHONIOENCODING": "ascii"},
        {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""},
        {"PYTHONIOENCODING": "latin-1"},
    ],
)
@pytest.mark.parametrize(
    "args",
    [("params", "-n", "7", "-m", "3", "-k", "2", "--cell", "lstm"), ("gates", "--equations", "--steps", "5"),
     ("gradflow", "--steps", "10", "--hidden", "4"), ("sweep", "radius", "0.8:1.2:0.2", "--steps", "10", "--hidden", "4"),
     ("params", "-n", "7", "-m", "3", "-f", "json"), ("params", "-n", "7", "-m", "3", "-f", "markdown"),
     ("params", "-n", "7", "-m", "3", "-f", "csv"), ("params", "-n", "0", "-m", "3")],
)  # fmt: skip
def test_a_terminal_without_unicode_gets_ascii_with_the_same_exit(exe, args, env):
    import json
    import os
    import subprocess

    done = subprocess.run([exe, *args], capture_output=True, env={**os.environ, **env}, timeout=60)
    assert done.returncode == (2 if "0" in args[:5] else 0), done.stderr
    assert b"Traceback" not in done.stderr
    assert all(byte < 128 for byte in done.stdout + done.stderr)
    if "json" in args:
        assert json.loads(done.stdout)["formula"] == "n² + nm"  # \u escapes: the same JSON


def table_of(rows):
    columns = (Column("a", "A"), Column("b", "B | pipe", str, "right"))
    return Table("T", columns, rows)


def parse_markdown_tables(text: str) -> list[list[list[str]]]:
    tables, current = [], None
    for line in text.splitlines():
        if line.startswith("|"):
            # as a CommonMark reader reads a cell: a backslash before punctuation is that character, entities decoded
            cells = [
                html.unescape(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", c.strip()))
                for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]
            ]
            if current is None:
                current = [cells]
                tables.append(current)
            elif not all(re.fullmatch("-+:?", c) for c in cells):
                current.append(cells)
        else:
            current = None
    return tables


def test_markdown_tables_parse_back_to_the_same_cells(run):
    from rnncalc.counting.network import describe
    from rnncalc.views.params import params_report

    report = params_report(describe("lstm", 128, 28, 10, convention="pytorch", layers=2))
    tables = [s for s in report.sections if isinstance(s, Table)]
    parsed = parse_markdown_tables(markdown(report.sections))
    assert [[[c.label for c in t.columns], *t.cells()] for t in tables] == parsed
    tricky = table_of([{"a": "x|y", "b": 1}])
    assert parse_markdown_tables(markdown([tricky])) == [[["A", "B | pipe"], ["x|y", "1"]]]


def test_latex_escapes_every_special_character():
    assert latex_text("a_b & 50% $x$ #1 {y} ~z^2 \\") == (
        r"a\_b \& 50\% \$x\$ \#1 \{y\} \textasciitilde{}z\textasciicircum{}2 \textbackslash{}"
    )
    assert latex_text("n² × ρ ‖∂L‖ log₁₀ h̃") == (
        r"n\textsuperscript{2} $\times$ $\rho$ $\|$$\partial$L$\|$ log\textsubscript{1}\textsubscript{0} \~{h}"
    )
    # Text-mode traps: < and > print as other glyphs, -- as a dash; ½ and Δ are math; bars become rules.
    assert latex_text("--seq-len < 1e-06 > 0") == r"-{}-seq-len \textless{} 1e-06 \textgreater{} 0"
    assert latex_text("½·Δ") == r"$\frac{1}{2}$$\cdot$$\Delta$"
    assert latex_text("█▌") == r"\rule{0.5em}{0.8em}\rule{0.25em}{0.8em}"


def test_latex_tables_are_booktabs_tabulars_of_the_same_cells():
    report = Report({}, table_of([{"a": "W_hh", "b": 16384}]), [table_of([{"a": "W_hh", "b": 16384}])], "")
    text = compose(report, Format.latex, term=Terminal(80, True, False))
    assert r"\begin{tabular}{lr}" in text and r"\toprule" in text and r"\bottomrule" in text
    assert r"W\_hh & 16384 \\" in text
    assert all(ord(ch) < 128 for ch in text)


def test_heatmaps_and_charts_fit_any_width():
    from rnncalc.output.render import terminal
    from rnncalc.output.scale import decade_scale

    values = [[-0.1 * c * r for c in range(300)] for r in range(5)]
    h = Heatmap(
        "t",
        "row",
        [str(r) for r in range(5)],
        "lag",
        list(range(300)),
        values,
        decade_scale([v for row in values for v in row]),
    )
    for width in (40, 60, 80, 200):
        assert max(len(line) for line in terminal([h], Terminal(width, True, False)).splitlines()) <= max(width, 40)


def test_latex_writes_a_cells_equations_as_math(run):
    # Issue 18: equations came out as escaped text (c\_t = f\_t $\odot$ c\_\{t$-$1\}).
    out = run("gates", "--cells", "lstm,mgu", "--equations", "--no-retention", "-f", "latex")[1]
    assert out.startswith("% needs \\usepackage{booktabs,array,amsmath}")
    assert "\\begin{align*}\n  i_{t} &= \\sigma (W_{hi} h_{t-1} + W_{xi} x_{t} + b_{i}) \\\\" in out
    assert "  c_{t} &= f_{t} \\odot  c_{t-1} + i_{t} \\odot  g_{t} \\\\" in out
    assert "\\tilde{h}_{t} &= \\tanh(W_{hh} (f_{t} \\odot  h_{t-1}) + W_{xh} x_{t} + b_{h})" in out
    assert out.count("\\begin{align*}") == out.count("\\end{align*}") == 2


def test_huge_counts_fit_sixty_columns_without_splitting_a_word(exe):
    # Issue 19: at COLUMNS=60 a 49-digit total made a 62-wide line, and tables folded words mid-word
    # ("Conve|ntion"); a long number now breaks after a comma, and nothing else breaks.
    import os
    import subprocess

    args = ["params", "-n", "999999999999", "-m", "999999999999", "-k", "999999999999", "--cell", "second-order",
            "--layers", "1000", "--bidirectional"]  # fmt: skip
    out = subprocess.run([exe, *args], capture_output=True, text=True, env=dict(os.environ, COLUMNS="60")).stdout
    assert max(len(line) for line in out.splitlines()) <= 60
    assert "Convention" in out and "Conve\n" not in out and "textbook" in out
    from rnncalc import count_params

    big = count_params("second-order", 999999999999, 999999999999, 999999999999, layers=1000, bidirectional=True)
    assert f"{big.total:,}" in out  # the formula's total, whole on its line
