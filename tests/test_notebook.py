"""Results in a notebook: each shows as the tables its command prints, from the same report declaration."""

from html.parser import HTMLParser

import pytest

import rnncalc
from rnncalc.notebook import VIEWS


class Cells(HTMLParser):
    """The text of every table cell, in order."""

    def __init__(self):
        super().__init__()
        self.cells, self._in = [], False

    def handle_starttag(self, tag, attrs):
        self._in = tag in ("td", "th")
        if self._in:
            self.cells.append("")

    def handle_endtag(self, tag):
        self._in = False

    def handle_data(self, data):
        if self._in:
            self.cells[-1] += data


def test_a_count_shows_as_the_markdown_its_command_begins_with(run):
    args = ("params", "--hidden", "64", "--in", "32", "--cell", "lstm", "--convention", "pytorch")
    code, out, err = run(*args, "--format", "markdown")
    assert code == 0, err
    shown = rnncalc.count_params("lstm", 64, 32, convention="pytorch")._repr_markdown_()
    assert out.startswith(shown.rstrip("\n")) and "| total |  |  | 25,088 |" in shown  # 4(64·32 + 64² + 2·64)


def test_the_html_table_holds_every_cell_of_the_markdown_one():
    result = rnncalc.compare_cells(16, 8, 4)
    parser = Cells()
    parser.feed(result._repr_html_())
    markdown_cells = [
        cell.strip().replace("\\|", "|")
        for line in result._repr_markdown_().splitlines()
        if line.startswith("| ") and not line.startswith("| ---")
        for cell in line.strip("|").split(" | ")
    ]
    assert [c.strip() for c in parser.cells] == markdown_cells
    assert "1,216" in parser.cells  # the GRU at n=16, m=8, k=4 (textbook: 3n² + 3nm + kn = 768 + 384 + 64)


def results():
    dfa = rnncalc.load_machine("parity")
    return {
        "ParamCount": rnncalc.count_params("gru", 32, 16),
        "Description": rnncalc.describe("gru", 32, 16),
        "Comparison": rnncalc.compare_cells(32, 16),
        "ModelReport": rnncalc.analyse_model(rnncalc.read_model("nn.LSTM(28, 128)")),
        "LagSweep": rnncalc.lag_sweep("radius", [0.9, 1.1], hidden=8, steps=20, trials=2),
        "PhaseSweep": rnncalc.phase_sweep([0.9, 1.1], [0.5, 1.0], hidden=8, steps=20, trials=2),
        "Analysis": rnncalc.analyse_machine(dfa, random=5, search=False),
    }


@pytest.mark.parametrize("name", [n for n in VIEWS if n != "TrainedFlow"])  # TrainedFlow: tests/test_weights.py
def test_every_result_with_a_view_shows_its_tables(name):
    result = results()[name]
    assert type(result).__name__ == name
    assert result._repr_markdown_().strip() and "<table>" in result._repr_html_()


def test_names_from_a_file_are_text_in_markdown_and_html(tmp_path):
    # A second adversarial round: a DFA's state named <script>… reached a notebook's Markdown raw (live HTML), and
    # **b** or `c` in a name became markup. Markdown and HTML both show them as the characters they are.
    import json

    evil = "<script>alert(1)</script>"
    spec = {"alphabet": ["0", "1"], "states": [evil, "**b**|`c`"], "start": evil, "accept": ["**b**|`c`"],
            "delta": {evil: {"0": evil, "1": "**b**|`c`"}, "**b**|`c`": {"0": evil, "1": "**b**|`c`"}}}  # fmt: skip
    (tmp_path / "evil.json").write_text(json.dumps(spec))
    result = rnncalc.analyse_machine(rnncalc.load_machine(str(tmp_path / "evil.json")), random=3, search=False)
    markdown, html = result._repr_markdown_(), result._repr_html_()
    assert "<script>" not in markdown and "&lt;script&gt;alert(1)&lt;/script&gt;" in markdown
    assert "\\*\\*b\\*\\*\\|\\`c\\`" in markdown
    assert "<script>" not in html and "&lt;script&gt;" in html
