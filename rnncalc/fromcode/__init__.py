"""Read a model from the code that builds it, safely: parsed with :mod:`ast` and followed statically, never run.

What it reads (PyTorch and Keras 3 / tf.keras; the framework of every name is decided
by the code's imports, and ``nn.``, ``torch.nn.``, ``layers.``, ``keras.layers.``,
``tf.keras.layers.`` are understood without them; a bare ``LSTM`` that nothing imports
is refused, never guessed):

- a constructor call (``nn.LSTM(28, 128)``), pasted ``__init__`` lines (``self.x = …``,
  indented or not), an ``nn.Module`` class (its ``__init__``, with its defaults, helper
  methods, ``super().__init__``, base classes of the code's own), a whole file, a Keras
  ``Sequential`` (a list, or ``model.add``), a functional graph, a function that builds
  a model;
- values: literals, module-level constants, arithmetic, tuples, lists, dicts,
  comprehensions, ``if`` on known conditions, ``for`` over known ranges, ``len`` of what
  is known, attributes set earlier; ``--set NAME=VALUE`` (``values``) answers a name
  only running the code would tell, and wins over every assignment to it;
- PyTorch modules: see :mod:`.pytorch`; Keras layers: see :mod:`.keras`.

A count that needs a value the code does not fix is refused with its line, column and
the ``--set`` that answers it; a layer rnncalc cannot count is refused by name. Nothing
is skipped silently.
"""

from __future__ import annotations

import ast
import textwrap

from ..counting.params import MAX_SIZE
from ..errors import InvalidArgument, check_int, shown
from .interpreter import Interpreter
from .model import Model, ModuleRow, RecurrentLayer, single_network, summarise
from .pytorch import TorchModule
from .values import Refusal

__all__ = ["Model", "ModuleRow", "RecurrentLayer", "read_model", "read_network"]

MAX_CODE = 1_000_000  # characters: a large model file, not a program's whole source tree


def read_model(code: str, entry: str | None = None, values: dict | None = None, input_size: int | None = None) -> Model:
    """The model `code` defines: every module, the recurrent layers and the exact total.

    `entry` names the class, function or variable that is the model (otherwise the one
    the code builds, or the one class or function it defines); `values` answers names
    only running the code would tell; `input_size` is the input features of a Keras
    model that does not state them.

    >>> m = read_model("rnn = nn.LSTM(28, 128, num_layers=2)\\nhead = nn.Linear(128, 10)")
    >>> m.total, [r.path for r in m.modules]
    (214282, ['rnn', 'head'])
    """
    text = _text(code)
    values = _values(values)
    if entry is not None and not (isinstance(entry, str) and entry.isidentifier()):
        raise InvalidArgument(
            "entry", f"give the name of a class, function or variable in the code, got {shown(entry)}"
        )
    if input_size is not None:
        check_int("input_size", input_size, 1, MAX_SIZE)
    try:
        tree = ast.parse(text, mode="exec")
    except SyntaxError as e:
        raise InvalidArgument("code", f"not valid Python at line {e.lineno}, column {e.offset}: {e.msg}") from None
    except (RecursionError, MemoryError):
        raise InvalidArgument("code", "nested too deeply to read") from None
    reader = Interpreter(values)
    if _uses_self(tree):  # pasted __init__ lines: self is the module they build
        reader.globals.vars["self"] = reader.pasted = TorchModule("the pasted module", 1)
    try:
        reader.run(tree.body, reader.globals)
        model = summarise(reader, entry, input_size)
        unread = [name for name in values if name not in reader.read_pinned]
        if unread:
            raise Refusal(f"--set {unread[0]}: the code never reads {unread[0]} (a misspelt name?)")
        return model
    except Refusal as r:
        raise InvalidArgument("code", str(r)) from None
    except RecursionError:
        raise InvalidArgument("code", "nested too deeply to read") from None
    except InvalidArgument as e:  # a size the counting core refuses (past 10¹², say)
        raise InvalidArgument("code", e.message) from None


def read_network(
    code: str, entry: str | None = None, values: dict | None = None, input_size: int | None = None
) -> dict:
    """The one recurrent network (and output layer) the code builds, as :func:`rnncalc.count_params` arguments.

    >>> read_network("nn.GRU(10, 20, 2)")["layers"]
    2
    """
    model = read_model(code, entry, values, input_size)
    try:
        return single_network(model)
    except Refusal as r:
        raise InvalidArgument("code", str(r)) from None


def _uses_self(tree: ast.Module) -> bool:
    for statement in tree.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        if any(isinstance(n, ast.Name) and n.id == "self" for n in ast.walk(statement)):
            return True
    return False


def _text(code) -> str:
    if not isinstance(code, str) or not code.strip():
        raise InvalidArgument("code", f"give the model's code, e.g. 'nn.LSTM(28, 128)', got {shown(code)}")
    if len(code) > MAX_CODE:
        raise InvalidArgument(
            "code", f"{len(code):,} characters; at most {MAX_CODE:,} (the model's file, not a project)"
        )
    try:
        code.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidArgument("code", "not text: it holds characters that are not UTF-8") from None
    if "\x00" in code:
        raise InvalidArgument("code", "not text: it holds a NUL byte")
    return textwrap.dedent(code.replace("\r\n", "\n")).strip("\n") + "\n"


def _values(values) -> dict:
    if values is None:
        return {}
    if not isinstance(values, dict):
        raise InvalidArgument("values", f"must be a dict of names to values, got {shown(values)}")
    out = {}
    for name, value in values.items():
        try:
            key = (
                ast.unparse(ast.parse(name.strip(), mode="eval"))
                if isinstance(name, str) and len(name) <= 200
                else None
            )
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            key = None
        if key is None:
            raise InvalidArgument("values", f"{shown(name)} is not a Python name or expression")
        if not (value is None or isinstance(value, (bool, int, float, str, tuple))):
            raise InvalidArgument("values", f"{name}: give a number, True/False, None, a string or a tuple")
        out[key] = value
    return out
