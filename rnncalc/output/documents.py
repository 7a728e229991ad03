"""The report as a document: Markdown (GitHub), LaTeX (booktabs) and HTML (a notebook's table), each derived
from the same sections the terminal draws. A picture (a heatmap, a chart) goes in as the terminal draws it."""

from __future__ import annotations

import html as _html
import re
import unicodedata

from .render import terminal
from .report import Column, Table, Text
from .terminals import SUPERSCRIPTS, Terminal, ascii_text


def markdown(sections: list) -> str:
    """GitHub Markdown: pipe tables with their titles, text as paragraphs, pictures in code blocks. Every piece
    of text is escaped (a name from a DFA file or the user's code is text, never markup or HTML: a notebook
    renders both)."""
    out = []
    for section in sections:
        if isinstance(section, Table):
            rows = [[markdown_text(c, cell=True) for c in row] for row in section.cells()]
            header = [markdown_text(c.label, cell=True) for c in section.columns]
            rule = ["---:" if c.align == "right" else "---" for c in section.columns]
            lines = [f"**{markdown_text(section.title)}**", ""] + [
                "| " + " | ".join(r) + " |" for r in [header, rule, *rows]
            ]
            out.append("\n".join(lines + ["", *map(markdown_text, section.all_notes())]).rstrip())
        elif isinstance(section, Text) and section.style != "note" and "\n" in section.body:
            out.append(_fenced(section.body))
        elif isinstance(section, Text):
            out.append(markdown_text(section.body))
        else:
            out.append(_fenced(terminal([section], Terminal(100, True, False)).rstrip()))
    return "\n\n".join(out) + "\n"


_MARKDOWN_MARKS = re.compile(r"([\\`*_\[\]|~])")  # what starts markup anywhere (a bracket: a link's text)
_LINE_START = re.compile(r"^([#+-])|^(\d+)\.")  # a heading's or a list's start, at a paragraph's start


