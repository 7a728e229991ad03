"""What the static reader knows of values and code, apart from following it: sizes and the bounds on them,
which values hold layers, which decorators and context managers it follows, Python's operators on plain values,
and the refusals of code that raises."""

from __future__ import annotations

import ast
import re

from . import keras as K
from . import pytorch as T
from .values import Class, Ref, Refusal, Unknown

MAX_ITEMS = 100_000  # the longest list, string or range it builds
MAX_BITS = 256  # integers past 2²⁵⁶ are not sizes


class _Parameter:
    """nn.Parameter(tensor): its size (or why it is not known); one tensor however often it is registered."""

    def __init__(self, size: int, pending: str | None = None):
        self.size, self.pending = size, pending
        self._module: T.TorchModule | None = None

    def module(self, line: int) -> T.TorchModule:
        if self._module is None:
            self._module = T.TorchModule("Parameter", line, own=self.size, pending=self.pending)
        return self._module


class Raised(Refusal):
    """A raise statement reached: caught by a try around it, else the code fails when followed this way."""

    def __init__(self, node: ast.Raise):
        exc = _source(node.exc) if node.exc else "an exception"
        super().__init__(f"the code raises {exc} here when followed with these values", node)
        self.node = node


_FOLLOWED_DECORATORS = frozenset(
    "staticmethod classmethod property dataclass abstractmethod wraps no_grad ignore unused export overload "
    "override final".split()
)


def _unfollowed_decorators(node: ast.FunctionDef | ast.ClassDef) -> bool:
    names = ((_dotted(d.func if isinstance(d, ast.Call) else d) or "?").rsplit(".", 1)[-1] for d in node.decorator_list)
    return any(name not in _FOLLOWED_DECORATORS for name in names)


def _own_nodes(node: ast.AST):
    """The nodes of a function's own body, not of the functions and classes defined inside it."""
    for child in ast.iter_child_nodes(node):
        if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            yield child
            yield from _own_nodes(child)


def _benign_manager(manager) -> bool:
    """torch.no_grad(), open(…), warnings.catch_warnings(): entered and left, never swallowing an exception."""
    if not isinstance(manager, Ref) or "suppress" in manager.path:
        return False
    return manager.path.split(".")[0] in ("torch", "builtins", "warnings", "keras", "tensorflow")


def taint(values, why: str) -> None:
    """Modules and layers handed to code rnncalc does not follow: that code may change them, so counting one is
    refused (weight_norm(m), register_parametrization(m, …), a helper from another file)."""
    for value in values if isinstance(values, (list, tuple)) else [values]:
        if isinstance(value, dict):
            taint(list(value.values()), why)
        elif isinstance(value, (list, tuple)):
            taint(value, why)
        elif isinstance(value, (T.TorchModule, K.KerasLayer)):
            kind = "module" if isinstance(value, T.TorchModule) else "layer"
            value.pending = value.pending or f"{why} may change this {kind}, and rnncalc does not follow it"


def _holds_layers(value, depth: int = 0) -> bool:
    """Whether a value is, or holds, a module, layer or parameter, or a class that makes them (nn.Linear)."""
    if isinstance(value, Ref):
        return value.path.startswith(("torch.nn.", "keras"))
    if isinstance(value, (T.TorchModule, K.KerasLayer, K.KerasModel, _Parameter, Class)):
        return True
    if isinstance(value, Unknown):
        return value.builds
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple)) and depth < 20:
        return any(_holds_layers(v, depth + 1) for v in value)
    return False


def decorated(node: ast.FunctionDef | ast.ClassDef, name: str) -> bool:
    """Whether a decorator of `node` is `name` (@dataclass, @dataclasses.dataclass(frozen=True), @staticmethod…)."""
    names = (_dotted(d.func if isinstance(d, ast.Call) else d) or "" for d in node.decorator_list)
    return any(n.rsplit(".", 1)[-1] == name for n in names)


def _plain(value) -> bool:
    return value is None or isinstance(value, (bool, int, float, str, tuple, list, dict))


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _hashable(value) -> bool:
    return isinstance(value, (bool, int, float, str, tuple)) or value is None


def _iterable(value) -> bool:
    return isinstance(value, (range, tuple, list, dict, str)) or (
        isinstance(value, T.TorchModule) and value.kind != "module"
    )


def _size(value, limit: int = 1_000_000) -> int:
    """How many items and characters a value holds, nested lists included (counted up to `limit`)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        value = list(value.values())
    if not isinstance(value, (list, tuple, range)):
        return 1
    if isinstance(value, range):
        return len(value)
    total = len(value)
    for item in value:
        if total > limit:
            break
        if isinstance(item, (list, tuple, dict, str)):
            total += _size(item, limit - total)
    return total


class Budget:
    """The items all the lists, strings and tuples a reading builds may hold together (one list's bound alone
    lets a comprehension build 10¹⁰)."""

    MAX_CELLS = 5_000_000
    cells = 0


def _bounded(length: int, node) -> None:
    if length > MAX_ITEMS:
        raise Refusal(f"builds a sequence of {length:,} items; rnncalc follows at most {MAX_ITEMS:,}", node)
    Budget.cells += length
    if Budget.cells > Budget.MAX_CELLS:
        raise Refusal(f"builds more than {Budget.MAX_CELLS:,} items in all; point --from at the model", node)


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return None if base is None else f"{base}.{node.attr}"
    return None


def _source(node: ast.AST) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 40 else text[:39] + "…"


_WIDE = re.compile(r"[%:][^%{}]*?(\d{4,}|\*|\{)")  # a width of 1000 or more, or one given at run time


def _truediv(a, b):
    return a / b


_BINARY = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: _truediv,
    ast.FloorDiv: lambda a, b: a // b,
    ast.Mod: lambda a, b: a % b,
    ast.Pow: lambda a, b: a**b,
    ast.LShift: lambda a, b: a << b if b <= MAX_BITS else 1 / 0,
    ast.RShift: lambda a, b: a >> b,
    ast.BitOr: lambda a, b: a | b,
    ast.BitAnd: lambda a, b: a & b,
}


_COMPARE = {
    ast.Eq: lambda a, b: a == b,
    ast.NotEq: lambda a, b: a != b,
    ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b,
    ast.Gt: lambda a, b: a > b,
    ast.GtE: lambda a, b: a >= b,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
    ast.Is: lambda a, b: a is b,
    ast.IsNot: lambda a, b: a is not b,
}
