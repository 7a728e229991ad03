"""Where --from's code comes from (the code itself, a Python file, a class or function in it, or stdin), and the
names --set answers."""

import ast
import os
import re
import stat
import sys

import typer

from .. import numbers
from ..errors import InvalidArgument

MAX_FILE = 1_000_000  # bytes: a model file, not a project


def read_source(value: str) -> tuple[str, str | None]:
    """The code --from names, and the class, function or variable after a colon (FILE.py:Name, -:Name)."""
    where, entry = value, None
    match = re.fullmatch(r"(.*\.py|-):([A-Za-z_][A-Za-z0-9_]*)", value, flags=re.S)
    if match:
        where, entry = match.groups()
    if where == "-":
        return _stdin(), entry
    if where.endswith(".py") and "\n" not in where:
        return _file(where), entry
    return typed_text(value), None


def typed_text(value: str) -> str:
    """Text typed on the command line as the user typed it: in an ASCII locale (LC_ALL=C) Python keeps the bytes
    of "é" as surrogates, which are its UTF-8 bytes; anything else stays as it came."""
    try:
        return os.fsencode(value).decode("utf-8")
    except (UnicodeError, ValueError):
        return value


def _stdin() -> str:
    if sys.stdin is None:
        raise typer.BadParameter("standard input is closed", param_hint="'--from'")
    try:
        data = sys.stdin.buffer.read(MAX_FILE + 1) if hasattr(sys.stdin, "buffer") else sys.stdin.read(MAX_FILE + 1)
    except (OSError, ValueError) as e:
        raise typer.BadParameter(f"cannot read standard input: {e}", param_hint="'--from'") from None
    return _decode(data, "standard input")


def _file(path: str) -> str:
    if os.path.isdir(path):
        raise typer.BadParameter(f"{path} is a folder; give the model's .py file", param_hint="'--from'")
    if os.path.exists(path) and not stat.S_ISREG(os.stat(path).st_mode):  # a pipe or a device: never read
        raise typer.BadParameter(f"{path} is not a regular file", param_hint="'--from'")
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_FILE + 1)
    except FileNotFoundError:
        raise typer.BadParameter(f"no such file: {path}", param_hint="'--from'") from None
    except OSError as e:
        raise typer.BadParameter(f"cannot read {path}: {e.strerror or e}", param_hint="'--from'") from None
    return _decode(data, path)


def _decode(data, what: str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    if len(data) > MAX_FILE:
        raise typer.BadParameter(f"{what} is over {MAX_FILE:,} bytes; point --from at the model's own file",
                                 param_hint="'--from'")  # fmt: skip
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise typer.BadParameter(f"{what} is not UTF-8 text", param_hint="'--from'") from None


def parse_sets(items: list[str] | None) -> dict:
    """--set NAME=VALUE, repeatable: a whole number (the usual grammar, 10k included), a real, True/False/None,
    a tuple such as (None, 28), or a string."""
    values: dict = {}
    for item in items or []:
        name, sep, text = item.rpartition("=")
        name, text = name.strip(), text.strip()
        if not sep or not name or not _expression(name):
            raise typer.BadParameter(f"write NAME=VALUE (e.g. vocab_size=10000), got {item!r}", param_hint="'--set'")
        if name in values:
            raise typer.BadParameter(f"{name} is set twice", param_hint="'--set'")
        values[name] = _value(name, text)
    return values


def _expression(text: str) -> bool:
    try:
        return len(text) <= 200 and isinstance(
            ast.parse(text, mode="eval").body, (ast.Name, ast.Attribute, ast.Call, ast.Subscript)
        )
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False


def _value(name: str, text: str):
    for parse in (numbers.parse_budget,):
        try:
            return parse(name, text, numbers.MAX_BUDGET)
        except InvalidArgument:
            pass
    try:
        value = ast.literal_eval(text) if len(text) <= 200 else None
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        value = None
    if value is not None or text == "None":
        if isinstance(value, (bool, int, float, str, tuple)) or value is None:
            return value
    if re.fullmatch(r"[A-Za-z_][\w.-]*", text):
        return text  # --set activation=tanh
    raise typer.BadParameter(f"{name}: cannot read {text!r} as a number, True/False, a tuple or a name",
                             param_hint="'--set'")  # fmt: skip
