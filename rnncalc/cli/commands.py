"""The commands that describe a network (params, solve, gates) and simulate one (gradflow): wiring only."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..choices import (
    EXHAUSTIVE,
    MAX_RADIUS,
    MAX_STRENGTH,
    MAX_STRING,
    RANDOM_STRINGS,
    RUN_DEFAULTS,
    SIMULATED,
    TYPICAL_GATE,
    VARIED_DEFAULTS,
)
from ..counting.cells import BIDIRECTIONAL, CELLS
from ..errors import InvalidArgument, shown
from ..fsm.dfa import BUILTINS
from ..output.emit import Format, emit
from .app import app, charge_output, core_errors, emit_answer, emit_with_plot, option_name, progress_bar
from .options import (
    ActivationOpt,
    Bias,
    Bidirectional,
    BurnIn,
    Cell,
    CellChoice,
    Convention,
    ConventionOpt,
    Drive,
    DType,
    FormatOpt,
    Hidden,
    In,
    InitOpt,
    Layers,
    MaxMemory,
    MaxSeconds,
    Out,
    Path,
    Plot,
    Proj,
    Quiet,
    ResetAfter,
    Seed,
    SimHidden,
    Steps,
    Trials,
    budget,
    choices,
    count,
    listed,
    real,
    whole,
)

SimCell = choices("SimCell", SIMULATED)  # the cells gradflow simulates


def Varied(name: str, what: str):
    """A gradflow setting a run list varies (radius, forget, update): repeatable, its defaults shown."""
    return Annotated[
        Optional[list[float]],
        typer.Option(parser=real(name), metavar="X", show_default=listed(VARIED_DEFAULTS[name]), help=what),
    ]


CARRIED = tuple(dict.fromkeys(c.carry.kept for c in CELLS.values() if c.carry))  # f, z, 1 − f: what a gate keeps

Expect = Annotated[
    Optional[int],
    typer.Option(
        parser=count("expect"),
        metavar="N",
        help="Check an answer (21248, 21,248, 2.1248e4 or 21k): exit 0 if N is right, 3 if not, 2 if N is unreadable.",
    ),
]
From = Annotated[
    Optional[str],
    typer.Option(
        "--from",
        metavar="CODE",
        help="Read the model from the PyTorch or Keras code you wrote: the code itself ('nn.LSTM(28, 128)'), "
        "a file (model.py), a class or function in it (model.py:Net), or - for standard input; or from a trained "
        "model's weights (.safetensors, .pt/.pth/.bin, .weights.h5, .keras).",
    ),
]
Sets = Annotated[
    Optional[list[str]],
    typer.Option(
        "--set",
        metavar="NAME=VALUE",
        help="With --from: a value the code leaves open, e.g. --set vocab_size=10000 (repeatable).",
    ),
]


NETWORK = (
    "cell",
    "convention",
    "hidden",
    "input_size",
    "output_size",
    "layers",
    "bidirectional",
    "proj",
    "bias",
    "reset_after",
)


def _network(ctx: typer.Context, source: tuple | None, solving: bool = False, **given) -> tuple[dict, dict]:
    """The network from the options and --from: an option typed and set by --from must agree; sizes are required.
    Also which arguments --from set, for core_errors to name.

    `solving` (solve): the hidden size is the answer, not an option.
    """
    read = {}
    if source is not None:
        from ..fromcode import read_network

        code, entry, values = source
        read = read_network(code, entry, values, given.get("input_size"))
        for key, value in read.items():
            typed = key in ctx.params and ctx.get_parameter_source(key).name == "COMMANDLINE"
            if typed and given[key] != value:
                raise InvalidArgument(
                    key, f"--from sets {key} to {shown(value)}, which this option contradicts ({shown(given[key])})"
                )
            if not (key == "hidden" and solving):
                given[key] = value
    for key, flag in (("hidden", "--hidden"), ("input_size", "--in")):
        if given.get(key) is None and not (key == "hidden" and solving):
            raise InvalidArgument(
                key,
                f"is required: give {flag} (or --from with {'an Input shape' if key == 'input_size' else 'the layer'})",
            )
    net = {k: given[k] for k in NETWORK if k in given and not (k == "hidden" and solving)}
    return net, {k: "--from" for k in read}


def _source(code: str | None, sets: list[str] | None) -> tuple | None:
    """--from's code, the entry it names and --set's values; --set without --from is a mistake."""
    from .source import parse_sets, read_source

    if code is None:
        if sets:
            raise typer.BadParameter("answers names in --from's code; give --from too", param_hint="'--set'")
        return None
    from ..weights.files import is_weight_file

    if is_weight_file(code):
        raise typer.BadParameter(
            "here reads model code; a weight file's sizes are fixed (rnncalc params --from FILE counts it)",
            param_hint="'--from'",
        )
    return (*read_source(code), parse_sets(sets))


def _weights(value: str, sets: list[str] | None) -> bool:
    """Whether --from names a trained model's weight file (rather than code); --set has nothing to answer there."""
    from ..weights.files import is_weight_file

    if not is_weight_file(value):
        return False
    if sets:
        raise typer.BadParameter("answers names in model code; a weight file fixes every size", param_hint="'--set'")
    return True


