"""What every command body shares: a core's refusal named by the option typed, the guard charged with the
output, and the one ending (the plot file, then the report).
"""

import re
import sys
from contextlib import contextmanager

import typer

from ..errors import InvalidArgument
from .failures import EXIT_MISMATCH

_OPTION = {
    "input_size": "--in",
    "output_size": "--out",
    "configs": "--cell",
    "parameter": "RANGE",
    "code": "--from",
    "expected": "--expect",
}


def typed(ctx: typer.Context, key: str) -> bool:
    """Whether the user typed this option (rather than leaving its default)."""
    source = ctx.get_parameter_source(key)
    return source is not None and source.name == "COMMANDLINE"


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


# Bytes per (run, lag) point that printing takes beyond the core's own estimate (its POINT_BYTES: the result),
# measured with 200 runs × 2,001 lags: JSON's dicts and text 1.0 KiB, CSV's rows 0.12,
# a plot's figure 0.22; -q and the tables sample what they print.
OUTPUT_BYTES = {"json": 1200, "csv": 450, "plot": 300}


def charge_output(cost, points: int, fmt, quiet: bool, plot: bool, limits) -> None:
    """The guard, with what printing this many points in this format will hold on top of the run."""
    from ..guard import LOADING, Cost, check

    extra = (0 if quiet else OUTPUT_BYTES.get(getattr(fmt, "value", fmt), 0)) + (OUTPUT_BYTES["plot"] if plot else 0)
    library = LOADING["matplotlib"] if plot and "matplotlib" not in sys.modules else 0  # loaded after the run
    check(Cost(cost.seconds, cost.memory + extra * points + library, cost.time_culprit, cost.memory_culprit), limits)


def finish(report, fmt, quiet: bool, *, plot=None, right: bool | None = None) -> None:
    """The one ending of every command. The report goes to stdout; a plot (`plot`: its checked target) is drawn
    beside its target and put in place only once the report is out, so a run whose output fails never replaces
    an old plot; a wrong answer to --expect (`right` False) exits 3, even if the reader closed the pipe early (a
    grading script must never read a wrong answer as right). A reader that closed the pipe had what it wanted:
    the run succeeded, and its plot is written."""
    from ..errors import OutputClosed, OutputFailed
    from ..output.emit import emit

    if plot is not None and sys.stdout is None:
        raise OutputFailed("standard output is closed")
    with _staged(plot, report.figure) as commit:
        try:
            emit(report, fmt, quiet)
        except OutputClosed:
            commit()
            if right is False:
                raise typer.Exit(EXIT_MISMATCH) from None
            raise
        commit()
    if right is False:
        raise typer.Exit(EXIT_MISMATCH)


@contextmanager
def _staged(target, figure):
    """The plot's commit, or nothing to commit when no plot was asked for."""
    if target is None:
        yield lambda: None
        return
    from ..output.plot import staged

    with staged(target, figure) as commit:
        yield commit


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
