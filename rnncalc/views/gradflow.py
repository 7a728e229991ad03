"""`rnncalc gradflow` as a Report: lags by runs, the summary beside the theory, a chart."""

from __future__ import annotations

import math

from ..chart import text_chart
from ..gradflow import Run
from ..report import Report, Section, sci

TABLE_ROWS = 20  # the table's default number of sampled lags
_THEORY_LABELS = {
    "radius_power": "theory ρ^s",
    "pascanu_bound": "bound (γ·σ_max)^s",
    "mean_field": "mean field ½·log₁₀χ",
    "carry_power": "theory gate^s",
}


def run_label(run: Run) -> str:
    c = run.config
    if c.cell == "rnn":
        return f"ρ={c.radius:g}"
    symbol = "f" if c.cell == "lstm" else "z"
    return f"{symbol}={c.gate:g} {c.path}"


def run_parameters(run: Run, tol: float) -> dict:
    """The run's settings, only those that apply to its cell."""
    c = run.config
    out = {
        "cell": c.cell,
        "hidden": c.hidden,
        "steps": c.steps,
        "trials": c.trials,
        "seed": c.seed,
        "drive": c.drive,
        "burn_in": c.burn_in,
        "tol": tol,
    }
    if c.cell == "rnn":
        out.update(radius=c.radius, init=c.init, activation=c.activation, path="full")
    else:
        out.update({"forget" if c.cell == "lstm" else "update": c.gate, "path": c.path})
    return out


def sampled_lags(steps: int, every: int) -> list[int]:
    """Every k-th lag, and always the last one."""
    lags = list(range(0, steps + 1, every))
    return lags if lags[-1] == steps else lags + [steps]


def default_every(steps: int) -> int:
    return max(1, math.ceil(steps / TABLE_ROWS))


def theory_curves(runs: list[Run]) -> list[tuple[str, list[float], int]]:
    """The main prediction as lines: mean field per vanilla RNN, gate^s per gate value.

    Each comes with the index of the first run it belongs to, so a plot can colour it alike.
    """
    curves: dict[str, tuple[list[float], int]] = {}
    for i, run in enumerate(runs):
        c = run.config
        if c.cell == "rnn":
            label, rate = f"ρ={c.radius:g}: mean field", run.theory["mean_field"]
        else:
            symbol = "f" if c.cell == "lstm" else "z"
            label, rate = f"{symbol}^s, {symbol}={c.gate:g}", run.theory["carry_power"]
        if rate is not None and label not in curves:
            curves[label] = ([rate * s for s in range(c.steps + 1)], i)
    return [(label, ys, i) for label, (ys, i) in curves.items()]


def _rate(x: float | None) -> str:
    return "—" if x is None else f"{x:+.4f}/step"


def _bar(x: float | None, lo: float, hi: float, width: int = 6) -> str:
    if x is None:
        return ""
    filled = round((x - lo) / (hi - lo) * width) if hi > lo else width
    return "█" * filled + "·" * (width - filled)


def gradflow_report(runs: list[Run], tol: float, every: int) -> Report:
    steps = runs[0].config.steps
    lags = sampled_lags(steps, every)
    data = {
        "runs": [
            {
                **run_parameters(r, tol),
                "points": [{"step": s, "log10_norm": r.log10_norm[s], "log10_spread": r.log10_spread[s]} for s in lags],
                "decay_per_step": r.decay_per_step,
                "horizon": r.horizon,
                "verdict": r.verdict,
                "theory": r.theory,
            }
            for r in runs
        ]
    }
    columns = "run cell path radius forget update step log10_norm log10_spread decay_per_step horizon".split()
    rows = []
    for i, (r, params) in enumerate(zip(runs, data["runs"])):
        fixed = [i, r.config.cell, params["path"], params.get("radius"), params.get("forget"), params.get("update")]
        rows += [[*fixed, s, r.log10_norm[s], r.log10_spread[s], r.decay_per_step, r.horizon] for s in lags]

    shown = [x for r in runs for s in lags if (x := r.log10_norm[s]) is not None]
    lo, hi = (min(shown), max(shown)) if shown else (0.0, 0.0)
    labels = ["Lag s"] + [run_label(r) for r in runs]
    c = runs[0].config
    title = (
        f"‖∂L/∂h_(T−s)‖ · {c.cell} · n={c.hidden}, T={steps}, {c.trials} trials (geometric mean), "
        f"drive {c.drive:g}, seed {c.seed}"
    )
    table = Section(
        title,
        labels,
        [[str(s)] + [f"{sci(r.log10_norm[s])} {_bar(r.log10_norm[s], lo, hi)}" for r in runs] for s in lags],
        numeric=tuple(range(len(labels))),
    )
    summary_rows = [["decay (measured)"] + [_rate(r.decay_per_step) for r in runs]]
    for key, label in _THEORY_LABELS.items():
        if any(key in r.theory for r in runs):
            summary_rows.append([label] + [_rate(r.theory.get(key)) for r in runs])
    summary_rows.append([f"horizon (< {tol:g})"] + ["never" if r.horizon is None else str(r.horizon) for r in runs])
    summary_rows.append(["verdict"] + [r.verdict for r in runs])
    notes = [
        "Rates are log₁₀ of the norm's change per step (least squares over all lags); the verdict flags a "
        "measured trend of more than 10× over the window."
    ]
    if c.cell != "rnn":
        notes.append(
            "The gate is held at its value at every step and unit (zero weights, bias logit(value)); "
            "'carry' follows the additive path alone, 'full' the exact Jacobian of the whole cell."
        )
    summary = Section("Summary", ["", *labels[1:]], summary_rows, notes=notes, numeric=tuple(range(1, len(labels))))
    chart = text_chart([(run_label(r), r.log10_norm) for r in runs])
    # -q: one number a run; an exactly zero gradient's log10 is -inf (JSON and CSV say null / empty).
    headline = "\n".join("-inf" if r.log10_norm[-1] is None else repr(r.log10_norm[-1]) for r in runs)
    return Report(data, columns, rows, headline, [table, summary, chart])
