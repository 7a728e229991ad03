"""`rnncalc gates`: what each cell's gates cost in parameters and buy in retention."""

from typing import Annotated, Optional

import typer

from ..choices import (
    TYPICAL_GATE,
)
from ..counting.cells import BIDIRECTIONAL, CELLS
from ..output.emit import Format
from .common import core_errors, finish
from .options import (
    Convention,
    ConventionOpt,
    FormatOpt,
    HiddenSize,
    InputSize,
    MaxMemory,
    MaxSeconds,
    Out,
    Seed,
    listed,
    real,
    whole,
)

app = typer.Typer()  # registered by rnncalc.cli.app

CARRIED = tuple(dict.fromkeys(c.carry.kept for c in CELLS.values() if c.carry))  # f, z, 1 − f: what a gate keeps


@app.command(
    short_help="What the gates cost (parameters) and buy (gradient retention).",
    epilog="Example: rnncalc gates --hidden 256 --in 64 --cells lstm,gru --equations",
)
def gates(
    hidden: HiddenSize = 128,
    input_size: InputSize = 28,
    output_size: Out = 0,
    convention: ConventionOpt = Convention.textbook,
    cells: Annotated[
        Optional[list[str]],
        typer.Option(metavar="CELLS", show_default="all", help="Only these cells (repeat, or comma-separated)."),
    ] = None,
    bidirectional: Annotated[
        bool,
        typer.Option("--bidirectional", help=f"Add the bidirectional {listed(CELLS[c].title for c in BIDIRECTIONAL)}."),
    ] = False,
    retention: Annotated[
        bool,
        typer.Option("--retention/--no-retention", help="Simulate what the gates buy (off: the instant cost table)."),
    ] = True,
    steps: Annotated[
        int,
        typer.Option(
            "--steps", "-T", parser=whole("steps"), metavar="T", help="Lags after which retention is measured."
        ),
    ] = 100,
    gate: Annotated[
        float,
        typer.Option(
            parser=real("gate"),
            metavar="X",
            help=f"Fraction of the carried state kept per step ({listed(CARRIED)}), in (0, 1).",
        ),
    ] = TYPICAL_GATE,
    seed: Seed = 0,
    equations: Annotated[bool, typer.Option("--equations", help="Also print each cell's update equations.")] = False,
    max_seconds: MaxSeconds = None,
    max_memory: MaxMemory = None,
    fmt: FormatOpt = Format.table,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only each cell's parameter count.")] = False,
) -> None:
    """What do the gates buy and cost? Gates, blocks, parameters, carry path and measured retention per cell."""
    from ..guard import Limits
    from ..simulation.gates import check_retention, gate_costs, gate_retention
    from ..views.gates import gates_report

    chosen = None if cells is None else [c.strip() for group in cells for c in group.split(",") if c.strip()]
    with core_errors():
        rows = gate_costs(
            hidden, input_size, output_size, convention=convention.value, cells=chosen, bidirectional=bidirectional
        )
        check_retention(steps, gate)
        kept = None
        if retention:
            limits = Limits.resolve(max_seconds, max_memory)
            kept = gate_retention(chosen, steps=steps, gate=gate, seed=seed, limits=limits)
    sizes = f"n={hidden:,}, m={input_size:,}, k={output_size:,}"
    report = gates_report(
        rows, kept, convention=convention.value, sizes=sizes, steps=steps, gate=gate, seed=seed, equations=equations
    )
    finish(report, fmt, quiet)
