"""`rnncalc gradflow`: backpropagation through time, on drawn weights or a trained model's."""

from typing import Annotated, Any, Optional

import typer

from ..choices import (
    MAX_RADIUS,
    RUN_DEFAULTS,
    SIMULATED,
    VARIED_DEFAULTS,
)
from ..output.emit import Format
from .common import charge_output, core_errors, finish, option_name, progress_bar, typed
from .options import (
    ActivationOpt,
    BurnIn,
    Drive,
    FormatOpt,
    HiddenSize,
    InitOpt,
    MaxMemory,
    MaxSeconds,
    Path,
    Plot,
    Seed,
    Steps,
    Trials,
    choices,
    listed,
    real,
    whole,
)

app = typer.Typer()  # registered by rnncalc.cli.app

SimCell = choices("SimCell", SIMULATED)  # the cells gradflow simulates


def varied(name: str, what: str) -> Any:
    """The option of a gradflow setting a run list varies (radius, forget, update): repeatable, its defaults shown."""
    return typer.Option(parser=real(name), metavar="X", show_default=listed(VARIED_DEFAULTS[name]), help=what)


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
    radius: Annotated[
        Optional[list[float]],
        varied("radius", f"rnn: spectral radius of W, 0 to {MAX_RADIUS:g}; repeat for several runs."),
    ] = None,
    forget: Annotated[Optional[list[float]], varied("forget", "lstm: forget-gate value in [0, 1]; repeatable.")] = None,
    update: Annotated[
        Optional[list[float]], varied("update", "gru: update-gate value z in [0, 1]; repeatable.")
    ] = None,
    path: Annotated[
        Optional[list[Path]],
        typer.Option(metavar="PATH", show_default="full", help="lstm, gru: full, carry or both; repeatable."),
    ] = None,
    hidden: HiddenSize = RUN_DEFAULTS["hidden"],
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
    finish(report, fmt, quiet, plot=target)


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
        if typed(ctx, key):
            raise typer.BadParameter(why, param_hint=f"'{option_name(key)}'")
    given = typed(ctx, "drive")
    activation = ctx.params.get("activation")
    with core_errors({"path": "--weights", "input_scale": "--drive"}):
        target = None if plot is None else check_target(plot)
        limits = Limits.resolve(max_seconds, max_memory)
        with progress_bar(2.0) as tick:  # a bar on a terminal, gone when done
            flow = trained_flow(weights, layer, steps=steps, trials=trials, seed=seed,
                                input_scale=ctx.params["drive"] if given else 1.0, burn_in=burn_in, tol=tol,
                                activation=getattr(activation, "value", activation), limits=limits,
                                progress=tick)  # fmt: skip
    report = trained_report(flow)
    finish(report, fmt, quiet, plot=target)
