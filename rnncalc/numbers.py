"""The one number grammar of the command line: whole numbers, reals, ranges and budgets.

Plain ASCII digits only: no underscores, thousands separators or other
scripts' digits (``1_000``, ``1,000`` and ``١٢٨`` are refused, not guessed), except
in an answer to "how many parameters", written as people write counts.

whole number   ``128``, or scientific notation whose value is whole: ``1e3``, ``2.5e3``
real number    ``0.9``, ``-1``, ``.5``, ``1e-3``; finite, and not so small that it
               underflows (a nonzero value below 2.2e-308 is refused, never read as 0)
range          ``start:stop:step`` of reals, both ends included, or one real
budget         a whole number, optionally scaled: ``100k``, ``1.5M``, ``2G`` (or ``2B``), ``3T``
count          an answer (``--expect``): a budget's grammar from 0, or grouped by
               thousands with commas (``21,248``); never negative

Values are converted exactly (fractions, not binary floats) before they are
checked, so ``0.5:1.5:0.05`` has 21 values and ``1.0000000000000000000000000001T``
is refused as not whole. Each parser raises :class:`InvalidArgument` named after
the argument it was given.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fractions import Fraction
import math
import re
import sys

from .errors import InvalidArgument, shown

_REAL = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
_WHOLE = r"\+?[0-9]+(?:\.[0-9]+)?(?:[eE]\+?[0-9]+)?"
_SCALES = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9, "b": 10**9, "t": 10**12}
MAX_RANGE = 500  # values in one range
MAX_BUDGET = 10**30  # parameters in a budget
MAX_COUNT = 10**40  # parameters in an answer (check_model's bound)
MAX_EXPONENT = 400  # beyond any float: refused before 10**exponent is ever computed
MAX_DIGITS = 400


def _exact(name: str, text: str, pattern: str, example: str) -> "Fraction":
    """The exact value of a decimal literal (a Fraction), or an error that quotes at most a prefix of it."""
    from fractions import Fraction

    text = text.strip() if isinstance(text, str) else text
    if not isinstance(text, str) or not re.fullmatch(pattern, text, flags=re.ASCII):
        raise InvalidArgument(name, f"write a number like {example}, got {shown(text)}")
    mantissa, _, exponent = text.lower().partition("e")
    if len(mantissa) > MAX_DIGITS or abs(int(exponent or 0)) > MAX_EXPONENT:
        raise InvalidArgument(name, f"{shown(text)} is out of range")
    return Fraction(mantissa) * Fraction(10) ** int(exponent or 0)


def parse_whole(name: str, text: str) -> int:
    """'128', '1e3' → an int; '2.5' and '1_000' are refused."""
    if isinstance(text, str) and text.isascii() and text.isdigit() and len(text) <= MAX_DIGITS:
        return int(text)  # the common case, without the grammar's regular expression
    value = _exact(name, text, _WHOLE, "128 or 1e3")
    if value.denominator != 1:
        raise InvalidArgument(name, f"must be a whole number, got {shown(text)}")
    return int(value)


def parse_real(name: str, text: str) -> float:
    """'0.9', '1e-3' → a float; 'nan', 'inf', '1e400' and '1e-400' are refused."""
    exact = _exact(name, text, _REAL, "0.9 or 1e-3")
    try:
        value = float(exact)  # rounds to the nearest float; past the largest one it overflows
    except OverflowError:
        value = math.inf
    if math.isinf(value):
        raise InvalidArgument(name, f"{shown(text)} overflows: it is larger than any float (1.8e308)")
    if exact and abs(value) < sys.float_info.min:
        raise InvalidArgument(name, f"{shown(text)} underflows: the smallest positive value is 2.2e-308")
    return value + 0.0  # -0.0 becomes 0.0


def parse_range(name: str, text: str, max_values: int) -> list[float]:
    """'start:stop:step', both ends included, or one number: '0.5:1:0.25' → [0.5, 0.75, 1.0]."""
    parts = text.split(":") if isinstance(text, str) else [text]
    if len(parts) not in (1, 3):
        raise InvalidArgument(name, f"write start:stop:step (e.g. 0.5:1.5:0.05) or one number, got {shown(text)}")
    if len(parts) == 1:
        return [parse_real(name, parts[0])]
    for part in parts:
        parse_real(name, part)  # each piece is a float we can represent
    start, stop, step = (_exact(name, p, _REAL, "0.5:1.5:0.05") for p in parts)
    if step <= 0:
        raise InvalidArgument(name, f"the step must be positive, got {shown(text)}")
    if stop < start:
        raise InvalidArgument(name, f"the range is reversed: {shown(text)} (stop < start)")
    count = int((stop - start) / step) + 1
    if count > max_values:
        raise InvalidArgument(name, f"{shown(text)} has {count:,} values; at most {max_values:,} (use a larger step)")
    last = start + (count - 1) * step
    if last != stop:  # both ends are included, so the stop must be on the grid: say the nearest stops that are
        near = f"{float(last):g} or {float(last + step):g}"
        raise InvalidArgument(name, f"the stop {parts[1]} is not start + a whole number of steps: stop at {near}")
    return [float(start + i * step) for i in range(count)]


def parse_count(name: str, text: str, high: int) -> int:
    """An answer to "how many parameters": '21248', '21,248', '2.1248e4', '21k' → an exact whole number from 0."""
    text = text.strip() if isinstance(text, str) else text
    if isinstance(text, str) and re.fullmatch(r"\+?[0-9]{1,3}(?:,[0-9]{3})+", text, flags=re.ASCII):
        text = text.replace(",", "")  # 21,248: thousands grouped as people write counts
    if isinstance(text, str) and re.fullmatch(
        r"-\s*[0-9.,]+(?:[eE][+-]?[0-9]+)?\s*[kKmMgGbBtT]?", text, flags=re.ASCII
    ):
        raise InvalidArgument(name, f"a number of parameters is never negative, got {shown(text)}")
    return _scaled(name, text, 0, high, "21248, 21,248, 2.1248e4 or 21k")


def parse_budget(name: str, text: str, high: int) -> int:
    """'100000', '1e5', '100k', '1.5M', '2G' → an exact whole number from 1 to `high`."""
    return _scaled(name, text, 1, high, "100000, 1e5, 100k or 1.5M")


def _scaled(name: str, text: str, low: int, high: int, example: str) -> int:
    text = text.strip() if isinstance(text, str) else text
    match = re.fullmatch(r"(.*?)\s*([kKmMgGbBtT]?)", text) if isinstance(text, str) else None
    if not match:
        raise InvalidArgument(name, f"write a number of parameters like {example}, got {shown(text)}")
    try:
        value = _exact(name, match.group(1), _WHOLE, example) * _SCALES[match.group(2).lower()]
    except InvalidArgument as e:  # quote what was typed (100kk), not the part left after the scale
        raise InvalidArgument(name, e.message.replace(shown(match.group(1)), shown(text))) from None
    if value.denominator != 1:
        raise InvalidArgument(name, f"{shown(text)} is not a whole number of parameters")
    if not low <= value <= high:
        raise InvalidArgument(name, f"must be from {low} to {high:.0e} parameters, got {shown(text)}")
    return int(value)
