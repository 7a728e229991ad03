"""Gradient flow through a trained model's own recurrent weights: `rnncalc gradflow --weights FILE`.

Each direction of each recurrent layer runs on its own, with the trained W_ih, W_hh and biases (gate biases
included) and the simulation of :mod:`rnncalc.simulation.engine` (the same forward and backward passes, in log space):
the inputs are x_t ~ N(0, input_scale² I) in the layer's m input features, projected by the trained W_ih, burn-in
steps first; the loss is L = u·h_T with u a random unit vector; a run reports log10‖∂L/∂h_{T−s}‖ for s = 0..T,
the geometric mean over trials, as `gradflow` does. Random draws from ``default_rng(seed)``: each step's
(trials, m) inputs in order, then u. A deeper layer is driven the same way, not by the layer below's outputs.

Per layer: the spectral radius of each recurrent block (W_hh's n × n block per gate, and W_hh itself for the
vanilla RNN); the carry gate's (the LSTM's forget gate f, the GRU's update gate z) mean activation over the
window and its biases (b_ih + b_hh); the decay rate (least-squares log10 change per step of the mean, and the
standard deviation of each trial's own rate: the uncertainty from the inputs); the horizon (the first lag below
`tol`, and its range over trials); and the carry path alone (∂c_t/∂c_{t−1} = diag(f_t), or diag(z_t)).

Keras layers are turned into PyTorch's layout (matrices transposed; the GRU's gates z, r, h reordered to r, z, n;
one bias, or the reset_after pair, as b_ih and b_hh). Not simulated, and said so: an LSTM with a projection
(weight_hr) and a Keras GRU with reset_after=False, whose equations the engine does not run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Callable

from ..choices import MIN_BURN_IN, RUN_DEFAULTS
from ..counting.cells import CELLS
from ..errors import InvalidArgument, check_choice, check_float, check_int
from ..guard import Cost, Limits, check
from ..notebook import shows_as_table
from ..simulation.config import CUBIC, ELEMENT, FLOP, NORMAL, STEP, STORED
from .files import WeightFile
from .infer import Direction, FileModel

MAX_STEPS = 10**7
MAX_TRIALS = 500

CARRY_GATE = {"lstm": "forget", "gru": "update"}


@dataclass(frozen=True)
class GateStats:
    gate: str  # forget (LSTM) or update (GRU): the gate the carry path keeps
    mean_activation: float  # over the window, trials and units
    bias_mean: float  # b_ih + b_hh of that gate's block, over its units
    bias_std: float
    bias_min: float
    bias_max: float


@dataclass(frozen=True)
class LayerFlow:
    name: str
    cell: str
    hidden: int
    input_size: int
    spectral_radius: dict[str, float]  # per recurrent block, by its letter (rnn: h; lstm: i f g o; gru: r z n)
    gate: GateStats | None
    cell_state: dict[str, float] | None  # LSTM: mean |c| and mean tanh′(c) over the window
    log10_norm: list[float | None]  # s = 0..T: log10‖∂L/∂h_{T−s}‖, geometric mean over trials; None: exactly zero
    log10_spread: list[float | None]
    decay_per_step: float | None  # log10 per step
    decay_spread: float | None  # standard deviation of the trials' own rates
    horizon: int | None  # the first lag below tol (None: not within the window)
    horizon_range: tuple[int | None, int | None]  # earliest and latest over trials (None: not within the window)
    carry_decay_per_step: float | None  # the carry path alone (None: the vanilla RNN has none)
    verdict: str
    activation: str | None = None  # the vanilla RNN's φ as run: a .keras file's own, else the caller's


@shows_as_table
@dataclass(frozen=True)
class TrainedFlow:
    path: str
    steps: int
    trials: int
    seed: int
    input_scale: float
    burn_in: int
    tol: float
    activation: str  # the vanilla RNN's nonlinearity (weight files do not store it)
    layers: list[LayerFlow]
    skipped: list[str]  # layers not simulated, with the reason


def trained_flow(
    source: str | tuple[WeightFile, FileModel],
    layer: str | None = None,
    *,
    steps: int = RUN_DEFAULTS["steps"],
    trials: int = RUN_DEFAULTS["trials"],
    seed: int = RUN_DEFAULTS["seed"],
    input_scale: float = 1.0,
    burn_in: int | None = None,
    tol: float = 1e-6,
    activation: str | None = None,
    limits: Limits | None = None,
    progress: Callable[[float], None] | None = None,
) -> TrainedFlow:
    """Simulate backpropagation through time on each trained recurrent layer of a weight file (or just `layer`).

    `activation`: a vanilla RNN layer's nonlinearity, which PyTorch files do not store (None: tanh; a .keras
    file's own wins); refused for a file or layer with no vanilla RNN, where it would change nothing."""
    from . import open_weights, read_checkpoint

    check_int("steps", steps, 1, MAX_STEPS)
    check_int("trials", trials, 1, MAX_TRIALS)
    check_int("seed", seed, 0, 2**63 - 1)
    check_float("input_scale", input_scale, 0, 1e6)
    check_float("tol", tol, 1e-300, 1)
    if activation is not None:
        check_choice("activation", activation, ("tanh", "relu", "linear"))
    burn = max(MIN_BURN_IN, steps) if burn_in is None else check_int("burn_in", burn_in, 0, MAX_STEPS)
    wf, held = source if isinstance(source, tuple) else (wf := open_weights(source), read_checkpoint(wf))
    chosen, skipped = _chosen(wf, held, layer)
    if activation is not None and not any(d.cell == "rnn" for d in chosen):
        cells = ", ".join(sorted({d.cell for d in chosen}))
        raise InvalidArgument("activation", f"sets a vanilla RNN layer's nonlinearity; the layers here are {cells}")
    activation = activation or "tanh"
    check(_cost(chosen, steps, trials, burn, wf.format), limits)
    report = progress or (lambda _: None)
    flows = []
    for k, d in enumerate(chosen):
        weights = _pytorch_layout(wf, d)
        own = wf.activations.get(d.layer, (activation,))[0] if d.cell == "rnn" else activation  # .keras says
        flows.append(_flow(d, weights, steps, trials, seed, input_scale, burn, tol, own,
                           lambda f, k=k: report((k + f) / len(chosen))))  # fmt: skip
    return TrainedFlow(wf.path, steps, trials, seed, input_scale, burn, tol, activation, flows, skipped)


