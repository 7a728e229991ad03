"""`rnncalc gradflow` as a Report: norms by lag, the summary beside the theory, what it means, a chart.

Size: the lessons, one small function each, sit beside the tables whose numbers they explain.
"""

from __future__ import annotations

import math

from ..choices import BURN_IN_TIMESCALES
from ..output.report import Chart, Column, Report, Table, Text, exact, sci
from ..output.scale import NOISE, BarScale, bar_eighths, bar_scale
from ..simulation.config import GatedConfig, LSTMConfig, RNNConfig
from ..simulation.gradflow import RATE_THRESHOLD, VERDICT_RULE, Run, change_text, decade_steps

TABLE_ROWS = 20  # the table's default number of sampled lags
CSV = tuple(
    Column(k, k)
    for k in "run cell path radius forget update step log10_norm log10_spread decay_per_step horizon".split()
)


def run_label(run: Run) -> str:
    c = run.config
    if isinstance(c, RNNConfig):
        return f"ρ={exact(c.radius)}"
    return f"{c.carry.kept}={exact(c.gate)} {c.path}"


def run_settings(run: Run, tol: float) -> dict:
    """The run's settings, only those that apply to its cell."""
    c = run.config
    out = dict(cell=c.cell, hidden=c.hidden, steps=c.steps, trials=c.trials, seed=c.seed, drive=c.drive)
    out |= dict(burn_in=run.burn_in, stationary=run.stationary, tol=tol)
    if isinstance(c, RNNConfig):
        return out | dict(radius=c.radius, init=c.init, activation=c.activation, path=c.path)
    return out | {c.varies: c.gate, "path": c.path}


def sampled_lags(steps: int, every: int) -> list[int]:
    """Every k-th lag, and always the last one."""
    lags = list(range(0, steps + 1, every))
    return lags if lags[-1] == steps else lags + [steps]


def default_every(steps: int) -> int:
    return max(1, math.ceil(steps / TABLE_ROWS))


def rate_text(x: float | None) -> str:
    """+0.0123/step; a rate too small for four decimals in two significant digits; rounding noise as 0."""
    if x is None:
        return "—"
    if abs(x) < NOISE:
        return "0.0000/step"
    return f"{x:+.1e}/step" if abs(x) < 5e-5 else f"{x:+.4f}/step"


def decade_text(rate: float | None) -> str:
    """How many steps a tenfold change takes at this rate."""
    steps = decade_steps(rate)
    return "never" if steps is None else f"{steps:,.3g} steps"


def bar(value: float | None, scale: BarScale) -> str:
    eighths = bar_eighths(value, scale)
    full, part = divmod(eighths, 8)
    return ("█" * full + (" ▏▎▍▌▋▊▉"[part] if part else "")).ljust(scale.blocks)


def gradflow_report(runs: list[Run], tol: float, every: int) -> Report:
    steps = runs[0].config.steps
    lags = sampled_lags(steps, every)
    data = {
        "runs": [
            run_settings(r, tol)
            | {
                "quantity": r.quantity,
                "points": [{"step": s, "log10_norm": r.log10_norm[s], "log10_spread": r.log10_spread[s]} for s in lags],
                "decay_per_step": r.decay_per_step,
                "horizon": r.horizon,
                "decay_interval": None if r.decay_interval is None else list(r.decay_interval),
                "verdict": r.verdict,
                "theory": r.theory,
            }
            | ({"cell_state": r.cell_state} if r.config.cell == "lstm" else {})
            for r in runs
        ]
    }
    csv_rows = [
        {"run": i, "cell": r.config.cell, "path": r.config.path, r.config.varies: r.config.value, "step": s}
        | {"log10_norm": r.log10_norm[s], "log10_spread": r.log10_spread[s]}
        | {"decay_per_step": r.decay_per_step, "horizon": r.horizon}
        for i, r in enumerate(runs)
        for s in lags
    ]
    sections: list[Table | Text | Chart] = [_lag_table(runs, lags), _summary(runs, tol), *_lessons(runs)]
    quantities = list(dict.fromkeys(r.quantity for r in runs))
    groups = list(dict.fromkeys((r.config.cell, r.config.value) for r in runs))
    chart = Chart(
        [(run_label(r), r.log10_norm) for r in runs],
        "lag s (steps back from T)",
        "log₁₀ " + " or ".join(sorted(quantities)),
        _chart_title(runs),
        theory_lines(runs),
        [
            (
                groups.index((r.config.cell, r.config.value)),
                "-" if r.config.path == "full" else "--",
                quantities.index(r.quantity),
            )
            for r in runs
        ],  # fmt: skip
        [f"log₁₀ {q}" for q in quantities],
    )
    sections.append(chart)
    # -q: one number a run; an exactly zero gradient's log10 is -inf (JSON and CSV say null / empty).
    quiet = "\n".join("-inf" if r.log10_norm[-1] is None else repr(r.log10_norm[-1]) for r in runs)
    return Report(data, Table("", CSV, csv_rows), sections, quiet, chart)


