"""`rnncalc sweep MODE RANGE`: one subcommand per mode, each listing only the options that apply."""

import re
from typing import Annotated, Any, cast

import typer
from typer.core import TyperCommand

from ..choices import RUN_DEFAULTS, SWEEP_TRIALS
from ..output.emit import Format
from .common import charge_output, core_errors, finish, progress_bar
from .options import (
    ActivationOpt,
    Drive,
    FormatOpt,
    GatedBurnIn,
    HiddenSize,
    InitOpt,
    MaxMemory,
    MaxSeconds,
    OnePath,
    Plot,
    RNNBurnIn,
    Seed,
    Steps,
    values_range,
    whole,
)

RANGE_OF = {
    "radius": "RANGE",
    "forget": "RANGE",
    "update": "RANGE",
    "forget_bias": "RANGE",
}  # the swept value is the argument
app = typer.Typer(  # registered by rnncalc.cli.app
    name="sweep",
    short_help="Where does the gradient survive? Heatmaps over a range.",
    no_args_is_help=True,
    help="Where does the gradient survive? Grids of gradflow runs as heatmaps, and the forget-bias table.\n\n"
    "A RANGE is start:stop:step with both ends included (0.5:1.5:0.05), or one number.",
)


def range_argument(what: str) -> Any:
    """The RANGE argument. Typed `object`, not list[float]: one argument that the parser turns into a list (a list
    type would mean many arguments)."""
    return typer.Argument(parser=values_range("parameter"), metavar="RANGE", help=what, show_default=False)


SweepTrials = Annotated[
    int, typer.Option(parser=whole("trials"), metavar="N", help="Independent draws of inputs and u per value.")
]
DriveRange = Annotated[
    object,
    typer.Option(
        parser=values_range("drive"), metavar="X|RANGE", help="Input standard deviation; a range maps radius × drive."
    ),
]
GatedPath = Annotated[
    OnePath, typer.Option(metavar="PATH", help="full (the exact Jacobian) or carry (the additive path alone).")
]
Quietly = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print one line per value: the value, a tab, its rate per step.")
]


def _lag(parameter, values, path, plot, fmt, quiet, limits, **settings) -> None:
    """The lag sweep of any cell: one batched grid, a heatmap, a row per value."""
    from ..guard import Limits
    from ..output.plot import check_target
    from ..simulation.gradflow import cost_of
    from ..simulation.sweep import lag_configs, lag_sweep
    from ..views.sweep import lag_report

    with core_errors(RANGE_OF):
        target = None if plot is None else check_target(plot)
        if path is not None:
            settings["path"] = path.value
        configs = lag_configs(parameter, values, **settings)
        cost, limit = cost_of(configs), Limits.resolve(*limits)
        charge_output(cost, len(configs) * (configs[0].steps + 1), fmt, quiet, target is not None, limit)
        with progress_bar(cost.seconds) as tick:
            result = lag_sweep(parameter, values, limits=limit, progress=tick, **settings)
    report = lag_report(result)
    finish(report, fmt, quiet, plot=target)


NEGATIVE_RANGES = {"ignore_unknown_options": True}  # a RANGE may start with a minus (-2:6:1): not an option


class RangeCommand(TyperCommand):
    """A sweep takes unknown options as arguments (so -2:6:1 is a RANGE); a mistyped option (--frmat) is still
    refused as one, before it could be read as a RANGE or an extra argument."""

    def parse_args(self, ctx, args):
        known = {o for p in self.get_params(ctx) for o in (*p.opts, *p.secondary_opts)}  # --help included
        for arg in args:
            if arg == "--":
                break
            name = arg.split("=", 1)[0]
            if re.match(r"-(-|[A-Za-z])", name) and name not in known:
                ctx.fail(f"No such option: {name}")
        return super().parse_args(ctx, args)