SHAPE_OPTIONS = (
    "hidden",
    "output_size",
    "cell",
    "layers",
    "bidirectional",
    "proj",
    "bias",
    "convention",
    "reset_after",
)


def _refuse_shape_options(ctx: typer.Context) -> None:
    """With --from the code says the model; an option that would say it too is refused, not silently ignored."""
    for key in SHAPE_OPTIONS:
        if ctx.get_parameter_source(key).name == "COMMANDLINE":
            raise typer.BadParameter(
                "--from reads the model from the code; give a value the code leaves open with --set NAME=VALUE",
                param_hint=f"'{option_name(key)}'",
            )


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
        weights = from_code is not None and _weights(from_code, sets)
    if weights:
        _refuse_shape_options(ctx)
        from ..counting.modelreport import analyse_model
        from ..views.model import model_report
        from ..weights import read_weights

        with core_errors({"path": "--from"}):
            held = read_weights(from_code)
            report = model_report(analyse_model(held.model, seq_len, batch, dtype.value, expect, from_code), held)
        emit_answer(report, fmt, quiet, None if expect is None else report.data["match"])
        return
    with core_errors():
        source = _source(from_code, sets)
    if source is not None:
        _refuse_shape_options(ctx)
        from ..counting.modelreport import analyse_model
        from ..fromcode import read_model
        from ..views.model import model_report

        code, entry, values = source
        with core_errors():
            model = read_model(code, entry, values, input_size)
            report = model_report(analyse_model(model, seq_len, batch, dtype.value, expect))
        emit_answer(report, fmt, quiet, None if expect is None else report.data["match"])
        return
    from ..counting.network import compare_cells, describe
    from ..views.params import cells_report, params_report

    with core_errors():
        net, _ = _network(ctx, None, hidden=hidden, input_size=input_size, output_size=output_size,
                          cell=cell.value, layers=layers, bidirectional=bidirectional, proj=proj, bias=bias,
                          convention=convention.value, reset_after=reset_after)  # fmt: skip
        work = dict(seq_len=seq_len)
        if net["cell"] == "all":
            if expect is not None:
                raise typer.BadParameter("checks one cell's count; choose a --cell", param_hint="'--expect'")
            report = cells_report(compare_cells(**{k: v for k, v in net.items() if k != "cell"}, **work))
        else:
            report = params_report(describe(**net, **work, batch=batch, dtype=dtype.value, expect=expect))
    emit_answer(report, fmt, quiet, None if expect is None else report.data["match"])


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
        net, read = _network(ctx, _source(from_code, sets), hidden=None, input_size=input_size, output_size=output_size,
                             cell=cell.value, layers=layers, bidirectional=bidirectional, proj=proj, bias=bias,
                             convention=convention.value, reset_after=reset_after, solving=True)  # fmt: skip
    with core_errors(sources=read):
        name, shape = net.pop("cell"), {k: v for k, v in net.items() if k != "hidden"}
        if name == "all":
            if expect is not None:
                raise typer.BadParameter("checks one cell's hidden size; choose a --cell", param_hint="'--expect'")
            answers, check = solve_every_cell(budget, **shape), None
        else:
            answer = solve_hidden(budget, name, **shape)
            answers, check = {name: answer}, None if expect is None else check_hidden(expect, answer)
    emit_answer(solve_report(budget, answers, shape, check), fmt, quiet, None if check is None else check.match)


