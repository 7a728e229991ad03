"""The one place every failure becomes a line on stderr and an exit code.

exit 0    success, or a closed pipe (`rnncalc … | head -1`: the reader has what it wanted)
exit 1    the run could not finish: stdout closed or full, a plot file not written, no matplotlib, out of memory
exit 2    a bad call: a bad value, an option that does not apply, a run over the limits
exit 3    `--expect N` and N is not the answer
exit 130  Ctrl-C
"""

import errno
import os
import re
import sys

import typer
from typer.core import TyperGroup

from ..errors import InvalidArgument
from ..guard import NoRoom, limited

# Typer carries its own Click; reach its exceptions without importing it: the base, and the usage error (exit 2,
# no option named: an option missing, say).
_ClickException = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
UsageError = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")
EXIT_MISMATCH = 3  # `--expect N` and N is not the answer


def say(message: str) -> None:
    """One line on stderr, readable on any terminal; nothing if stderr itself is gone."""
    try:
        _say(message)
    except MemoryError:  # the process is out of memory: what can still be written without allocating
        try:
            os.write(2, b"rnncalc: error: out of memory\n")
        except OSError:
            pass


def _say(message: str) -> None:
    from ..output.terminals import ascii_text, can_encode, usable_encoding

    message = " ".join(message.split())
    message = re.sub(r"\S{61,}", lambda m: m.group()[:57] + "…", message)  # a huge value is not echoed back whole
    stream = sys.stderr
    if stream is None:
        return
    if not can_encode(getattr(stream, "encoding", None)):
        message = ascii_text(message)
    line = f"rnncalc: {message}\n"
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            stream.write(line)
        else:  # as bytes: a codec that cannot write a line (idna) must not swallow it
            stream.flush()
            buffer.write(line.encode(usable_encoding(getattr(stream, "encoding", None)), "replace"))
            buffer.flush()
        stream.flush()
    except (OSError, ValueError):
        pass


_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG, errno.EBADF, errno.EPIPE}


def raise_internal(e: Exception):
    """A bug: one line and exit 1 (RNNCALC_DEBUG=1 shows the traceback)."""
    if os.environ.get("RNNCALC_DEBUG"):
        raise e
    say(f"internal error: {type(e).__name__}: {e} (please report it with the command you ran)")
    sys.exit(1)


def _was_interrupted() -> bool:
    from . import interrupted

    return interrupted()


def _flush_stdout() -> None:
    """Help and --version are printed by Click: their last bytes leave here, inside the error handling."""
    if sys.stdout is not None:
        sys.stdout.flush()


def _silence_stdout() -> None:
    from ..output.emit import silence

    if sys.stdout is not None:
        silence(sys.stdout)


def _stderr_text(text: str) -> None:
    try:
        sys.stderr.write(text + "\n")
        sys.stderr.flush()
    except (AttributeError, OSError, ValueError):
        pass


_SMALLER = {  # what makes each command's run smaller
    "gradflow": "lower --steps, --trials or --hidden",
    "gates": "lower --steps, --trials or --hidden",
    "sweep": "lower --steps, --trials, --hidden or the number of values",
    "fsm": "lower --length or --random, or classify a shorter string",
}


def _smaller_run(words: list[str]) -> str:
    """What to change after an out-of-memory failure: the memory limit set (ulimit -v, -d), and the run's sizes."""
    from ..guard import human_bytes, room

    command = next((w for w in words if not w.startswith("-")), "")
    smaller = _SMALLER.get(command, "ask for a smaller run")
    try:
        left = room()
    except MemoryError:  # not even room to read the limits
        return smaller
    return smaller if left is None else f"raise {left.name} ({human_bytes(left.limit)} now), or {smaller}"


class OneLineErrors(TyperGroup):
    """Every failure as a single stderr line and a documented exit code, never a panel or a traceback."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        from ..errors import OutputClosed, OutputFailed, PlotFailed, PlotUnavailable

        words = sys.argv[1:] if args is None else list(args)
        if sys.stdout is None and (not words or {"--help", "-h", "--version"} & set(words)):
            say("error: cannot write the output: standard output is closed")
            sys.exit(1)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            _flush_stdout()
            if _was_interrupted():  # a Ctrl-C whose KeyboardInterrupt Python swallowed
                sys.exit(130)
        except _ClickException as e:
            if type(e).__name__ == "NoArgsIsHelpError":  # bare `rnncalc` or `rnncalc sweep`: a usage mistake
                _stderr_text(e.ctx.get_help())
                sys.exit(2)
            message = e.format_message()
            if message.startswith("No such command"):
                ctx = getattr(e, "ctx", None)  # the group the word was looked up in: rnncalc, or rnncalc sweep
                group, where = (ctx.command, ctx.command_path) if ctx else (self, "rnncalc")
                message += f" Commands: {', '.join(getattr(group, 'commands', self.commands))} (see {where} --help)."
            say(f"error: {message}")
            sys.exit(e.exit_code)
        except (typer.Abort, KeyboardInterrupt):
            sys.exit(130)
        except (OutputClosed, BrokenPipeError):
            _silence_stdout()
            sys.exit(0)
        except SystemExit as e:  # Click exits 1 on a closed pipe while printing help; the reader had what it wanted
            if e.code == 1 and type(sys.stdout).__name__ == "PacifyFlushWrapper":
                sys.exit(0)
            raise
        except (OutputFailed, PlotFailed) as e:
            say(f"error: cannot write the output: {e}" if isinstance(e, OutputFailed) else f"error: {e}")
            sys.exit(1)
        except PlotUnavailable as e:
            say(f"error: {e}")
            sys.exit(1)
        except OSError as e:  # help or a message that could not be written (a full disk, a closed stream)
            if e.errno not in _OUTPUT_ERRNOS:
                raise_internal(e)
            _silence_stdout()
            say(f"error: cannot write the output: {e.strerror or e}")
            sys.exit(1)
        except NoRoom as e:
            say(f"error: out of memory: {e}")
            sys.exit(1)
        except MemoryError:
            say(f"error: out of memory; {_smaller_run(words)}")
            sys.exit(1)
        except InvalidArgument as e:  # a core refusal outside core_errors(): still the user's input
            say(f"error: {e}")
            sys.exit(2)
        except (ImportError, SystemError) as e:  # under a memory limit: a library that could not map itself
            if not limited():
                raise_internal(e)
            say(f"error: out of memory; {_smaller_run(words)}")
            sys.exit(1)
        except Exception as e:  # a bug: say so in one line (RNNCALC_DEBUG=1 shows the traceback)
            if _was_interrupted():  # Ctrl-C inside a library (matplotlib, an import) can surface as its own error
                sys.exit(130)
            raise_internal(e)
        sys.exit(code if isinstance(code, int) else 0)
