"""What a terminal can show, and the same text in ASCII where it cannot carry Unicode. Light: the output layer
reads this for every format, the drawing (:mod:`rnncalc.output.render`, Rich) only for tables."""

import io
import re
import unicodedata
from typing import NamedTuple


class Terminal(NamedTuple):
    width: int = 80
    unicode: bool = True
    colour: bool = False


# ---- ASCII -----------------------------------------------------------------------------------

SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
# A bar's last eighths become digits: ▌ → 4.
_ASCII = {
    "×": "x", "·": "*", "⊙": "*", "−": "-", "—": "-", "–": "-", "…": "...", "≤": "<=", "≥": ">=", "≈": "~",
    "→": "->", "↦": "->", "‖": "|", "∂": "d", "∇": "grad", "√": "sqrt", "Σ": "sum", "σ": "sigma", "ρ": "rho",
    "χ": "chi", "φ": "phi", "γ": "gamma", "ζ": "zeta", "τ": "tau", "δ": "delta", '′': "'", "ᵀ": "^T",
    "⊇": "contains", "∈": "in", "±": "+/-", "◆": "X", "○": "o", "◉": "@", "●": "*", "∞": "inf", "\u0303": '~',
    "Δ": "delta", "½": "1/2", "✓": "OK:", "✗": "NO:", "•": "-", '‘': "'", '’': "'", '“': '"', '”': '"', "█": "#",
    "░": ".", "┤": "|", "└": "+", "─": "-", "│": "|", "▏": "1", "▎": "2", "▍": "3", "▌": "4", "▋": "5", "▊": "6",
    "▉": "7",
}  # fmt: skip


def ascii_text(text: str) -> str:
    """The same text in ASCII: n² → n^2, log₁₀ → log10, σ → sigma; anything else unknown becomes '?'."""
    text = re.sub("[⁰¹²³⁴⁵⁶⁷⁸⁹]+", lambda m: "^" + m.group().translate(SUPERSCRIPTS), text)
    text = re.sub(r"√(\w+)", r"sqrt(\1)", text).replace("··", "..")  # √n → sqrt(n); W_··k
    text = "".join(_ASCII.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text)  # subscript digits → digits, accents → base letters
    return text.encode("ascii", "replace").decode("ascii")


class AsciiStream(io.TextIOBase):
    """A text stream that writes what it is given in ASCII (:func:`ascii_text`) to the one it wraps: for what
    rnncalc does not compose itself (Click's help), where the stream cannot carry the symbols. Without a binary
    buffer of its own, so Click writes through it rather than around it (it writes UTF-8 to an ASCII stream)."""

    def __init__(self, stream):
        super().__init__()
        self._stream = stream

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "ascii"

    def write(self, text: str) -> int:
        data = ascii_text(text)
        buffer = getattr(self._stream, "buffer", None)
        if buffer is None:
            self._stream.write(data)
        else:  # as bytes: a codec that cannot write a line (idna) must not swallow it
            self._stream.flush()
            buffer.write(data.encode("ascii"))
        return len(text)

    def writable(self) -> bool:
        return True

    def flush(self) -> None:
        self._stream.flush()
        getattr(self._stream, "buffer", self._stream).flush()

    def fileno(self) -> int:
        return self._stream.fileno()

    def isatty(self) -> bool:
        return self._stream.isatty()


def can_encode(encoding: str | None) -> bool:
    """Whether the stream's encoding carries the tables' symbols as they are."""
    sample = "─│²×⊙σ‖∂ρχ▁█▏·—≤…₁₀h̃"
    encoding = usable_encoding(encoding)
    try:
        return sample.encode(encoding).decode(encoding) == sample
    except (UnicodeError, LookupError):
        return False


def usable_encoding(encoding: str | None) -> str:
    """The stream's encoding if it writes text character by character (what it cannot encode as "?"), else
    ASCII: punycode moves every non-ASCII character to the end, idna refuses "replace" and stops the output."""
    import codecs

    encoding = encoding or "ascii"
    probe = "a²\nb"
    try:
        whole = probe.encode(encoding, "replace")
        step = codecs.getincrementalencoder(encoding)("replace")
        pieces = b"".join(step.encode(c) for c in probe) + step.encode("", final=True)
        back = whole.decode(encoding, "replace")
    except (UnicodeError, LookupError):
        return "ascii"
    return encoding if pieces == whole and back in (probe, "a?\nb") else "ascii"
