"""`rnncalc gradflow --weights FILE` as a Report: each trained recurrent layer's weights, how its gradient decays
through time, and what that means for the model."""

from __future__ import annotations

from dataclasses import asdict

from ..counting.cells import CELLS
from ..errors import printable
from ..output.report import Chart, Column, Report, Table, Text
from ..simulation.gradflow import decade_steps
from ..weights.flow import LayerFlow, TrainedFlow
from .gradflow import decade_text, rate_text


def _radii(r: dict[str, float]) -> str:
    return " ".join(f"{k}={v:.2f}" for k, v in r.items()) if len(r) > 1 else f"{next(iter(r.values())):.3f}"


def _bias(g) -> str:
    return f"{g.bias_mean:+.2f} ({g.bias_min:+.2f} to {g.bias_max:+.2f})"


def _rate(x: float) -> str:
    """A log10 rate per step, as rate_text gives it, without the unit the header carries."""
    return rate_text(x).removesuffix("/step")


def _steps(x: float) -> str:
    """A number of steps as people read it: 0.05, 4.7, 38, 1,200 (never a nonzero as 0.0)."""
    return f"{x:.2g}" if x < 1 else f"{x:.1f}" if x < 10 else f"{x:,.0f}"


RHO = "ρ: the spectral radius (largest |eigenvalue|) of each n × n block of W_hh, by gate."
GATE = (
    "Carry gate: the mean activation over the window of the gate the carry path keeps (the LSTM's forget gate f, "
    "the GRU's update gate z); its bias is b_ih + b_hh of that gate, over its units."
)
WEIGHTS = (
    Column("name", "Layer"),
    Column("cell", "Cell"),
    Column("spectral_radius", "ρ of W_hh blocks", _radii, wrap=True, legend=RHO),
    Column("gate_mean", "Carry gate", lambda x: f"{x:.3f}", "right", missing="—", optional=1, legend=GATE),
    Column("gate_bias", "Its bias: mean (range)", missing="—", wrap=True, optional=2),
)
FLOW = (  # narrow terminals drop the spread first, then the carry path, then the decade; never the verdict
    Column("name", "Layer"),
    Column("decay_per_step", "log₁₀/step", _rate, "right"),
    Column("decay_spread", "±", lambda x: f"{x:.4f}", "right", optional=3),
    Column("decade", "Tenfold every", missing="never", align="right", optional=1),
    Column("horizon", "Horizon", align="right"),
    Column("carry_decay_per_step", "Carry log₁₀/step", _rate, "right", missing="—", optional=2),
    Column("verdict", "Verdict"),
)
CSV = tuple(
    Column(k, k)
    for k in (
        "name cell hidden input_size spectral_radius_max gate gate_mean gate_bias_mean gate_bias_min gate_bias_max "
        "cell_state_mean_abs cell_state_mean_tanh_prime decay_per_step decay_spread horizon horizon_min horizon_max "
        "carry_decay_per_step verdict"
    ).split()
)


def trained_report(r: TrainedFlow) -> Report:
    rows = [_row(layer) for layer in r.layers]
    data = {
        "file": r.path,
        "steps": r.steps,
        "trials": r.trials,
        "seed": r.seed,
        "input_scale": r.input_scale,
        "burn_in": r.burn_in,
        "tol": r.tol,
        "activation": r.activation,
        "layers": [_layer_data(layer) for layer in r.layers],
        "skipped": r.skipped,
    }
    name = printable(r.path.rsplit("/", 1)[-1])
    weights = Table(f"The trained recurrent weights of {name}", WEIGHTS, rows, notes=_weight_notes(r))
    flow = Table(f"Their gradient through time (T = {r.steps:,} steps, {r.trials} trials)", FLOW, rows,
                 notes=_flow_notes(r))  # fmt: skip
    sections: list = [weights, flow, *[Text(_lesson(layer, r), "") for layer in r.layers]]
    sections += [Text(f"Not simulated: {s}.", "note") for s in r.skipped]
    chart = Chart([(layer.name, layer.log10_norm) for layer in r.layers], "lag s (steps back from T)",
                  "log₁₀ ‖∂L/∂h‖", f"Gradient flow through the trained weights of {name}")  # fmt: skip
    sections.append(chart)
    # -q: each layer's final log10 norm, as gradflow's -q prints it (-inf: exactly zero)
    quiet = "\n".join("-inf" if layer.log10_norm[-1] is None else repr(layer.log10_norm[-1]) for layer in r.layers)
    return Report(data, Table("", CSV, [_csv_row(layer) for layer in r.layers]), sections, quiet, chart)


def _cell_text(layer: LayerFlow) -> str:
    return f"{CELLS[layer.cell].pytorch} n={layer.hidden:,}"


def _row(layer: LayerFlow) -> dict:
    """A table row: the horizon as text, "> T" when the window ends first."""
    steps = decade_steps(layer.decay_per_step)
    last = len(layer.log10_norm) - 1
    return {
        "name": layer.name,
        "cell": _cell_text(layer),
        "spectral_radius": layer.spectral_radius,
        "gate_mean": layer.gate.mean_activation if layer.gate else None,
        "gate_bias": _bias(layer.gate) if layer.gate else None,
        "decay_per_step": layer.decay_per_step,
        "decay_spread": layer.decay_spread,
        "decade": None if steps is None else decade_text(layer.decay_per_step),
        "horizon": f"> {last:,}" if layer.horizon is None else f"{layer.horizon:,}",
        "carry_decay_per_step": layer.carry_decay_per_step,
        "verdict": layer.verdict,
    }


