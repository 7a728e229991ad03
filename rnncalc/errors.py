"""The one error the cores raise for a bad argument, and the checks that raise it.

Every public function validates its arguments with these checks, so a bad
value is refused the same way from Python and from the command line: an
:class:`InvalidArgument` (a ``ValueError``) naming the argument.
"""

import math
from typing import Collection


class InvalidArgument(ValueError):
    """An argument outside what a core accepts.

    `name` is the keyword argument's name (``hidden``, ``input_size``…) and
    `mentions` the other arguments the message names; the CLI turns each into
    the option the user types, so both audiences get the same sentence.
    """

    def __init__(self, name: str, message: str, mentions: tuple[str, ...] = ()):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message
        self.mentions = mentions


def shown(value: object, limit: int = 40) -> str:
    """A value for an error message: its repr, cut to `limit` characters with its length said."""
    try:
        text = repr(value)
    except ValueError:  # an int past Python's 4,300-digit conversion limit
        digits = int(value.bit_length() * 0.30103) if isinstance(value, int) else 0
        text = f"<an integer of about {digits:,} digits>"
    if len(text) <= limit:
        return text
    return f"{text[: limit - 1]}… ({len(text):,} characters)"


def printable(text: str, limit: int = 200) -> str:
    """Text from outside (a file's name, the names inside it) as it may reach a terminal: every control or
    otherwise unprintable character as its escape (\\x1b), cut to `limit` characters with its length said."""
    out = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return out if len(out) <= limit else f"{out[: limit - 1]}… ({len(out):,} characters)"


def check_int(name: str, value: object, low: int, high: int) -> int:
    """A whole number in [low, high]; bool is not a number."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgument(name, f"must be a whole number, got {shown(value)}")
    if not low <= value <= high:
        raise InvalidArgument(name, f"must be from {low:,} to {high:,}, got {shown(value)}")
    return value


def check_float(name: str, value: object, low: float, high: float) -> float:
    """A finite real number in [low, high] (ints accepted); bool is not a number."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidArgument(name, f"must be a number, got {shown(value)}")
    try:
        number = float(value)
    except OverflowError:  # an int past the largest float
        raise InvalidArgument(name, f"{shown(value)} is larger than any float (1.8e308)") from None
    if not (math.isfinite(number) and low <= number <= high):
        raise InvalidArgument(name, f"must be from {low:g} to {high:g}, got {shown(value)}")
    return number + 0.0  # -0.0 is 0.0


def check_bool(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidArgument(name, f"must be True or False, got {shown(value)}")
    return value


def check_choice(name: str, value: object, choices: Collection[str]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise InvalidArgument(name, f"choose from {', '.join(choices)}; got {shown(value)}")
    return value


class OutputClosed(Exception):
    """The reader of stdout went away (`| head -1`): the answer was not wanted in full. Not an error."""


class OutputFailed(Exception):
    """stdout cannot be written: closed, or the device is full."""


class PlotUnavailable(Exception):
    """matplotlib is not installed."""


class PlotFailed(Exception):
    """The plot file could not be written (the message says why)."""
