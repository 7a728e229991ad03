"""The command line: options in, a core call, a Report out through the output layer.

Nothing here computes; every number comes from the cores. Errors of any kind
end as one line on stderr and exit code 2, before anything reaches stdout.
"""

import sys
from contextlib import contextmanager
from enum import Enum
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from . import __version__
from .cells import CELL_NAMES
from .errors import InvalidArgument
from .output import Format, emit
from .params import CONVENTIONS, DTYPE_BYTES

# Typer carries its own Click; reach its base exception without importing it.
_ClickException = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


class _OneLineErrors(TyperGroup):
    """Every usage error as a single stderr line (exit 2), never a panel or a traceback."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _ClickException as e:
            if type(e).__name__ == "NoArgsIsHelpError":  # bare `rnncalc`: Typer has printed the help
                sys.exit(2)
            message = " ".join(e.format_message().split())
            if message.startswith("No such command"):
                message += f" Commands: {', '.join(self.commands)} (see rnncalc --help)."
            sys.stderr.write(f"rnncalc: error: {message}\n")
            sys.exit(e.exit_code)
        except (typer.Abort, KeyboardInterrupt):
            sys.exit(130)
        # A closed stdout pipe (`rnncalc … | head -1`) is Typer's to handle: it exits quietly.
        # Without standalone mode Click returns typer.Exit's code instead of exiting.
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    cls=_OneLineErrors,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=False,
    rich_markup_mode="rich",
    help="Calculator and analyser for recurrent neural networks: parameter counts, gradient flow through time, gates.",
)

_OPTION_NAMES = {"input_size": "--in", "output_size": "--out"}


def option_name(core_name: str) -> str:
    return _OPTION_NAMES.get(core_name, "--" + core_name.replace("_", "-"))


def fail(error: InvalidArgument):
    """A core's refusal as a usage error on the option the user typed."""
    raise typer.BadParameter(error.message, param_hint=f"'{option_name(error.name)}'")


