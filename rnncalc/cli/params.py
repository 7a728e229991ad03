"""`rnncalc params`: the exact count of one network, of every cell, or of a model read by --from."""

from typing import Annotated, Any, Optional

import typer

from ..output.emit import Format
from .common import core_errors, finish
from .network import From, Sets, code_source, names_weight_file, network_from, refuse_shape_options
from .options import (
    Bias,
    Bidirectional,
    Cell,
    CellChoice,
    Convention,
    ConventionOpt,
    DType,
    FormatOpt,
    Hidden,
    In,
    Layers,
    Out,
    Proj,
    Quiet,
    ResetAfter,
    count,
    whole,
)

app = typer.Typer()  # registered by rnncalc.cli.app

Expect = Annotated[
    Optional[int],
    typer.Option(
        parser=count("expect"),
        metavar="N",
        help="Check an answer (21248, 21,248, 2.1248e4 or 21k): exit 0 if N is right, 3 if not, 2 if N is unreadable.",
    ),
]


@app.command(
    short_help="How many parameters? Exact, under the course, PyTorch and Keras.",
    epilog="Example: rnncalc params --hidden 128 --in 28 --out 10 --cell lstm --convention pytorch",
)
def params(
    ctx: typer.Context,
    hidden: Hidden = None,
    input_size: In = None,
    output_size: Out = 0,
    cell: Cell = CellChoice.rnn,
    layers: Layers = 1,
    bidirectional: Bidirectional = False,
    proj: Proj = 0,
    bias: Bias = None,
    convention: ConventionOpt = Convention.textbook,
    reset_after: ResetAfter = None,
    seq_len: Annotated[
        int,
        typer.Option(
            "--seq-len", "-T", parser=whole("seq_len"), metavar="T", help="Sequence length (compute and memory)."
        ),
    ] = 100,
    batch: Annotated[int, typer.Option(parser=whole("batch"), metavar="B", help="Batch size (activation memory).")] = 1,
    dtype: Annotated[
        DType, typer.Option(metavar="DTYPE", help="float32, float16, bfloat16 or float64 (memory).")
    ] = DType.float32,
    expect: Expect = None,
    from_code: From = None,
    sets: Sets = None,
    fmt: FormatOpt = Format.table,
    quiet: Quiet = False,
) -> None:
    """How many parameters does this recurrent network have?

    Exact counts under the course's formula (n² + nm + kn for the Elman RNN), PyTorch and Keras 3, tensor by
    tensor, with the reason they differ; what the sequence length changes (compute, memory). --expect N checks
    an answer and names the reading of the question that gives N.
    """
    with core_errors({"path": "--from"}):
        weights = from_code is not None and names_weight_file(from_code, sets)
    if weights and from_code is not None:
        refuse_shape_options(ctx)
        from ..counting.modelreport import analyse_model
        from ..views.model import model_report
        from ..weights import read_weights

        with core_errors({"path": "--from"}):
            held = read_weights(from_code)
            report = model_report(analyse_model(held.model, seq_len, batch, dtype.value, expect, from_code), held)
        finish(report, fmt, quiet, right=None if expect is None else report.data["match"])
        return
    with core_errors():
        source = code_source(from_code, sets)
    if source is not None:
        refuse_shape_options(ctx)
        from ..counting.modelreport import analyse_model
        from ..fromcode import read_model
        from ..views.model import model_report

        code, entry, values = source
        with core_errors():
            model = read_model(code, entry, values, input_size)
            report = model_report(analyse_model(model, seq_len, batch, dtype.value, expect))
        finish(report, fmt, quiet, right=None if expect is None else report.data["match"])
        return
    from ..counting.network import compare_cells, describe
    from ..views.params import cells_report, params_report

    with core_errors():
        net, _ = network_from(ctx, None, hidden=hidden, input_size=input_size, output_size=output_size,
                          cell=cell.value, layers=layers, bidirectional=bidirectional, proj=proj, bias=bias,
                          convention=convention.value, reset_after=reset_after)  # fmt: skip
        work: dict[str, Any] = dict(seq_len=seq_len)
        if net["cell"] == "all":
            if expect is not None:
                raise typer.BadParameter("checks one cell's count; choose a --cell", param_hint="'--expect'")
            shape = {k: v for k, v in net.items() if k != "cell"}
            report = cells_report(compare_cells(**shape, **work, batch=batch, dtype=dtype.value))
        else:
            report = params_report(describe(**net, **work, batch=batch, dtype=dtype.value, expect=expect))
    finish(report, fmt, quiet, right=None if expect is None else report.data["match"])