def _layer_data(layer: LayerFlow) -> dict:
    data = asdict(layer)
    data["horizon_range"] = list(layer.horizon_range)
    data["decade_steps"] = decade_steps(layer.decay_per_step)
    return data


def _csv_row(layer: LayerFlow) -> dict:
    g, c = layer.gate, layer.cell_state or {}
    return {
        "name": layer.name,
        "cell": layer.cell,
        "hidden": layer.hidden,
        "input_size": layer.input_size,
        "spectral_radius_max": max(layer.spectral_radius.values()),
        "gate": g.gate if g else None,
        "gate_mean": g.mean_activation if g else None,
        "gate_bias_mean": g.bias_mean if g else None,
        "gate_bias_min": g.bias_min if g else None,
        "gate_bias_max": g.bias_max if g else None,
        "cell_state_mean_abs": c.get("mean_abs"),
        "cell_state_mean_tanh_prime": c.get("mean_tanh_prime"),
        "decay_per_step": layer.decay_per_step,
        "decay_spread": layer.decay_spread,
        "horizon": layer.horizon,
        "horizon_min": layer.horizon_range[0],
        "horizon_max": layer.horizon_range[1],
        "carry_decay_per_step": layer.carry_decay_per_step,
        "verdict": layer.verdict,
    }


def _weight_notes(r: TrainedFlow) -> tuple[str, ...]:
    notes = []
    if rnns := [layer for layer in r.layers if layer.cell == "rnn"]:
        runs = ", ".join(f"{layer.name} {layer.activation}" for layer in rnns)
        notes.append(
            f"φ of the vanilla RNN layers: {runs} (a .keras file's own; else --activation, tanh unless given: "
            "PyTorch files do not store it)."
        )
    if any(layer.cell != "rnn" for layer in r.layers):
        notes.append("Gates σ, and tanh elsewhere: the frameworks' defaults (checked in .keras files).")
    return tuple(notes)


def _flow_notes(r: TrainedFlow) -> tuple[str, ...]:
    return (
        f"Inputs: x_t ~ N(0, {r.input_scale:g}²) in each layer's input features, through its trained W_ih "
        f"(--drive), after {r.burn_in:,} burn-in steps; loss u·h_T; seed {r.seed}.",
        "log₁₀/step: the least-squares change per step of log₁₀‖∂L/∂h‖ (its geometric mean over trials); ± the "
        "standard deviation of each trial's own rate.",
        f"Horizon: the first lag where ‖∂L/∂h‖ is below {r.tol:g} (--tol); carry path: the cell state through its "
        "gate alone (∂c_t/∂c_{t−1} = diag(f_t); the GRU's diag(z_t)).",
    )


def _lesson(layer: LayerFlow, r: TrainedFlow) -> str:
    """What this layer's numbers mean for the model, in a sentence or three."""
    rate, name = layer.decay_per_step, layer.name
    steps = decade_steps(rate)
    if None in layer.log10_norm:
        words = [f"{name}: the gradient is exactly zero within {r.steps:,} steps."]
    elif rate is not None and rate < 0 and steps is not None:
        reach = (
            f"and is below {r.tol:g} of its start after {layer.horizon:,} steps"
            if layer.horizon
            else (f"and stays above {r.tol:g} of its start for the whole window of {r.steps:,} steps")
        )
        # a rate r ± σ puts a tenfold change at 1/|r| ± σ/r² steps
        spread = f" (± {_steps(layer.decay_spread / rate**2)} across trials)" if layer.decay_spread else ""
        words = [f"{name}: the gradient through h falls tenfold every {_steps(steps)} steps{spread} {reach}."]
    elif rate is not None and rate > 0 and steps is not None:
        words = [f"{name}: the gradient through h grows tenfold every {_steps(steps)} steps over this window."]
    else:
        words = [f"{name}: the gradient through h keeps its size over the {r.steps:,}-step window."]
    g = layer.gate
    if g is not None and layer.carry_decay_per_step is not None:
        carry = decade_steps(layer.carry_decay_per_step)
        kept = "never falls tenfold in the window" if carry is None else f"falls tenfold every {_steps(carry)} steps"
        words.append(
            f"Its {g.gate} gates average {g.mean_activation:.2f}, their biases {g.bias_mean:+.2f} (from "
            f"{g.bias_min:+.2f} to {g.bias_max:+.2f}), so the carry path alone {kept}."
        )
        if layer.cell_state and rate is not None and layer.carry_decay_per_step > rate + 1e-3:
            words.append(
                f"The full path loses more: it also runs through the gates and W_hh, and tanh′(c) averages "
                f"{layer.cell_state['mean_tanh_prime']:.2f} at |c| ≈ {layer.cell_state['mean_abs']:.2g}."
            )
    if layer.cell == "rnn":
        rho = next(iter(layer.spectral_radius.values()))
        words.append(
            f"ρ(W_hh) = {rho:.3f}: the course's rule of thumb says the gradient vanishes below 1 and may explode "
            f"above it where {r.activation} is not saturated; the rate above is what these weights do."
        )
    return " ".join(words)