def _chosen(wf: WeightFile, held: FileModel, layer: str | None) -> tuple[list[Direction], list[str]]:
    if not held.directions:
        raise InvalidArgument("path", f"{held.model.name} holds no recurrent layer to simulate")
    names = [d.name for d in held.directions]
    layers = {r.path for r in held.model.recurrent}
    if layer is not None:
        picked = [d for d in held.directions if layer in (d.name, d.layer)]
        if not picked:
            raise InvalidArgument(
                "layer",
                f"{held.model.name} has no recurrent layer {layer!r}: it has {', '.join(sorted(layers))} "
                f"(one direction of one layer: {', '.join(names)})",
            )
    else:
        picked = held.directions
    runnable = [d for d in picked if not _unrunnable(d, held, wf)]
    skipped = [f"{d.name}: {_unrunnable(d, held, wf)}" for d in picked if _unrunnable(d, held, wf)]
    if not runnable:
        raise InvalidArgument("layer" if layer else "path", "nothing to simulate: " + "; ".join(skipped))
    return runnable, skipped


def _unrunnable(d: Direction, held: FileModel, wf: WeightFile) -> str | None:
    act, gates = wf.activations.get(d.layer, ("tanh", "sigmoid"))
    if d.cell == "rnn" and act not in ("tanh", "relu", "linear"):
        return f"its activation is {act}; the simulation runs tanh, relu or linear"
    if d.cell != "rnn" and (act, gates) != ("tanh", "sigmoid"):
        return f"its activations are {act} and {gates} (gates); the simulation runs tanh and sigmoid"
    if d.projected:
        return "an LSTM with a projection (weight_hr), which the simulation does not run"
    if d.layout == "keras" and d.cell == "gru" and len(d.bias) == 1 and _bias_rank(held, d.bias[0]) == 1:
        return "a Keras GRU with reset_after=False, which the simulation does not run (it runs PyTorch's form)"
    return None