def _chart_title(runs: list[Run]) -> str:
    c = runs[0].config
    return f"Gradient norm through time · {c.cell}, n={c.hidden}, {c.trials} trials, seed {c.seed}"


def theory_lines(runs: list[Run]) -> list[tuple[str, list[float], int]]:
    """The main prediction per run, as a line over the lags: the mean field for the RNN, gate^s on a carry path."""
    lines: dict[str, tuple[list[float], int]] = {}
    for i, r in enumerate(runs):
        c = r.config
        if isinstance(c, RNNConfig):
            label, rate = f"{run_label(r)}: mean-field theory", r.theory["mean_field"]
        elif c.path == "carry":
            symbol = c.carry.kept
            label = f"{symbol}^s theory, {symbol}={exact(c.gate)} (exact: on the carry curve)"
            rate = r.theory["carry_power"]
        else:
            continue
        if rate is not None and label not in lines:
            lines[label] = ([rate * s for s in range(c.steps + 1)], i)
    return [(label, ys, i) for label, (ys, i) in lines.items()]


def _lag_table(runs: list[Run], lags: list[int]) -> Table:
    shown = [x for r in runs for s in lags if (x := r.log10_norm[s]) is not None]
    scale = bar_scale(shown)
    legend = (
        f"Bars: the norm on a log scale, the same for every column, empty at {sci(scale.low)} and full at "
        f"{sci(scale.high)} ({scale.block:g} decade{'s' if scale.block != 1 else ''} a block): equal norms, equal "
        "bars."
    )
    columns = [Column("lag", "Lag s", str, "right")]
    for i, r in enumerate(runs):
        value = Column(f"v{i}", run_label(r), sci, "right", missing="0")
        columns += [value, Column(f"b{i}", "", optional=1, legend=legend)]
    rows = [
        {"lag": s}
        | {f"v{i}": r.log10_norm[s] for i, r in enumerate(runs)}
        | {f"b{i}": bar(r.log10_norm[s], scale) for i, r in enumerate(runs)}
        for s in lags
    ]
    c = runs[0].config
    quantities = sorted({r.quantity for r in runs})
    title = (
        f"{' and '.join(quantities)} at lag s (s steps back from T) · {c.cell} · n={c.hidden}, T={c.steps}, "
        f"{c.trials} trials (geometric mean), drive {c.drive:g}, seed {c.seed}"
    )
    return Table(title, tuple(columns), rows)


_THEORY = {
    "radius_power": "ρ^s (exact only for linear orthogonal W)",
    "pascanu_bound": "(γ·σ_max)^s, an upper bound",
    "mean_field": "mean field ½·log₁₀ χ",
    "carry_power": "gate^s (exact on the carry path)",
}


def _summary(runs: list[Run], tol: float) -> Table:
    keys = [f"r{i}" for i in range(len(runs))]
    columns = (Column("what", "", wrap=True),) + tuple(
        Column(k, run_label(r), align="right") for k, r in zip(keys, runs)
    )

    def row(label: str, texts) -> dict:
        return {"what": label} | dict(zip(keys, texts))

    rows = [
        row("measured rate", [rate_text(r.decay_per_step) for r in runs]),
        row("± over trials (2 s.e.)", [_half_width(r) for r in runs]),
        row("tenfold change every", [change_text(r.log10_norm, r.decay_per_step) for r in runs]),
    ]
    for key, label in _THEORY.items():
        if any(key in r.theory for r in runs):
            rows.append(row(label, [rate_text(r.theory.get(key)) for r in runs]))
    if any("sigma_w" in r.theory for r in runs):
        rows.append(
            row(
                "σ_w = ‖W‖_F/√n (mean field)",
                [f"{r.theory['sigma_w']:#.4g}" if "sigma_w" in r.theory else "—" for r in runs],
            )
        )
    rows.append(row(f"horizon (norm < {tol:g})", ["never" if r.horizon is None else f"lag {r.horizon}" for r in runs]))
    rows.append(row("verdict", [r.verdict for r in runs]))
    if any(r.cell_state for r in runs):
        rows.append(row("cell state |c|", [f"{r.cell_state['mean_abs']:.3g}" if r.cell_state else "—" for r in runs]))
        rows.append(row("tanh′(c)", [f"{r.cell_state['mean_tanh_prime']:.3g}" if r.cell_state else "—" for r in runs]))
    rows.append(
        row("burn-in", [f"{r.burn_in}" + ("" if r.stationary in (None, True) else " (too short)") for r in runs])
    )
    notes: tuple[str, ...] = (
        "Rates: log₁₀ change of the norm per step, least squares over lags 1..T; ± two standard errors of the "
        "trials' own rates. The rate is this window's: near the edge another --steps may measure another.",
        VERDICT_RULE,
    )
    if any(r.cell_state for r in runs):
        notes += ("Cell state: the LSTM's mean |c| and tanh′(c) over the window (h = o ⊙ tanh(c)).",)
    if any("mean_field" in r.theory for r in runs):
        notes += (_SYMBOLS,)
    return Table("Summary", columns, rows, notes=notes)


