"""`rnncalc sweep` as a Report: heatmaps of gradient survival and the forget-bias table."""

from __future__ import annotations

from ..report import Heatmap, Report, Section, sci
from ..sweep import BiasRow, LagSweep, PhaseSweep

MAX_COLUMNS = 60  # heatmap columns drawn in the terminal; json and csv keep every lag


def _columns(count: int) -> list[int]:
    """Indices of at most MAX_COLUMNS evenly spread columns, first and last included."""
    if count <= MAX_COLUMNS:
        return list(range(count))
    return [round(j * (count - 1) / (MAX_COLUMNS - 1)) for j in range(MAX_COLUMNS)]


def lag_report(sweep: LagSweep, config: dict) -> Report:
    runs, name = sweep.runs, sweep.parameter
    steps = runs[0].config.steps
    rows_json = [
        {
            "value": v,
            "decay_per_step": r.decay_per_step,
            "horizon": r.horizon,
            "verdict": r.verdict,
            "log10_norm": r.log10_norm,
        }
        for v, r in zip(sweep.values, runs)
    ]
    data = {"mode": "lag", "cell": runs[0].config.cell, "parameter": name, **config, "rows": rows_json}
    csv_rows = [[v, s, x] for v, r in zip(sweep.values, runs) for s, x in enumerate(r.log10_norm)]
    cols = _columns(steps + 1)
    heatmap = Heatmap(
        f"log₁₀‖∂L/∂h_(T−s)‖ · {runs[0].config.cell} · {name} against lag · n={config['hidden']}, "
        f"{config['trials']} trials, seed {config['seed']}",
        name,
        [f"{v:g}" for v in sweep.values],
        "lag s (steps back from T)",
        [str(c) for c in cols],
        [[r.log10_norm[c] for c in cols] for r in runs],
        "log₁₀‖∇‖",
        notes=["Blue: the gradient has shrunk; red: it has grown. Every row is one gradflow run with this seed."],
    )
    summary = Section(
        "Per row",
        [name, "decay/step", "horizon", "verdict"],
        [
            [
                f"{v:g}",
                "—" if r.decay_per_step is None else f"{r.decay_per_step:+.4f}",
                "never" if r.horizon is None else str(r.horizon),
                r.verdict,
            ]
            for v, r in zip(sweep.values, runs)
        ],
        numeric=(1, 2),
    )
    headline = "\n".join(
        f"{v:g}\t{'' if r.decay_per_step is None else repr(r.decay_per_step)}" for v, r in zip(sweep.values, runs)
    )
    return Report(data, [name, "step", "log10_norm"], csv_rows, headline, [heatmap, summary])


def _nearest(xs: list[float], x: float | None) -> int | None:
    if x is None or not (xs[0] - 1e-9 <= x <= xs[-1] + 1e-9):
        return None
    return min(range(len(xs)), key=lambda i: abs(xs[i] - x))


def phase_report(sweep: PhaseSweep, config: dict) -> Report:
    data = {
        "mode": "phase",
        "cell": "rnn",
        "activation": "tanh",
        **config,
        "radius": sweep.radii,
        "drive": sweep.drives,
        "decay_per_step": sweep.decay,
        "chi_mean_field": sweep.chi,
        "critical_radius_mean_field": sweep.critical_mean_field,
        "critical_radius_measured": sweep.critical_measured,
    }
    csv_rows = [
        [r, d, sweep.decay[j][i], sweep.chi[j][i]]
        for j, d in enumerate(sweep.drives)
        for i, r in enumerate(sweep.radii)
    ]
    cols = _columns(len(sweep.radii))
    marks = {}
    for row, (mf, measured) in enumerate(zip(sweep.critical_mean_field, sweep.critical_measured)):
        for x, char in ((measured, "○"), (mf, "◆")):  # the mean-field mark wins a shared cell
            col = _nearest([sweep.radii[c] for c in cols], x)
            if col is not None:
                marks[(row, col)] = char
    heatmap = Heatmap(
        f"Measured log₁₀ change of ‖∇‖ per step · tanh RNN · radius × drive · n={config['hidden']}, "
        f"T={config['steps']}, seed {config['seed']}",
        "drive",
        [f"{d:g}" for d in sweep.drives],
        "spectral radius ρ",
        [f"{sweep.radii[c]:g}" for c in cols],
        [[sweep.decay[j][c] for c in cols] for j in range(len(sweep.drives))],
        "decay/step",
        marks=marks,
        notes=[
            "◆ mean-field edge of chaos (χ = 1); ○ measured boundary (the decay crosses 0). "
            "Left of it gradients vanish, right of it they explode."
        ],
    )
    table = Section(
        "Edge of chaos per drive",
        ["drive", "mean field ρ (χ = 1)", "measured ρ"],
        [
            [f"{d:g}", "—" if mf is None else f"{mf:.4f}", "—" if ms is None else f"{ms:.4f}"]
            for d, mf, ms in zip(sweep.drives, sweep.critical_mean_field, sweep.critical_measured)
        ],
        numeric=(1, 2),
    )
    headline = "\n".join(
        f"{d:g}\t{'' if ms is None else repr(ms)}" for d, ms in zip(sweep.drives, sweep.critical_measured)
    )
    return Report(data, ["radius", "drive", "decay_per_step", "chi_mean_field"], csv_rows, headline, [heatmap, table])


def bias_report(rows: list[BiasRow], steps: int) -> Report:
    keys = ["bias", "forget", "log10_retained", "timescale"]
    data = {"mode": "forget_bias", "steps": steps, "rows": [dict(zip(keys, r)) for r in rows]}
    table = Section(
        f"Forget-gate bias b ↦ f = σ(b), what the carry path keeps after {steps} steps, and its memory",
        ["bias b", "f = σ(b)", f"f^{steps}", "timescale −1/ln f"],
        [[f"{r.bias:g}", f"{r.forget:.6g}", sci(r.log10_retained), f"{r.timescale:,.4g} steps"] for r in rows],
        notes=[
            "PyTorch adds bias_ih and bias_hh: setting both to b gives the forget gate an effective bias 2b. "
            "Keras's unit_forget_bias=True starts it at 1 (one bias vector)."
        ],
        numeric=(1, 2, 3),
    )
    headline = "\n".join(f"{r.bias:g}\t{r.forget!r}" for r in rows)
    return Report(data, keys, [list(r) for r in rows], headline, [table])