def _bias_rank(held: FileModel, name: str) -> int:
    return next(len(t.shape) for t in held.tensors if t.name == name)


EIGEN = 25 * CUBIC  # seconds per n³ of a general (non-symmetric) eigenvalue problem: measured 12 × CUBIC at n = 512
READER_BYTES = {"pytorch": 2**29, "safetensors": 2**26, "keras": 2**26}  # PyTorch's own import is ~300 MiB


def _cost(chosen: list[Direction], steps: int, trials: int, burn: int, reader: str) -> Cost:
    """Seconds and bytes of simulating these directions, from the same constants as gradflow's estimate."""
    seconds, memory = 0.0, READER_BYTES[reader]
    for d in chosen:
        n, m, blocks = d.hidden, d.input_size, len(CELLS[d.cell].blocks)
        per_step = trials * blocks * n * (n + m) * FLOP + trials * blocks * n * 12 * ELEMENT + STEP[d.cell]
        runs = 1 if d.cell == "rnn" else 2  # the full path, then the carry path
        seconds += blocks * EIGEN * n**3 + runs * (burn + steps) * (2 * per_step + trials * m * NORMAL)
        kept = steps * 8 * trials * n * STORED[(d.cell, "full")]
        need = kept + 8 * 8 * blocks * n * (n + m) + 2**25 + 16 * trials * (steps + 1)
        memory = max(memory, READER_BYTES[reader] + need)
    driver = "burn_in" if burn > steps else "steps"
    return Cost(seconds, memory, driver, driver)


def _pytorch_layout(wf: WeightFile, d: Direction) -> dict:
    """w_ih (blocks·n, m), w_hh (blocks·n, n), b_ih, b_hh (blocks·n): PyTorch's layout and gate order."""
    import numpy as np

    w_ih, w_hh = wf.values(d.w_ih), wf.values(d.w_hh)
    rows = len(CELLS[d.cell].blocks) * d.hidden
    biases = [wf.values(b) for b in d.bias]
    if d.layout == "keras":
        w_ih, w_hh = w_ih.T, w_hh.T
        b = biases[0] if biases else np.zeros(rows)
        biases = [b[0], b[1]] if b.ndim == 2 else [b, np.zeros(rows)]
        if d.cell == "gru":  # Keras stacks z, r, h; PyTorch r, z, n
            order = np.concatenate([np.arange(k * d.hidden, (k + 1) * d.hidden) for k in (1, 0, 2)])
            w_ih, w_hh, biases = w_ih[order], w_hh[order], [x[order] for x in biases]
    b_ih, b_hh = biases if biases else (np.zeros(rows), np.zeros(rows))
    return {"w_ih": np.ascontiguousarray(w_ih), "w_hh": np.ascontiguousarray(w_hh), "b_ih": b_ih, "b_hh": b_hh}


def spectral_radii(cell: str, w_hh) -> dict[str, float]:
    """max |λ| of each n × n block of W_hh (PyTorch's layout), by the block's letter."""
    import numpy as np

    from ..simulation.threads import blas

    n = w_hh.shape[1]
    with blas(1):  # one BLAS thread: the same digits whatever the machine's threads
        return {
            b.letter: float(np.abs(np.linalg.eigvals(w_hh[k * n : (k + 1) * n])).max())
            for k, b in enumerate(CELLS[cell].blocks)
        }


