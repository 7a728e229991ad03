"""`rnncalc sweep` as a Report: heatmaps of gradient survival and the forget-bias table."""

from __future__ import annotations

from ..choices import RNN_DEFAULTS, RUN_DEFAULTS
from ..output.report import BOTH, Column, Curve, Heatmap, Report, Table, Text, exact, general, quiet_lines, sci
from ..output.scale import decade_scale, rate_scale
from ..simulation.gradflow import change_text
from ..simulation.sweep import BiasRow, LagSweep, PhaseSweep

PER_ROW = (
    Column("value", "value", exact, "right"),
    Column("decay_per_step", "rate", lambda x: f"{x:+.4f}/step", "right"),
    Column("decade", "tenfold every", missing="never", optional=1),
    Column("horizon", "horizon", lambda h: f"lag {h}", "right", missing="never"),
    Column("verdict", "verdict"),
)


def shared_settings(cfg) -> dict:
    """What every point of a sweep shares, for its JSON: sizes, seed, drive, and the cell's own settings."""
    out = {k: getattr(cfg, k) for k in RUN_DEFAULTS}
    return out | ({k: getattr(cfg, k) for k in RNN_DEFAULTS} if cfg.cell == "rnn" else {"path": cfg.path})


def lag_report(sweep: LagSweep) -> Report:
    runs, name = sweep.runs, sweep.parameter
    first = runs[0].config
    settings = shared_settings(first)
    rows = [
        {"value": v, "decay_per_step": r.decay_per_step, "horizon": r.horizon, "verdict": r.verdict}
        | {"decay_interval": None if r.decay_interval is None else list(r.decay_interval)}
        | {"decade": change_text(r.log10_norm, r.decay_per_step), "log10_norm": r.log10_norm}
        for v, r in zip(sweep.values, runs)
    ]
    keys = ("value", "decay_per_step", "decay_interval", "horizon", "verdict", "log10_norm")
    data = {"mode": "lag", "cell": first.cell, "parameter": name, **settings, "burn_in": sweep.burn_in}
    data["rows"] = [{k: row[k] for k in keys} for row in rows]
    csv = Table("", (Column(name, name), Column("step", "step"), Column("log10_norm", "log10_norm")), [
        {name: v, "step": s, "log10_norm": x} for v, r in zip(sweep.values, runs) for s, x in enumerate(r.log10_norm)
    ])  # fmt: skip
    values = [x for r in runs for x in r.log10_norm if x is not None]
    heatmap = Heatmap(
        f"log₁₀ of {runs[0].quantity} · {first.cell} · {name} against lag · n={first.hidden}, "
        f"{first.trials} trials, seed {first.seed}, burn-in {sweep.burn_in}",
        name,
        [exact(v) for v in sweep.values],
        "lag s (steps back from T)",
        list(range(first.steps + 1)),
        [r.log10_norm for r in runs],
        decade_scale(values),
        notes=(f"Every row is `{gradflow_command(first, name, sweep.burn_in)}`, bit for bit.",),
    )
    table = Table("Per row", (PER_ROW[0]._replace(label=name),) + PER_ROW[1:], rows)
    sections = [heatmap, table, *[Text(line, "note") for line in _lag_lessons(sweep)]]
    return Report(data, csv, sections, quiet_lines(table, "value", "decay_per_step"), heatmap)


def gradflow_command(cfg, name: str, burn_in: int) -> str:
    """The `rnncalc gradflow` command that computes one row of a lag sweep: every setting it would not default."""
    parts = [f"rnncalc gradflow --cell {cfg.cell} --{name} VALUE"]
    for setting, default in RUN_DEFAULTS.items():
        if getattr(cfg, setting) != default:
            parts.append(f"--{setting} {getattr(cfg, setting)!r}")  # repr: exact, so the run is the same
    if cfg.cell == "rnn":
        parts += [f"--{s} {getattr(cfg, s)}" for s, default in RNN_DEFAULTS.items() if getattr(cfg, s) != default]
    elif cfg.path != "full":
        parts.append(f"--path {cfg.path}")
    return " ".join([*parts, f"--burn-in {burn_in}"])


def _lag_lessons(sweep: LagSweep) -> list[str]:
    """One verdict per value: consecutive values with the same verdict as one span, so no two spans overlap."""
    spans: dict[str, list[list[float]]] = {}
    previous = None
    for value, run in zip(sweep.values, sweep.runs):
        if run.verdict == previous:
            spans[run.verdict][-1].append(value)
        else:
            spans.setdefault(run.verdict, []).append([value])
        previous = run.verdict
    parts = [f"{verdict} for {sweep.parameter} {_spans(runs)}" for verdict, runs in spans.items()]
    line = "The gradient is " + "; ".join(parts) + "."
    return [line]


def _spans(runs: list[list[float]]) -> str:
    """0.5 to 1.15 and 1.25: each run of consecutive values as its first and last."""
    texts = [exact(r[0]) if len(r) == 1 else f"{exact(r[0])} to {exact(r[-1])}" for r in runs]
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " and " + texts[-1]