_SYMBOLS = (
    "Symbols: ρ, the spectral radius of W (its largest |eigenvalue|); σ_max, its largest singular value; γ = "
    "sup|φ′|, 1 for tanh (the bound of Pascanu, Mikolov & Bengio 2013); mean field (Poole et al. 2016): q*, the "
    "pre-activations' stationary variance, and χ = σ_w²·E[φ′(√(q*)·z)²], the factor by which one step scales the "
    "squared gradient, so ½·log₁₀ χ per step; σ_w, the weight scale of the W drawn."
)


def _lessons(runs: list[Run]) -> list[Text]:
    """What these numbers mean for this run, and what to try next: a few sentences, each true for it."""
    said: dict[tuple[str, bool], list[str]] = {}  # the same sentence for several runs is said once, naming them all
    for r in runs:
        for line in _lesson(r):
            prefix = f"{run_label(r)}: "
            key = (line.removeprefix(prefix), line.startswith(prefix))
            said.setdefault(key, []).append(run_label(r))
    lines = [f"{', '.join(labels)}: {line}" if labelled else line for (line, labelled), labels in said.items()]
    lines += [line for r in runs for line in _cell_state_lesson(r)]
    lines += _verdict_lesson(runs) + _paths_lesson(runs) + _stationarity_lesson(runs)
    return [Text(line, "note") for line in dict.fromkeys(lines)]


def _half_width(r: Run) -> str:
    if r.decay_interval is None:
        return "—"
    return f"±{(r.decay_interval[1] - r.decay_interval[0]) / 2:.4f}"


def _cell_state_lesson(r: Run) -> list[str]:
    """The LSTM's full path, explained by the cell state it ran at (the course's carousel holds for c, not h)."""
    c, state = r.config, r.cell_state
    if not isinstance(c, LSTMConfig) or c.path != "full" or not state or state["mean_tanh_prime"] >= 0.5:
        return []
    return [
        f"{run_label(r)}: over the burn-in the cell state grew to |c| ≈ {state['mean_abs']:.2g} (a forget gate of "
        f"{exact(c.gate)} keeps c for ~{1 / max(1 - c.gate, 1e-300):,.0f} steps while the input gate keeps adding), "
        f"where tanh′(c) ≈ {state['mean_tanh_prime']:.2g}. h reads c through tanh(c), so that factor cuts the path "
        "between c and h: ‖∂L/∂h‖ cannot ride the carousel, which the carry path (c alone, through diag(f)) shows. "
        "Coupled gates keep |c| ≤ 1 (CIFG's i = 1 − f; the GRU's convex update): compare "
        f"rnncalc gradflow --cell gru --update {exact(c.gate)} --path both; --burn-in 0 starts the window from c = 0."
    ]


def _verdict_lesson(runs: list[Run]) -> list[str]:
    out = []
    for verdict, advice in (
        ("vanishing", "a gate held near 1 keeps it longer: try --cell lstm --forget 0.99 --path both"),
        ("exploding", "training would need gradient clipping, or a smaller radius"),
    ):
        chosen = [r for r in runs if r.config.cell == "rnn" and r.verdict == verdict and r.decay_per_step is not None]
        if chosen:
            labels = ", ".join(run_label(r) for r in chosen)
            speeds = ", ".join(decade_text(r.decay_per_step) for r in chosen)
            change = "shrinks" if verdict == "vanishing" else "grows"
            out.append(f"{labels}: the gradient {verdict[:-3]}es, it {change} tenfold every {speeds}; {advice}.")
    return out


def _lesson(r: Run) -> list[str]:
    return _rnn_lesson(r, r.config) if isinstance(r.config, RNNConfig) else _gated_lesson(r, r.config)