def _flow(d: Direction, w: dict, steps, trials, seed, scale, burn, tol, activation, progress) -> LayerFlow:
    import numpy as np

    from ..simulation import engine
    from ..simulation.gradflow import fitted_rate, geometric_mean, horizon, rate_interval, trial_rates, verdict

    radii = spectral_radii(d.cell, w["w_hh"])
    watched = engine.Watch()
    full = _simulate(d, w, "full", steps, trials, seed, scale, burn, activation, watched, progress)
    carry = None
    if d.cell != "rnn":
        carry = _simulate(d, w, "carry", steps, trials, seed, scale, burn, activation, None, lambda _: None)
    with np.errstate(all="ignore"):
        log10 = full[0] / math.log(10)  # (trials, T + 1)
    norm, spread = geometric_mean(log10)
    rate, own = fitted_rate(norm), trial_rates(log10)
    below = [horizon([v if np.isfinite(v) else None for v in trial], tol) for trial in log10]
    return LayerFlow(
        name=d.name,
        cell=d.cell,
        hidden=d.hidden,
        input_size=d.input_size,
        spectral_radius=radii,
        gate=_gate_stats(d, w, watched.gate_mean()),
        cell_state=watched.cell_state() if d.cell == "lstm" else None,
        log10_norm=norm,
        log10_spread=spread,
        decay_per_step=rate,
        decay_spread=None if own is None else float(np.std(own)),
        horizon=horizon(norm, tol),
        horizon_range=_range([b for b in below if b is not None], len(below)),
        carry_decay_per_step=None if carry is None else fitted_rate(geometric_mean(carry[0] / math.log(10))[0]),
        verdict=verdict(norm, rate, rate_interval(rate, log10)),
        activation=activation if d.cell == "rnn" else None,
    )


def _simulate(d: Direction, w: dict, path: str, steps, trials, seed, scale, burn, activation, observe, progress):
    """The engine's log norms (1, trials, T + 1) for this direction's trained weights."""
    import numpy as np

    from ..simulation import engine
    from ..simulation.threads import blas_threads

    rng = np.random.default_rng(seed)
    cfg = SimpleNamespace(trials=trials, hidden=d.hidden, steps=steps, path=path, activation=activation)
    w_ih_t = np.ascontiguousarray(w["w_ih"].T)
    shift = w["b_ih"] + w["b_hh"] if d.cell == "rnn" else 0.0

    def inputs():
        for _ in range(burn + steps):
            yield (rng.standard_normal((trials, d.input_size)) * scale @ w_ih_t + shift)[None]

    def unit():
        u = rng.standard_normal((trials, d.hidden))
        return u / np.linalg.norm(u, axis=1, keepdims=True)

    drawn = SimpleNamespace(unit=unit, drawing=lambda: False)  # drawn here, in step: no thread holds a core
    most = blas_threads(trials, d.hidden)  # the engine's policy: one BLAS thread for small products
    with np.errstate(all="ignore"):
        if d.cell == "rnn":
            slopes = np.empty((steps, 1, trials, d.hidden))
            return engine._rnn(cfg, w["w_hh"], np.ones((1, 1, 1)), inputs(), drawn, burn, slopes, progress, most)
        step = engine._lstm if d.cell == "lstm" else engine._gru
        parts = {"w_hh": w["w_hh"], "b_hh": w["b_hh"]}
        return step(cfg, parts, w["b_ih"][None, None, :], inputs(), drawn, burn, progress, most, observe)


def _range(found: list[int], trials: int) -> tuple[int | None, int | None]:
    """The trials' horizons as (first, last); (None, None) when some trial never fell below the tolerance."""
    return (min(found), max(found)) if len(found) == trials else (None, None)


def _gate_stats(d: Direction, w: dict, mean: float) -> GateStats | None:
    if d.cell not in CARRY_GATE:
        return None
    carry = CELLS[d.cell].carry
    assert carry is not None, "the cells with a carry gate have a carry path"
    k = [b.letter for b in CELLS[d.cell].blocks].index(carry.kept)
    bias = (w["b_ih"] + w["b_hh"])[k * d.hidden : (k + 1) * d.hidden]
    stats = float(bias.mean()), float(bias.std()), float(bias.min()), float(bias.max())
    return GateStats(CARRY_GATE[d.cell], mean, *stats)