@app.command(
    short_help="What the gates cost (parameters) and buy (gradient retention).",
    epilog="Example: rnncalc gates --hidden 256 --in 64 --cells lstm,gru --equations",
)
def gates(
    hidden: Hidden = 128,
    input_size: In = 28,
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
    emit(report, fmt, quiet)


GRADFLOW_HELP = f"""Why does a vanilla RNN forget? Simulate backpropagation through time.

The loss is L = u·h_T (u a random unit vector); for every lag s = 0..T the norm ‖∂L/∂h_{{T−s}}‖ is computed in log
space (no underflow), as the geometric mean over --trials draws of inputs and u (the weights are drawn once per run).

Vanilla RNN (--cell rnn): h_t = φ(W h_{{t−1}} + x_t), x_t ~ N(0, drive²·I), h_0 = 0, with W Gaussian N(0, 1/n) rescaled
to spectral radius --radius (or orthogonal × radius). LSTM and GRU: PyTorch's cells with PyTorch's initialisation,
the forget (update) gate held at --forget (--update) at every step; --path carry follows only the additive path
(diag(f) or diag(z)), --path full the exact Jacobian, --path both runs both. Options of one cell are refused for
another. Cells: {listed(SIMULATED)}.
"""


@app.command(
    help=GRADFLOW_HELP,
    short_help="Why do gradients vanish? Backpropagation through time beside the theory.",
    epilog="Example: rnncalc gradflow --cell lstm --steps 200 --forget 0.9 --forget 0.99 --path both",
)
def gradflow(
    ctx: typer.Context,
    cell: Annotated[SimCell, typer.Option(metavar="CELL", help=f"{listed(SIMULATED)}.")] = SimCell.rnn,
    radius: Varied("radius", f"rnn: spectral radius of W, 0 to {MAX_RADIUS:g}; repeat for several runs.") = None,
    forget: Varied("forget", "lstm: forget-gate value in [0, 1]; repeatable.") = None,
    update: Varied("update", "gru: update-gate value z in [0, 1]; repeatable.") = None,
    path: Annotated[
        Optional[list[Path]],
        typer.Option(metavar="PATH", show_default="full", help="lstm, gru: full, carry or both; repeatable."),
    ] = None,
    hidden: SimHidden = RUN_DEFAULTS["hidden"],
    steps: Steps = RUN_DEFAULTS["steps"],
    trials: Trials = RUN_DEFAULTS["trials"],
    seed: Seed = RUN_DEFAULTS["seed"],
    init: InitOpt = None,
    activation: ActivationOpt = None,
    drive: Drive = RUN_DEFAULTS["drive"],
    burn_in: BurnIn = None,
    tol: Annotated[
        float, typer.Option(parser=real("tol"), metavar="X", help="Horizon: the first lag where the norm is below X.")
    ] = 1e-6,
    every: Annotated[
        Optional[int],
        typer.Option(
            parser=whole("every"),
            metavar="K",
            show_default="about 20 rows in a table, every lag in json/csv",
            help="Show every K-th lag (and the last).",
        ),
    ] = None,
    plot: Plot = None,
    max_seconds: MaxSeconds = None,
    max_memory: MaxMemory = None,
    weights: Annotated[
        Optional[str],
        typer.Option(
            metavar="FILE",
            help="Run on a trained model's recurrent weights (.safetensors, .pt/.pth/.bin, .weights.h5, .keras) "
            "instead of drawn ones; inputs N(0, drive²), drive 1 unless given.",
        ),
    ] = None,
    layer: Annotated[
        Optional[str], typer.Option(metavar="NAME", help="With --weights: only this layer (as params --from names it).")
    ] = None,
    fmt: FormatOpt = Format.table,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only each run's final log10 norm.")] = False,
) -> None:
    if weights is not None:
        return _trained_gradflow(ctx, weights, layer, steps, trials, seed, burn_in, tol, plot, fmt, quiet,
                                 max_seconds, max_memory)  # fmt: skip
    if layer is not None:
        raise typer.BadParameter("chooses a layer of --weights FILE; give --weights too", param_hint="'--layer'")
    from ..errors import check_int
    from ..guard import Limits
    from ..output.plot import check_target
    from ..simulation.config import run_list
    from ..simulation.gradflow import cost_of, simulate_many
    from ..views.gradflow import default_every, gradflow_report

    chosen = {"radius": radius, "forget": forget, "update": update, "init": init, "activation": activation}
    settings = {k: getattr(v, "value", v) for k, v in chosen.items() if v is not None}
    with core_errors():
        target = None if plot is None else check_target(plot)
        paths = [p.value for p in path] if path else None
        configs = run_list(cell.value, paths, hidden=hidden, steps=steps, trials=trials, seed=seed, drive=drive,
                           burn_in=burn_in, **settings)  # fmt: skip
        check_int("every", every if every is not None else 1, 1, 10**9)
        limits = Limits.resolve(max_seconds, max_memory)
        cost = cost_of(configs)
        charge_output(cost, len(configs) * (steps + 1), fmt, quiet, target is not None, limits)
        with progress_bar(cost.seconds) as tick:
            runs = simulate_many(configs, tol=tol, limits=limits, progress=tick)
    table = fmt in (Format.table, Format.markdown, Format.latex) and not quiet
    # -q prints each run's last norm: the report needs no other lag
    report = gradflow_report(runs, tol, every or (default_every(steps) if table else steps if quiet else 1))
    emit_with_plot(report, fmt, quiet, target)


# What --weights replaces, and why each option has nothing to set there
WITHOUT_WEIGHTS = {
    **dict.fromkeys(
        ("cell", "radius", "forget", "update", "hidden", "init"), "sets the drawn weights, which --weights replaces"
    ),
    "path": "--weights runs both paths of every gated layer (the carry path is in its own column)",
    "every": "samples the lag table, which --weights does not print (-f json has every lag)",
}


def _trained_gradflow(
    ctx, weights, layer, steps, trials, seed, burn_in, tol, plot, fmt, quiet, max_seconds, max_memory
):
    """gradflow --weights: the simulation on each trained recurrent layer of the file."""
    from ..guard import Limits
    from ..output.plot import check_target
    from ..views.trained import trained_report
    from ..weights.flow import trained_flow

    for key, why in WITHOUT_WEIGHTS.items():
        if ctx.get_parameter_source(key).name == "COMMANDLINE":
            raise typer.BadParameter(why, param_hint=f"'{option_name(key)}'")
    given = ctx.get_parameter_source("drive").name == "COMMANDLINE"
    activation = ctx.params.get("activation")
    with core_errors({"path": "--weights", "input_scale": "--drive"}):
        target = None if plot is None else check_target(plot)
        limits = Limits.resolve(max_seconds, max_memory)
        with progress_bar(2.0) as tick:  # a bar on a terminal, gone when done
            flow = trained_flow(weights, layer, steps=steps, trials=trials, seed=seed,
                                input_scale=ctx.params["drive"] if given else 1.0, burn_in=burn_in, tol=tol,
                                activation=getattr(activation, "value", activation or "tanh"), limits=limits,
                                progress=tick)  # fmt: skip
    report = trained_report(flow)
    emit_with_plot(report, fmt, quiet, target)


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
    from ..fsm.analysis import analyse_machine, cost_of, trace_cells
    from ..fsm.dfa import load_file, load_machine
    from ..guard import Limits
    from ..output.plot import check_target
    from ..views.fsm import fsm_report

    with core_errors({"machine": "MACHINE" if dfa_file is None else "--dfa"}):
        if (machine is None) == (dfa_file is None):
            raise typer.BadParameter(
                "give a MACHINE (a built-in name or a .json file) or --dfa FILE, one of them", param_hint="'MACHINE'"
            )
        target = None if plot is None else check_target(plot)
        dfa = load_machine(machine) if machine is not None else load_file(dfa_file)
        limits = Limits.resolve(max_seconds, max_memory)
        cost = cost_of(dfa, length, random, search, classify or ())
        cells = trace_cells(dfa, [dfa.symbols(text) for text in (classify or ())[:1]])
        charge_output(cost, cells, fmt, True, target is not None, limits)  # the plot draws the trace
        with progress_bar(cost.seconds) as tick:
            result = analyse_machine(dfa, strength, length=length, random=random, seed=seed, classify=classify or (),
                             search=search, limits=limits, progress=tick)  # fmt: skip
    report = fsm_report(result)
    emit_with_plot(report, fmt, quiet, target)
