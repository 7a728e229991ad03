"""The command line: options in, a core call, a view, the output layer. See :mod:`rnncalc.cli.app` (the
root), :mod:`rnncalc.cli.failures` (exit codes) and :mod:`rnncalc.cli.common`.

`main` is the console script. It answers Ctrl-C before it loads anything, so
an interrupt at any moment after that ends with exit 130 and no traceback (SIGTERM
and SIGHUP with 143 and 129, after the same clean-up: no temporary file is left),
even one Python swallows (raised in a callback during an import). Only the
interpreter's own few milliseconds before `main` runs are beyond its reach.

Annotations in the command line and in the modules `params` loads are objects, not
strings (no ``from __future__ import annotations``): Typer evaluates each string
annotation twice per command it builds, and `typing.NamedTuple` compiles one per
field. Building every command for ``--help`` took 24 ms with strings, 9 ms without.
"""

import sys

_interrupted: list[bool] = []  # set by Ctrl-C, even where Python swallows the KeyboardInterrupt it raises


def main() -> None:
    try:
        _catch_ctrl_c()
        _calm_environment()
        from .completion import answer

        if (code := answer(sys.argv)) is not None:
            sys.exit(code)
        from .app import build

        build(sys.argv[1:2])()
    except KeyboardInterrupt:
        sys.exit(130)


def interrupted() -> bool:
    """Whether Ctrl-C came, even if its KeyboardInterrupt was lost (raised inside a callback during an import)."""
    return bool(_interrupted)


def _catch_ctrl_c() -> None:
    import signal

    def on_ctrl_c(signum, frame):
        _interrupted.append(True)
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, on_ctrl_c)

    def on_termination(signum, frame):  # SIGTERM, SIGHUP: unwind, so a plot's temporary file is removed
        raise SystemExit(128 + signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), on_termination)
    default = sys.unraisablehook
    sys.unraisablehook = lambda u: None if issubclass(u.exc_type, KeyboardInterrupt) else default(u)


_BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS")


def _calm_environment() -> None:
    """A sane width: COLUMNS=0 or -5 means "unknown", not "nothing fits". One OpenBLAS thread under an
    address-space limit (``ulimit -v``): each thread it starts with NumPy reserves tens of MiB of it, and
    OpenBLAS ends the process from C when it runs out (the products use one thread there anyway)."""
    import os

    from ..guard import address_space_limit

    if address_space_limit() is not None and not any(v in os.environ for v in _BLAS_THREADS):
        os.environ["OPENBLAS_NUM_THREADS"] = "1"
    columns = os.environ.get("COLUMNS")
    if columns is not None and not (columns.isascii() and columns.strip().isdigit() and 20 <= int(columns) <= 1000):
        del os.environ["COLUMNS"]