def _rnn_lesson(r: Run, c: RNNConfig) -> list[str]:
    t, rate = r.theory, r.decay_per_step
    label = run_label(r)
    if rate is None:
        return [f"{label}: the gradient is exactly zero after the first step (radius 0, or ReLU units all off)."]
    if c.activation == "linear" and c.init == "orthogonal":
        return [
            f"{label}: a linear RNN with orthogonal W scales every gradient by exactly ρ per step, "
            "so ρ^s is exact here."
        ]
    out = []
    power = t["radius_power"]
    if c.activation == "tanh" and power is not None and power > RATE_THRESHOLD and rate < power - RATE_THRESHOLD:
        out.append(
            f"{label}: ρ^s predicts growth ({power:+.4f}/step), but the gradient "
            f"{'decays' if rate < 0 else 'grows more slowly'} "
            f"({rate:+.4f}/step): tanh′ < 1 wherever a unit is not at 0, and saturated units pass almost nothing back. "
            f"The mean field, with the pre-activations' stationary variance q* = {t['q_star']:.3g}, predicts "
            f"{rate_text(t['mean_field'])}. See ρ^s exactly with --activation linear --init orthogonal."
        )
    if t["pascanu_bound"] is not None and rate < t["pascanu_bound"] - 0.05:
        here = "shrinks" if rate < 0 else "grows more slowly"
        out.append(f"The bound (γ·σ_max)^s only caps growth: the gradient never grows faster, and here it {here}.")
    return out


def _gated_lesson(r: Run, c: GatedConfig) -> list[str]:
    label, gate = run_label(r), c.carry.kept
    if c.path == "carry":
        if c.gate == 0:
            return [f"{label}: a gate of 0 keeps nothing: the carried gradient is exactly zero after one step."]
        if c.gate == 1:
            return [f"{label}: a gate of 1 keeps the carried gradient exactly, at every lag: {gate}^s = 1."]
        return [
            f"{label}: the carry path keeps exactly {gate}^s, tenfold less every {decade_text(r.decay_per_step)}, "
            "whatever the weights: the gate alone sets how long the gradient survives along it."
        ]
    first = r.log10_norm[1]
    if c.carry.state != "h" and first is not None and first < -0.5:  # h reaches h only via the gates
        return [
            f"{label}: the full path drops {10**-first:,.3g}× at the first step: h_{{T−1}} reaches h_T only "
            "through the gates and W_hh, not through the carry c."
        ]
    return []


def _paths_lesson(runs: list[Run]) -> list[str]:
    """Full and carry side by side: they measure different things; say which lasted longer here."""
    paths: dict[float, dict[str, Run]] = {}
    kept = None
    for r in runs:
        if isinstance(r.config, GatedConfig) and r.decay_per_step is not None:
            paths.setdefault(r.config.gate, {})[r.config.path] = r
            kept = r.config.carry
    pairs = {g: p for g, p in paths.items() if len(p) == 2}
    if not pairs or kept is None:
        return []
    carried = f"‖∂L/∂{kept.state}‖ along diag({kept.kept}) alone"
    lines = [
        f"'carry' is {carried}; 'full' is ‖∂L/∂h‖ through every path (the carry path, the gates and W_hh): "
        "different quantities. The carry path is the part the gate alone guarantees."
    ]
    for gate, p in pairs.items():
        lines.append(f"{kept.kept}={exact(gate)}: " + _compare_paths(p["full"], p["carry"]))
    return lines


def _compare_paths(full: Run, carry: Run) -> str:
    """Which path kept more at the last lag, and whether the fitted rates agree with that or close the gap."""
    a, b = full.log10_norm[-1], carry.log10_norm[-1]
    at_end = f"after {full.config.steps:,} steps the full gradient is {sci(a)} against {sci(b)} on the carry path"
    rates = f"{rate_text(full.decay_per_step)} against {rate_text(carry.decay_per_step)}"
    rate_full, rate_carry = full.decay_per_step, carry.decay_per_step
    if a is None or b is None or a == b or rate_full is None or rate_carry is None or rate_full == rate_carry:
        return f"{at_end} (fitted rates {rates})."
    ahead, higher = a > b, rate_full > rate_carry
    rate = "higher" if higher else "lower"
    if ahead == higher:
        return (
            f"{at_end}, and its fitted rate is {rate} too ({rates}): with these random weights the paths through "
            f"the gates keep {'more' if ahead else 'less'}."
        )
    return (
        f"{at_end}, but its fitted rate is {rate} ({rates}): the gap {'narrows' if higher else 'widens'} with the lag."
    )


def _stationarity_lesson(runs: list[Run]) -> list[str]:
    out = []
    for r in runs:
        c = r.config
        if r.stationary is False and isinstance(c, GatedConfig) and c.path == "full":  # carry: gate^s from any state
            if c.gate == 1:
                out.append(
                    f"{run_label(r)}: with a gate of 1 the state never forgets its start, so no burn-in makes the "
                    "window stationary; the full path's trend here is not a steady rate."
                )
            else:
                out.append(
                    f"{run_label(r)}: a burn-in of {r.burn_in} is shorter than {BURN_IN_TIMESCALES} × "
                    f"1/(1 − {c.gate:g}) = {r.settling:,.0f} steps: the state had not settled, "
                    "so the full path's trend may not be a steady rate."
                )
    return out
