"""`rnncalc fsm`: a second-order RNN that runs a DFA, proved stable and checked."""

from typing import Annotated, Optional

import typer

from ..choices import (
    EXHAUSTIVE,
    MAX_STRENGTH,
    MAX_STRING,
    RANDOM_STRINGS,
)
from ..fsm.dfa import BUILTINS
from ..output.emit import Format
from .common import charge_output, core_errors, finish, progress_bar
from .options import (
    FormatOpt,
    MaxMemory,
    MaxSeconds,
    Plot,
    Seed,
    real,
    whole,
)
from .source import typed_text

app = typer.Typer()  # registered by rnncalc.cli.app

FSM_HELP = f"""Build a second-order RNN that is a finite-state machine, prove it stable and check it.

MACHINE is a built-in: {"; ".join(f"{m.name} ({m.definition})" for m in BUILTINS.values())}; or a DFA file (.json:
alphabet, states, start, accept, delta). The network follows Omlin & Giles (1996): one sigmoid neuron per state plus
a response neuron, weights ±H. It reports the strength H₀ above which it provably runs the DFA on strings of any
length, the smallest H that passes the checks, and how it agrees with the DFA on every string up to --length
symbols and on --random strings of up to {MAX_STRING:,} symbols.
"""


@app.command(
    help=FSM_HELP,
    short_help="A second-order RNN that runs a DFA, proved stable and checked.",
    epilog="Example: rnncalc fsm tomita4 --strength 6 --classify 0100 --classify 1000",
)
def fsm(
    machine: Annotated[
        Optional[str],
        typer.Argument(metavar="MACHINE", show_default=False, help="A built-in name or a .json DFA file."),
    ] = None,
    dfa_file: Annotated[
        Optional[str], typer.Option("--dfa", metavar="FILE", help="A DFA file (instead of MACHINE).")
    ] = None,
    strength: Annotated[
        Optional[float],
        typer.Option(
            parser=real("strength"),
            metavar="H",
            show_default="⌈H₀⌉ + 1",
            help=f"Weight strength H, 0 to {MAX_STRENGTH:,g}.",
        ),
    ] = None,
    length: Annotated[
        Optional[int],
        typer.Option(
            parser=whole("length"),
            metavar="L",
            show_default=f"the longest with {EXHAUSTIVE:,} strings at most",
            help="Check every string up to L symbols.",
        ),
    ] = None,
    random: Annotated[
        int,
        typer.Option(
            parser=whole("random"), metavar="K", help=f"Also check K random strings of up to {MAX_STRING:,} symbols."
        ),
    ] = RANDOM_STRINGS,
    seed: Seed = 0,
    classify: Annotated[
        Optional[list[str]],
        typer.Option(metavar="STRING", help="Classify STRING with the network and the DFA; repeatable."),
    ] = None,
    search: Annotated[
        bool, typer.Option("--search/--no-search", help="Search for the smallest H that passes the checks.")
    ] = True,
    plot: Plot = None,
    max_seconds: MaxSeconds = None,
    max_memory: MaxMemory = None,
    fmt: FormatOpt = Format.table,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the agreement (1.0: every string).")] = False,
) -> None:
    from ..guard import Limits, check_loadable

    check_loadable("numpy", *(["matplotlib"] if plot else []))  # the analysis loads NumPy as it is imported
    from ..fsm.analysis import analyse_machine, cost_of, trace_cells
    from ..fsm.dfa import load_file, load_machine
    from ..output.plot import check_target
    from ..views.fsm import fsm_report

    with core_errors({"machine": "MACHINE" if dfa_file is None else "--dfa"}):
        if (machine is None) == (dfa_file is None):
            raise typer.BadParameter(
                "give a MACHINE (a built-in name or a .json file) or --dfa FILE, one of them", param_hint="'MACHINE'"
            )
        target = None if plot is None else check_target(plot)
        dfa = load_machine(machine) if machine is not None else load_file(str(dfa_file))  # one of them is given
        limits = Limits.resolve(max_seconds, max_memory)
        classify = [typed_text(text) for text in classify or ()]
        cost = cost_of(dfa, length, random, search, classify)
        cells = trace_cells(dfa, [dfa.symbols(text) for text in (classify or ())[:1]])
        charge_output(cost, cells, fmt, True, target is not None, limits)  # the plot draws the trace
        with progress_bar(cost.seconds) as tick:
            result = analyse_machine(dfa, strength, length=length, random=random, seed=seed, classify=classify or (),
                             search=search, limits=limits, progress=tick)  # fmt: skip
    report = fsm_report(result)
    finish(report, fmt, quiet, plot=target)