def _version(value: bool) -> None:
    if value:
        print(f"rnncalc {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Calculator and analyser for recurrent neural networks."""


FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output: a table for people, or json / csv for scripts.")
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only the headline number.")]


def _choices(name: str, values) -> type[Enum]:
    """A str Enum for Typer's choice options, built from the values the cores define."""
    return Enum(name, [(v.replace("-", "_"), v) for v in values], type=str)


CellChoice = _choices("CellChoice", [*CELL_NAMES, "all"])
Convention = _choices("Convention", CONVENTIONS)
DType = _choices("DType", DTYPE_BYTES)


def _shape_options(layers, bidirectional, proj, bias, convention, reset_after) -> dict:
    return dict(
        layers=layers,
        bidirectional=bidirectional,
        proj=proj,
        bias=bias,
        convention=convention.value,
        reset_after=reset_after,
    )


# Options shared by the commands that describe a network (params, solve, gates).
HiddenOpt = Annotated[int, typer.Option("--hidden", "-n", help="Hidden size n.")]
InOpt = Annotated[int, typer.Option("--in", "-m", help="Input size m.")]
OutOpt = Annotated[int, typer.Option("--out", "-k", help="Output size k (0: no output layer).")]
LayersOpt = Annotated[int, typer.Option("--layers", "-L", help="Stacked layers L.")]
BidirectionalOpt = Annotated[bool, typer.Option("--bidirectional", help="Two directions (D=2).")]
ProjOpt = Annotated[int, typer.Option(help="LSTM projection size p (PyTorch's proj_size; 0: none).")]
BiasOpt = Annotated[
    Optional[bool],
    typer.Option("--bias/--no-bias", help="Count bias vectors. Default: off for textbook, on for pytorch and keras."),
]
ConventionOpt = Annotated[Convention, typer.Option(help="Whose count: the course formula, PyTorch or Keras 3.")]
ResetAfterOpt = Annotated[
    Optional[bool], typer.Option("--reset-after/--no-reset-after", help="Keras GRU bias layout (Keras default: on).")
]


@app.command(
    epilog="Example: rnncalc params --hidden 128 --in 28 --out 10 --cell lstm --convention pytorch",
)
def params(
    hidden: HiddenOpt,
    input_size: InOpt,
    output_size: OutOpt = 0,
    cell: Annotated[CellChoice, typer.Option(help="Recurrent cell; 'all' compares every cell.")] = CellChoice.rnn,
    layers: LayersOpt = 1,
    bidirectional: BidirectionalOpt = False,
    proj: ProjOpt = 0,
    bias: BiasOpt = None,
    convention: ConventionOpt = Convention.textbook,
    reset_after: ResetAfterOpt = None,
    seq_len: Annotated[
        int, typer.Option("--seq-len", "-T", help="Sequence length T (changes compute and memory, never the count).")
    ] = 100,
    batch: Annotated[int, typer.Option(help="Batch size (for activation memory).")] = 1,
    dtype: Annotated[DType, typer.Option(help="Number format (for memory).")] = DType.float32,
    fmt: FormatOpt = Format.table,
    quiet: QuietOpt = False,
) -> None:
    """How many parameters does this recurrent network have?

    Exact counts under the course's formula (n² + nm + kn for the Elman RNN),
    PyTorch and Keras, tensor by tensor, with the reason they differ.
    """
    from .views.params import Workload, params_for_cli

    try:
        shape = _shape_options(layers, bidirectional, proj, bias, convention, reset_after)
        report = params_for_cli(
            cell.value,
            Workload(seq_len, batch, dtype.value),
            hidden=hidden,
            input_size=input_size,
            output_size=output_size,
            **shape,
        )
    except InvalidArgument as e:
        fail(e)
    emit(report, fmt, quiet)


# Mirrors rnncalc.gradflow's CELLS, INITS, ACTIVATIONS and PATHS (+ "both"), which import NumPy.
GradCell = _choices("GradCell", ["rnn", "lstm", "gru"])
Init = _choices("Init", ["gaussian", "orthogonal"])
Activation = _choices("Activation", ["tanh", "linear", "relu"])
Path = _choices("Path", ["full", "carry", "both"])


_GRADFLOW_HELP = """Why does a vanilla RNN forget? Simulate backpropagation through time.

Loss L = u·h_T (u a random unit vector); for every lag s = 0..T the norm
‖∂L/∂h_(T−s)‖ is computed in log space (no underflow), as the geometric mean over
--trials draws of inputs and u (the weights are drawn once per run).
Vanilla RNN: h_t = φ(W h_(t−1) + x_t), x_t ~ N(0, drive²·I), h_0 = 0, with W
Gaussian N(0, 1/n) rescaled to spectral radius --radius (or orthogonal × radius).
LSTM and GRU: PyTorch's cells with PyTorch's initialisation, the forget (update)
gate held at --forget (--update) at every step; --path carry follows only the
additive path (Jacobian diag(f) or diag(z)), --path full the exact Jacobian.
A burn-in of --burn-in steps runs before the measured window.
"""


@app.command(
    help=_GRADFLOW_HELP,
    epilog="Example: rnncalc gradflow --cell lstm --steps 200 --forget 0.9 --forget 0.99 --path both",
)
def gradflow(
    cell: Annotated[GradCell, typer.Option(help="Cell to simulate.")] = GradCell.rnn,
    radius: Annotated[
        Optional[list[float]],
        typer.Option(help="Spectral radius of W (rnn; repeat for several runs). Default 0.9, 1.0, 1.1."),
    ] = None,
    forget: Annotated[
        Optional[list[float]], typer.Option(help="Forget-gate value in \\[0, 1] (lstm; repeatable). Default 0.9, 0.99.")
    ] = None,
    update: Annotated[
        Optional[list[float]],
        typer.Option(help="Update-gate value z in \\[0, 1] (gru; repeatable). Default 0.9, 0.99."),
    ] = None,
    path: Annotated[
        Optional[list[Path]], typer.Option(help="lstm/gru: full Jacobian, carry path only, or both. Default full.")
    ] = None,
    hidden: Annotated[int, typer.Option("--hidden", "-n", help="Hidden size n.")] = 64,
    steps: Annotated[int, typer.Option("--steps", "-T", help="Lags to follow back, T.")] = 100,
    trials: Annotated[
        int, typer.Option(help="Independent draws of inputs and u per run (one draw of the weights).")
    ] = 8,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same numbers.")] = 0,
    init: Annotated[Optional[Init], typer.Option(help="rnn: W's distribution. Default gaussian.")] = None,
    activation: Annotated[Optional[Activation], typer.Option(help="rnn: φ. Default tanh.")] = None,
    drive: Annotated[float, typer.Option(help="Standard deviation of the input x_t.")] = 0.1,
    burn_in: Annotated[int, typer.Option(help="Steps run before the measured window.")] = 50,
    tol: Annotated[float, typer.Option(help="Horizon: the first lag where the norm falls below tol.")] = 1e-6,
    every: Annotated[
        Optional[int],
        typer.Option(
            help="Show every k-th lag (the last always). Default: about 20 rows in the table, every lag in json/csv."
        ),
    ] = None,
    plot: Annotated[
        Optional[str], typer.Option(help="Also write the chart to FILE (.png, .svg or .pdf; needs rnncalc\\[plot]).")
    ] = None,
    fmt: FormatOpt = Format.table,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the final log10 norm of each run.")] = False,
) -> None:
    from . import gradflow as core
    from .views.gradflow import default_every, gradflow_report

    given = {"radius": radius, "init": init, "activation": activation, "forget": forget, "update": update, "path": path}
    applies = {"rnn": {"radius", "init", "activation"}, "lstm": {"forget", "path"}, "gru": {"update", "path"}}[
        cell.value
    ]
    for name, value in given.items():
        if value is not None and name not in applies:
            raise typer.BadParameter(f"does not apply to --cell {cell.value}", param_hint=f"'--{name}'")
    if every is not None and every < 1:
        raise typer.BadParameter(f"must be a positive whole number, got {every}", param_hint="'--every'")
    plot_path = _plot_path(plot)

    name, defaults = {
        "rnn": ("radius", [0.9, 1.0, 1.1]),
        "lstm": ("forget", [0.9, 0.99]),
        "gru": ("update", [0.9, 0.99]),
    }[cell.value]
    chosen_paths = [p.value for p in path or [Path.full]]
    paths = ["full", "carry"] if "both" in chosen_paths else list(dict.fromkeys(chosen_paths))
    common = dict(
        cell=cell.value,
        hidden=hidden,
        steps=steps,
        trials=trials,
        seed=seed,
        drive=drive,
        burn_in=burn_in,
        init=(init or Init.gaussian).value,
        activation=(activation or Activation.tanh).value,
    )
    configs = [core.Config(**common, **{name: v}, path=p) for v in given[name] or defaults for p in paths]
    try:
        runs = _simulate(core, configs, tol)  # validates every run, and the whole grid, before starting
    except InvalidArgument as e:
        fail(e)
    report = gradflow_report(runs, tol, every or (default_every(steps) if fmt is Format.table and not quiet else 1))
    if plot_path:
        _write_plot(plot_path, runs)
    emit(report, fmt, quiet)


def _plot_path(plot: Optional[str]):
    if plot is None:
        return None
    from pathlib import Path as FilePath

    from .chart import PLOT_SUFFIXES

    target = FilePath(plot)
    if target.suffix.lower() not in PLOT_SUFFIXES:
        raise typer.BadParameter(
            f"the file must end in {', '.join(PLOT_SUFFIXES)}, got {plot!r}", param_hint="'--plot'"
        )
    if not target.parent.is_dir():
        raise typer.BadParameter(f"no such folder: {str(target.parent)!r}", param_hint="'--plot'")
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        sys.stderr.write("rnncalc: --plot needs matplotlib: pip install 'rnncalc[plot]'\n")
        raise typer.Exit(1) from None
    return target


def _write_plot(target, runs) -> None:
    from .chart import write_plot
    from .views.gradflow import run_label, theory_curves

    c = runs[0].config
    write_plot(
        target,
        [(run_label(r), r.log10_norm) for r in runs],
        theory_curves(runs),
        f"Gradient norm through time · {c.cell}, n={c.hidden}, {c.trials} trials",
    )


def _simulate(core, configs, tol):
    """One batched grid per path (a grid shares everything but the varied values), in the given order."""
    paths = list(dict.fromkeys(c.path for c in configs))
    seconds = sum(core.estimate(c)[1] for c in configs)
    with progress_bar(seconds) as done:
        grids = {
            p: core.simulate_grid(
                [c for c in configs if c.path == p], tol=tol, progress=lambda f, k=k: done((k + f) / len(paths))
            )
            for k, p in enumerate(paths)
        }
    runs = {p: iter(g) for p, g in grids.items()}
    return [next(runs[c.path]) for c in configs]


@contextmanager
def progress_bar(seconds: float):
    """A callback taking the fraction done: a Rich bar on a terminal's stderr when the work takes over ~1 s."""
    if not (sys.stderr.isatty() and seconds > 1.0):
        yield lambda _: None
        return
    from rich.progress import Progress

    from .output import error_console

    with Progress(console=error_console(), transient=True) as bar:
        task = bar.add_task("simulating", total=1.0)
        yield lambda fraction: bar.update(task, completed=fraction)


@app.command(epilog="Example: rnncalc gates --hidden 256 --in 64 --cells lstm,gru --equations")
def gates(
    hidden: HiddenOpt = 128,
    input_size: InOpt = 28,
    output_size: OutOpt = 0,
    convention: ConventionOpt = Convention.textbook,
    steps: Annotated[int, typer.Option("--steps", "-T", help="Lags after which retention is measured.")] = 100,
    gate: Annotated[
        float, typer.Option(help="Fraction of the carried state kept per step (f, z, 1 − f), in (0, 1).")
    ] = 0.95,
    seed: Annotated[int, typer.Option(help="Seed of the retention simulation.")] = 0,
    cells: Annotated[Optional[list[str]], typer.Option(help="Only these cells (repeat, or comma-separated).")] = None,
    bidirectional: Annotated[
        bool, typer.Option("--bidirectional/--no-bidirectional", help="Add the bidirectional variants.")
    ] = True,
    equations: Annotated[bool, typer.Option("--equations", help="Also print each cell's update equations.")] = False,
    fmt: FormatOpt = Format.table,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only each cell's parameter count.")] = False,
) -> None:
    """What do the gates buy and cost? Gates, state, parameters, carry path and measured retention per cell."""
    from .gates import gate_rows
    from .views.gates import gates_report

    chosen = None
    if cells is not None:
        chosen = [c.strip() for group in cells for c in group.split(",") if c.strip()]
        if not chosen:
            raise typer.BadParameter("name at least one cell, e.g. --cells lstm,gru", param_hint="'--cells'")
    try:
        rows = gate_rows(
            hidden,
            input_size,
            output_size,
            convention=convention.value,
            steps=steps,
            seed=seed,
            gate=gate,
            cells=chosen,
            bidirectional=bidirectional,
        )
    except InvalidArgument as e:
        fail(e)
    sizes = f"n={hidden:,}, m={input_size:,}, k={output_size:,}"
    emit(
        gates_report(
            rows, convention=convention.value, sizes=sizes, steps=steps, gate=gate, seed=seed, equations=equations
        ),
        fmt,
        quiet,
    )


@app.command(epilog="Example: rnncalc solve --budget 100k --cell all --in 28 --out 10")
def solve(
    budget: Annotated[str, typer.Option(help="Parameter budget: 100000, 1e5, 100k, 1.5M, 2G.")],
    input_size: InOpt,
    output_size: OutOpt = 0,
    cell: Annotated[
        CellChoice, typer.Option(help="Recurrent cell; 'all' gives the matched-budget table.")
    ] = CellChoice.rnn,
    layers: LayersOpt = 1,
    bidirectional: BidirectionalOpt = False,
    proj: ProjOpt = 0,
    bias: BiasOpt = None,
    convention: ConventionOpt = Convention.textbook,
    reset_after: ResetAfterOpt = None,
    fmt: FormatOpt = Format.table,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the hidden size.")] = False,
) -> None:
    """How large may each cell be for a parameter budget? The largest hidden size that fits, exactly."""
    from .solve import parse_budget
    from .views.solve import solve_report

    try:
        report = solve_report(
            parse_budget(budget),
            cell.value,
            input_size,
            output_size,
            **_shape_options(layers, bidirectional, proj, bias, convention, reset_after),
        )
    except InvalidArgument as e:
        fail(e)
    emit(report, fmt, quiet)


_SWEEP_HELP = """Where does the gradient survive? Grids of gradflow runs, as heatmaps.

Give one range as start:stop:step (both ends included):
--radius (vanilla RNN), --forget (LSTM) or --update (GRU): that parameter against
every lag up to --steps, coloured by log10 of the gradient norm;
--radius with a --drive range: the measured decay per step over radius × drive for
a tanh RNN, with the mean-field edge of chaos (χ = 1) and the measured boundary;
--forget-bias: bias b against f = σ(b), f^T and the memory timescale −1/ln f.
"""


@app.command(help=_SWEEP_HELP, epilog="Example: rnncalc sweep --radius 0.5:1.5:0.05 --steps 200")
def sweep(
    radius: Annotated[Optional[str], typer.Option(help="Spectral radii start:stop:step (vanilla RNN).")] = None,
    forget: Annotated[
        Optional[str], typer.Option(help="Forget-gate values in \\[0, 1], start:stop:step (LSTM).")
    ] = None,
    update: Annotated[
        Optional[str], typer.Option(help="Update-gate values in \\[0, 1], start:stop:step (GRU).")
    ] = None,
    forget_bias: Annotated[Optional[str], typer.Option(help="Forget-gate biases start:stop:step, within ±100.")] = None,
    drive: Annotated[
        Optional[str],
        typer.Option(help="Input standard deviation (default 0.1); a range with --radius sweeps radius × drive."),
    ] = None,
    hidden: Annotated[Optional[int], typer.Option("--hidden", "-n", help="Hidden size n. Default 64.")] = None,
    steps: Annotated[
        int, typer.Option("--steps", "-T", help="Lags to follow back, T (forget-bias: the f^T column).")
    ] = 100,
    trials: Annotated[
        Optional[int], typer.Option(help="Independent draws of inputs and u per grid value. Default 4.")
    ] = None,
    seed: Annotated[
        Optional[int], typer.Option(help="Random seed: each grid row equals a gradflow run with it. Default 0.")
    ] = None,
    init: Annotated[Optional[Init], typer.Option(help="Vanilla RNN: W's distribution. Default gaussian.")] = None,
    activation: Annotated[
        Optional[Activation], typer.Option(help="Vanilla RNN: φ (radius × drive: tanh only). Default tanh.")
    ] = None,
    path: Annotated[Optional[Path], typer.Option(help="LSTM/GRU: full Jacobian or carry path. Default full.")] = None,
    burn_in: Annotated[Optional[int], typer.Option(help="Steps run before the measured window. Default 50.")] = None,
    plot: Annotated[
        Optional[str], typer.Option(help="Also write the heatmap to FILE (.png, .svg or .pdf; needs rnncalc\\[plot]).")
    ] = None,
    fmt: FormatOpt = Format.table,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print one number per row: decay/step, the measured edge, or f.")
    ] = False,
) -> None:
    from . import sweep as core

    given = {"radius": radius, "forget": forget, "update": update, "forget_bias": forget_bias}
    chosen = [name for name, value in given.items() if value is not None]
    if len(chosen) != 1:
        raise typer.BadParameter(
            "give exactly one of --radius, --forget, --update, --forget-bias",
            param_hint=f"'{option_name(chosen[-1]) if chosen else '--radius'}'",
        )
    name = chosen[0]
    simulation = {
        "drive": drive,
        "hidden": hidden,
        "trials": trials,
        "seed": seed,
        "init": init,
        "activation": activation,
        "path": path,
        "burn_in": burn_in,
        "plot": plot,
    }
    applies = {"radius": {"drive", "init", "activation"}, "forget": {"path"}, "update": {"path"}, "forget_bias": set()}
    shared = {"hidden", "trials", "seed", "burn_in", "plot", "drive"} if name != "forget_bias" else set()
    for option, value in simulation.items():
        if value is not None and option not in applies[name] | shared:
            raise typer.BadParameter(f"does not apply to {option_name(name)}", param_hint=f"'{option_name(option)}'")
    if path is Path.both:
        raise typer.BadParameter("a sweep follows one path: full or carry", param_hint="'--path'")
    plot_path = _plot_path(plot)
    try:
        values = core.parse_range(name, given[name])
        drives = core.parse_range("drive", drive or "0.1")
        if len(drives) > 1 and name != "radius":
            raise InvalidArgument("drive", "a range of drives goes with --radius (the radius × drive sweep)")
        if name == "forget_bias":
            from .views.sweep import bias_report

            if not 1 <= steps <= 10**9:
                raise InvalidArgument("steps", f"must be from 1 to 10^9, got {steps}")
            emit(bias_report(core.forget_bias_table(values, steps), steps), fmt, quiet)
            return
        defaults = {"hidden": 64, "trials": 4, "seed": 0, "burn_in": 50}
        given_sizes = {"hidden": hidden, "trials": trials, "seed": seed, "burn_in": burn_in}
        config = {k: defaults[k] if v is None else v for k, v in given_sizes.items()} | {"steps": steps}
        report, picture = _run_sweep(
            core,
            name,
            values,
            drives,
            config,
            (init or Init.gaussian).value,
            (activation or Activation.tanh).value,
            (path or Path.full).value,
        )
    except InvalidArgument as e:
        fail(e)
    if plot_path:
        from .chart import write_heatmap

        write_heatmap(plot_path, **picture)
    emit(report, fmt, quiet)