def phase_report(sweep: PhaseSweep) -> Report:
    settings = {k: v for k, v in shared_settings(sweep.config).items() if k != "drive"}
    data = {
        "mode": "phase",
        "cell": "rnn",
        **settings,
        "burn_in": sweep.burn_in,
        "radius": sweep.radii,
        "drive": sweep.drives,
        "sigma_w": sweep.sigma_w,
        "decay_per_step": sweep.decay,
        "chi_mean_field": sweep.chi,
        "critical_radius_mean_field": sweep.critical_mean_field,
        "critical_radius_measured": sweep.critical_measured,
    }
    keys = ("radius", "drive", "decay_per_step", "chi_mean_field")
    csv = Table("", tuple(Column(k, k) for k in keys), [
        {"radius": r, "drive": d, "decay_per_step": sweep.decay[j][i], "chi_mean_field": sweep.chi[j][i]}
        for j, d in enumerate(sweep.drives)
        for i, r in enumerate(sweep.radii)
    ])  # fmt: skip
    curves = (
        Curve("measured boundary (the rate crosses 0)", "○", _points(sweep.critical_measured, sweep.radii)),
        Curve("mean-field edge of chaos (χ = 1)", "◆", _points(sweep.critical_mean_field, sweep.radii)),
    )
    rates = [x for row in sweep.decay for x in row if x is not None]
    heatmap = Heatmap(
        f"Measured log₁₀ change of ‖∂L/∂h‖ per step · tanh RNN · radius × drive · n={sweep.config.hidden}, "
        f"T={sweep.config.steps}, {sweep.config.trials} trials, seed {sweep.config.seed}",
        "drive",
        [exact(d) for d in sweep.drives],
        "spectral radius ρ",
        sweep.radii,
        sweep.decay,
        rate_scale(rates),
        curves=curves,
        notes=(
            f"◆ mean-field edge of chaos (χ = 1); ○ measured boundary (the rate crosses 0); {BOTH} both, on the "
            "nearest radius drawn (exact values in the table below; a mark hides its cell's glyph). Left of the "
            "boundary gradients vanish, right of it they grow.",
        ),
    )
    edges = Table(
        "Edge of chaos per drive",
        (
            Column("drive", "drive", general, "right"),
            Column("mean_field", "mean field ρ (χ = 1)", lambda x: f"{x:.4f}", "right"),
            Column("measured", "measured ρ", lambda x: f"{x:.4f}", "right"),
        ),
        [
            {"drive": d, "mean_field": mf, "measured": ms}
            for d, mf, ms in zip(sweep.drives, sweep.critical_mean_field, sweep.critical_measured)
        ],
        notes=(_scale_note(sweep),),
    )
    return Report(data, csv, [heatmap, edges], quiet_lines(edges, "drive", "measured"), heatmap)


def _scale_note(sweep: PhaseSweep) -> str:
    scale = "" if sweep.unit_scale is None else f" (here σ_w = {sweep.unit_scale:.3f}·ρ)"
    return (
        "The mean field uses the weight scale of the W simulated, σ_w = ‖W‖_F/√n" + scale + ": a Gaussian W "
        "rescaled to spectral radius ρ has σ_w below ρ, so its edge lies above the one for σ_w = ρ. "
        "—: not within the radii swept."
    )


def _points(edges: list[float | None], radii: list[float]) -> list[tuple[int, float]]:
    """One point per drive row where the edge lies within the radii swept."""
    return [(row, x) for row, x in enumerate(edges) if x is not None and radii[0] - 1e-9 <= x <= radii[-1] + 1e-9]


def bias_report(rows: list[BiasRow], steps: int) -> Report:
    keys = ("bias", "forget", "log10_retained", "timescale")
    records = [dict(zip(keys, r)) for r in rows]
    table = Table(
        f"Forget-gate bias b ↦ f = σ(b), what the carry path keeps after {steps} steps, and its memory",
        (
            Column("bias", "bias b", general, "right"),
            Column("forget", "f = σ(b)", lambda f: f"{f:.6g}", "right"),
            Column("log10_retained", f"f^{steps}", sci, "right"),
            Column("timescale", "timescale −1/ln f", lambda t: f"{t:#,.4g} steps", "right"),
        ),
        records,
        notes=(
            "timescale: the steps for an e-fold loss along the carry path; a tenfold loss (gradflow's \"tenfold "
            'change every") takes ln 10 ≈ 2.303 times as long.',
            "PyTorch adds bias_ih and bias_hh: setting both to b gives the forget gate an effective bias 2b. "
            "Keras's unit_forget_bias=True starts it at 1 (one bias vector).",
        ),
    )
    data = {"mode": "forget_bias", "steps": steps, "rows": records}
    return Report(
        data, Table("", tuple(Column(k, k) for k in keys), records), [table], quiet_lines(table, "bias", "forget")
    )