@app.command(
    "radius",
    short_help="Vanilla RNN: the gradient over radius × lag, or the radius × drive map.",
    epilog="Examples: rnncalc sweep radius 0.5:1.5:0.05 --steps 200 ; rnncalc sweep radius 0.6:2:0.1 --drive 0:1:0.25",
    context_settings=NEGATIVE_RANGES,
    cls=RangeCommand,
)
def radius(
    values: Annotated[object, range_argument("Spectral radii ρ of the vanilla RNN's W.")],
    drive: DriveRange = [RUN_DEFAULTS["drive"]],  # noqa: B006 (Typer reads the default; it is never mutated)
    hidden: HiddenSize = RUN_DEFAULTS["hidden"],
    steps: Steps = RUN_DEFAULTS["steps"],
    trials: SweepTrials = SWEEP_TRIALS,
    seed: Seed = RUN_DEFAULTS["seed"],
    burn_in: RNNBurnIn = None,
    init: InitOpt = None,
    activation: ActivationOpt = None,
    plot: Plot = None,
    max_seconds: MaxSeconds = None,
    max_memory: MaxMemory = None,
    fmt: FormatOpt = Format.table,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="Print one line per value: the value, a tab, its rate per step. The map: each drive, a tab, the "
            "measured boundary radius (empty where it lies outside the radii swept).",
        ),
    ] = False,
) -> None:
    """Vanilla RNN: log10 of the gradient norm over radius × lag, or (with a --drive range) the radius × drive map
    with the mean-field edge of chaos and the measured boundary."""
    settings: dict[str, Any] = dict(hidden=hidden, steps=steps, trials=trials, seed=seed, burn_in=burn_in)
    if init is not None:
        settings["init"] = init.value
    if activation is not None:
        settings["activation"] = activation.value
    drives, values = cast(list, drive), cast(list, values)  # what the RANGE parser made of them
    if len(drives) == 1:
        settings["drive"] = drives[0]
        return _lag("radius", values, None, plot, fmt, quiet, (max_seconds, max_memory), **settings)
    from ..guard import Limits
    from ..output.plot import check_target
    from ..simulation.gradflow import cost_of
    from ..simulation.sweep import MAX_GRID, phase_configs, phase_sweep
    from ..views.sweep import phase_report

    with core_errors(RANGE_OF):
        target = None if plot is None else check_target(plot)
        configs, limit = phase_configs(values, drives, **settings), Limits.resolve(max_seconds, max_memory)
        cost = cost_of(configs, MAX_GRID)
        charge_output(cost, len(configs), fmt, quiet, target is not None, limit)  # before the theory loads NumPy
        with progress_bar(cost.seconds) as tick:
            result = phase_sweep(values, drives, limits=limit, progress=tick, **settings)
    report = phase_report(result)
    finish(report, fmt, quiet, plot=target)


def _gated_sweep(parameter: str, values_help: str, title: str, example: str) -> None:
    """`sweep forget` (LSTM) and `sweep update` (GRU): the same command for the gate each cell holds."""

    def command(
        values: object,  # its annotation is set below: a closure's name is not in scope for Typer
        path: GatedPath = OnePath.full,
        drive: Drive = RUN_DEFAULTS["drive"],
        hidden: HiddenSize = RUN_DEFAULTS["hidden"],
        steps: Steps = RUN_DEFAULTS["steps"],
        trials: SweepTrials = SWEEP_TRIALS,
        seed: Seed = RUN_DEFAULTS["seed"],
        burn_in: GatedBurnIn = None,
        plot: Plot = None,
        max_seconds: MaxSeconds = None,
        max_memory: MaxMemory = None,
        fmt: FormatOpt = Format.table,
        quiet: Quietly = False,
    ) -> None:
        _lag(parameter, values, path, plot, fmt, quiet, (max_seconds, max_memory),
             hidden=hidden, steps=steps, trials=trials, seed=seed, burn_in=burn_in, drive=drive)  # fmt: skip

    command.__annotations__["values"] = Annotated[object, range_argument(values_help)]
    command.__doc__ = f"{title}: log10 of the gradient norm over {parameter}-gate value × lag."
    app.command(
        parameter,
        short_help=f"{title}: the gradient over {parameter}-gate value × lag.",
        epilog=f"Example: {example}",
        context_settings=NEGATIVE_RANGES,
        cls=RangeCommand,
    )(command)


_gated_sweep(
    "forget", "Forget-gate values f of the LSTM, in [0, 1].", "LSTM", "rnncalc sweep forget 0.5:0.99:0.01 --path carry"
)
_gated_sweep("update", "Update-gate values z of the GRU, in [0, 1].", "GRU", "rnncalc sweep update 0.5:0.99:0.01")


@app.command(
    "forget-bias",
    short_help="What a forget-gate bias keeps: f = σ(b), f^T and the timescale.",
    epilog="Example: rnncalc sweep forget-bias -2:6:1 --steps 100",
    context_settings=NEGATIVE_RANGES,
    cls=RangeCommand,
)
def forget_bias(
    values: Annotated[object, range_argument("Forget-gate biases b, within ±100.")],
    steps: Annotated[
        int, typer.Option("--steps", "-T", parser=whole("steps"), metavar="T", help="The power in f^T.")
    ] = 100,
    fmt: FormatOpt = Format.table,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print one line per bias: b, a tab, f.")] = False,
) -> None:
    """Forget-gate bias b ↦ f = σ(b), what the carry path keeps after T steps (f^T), and its timescale −1/ln f."""
    from ..simulation.sweep import forget_bias_table
    from ..views.sweep import bias_report

    with core_errors(RANGE_OF):
        rows = forget_bias_table(cast(list, values), steps)
    finish(bias_report(rows, steps), fmt, quiet)