def _run_sweep(core, name, values, drives, config, init, activation, path):
    """The lag or phase sweep, its Report and the arguments of its plot."""
    from .gradflow import Config, estimate
    from .views.sweep import lag_report, phase_report

    cell = core.PARAMETER_CELL[name]
    shape = Config(cell=cell, path=path if cell != "rnn" else "full", **config)
    grid_size = len(values) * len(drives)
    with progress_bar(estimate(shape)[1] * grid_size) as done:
        if len(drives) > 1:
            if activation != "tanh":
                raise InvalidArgument("activation", "the radius × drive sweep is for tanh RNNs")
            result = core.phase_sweep(values, drives, progress=done, init=init, **config)
            picture = dict(
                values=result.decay,
                xs=values,
                ys=drives,
                labels=("spectral radius ρ", "drive", "decay/step"),
                title="Measured log₁₀ change of ‖∇‖ per step, tanh RNN",
                lines=[
                    ("mean field χ = 1", result.critical_mean_field),
                    ("measured boundary", result.critical_measured),
                ],
            )
            return phase_report(result, {**config, "init": init}), picture
        extra = {"init": init, "activation": activation} if cell == "rnn" else {"path": path}
        result = core.lag_sweep(name, values, progress=done, drive=drives[0], **config, **extra)
        picture = dict(
            values=[r.log10_norm for r in result.runs],
            xs=list(range(config["steps"] + 1)),
            ys=values,
            labels=("lag s (steps back from T)", name, "log₁₀‖∇‖"),
            title=f"log₁₀‖∂L/∂h(T−s)‖ · {cell} · {name} against lag",
        )
        return lag_report(result, {**config, "drive": drives[0], **extra}), picture


def main() -> None:
    app()
