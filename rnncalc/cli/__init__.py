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

import os
import sys

try:
    import resource
except ImportError:  # not on Windows
    resource = None  # type: ignore[assignment]

_interrupted: list[bool] = []  # set by Ctrl-C, even where Python swallows the KeyboardInterrupt it raises


def main() -> None:
    try:
        _catch_ctrl_c()
        _calm_environment()
        _ascii_where_needed()
        from .completion import answer

        if (code := answer(sys.argv)) is not None:
            sys.exit(code)
        from .app import build

        build(sys.argv[1:2])()
    except KeyboardInterrupt:
        sys.exit(130)
    except (MemoryError, SystemError, ImportError) as e:  # loading Typer under a memory limit too small for it
        if not isinstance(e, MemoryError) and not _memory_limited():
            raise
        os.write(2, b"rnncalc: error: out of memory\n")  # what can be written without memory
        raise SystemExit(1) from None


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


_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")  # OpenBLAS's (NumPy's) and OpenMP's (torch's)
FEW_PROCESSES = 256  # a process limit (ulimit -u) below which the libraries start no threads


def _calm_environment() -> None:
    """A sane width: COLUMNS=0 or -5 means "unknown", not "nothing fits".

    One thread for OpenBLAS and OpenMP under a memory limit (``ulimit -v``, ``ulimit -d``) or a small process
    limit (``ulimit -u``): each thread they start takes tens of MiB or a process slot, and when they cannot they
    end the process from C in their own words (rnncalc's products use one thread there anyway). A thread count
    that is not a positive whole number is dropped (libgomp complains of it on stderr)."""
    for name in _THREADS:
        value = os.environ.get(name, "1").strip()
        if not (value.isascii() and value.isdigit() and int(value) > 0):
            del os.environ[name]
    if _memory_limited() or _few_processes():
        os.environ.update(dict.fromkeys(_THREADS, "1"))
    columns = os.environ.get("COLUMNS")
    if columns is not None and not (columns.isascii() and columns.strip().isdigit() and 20 <= int(columns) <= 1000):
        del os.environ["COLUMNS"]


def _ascii_where_needed() -> None:
    """Help and messages in ASCII where a stream cannot carry their symbols (σ, −: ASCII, latin-1, cp1252), as
    the reports already are: Click would write UTF-8 to an ASCII stream, and fail on a latin-1 one."""
    from ..output.terminals import AsciiStream, can_encode

    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is not None and not can_encode(getattr(stream, "encoding", None)):
            setattr(sys, name, AsciiStream(stream))


def _memory_limited() -> bool:
    """guard.limited, asked without importing anything: it is asked when memory has run out."""
    return resource is not None and any(
        resource.getrlimit(r)[0] != resource.RLIM_INFINITY for r in (resource.RLIMIT_AS, resource.RLIMIT_DATA)
    )


def _few_processes() -> bool:
    if resource is None:
        return False
    soft = resource.getrlimit(resource.RLIMIT_NPROC)[0]
    return soft != resource.RLIM_INFINITY and soft < FEW_PROCESSES and os.geteuid() != 0  # root is not held to it
