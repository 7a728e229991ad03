"""`rnncalc solve`: the largest hidden size within a parameter budget."""

from typing import Annotated, Optional

import typer

from ..output.emit import Format
from .common import core_errors, finish
from .network import From, Sets, code_source, network_from
from .options import (
    Bias,
    Bidirectional,
    Cell,
    CellChoice,
    Convention,
    ConventionOpt,
    FormatOpt,
    In,
    Layers,
    Out,
    Proj,
    ResetAfter,
    budget,
    whole,
)

app = typer.Typer()  # registered by rnncalc.cli.app


@app.command(
    short_help="The largest hidden size within a parameter budget, exactly.",
    epilog="Example: rnncalc solve --budget 100k --cell all --in 28 --out 10",
)
def solve(
    ctx: typer.Context,
    budget: Annotated[
        int,
        typer.Option(
            parser=budget("budget"), metavar="BUDGET", help="Parameters: 100000, 1e5, 100k, 1.5M, 2G (or 2B), 3T."
        ),
    ],
    input_size: In = None,
    output_size: Out = 0,
    cell: Cell = CellChoice.rnn,
    layers: Layers = 1,
    bidirectional: Bidirectional = False,
    proj: Proj = 0,
    bias: Bias = None,
    convention: ConventionOpt = Convention.textbook,
    reset_after: ResetAfter = None,
    expect: Annotated[
        Optional[int],
        typer.Option(
            parser=whole("expect"), metavar="N", help="Check an answer: exit 0 if N is the hidden size, 3 if not."
        ),
    ] = None,
    from_code: From = None,
    sets: Sets = None,
    fmt: FormatOpt = Format.table,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the hidden size(s).")] = False,
) -> None:
    """How large may each cell be for a parameter budget? The largest hidden size that fits, exactly."""
    from ..counting.solve import check_hidden, solve_every_cell, solve_hidden
    from ..views.solve import solve_report

    with core_errors():
        net, read = network_from(ctx, code_source(from_code, sets), hidden=None, input_size=input_size,
                                 output_size=output_size, cell=cell.value, layers=layers, bidirectional=bidirectional,
                                 proj=proj, bias=bias, convention=convention.value, reset_after=reset_after,
                                 solving=True)  # fmt: skip
    with core_errors(sources=read):
        name, shape = net.pop("cell"), {k: v for k, v in net.items() if k != "hidden"}
        if name == "all":
            if expect is not None:
                raise typer.BadParameter("checks one cell's hidden size; choose a --cell", param_hint="'--expect'")
            answers, check = solve_every_cell(budget, **shape), None
        else:
            answer = solve_hidden(budget, name, **shape)
            answers, check = {name: answer}, None if expect is None else check_hidden(expect, answer)
    finish(solve_report(budget, answers, shape, check), fmt, quiet, right=None if check is None else check.match)
