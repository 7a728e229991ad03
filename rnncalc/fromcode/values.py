"""The values the static reader works with: what the code would hold, as far as it can be known without running it.

A value is a plain Python value (numbers, strings, tuples, lists, dicts), a framework
name (:class:`Ref`), a module or layer built by the code (:mod:`.torch`, :mod:`.keras`),
a class or function the code defines, or :class:`Unknown`: what only running the code
would tell. An unknown value is harmless until a count needs it; then :func:`need`
refuses, naming where it came from and the ``--set`` that would answer it.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any

from ..errors import InvalidArgument

MAX_SIZE = 10**12  # as rnncalc.counting.params: far past any real model, and every count stays printable


class Unknown:
    """What only running the code would tell: a free name, a call rnncalc does not follow, a branch it cannot decide."""

    __slots__ = ("what", "line", "column", "settable", "builds", "via")

    def __init__(self, what: str, node: ast.AST | None, settable: bool = False, builds: bool = False):
        self.what = what  # the name or source text it stands for
        self.line = getattr(node, "lineno", 0)
        self.column = getattr(node, "col_offset", -1) + 1
        self.settable = settable  # a plain name: --set what=VALUE answers it
        self.builds = builds  # the result of a call rnncalc does not follow: it may hold parameters
        self.via = ""  # what the name was given, when that is not a name itself: len(tokens)

    def derived(self) -> Unknown:
        """What arithmetic on this unknown gives: as unknown, and never a module."""
        out = Unknown(self.what, None, settable=self.settable)
        out.line, out.column, out.via = self.line, self.column, self.via
        return out

    def named(self, name: str) -> Unknown:
        """The same unknown, held by a name the user can set (a variable or a parameter)."""
        if self.settable and self.what == name:
            return self
        named = Unknown(name, None, settable=True, builds=self.builds)
        named.line, named.column = self.line, self.column
        named.via = self.via or (self.what if self.what != name else "")
        return named

    def where(self) -> str:
        return f"line {self.line}, column {self.column}" if self.line else "the code"


class Refusal(Exception):
    """Raised inside the reader; becomes one InvalidArgument on `code` at the top."""

    def __init__(self, message: str, node: ast.AST | None = None):
        line, column = getattr(node, "lineno", None), getattr(node, "col_offset", 0)
        where = f"line {line}, column {column + 1}: " if line else ""
        super().__init__(where + message)


def set_hint(what: str) -> str:
    """The --set that answers `what`, quoted for the shell where it is an expression such as len(vocab)."""
    if all(p.isidentifier() for p in what.split(".")):
        return f"--set {what}=VALUE"
    return f"--set '{what}=VALUE'" if "'" not in what else f'--set "{what}=VALUE"'


def unknown_message(u: Unknown, purpose: str) -> str:
    answer = f"; give it with {set_hint(u.what)}" if u.settable else ""
    via = f" (it is {u.via})" if u.via else ""
    return f"{u.where()}: {purpose} needs {u.what}{via}, which is not known without running the code{answer}"


class Pending(Exception):
    """A count that waits on an unknown value: kept with the module, refused only if the total needs it."""

    def __init__(self, unknown: Unknown, purpose: str):
        super().__init__(unknown_message(unknown, purpose))
        self.unknown = unknown


def need(value, purpose: str, kind=int, low: int = 0):
    """`value` as a whole number (or `kind`) for `purpose`; an unknown one defers the count (:class:`Pending`)."""
    if isinstance(value, Unknown):
        raise Pending(value, purpose)
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise Refusal(f"{purpose} must be a whole number, got {shown_value(value)}")
        if value < low:
            raise Refusal(f"{purpose} must be at least {low}, got {value}")
        if value > MAX_SIZE:
            raise Refusal(f"{purpose} is {shown_value(value)}; rnncalc counts sizes up to 10¹²")
        return value
    if kind is bool:
        if not isinstance(value, (bool, int)) or isinstance(value, int) and value not in (0, 1):
            raise Refusal(f"{purpose} must be True or False, got {shown_value(value)}")
        return bool(value)
    if not isinstance(value, kind):
        raise Refusal(f"{purpose}: unexpected value {shown_value(value)}")
    return value


def shown_value(value) -> str:
    """A value for a message: plain values as Python writes them, the reader's own objects by what they are."""
    from ..errors import shown

    if value is None or isinstance(value, (bool, int, float, str, tuple, list, dict)):
        return shown(value)
    return {"Function": "a function", "Class": "a class", "Instance": "an object", "Ref": "a framework name"}.get(
        type(value).__name__, f"a {type(value).__name__.replace('Torch', '').replace('Keras', '').lower()}"
    )


def refuse(message: str) -> InvalidArgument:
    return InvalidArgument("code", message)


class Unordered(tuple):
    """A set's items: their number is known, their order is CPython's hash order, which changes from run to run."""


@dataclass(frozen=True)
class Ref:
    """A name in a framework, e.g. ``torch.nn.LSTM`` or ``keras.layers.Dense``, written canonically."""

    path: str


@dataclass(eq=False)
class TensorShape:
    """A tensor the code makes (``torch.zeros(3, 4)``): only its shape matters, for ``nn.Parameter`` and friends."""

    shape: tuple


@dataclass(eq=False)
class Function:
    node: ast.FunctionDef
    scope: Any  # the interpreter's Scope it was defined in (typed loosely: values know nothing of the reader)
    bound: Any = None  # self, for a method
    owner: Class | None = None  # the Class defining it, for super()
    defaults: list = field(default_factory=list)
    kw_defaults: list = field(default_factory=list)


@dataclass(eq=False)
class Class:
    node: ast.ClassDef
    name: str
    bases: list  # Class or Ref values
    attrs: dict = field(default_factory=dict)  # class-level assignments and methods

    def lookup(self, name: str):
        for klass in self.mro():
            if name in klass.attrs:
                return klass.attrs[name]
        return None

    def mro(self):
        yield from self.linearized()

    def linearized(self) -> list:
        """Python's method resolution order (C3) over the code's own classes."""
        sequences = [base.linearized() for base in self.bases if isinstance(base, Class)]
        sequences.append([b for b in self.bases if isinstance(b, Class)])
        order = [self]
        while any(sequences):
            for seq in sequences:
                head = seq[0] if seq else None
                if head is not None and not any(head in other[1:] for other in sequences):
                    break
            else:
                return order + [k for seq in sequences for k in seq if k not in order]  # inconsistent: Python refuses
            order.append(head)
            sequences = [seq[1:] if seq and seq[0] is head else seq for seq in sequences]
        return order

    def framework_base(self) -> str | None:
        """The framework class it extends: torch.nn.Module, keras.Model, keras.layers.Layer, or None."""
        for klass in self.mro():
            for base in klass.bases:
                if isinstance(base, Ref):
                    return base.path
        return None


@dataclass(eq=False)
class Instance:
    """An object of a plain class the code defines (a config, say): its attributes."""

    klass: Class
    attrs: dict = field(default_factory=dict)
