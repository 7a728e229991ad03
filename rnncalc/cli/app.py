"""The Typer application, and the one place every failure becomes a line on stderr and an exit code.

exit 0    success, or a closed pipe (`rnncalc … | head -1`: the reader has what it wanted)
exit 1    the run could not finish: stdout closed or full, a plot file not written, no matplotlib, out of memory
exit 2    a bad call: a bad value, an option that does not apply, a run over the limits
exit 3    `--expect N` and N is not the answer
exit 130  Ctrl-C
"""

from __future__ import annotations

import errno
import os
import re
import sys
from contextlib import contextmanager

import typer
from typer.core import TyperGroup

from .. import __version__
from ..errors import InvalidArgument

# Typer carries its own Click; reach its base exception without importing it.
_ClickException = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
EXIT_MISMATCH = 3  # `--expect N` and N is not the answer
_OPTION = {
    "input_size": "--in",
    "output_size": "--out",
    "configs": "--cell",
    "parameter": "RANGE",
    "code": "--from",
    "expected": "--expect",
}


def say(message: str) -> None:
    """One line on stderr, readable on any terminal; nothing if stderr itself is gone."""
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
        except MemoryError:
            say("error: out of memory; lower --steps, --trials or --hidden, or --max-memory")
            sys.exit(1)
        except InvalidArgument as e:  # a core refusal outside core_errors(): still the user's input
            say(f"error: {e}")
            sys.exit(2)
        except Exception as e:  # a bug: say so in one line (RNNCALC_DEBUG=1 shows the traceback)
            raise_internal(e)
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    cls=OneLineErrors,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=True,
    help="Calculator and analyser for recurrent neural networks: exact parameter counts, gradient flow "
    "through time, gates, sizes for a budget, finite-state machines.",
)


def only(first: list[str]) -> None:
    """Keep just the command about to run: Typer builds every registered command's options at start-up.

    Help, completion and a mistyped command keep them all, so they can list them.
    """
    if not first or os.environ.get("_RNNCALC_COMPLETE"):
        return
    named = {(c.name or c.callback.__name__).replace("_", "-"): c for c in app.registered_commands}
    groups = {g.name: g for g in app.registered_groups}
    if first[0] in named:
        app.registered_commands, app.registered_groups = [named[first[0]]], []
    elif first[0] in groups:
        app.registered_commands, app.registered_groups = [], [groups[first[0]]]


def option_name(core_name: str, names: dict | None = None) -> str:
    """The option a core argument comes from: input_size → --in, burn_in → --burn-in."""
    names = {**_OPTION, **(names or {})}
    return names.get(core_name, core_name if core_name.isupper() else "--" + core_name.replace("_", "-"))


@contextmanager
def core_errors(names: dict | None = None, sources: dict | None = None):
    """A core's refusal (InvalidArgument) as a usage error on the option the user typed (`names`: overrides;
    `sources`: arguments another option set, such as --from's sizes: named there, the argument said first)."""
    try:
        yield
    except InvalidArgument as e:
        if sources and e.name in sources:
            raise typer.BadParameter(f"{e.name} {e.message}", param_hint=f"'{sources[e.name]}'") from None
        message = e.message
        for mentioned in e.mentions:  # whole words only: a mention is an argument's name
            message = re.sub(rf"\b{re.escape(mentioned)}\b", option_name(mentioned, names), message)
        raise typer.BadParameter(message, param_hint=f"'{option_name(e.name, names)}'") from None


def _version(value: bool) -> None:
    if value:
        print(f"rnncalc {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Calculator and analyser for recurrent neural networks."""


def emit_answer(report, fmt, quiet: bool, right: bool | None) -> None:
    """Emit a report that checks an answer: exit 3 when it is wrong, even if the reader closed the pipe early
    (a grading script must never read a wrong answer as right)."""
    from ..errors import OutputClosed
    from ..output.emit import emit

    try:
        emit(report, fmt, quiet)
    except OutputClosed:
        if right is False:
            raise typer.Exit(EXIT_MISMATCH) from None
        raise
    if right is False:
        raise typer.Exit(EXIT_MISMATCH)


# Bytes per (run, lag) point that printing takes beyond the core's own estimate (its POINT_BYTES: the result),
# measured with 200 runs × 2,001 lags: JSON's dicts and text 1.0 KiB, CSV's rows 0.12,
# a plot's figure 0.22; -q and the tables sample what they print.
OUTPUT_BYTES = {"json": 1200, "csv": 450, "plot": 300}


def charge_output(cost, points: int, fmt, quiet: bool, plot: bool, limits) -> None:
    """The guard, with what printing this many points in this format will hold on top of the run."""
    from ..guard import Cost, check

    extra = (0 if quiet else OUTPUT_BYTES.get(getattr(fmt, "value", fmt), 0)) + (OUTPUT_BYTES["plot"] if plot else 0)
    check(Cost(cost.seconds, cost.memory + extra * points, cost.time_culprit, cost.memory_culprit), limits)


def emit_with_plot(report, fmt, quiet: bool, target) -> None:
    """The shared ending of a command that can plot: the plot file (only if the output can be written at all, so a
    failing run never replaces an old plot), then the report on stdout."""
    from ..errors import OutputFailed
    from ..output.emit import emit

    if target is not None:
        if sys.stdout is None:
            raise OutputFailed("standard output is closed")
        from ..output.plot import write

        write(target, report.figure)
    emit(report, fmt, quiet)


@contextmanager
def progress_bar(seconds: float):
    """A callback taking the fraction done: a bar on a terminal's stderr when the work takes over ~1 s."""
    if not (sys.stderr is not None and sys.stderr.isatty() and seconds > 1.0):
        yield lambda _: None
        return
    from rich.progress import Progress

    from ..output.emit import error_console

    with Progress(console=error_console(), transient=True) as bar:
        task = bar.add_task("simulating", total=1.0)
        yield lambda fraction: bar.update(task, completed=fraction)


from . import commands, sweep  # noqa: E402,F401  (registers the commands on `app`)