def markdown_text(text: str, cell: bool = False) -> str:
    """Text as Markdown shows it, whatever it holds: HTML's &, < and > as entities, Markdown's marks escaped (and,
    for a paragraph rather than a table's `cell`, what would start a heading or a list)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_MARKS.sub(r"\\\1", text)
    return text if cell else _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\.", text)


def _fenced(body: str) -> str:
    """A code block whose fence is longer than any run of backticks inside (so nothing inside can close it)."""
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall("`+", body)), default=0))
    return f"{fence}\n{body}\n{fence}"


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
    "◆": r"$\blacklozenge$", "○": r"$\circ$", "●": r"$\bullet$", "◉": r"$\odot$", "“": "``", "”": "''",
    "Δ": r"$\Delta$", "½": r"$\frac{1}{2}$", "<": r"\textless{}", ">": r"\textgreater{}",
    # A bar's blocks as rules of the same length: a block is 0.5em, an eighth 0.0625em.
    **{ch: rf"\rule{{{0.0625 * k:g}em}}{{0.8em}}" for k, ch in enumerate("▏▎▍▌▋▊▉█", start=1)},
}  # fmt: skip


def latex_text(text: str) -> str:
    """Text for a LaTeX document: special characters escaped, symbols as LaTeX, sub/superscripts marked up."""
    out: list[str] = []
    for ch in text:
        if ch == "\u0303" and out:  # a combining tilde: h̃
            out[-1] = r"\~{" + out[-1] + "}"
        elif ch in _LATEX_SPECIAL:
            out.append(_LATEX_SPECIAL[ch])
        elif ch == "-" and out and out[-1] == "-":  # --seq-len, not an en dash
            out.append("{}-")
        elif ch in _LATEX_UNICODE:
            out.append(_LATEX_UNICODE[ch])
        elif ch in "⁰¹²³⁴⁵⁶⁷⁸⁹":
            out.append(r"\textsuperscript{" + ch.translate(SUPERSCRIPTS) + "}")
        elif ch in "₀₁₂₃₄₅₆₇₈₉":
            out.append(r"\textsubscript{" + unicodedata.normalize("NFKD", ch) + "}")
        elif ord(ch) < 128:
            out.append(ch)
        else:
            out.append(_latex_ascii(ch))
    return "".join(out)


def latex_equations(body: str) -> str:
    """A cell's equations as LaTeX math: the title as text, each "  lhs = rhs" line a row of align*, aligned at
    its "=", and any other line as text."""
    lines = body.splitlines()
    out = [latex_text(lines[0]) + r" \\"] if lines else []
    rows = []
    for line in lines[1:]:
        lhs, eq, rhs = line.strip().partition(" = ")
        if eq and ":" not in lhs:
            rows.append(f"  {latex_math(lhs)} &= {latex_math(rhs)}")
        else:
            if rows:
                out += [r"\begin{align*}", " \\\\\n".join(rows), r"\end{align*}"]
                rows = []
            out.append(latex_text(line.strip()) + r" \\")
    if rows:
        out += [r"\begin{align*}", " \\\\\n".join(rows), r"\end{align*}"]
    return "\n".join(out)


_MATH = {"σ": r"\sigma ", "⊙": r"\odot ", "−": "-", "·": r"\cdot ", "×": r"\times ", "Σ": r"\sum", "∂": r"\partial ",
         "²": "^2", "√": r"\sqrt", "‖": r"\|", "≤": r"\le ", "∈": r"\in "}  # fmt: skip
_FUNCTIONS = ("relu", "diag")


def latex_math(expression: str) -> str:
    """One equation in the notation rnncalc prints (W_hi, h_{t−1}, σ, ⊙, h̃) as LaTeX math."""

    text = expression.replace("h̃", r"\tilde{h}")
    text = "".join(_MATH.get(ch, ch) for ch in text)
    text = re.sub(r"\btanh\(", r"\\tanh(", text)
    text = re.sub(r"\b(" + "|".join(_FUNCTIONS) + r")\(", lambda m: rf"\operatorname{{{m.group(1)}}}(", text)
    text = re.sub(r"_([A-Za-z0-9]+(?:,[A-Za-z0-9]+)*)(?![{\w])", r"_{\1}", text)  # W_hi → W_{hi}; x_t,k → x_{t,k}
    return text


def _latex_ascii(ch: str) -> str:
    return "".join(_LATEX_SPECIAL.get(c, c) for c in ascii_text(ch))


def _latex_column(c: Column) -> str:
    """r for numbers, l for short text, a wrapping paragraph column for long text (it would run off the page)."""
    return r">{\raggedright\arraybackslash}p{0.4\linewidth}" if c.wrap else ("r" if c.align == "right" else "l")


def latex(sections: list) -> str:
    """Each table as a booktabs tabular in a table float with its title as caption; text as paragraphs."""
    out = []
    for section in sections:
        if isinstance(section, Table):
            spec = "".join(_latex_column(c) for c in section.columns)
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
                        *(r"  \par\smallskip\footnotesize " + latex_text(note) for note in section.all_notes()),
                        r"\end{table}",
                    ]
                )
            )
        elif isinstance(section, Text) and section.style == "equations":
            out.append(latex_equations(section.body))
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
    return "% needs \\usepackage{booktabs,array,amsmath}\n" + "\n\n".join(out) + "\n"


def html(sections: list) -> str:
    """HTML for a notebook: each table with its title as a caption and its notes below, text as paragraphs,
    pictures preformatted."""
    out = []
    for section in sections:
        if isinstance(section, Table):
            head = "".join(f"<th style='text-align:{c.align}'>{_html.escape(c.label)}</th>" for c in section.columns)
            rows = "".join(
                "<tr>"
                + "".join(
                    f"<td style='text-align:{c.align}'>{_html.escape(cell)}</td>"
                    for c, cell in zip(section.columns, row)
                )
                + "</tr>"
                for row in section.cells()
            )
            notes = "".join(f"<p><small>{_html.escape(n)}</small></p>" for n in section.all_notes())
            caption = f"<caption><b>{_html.escape(section.title)}</b></caption>" if section.title else ""
            out.append(f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{notes}")
        elif isinstance(section, Text) and not (section.style != "note" and "\n" in section.body):
            out.append(f"<p>{_html.escape(section.body)}</p>")
        else:
            body = section.body if isinstance(section, Text) else terminal([section], Terminal(100, True, False))
            out.append(f"<pre>{_html.escape(body.rstrip())}</pre>")
    return "\n".join(out) + "\n"
