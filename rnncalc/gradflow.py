"""Backpropagation through time, simulated in log space.

The model (one trial; ``trials`` independent draws of the inputs and of u are
batched as rows through one draw of the weights):

    vanilla RNN   h_t = φ(W h_{t-1} + x_t),  x_t ~ N(0, drive²·I),  h_0 = 0
    LSTM, GRU     PyTorch's cells (torch.nn.LSTMCell / GRUCell) with input size n,
                  PyTorch's default initialisation U(−1/√n, 1/√n), inputs as above;
                  the forget gate (LSTM) or update gate (GRU) has zero weights
                  and bias logit(value), so it holds the value you set at every
                  step and unit: the experiment controls the gate.

A burn-in of ``burn_in`` steps runs first, so the measured window starts from a
stationary state. The loss is L = u·h_T with u a random unit vector, and for
every lag s = 0..T the result is log10‖∂L/∂h_{T−s}‖, the total derivative that
torch.autograd.grad returns (the LSTM's carry path instead follows ∂L/∂c
through diag(f_t) alone, from a unit vector; the GRU's carry path follows
∂L/∂h through diag(z_t) alone).

Log space: after each backward step the vector is renormalised to unit length
and the log of its norm accumulated, so no horizon underflows or overflows. A
gradient that is exactly zero stays zero and is reported as ``None``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Callable

import numpy as np

from .errors import InvalidArgument
from .theory import carry_theory, rnn_theory

CELLS = ("rnn", "lstm", "gru")
PATHS = ("full", "carry")
INITS = ("gaussian", "orthogonal")
ACTIVATIONS = ("tanh", "linear", "relu")
MEMORY_LIMIT = 8 * 2**30  # bytes the stored forward pass may take
TIME_LIMIT = 600.0  # seconds, estimated before starting
FLOPS_PER_SECOND = 1e10  # a conservative figure for this kind of machine (see benchmarks/)
_STORED = {("rnn", "full"): 1, ("lstm", "full"): 6, ("lstm", "carry"): 1, ("gru", "full"): 5, ("gru", "carry"): 1}
_BLOCKS = {"rnn": 1, "lstm": 4, "gru": 3}


@dataclass(frozen=True)
class Config:
    """One simulation: a cell, its gate or weight scale, and the sizes."""

    cell: str = "rnn"
    hidden: int = 64
    steps: int = 100
    trials: int = 8
    seed: int = 0
    radius: float = 1.0  # rnn
    init: str = "gaussian"  # rnn
    activation: str = "tanh"  # rnn
    drive: float = 0.1
    forget: float = 0.9  # lstm
    update: float = 0.9  # gru
    path: str = "full"  # lstm, gru
    burn_in: int = 50

    @property
    def gate(self) -> float | None:
        return {"lstm": self.forget, "gru": self.update}.get(self.cell)


@dataclass
class Run:
    """The measured decay of one configuration, lag by lag."""

    config: Config
    log10_norm: list[float | None]  # mean over trials of log10‖∂L/∂h_{T−s}‖, s = 0..T; None: exactly zero
    log10_spread: list[float | None]  # standard deviation over trials of the same
    decay_per_step: float | None  # least-squares slope of log10_norm against the lag
    horizon: int | None  # first lag where the norm falls below tol (None: never)
    verdict: str
    theory: dict = field(default_factory=dict)


def estimate(cfg: Config) -> tuple[int, float]:
    """Bytes of the stored forward pass and seconds of compute, before anything runs."""
    n, steps = cfg.hidden, cfg.steps + cfg.burn_in
    stored = _STORED[(cfg.cell, cfg.path)] * cfg.steps * cfg.trials * n * 8
    weights = 2 * _BLOCKS[cfg.cell] * n * n * 8
    flops = 2 * 2 * _BLOCKS[cfg.cell] * n * n * cfg.trials * steps * 2  # forward + backward, two matrices
    return stored + weights, flops / FLOPS_PER_SECOND


def validate(cfg: Config) -> None:
    def need(ok: bool, name: str, message: str) -> None:
        if not ok:
            raise InvalidArgument(name, message)

    need(cfg.cell in CELLS, "cell", f"choose from {', '.join(CELLS)}")
    for name in ("hidden", "steps", "trials"):
        value = getattr(cfg, name)
        need(isinstance(value, int) and value >= 1, name, f"must be a positive whole number, got {value!r}")
    need(
        isinstance(cfg.burn_in, int) and cfg.burn_in >= 0, "burn_in", f"must be a whole number ≥ 0, got {cfg.burn_in!r}"
    )
    need(
        isinstance(cfg.seed, int) and 0 <= cfg.seed < 2**63,
        "seed",
        f"must be a whole number from 0 to 2^63−1, got {cfg.seed!r}",
    )
    for name in ("radius", "drive"):
        value = getattr(cfg, name)
        need(math.isfinite(value) and value >= 0, name, f"must be finite and ≥ 0, got {value}")
    for name in ("forget", "update"):
        value = getattr(cfg, name)
        need(math.isfinite(value) and 0 <= value <= 1, name, f"must be in [0, 1], got {value}")
    need(cfg.init in INITS, "init", f"choose from {', '.join(INITS)}")
    need(cfg.activation in ACTIVATIONS, "activation", f"choose from {', '.join(ACTIVATIONS)}")
    need(cfg.path in PATHS, "path", f"choose from {', '.join(PATHS)}")
    need(not (cfg.cell == "rnn" and cfg.path == "carry"), "path", "a vanilla RNN has no carry path; use --path full")
    memory, seconds = estimate(cfg)
    if memory > MEMORY_LIMIT or seconds > TIME_LIMIT:
        worst = "hidden" if cfg.hidden > 4096 else "steps"
        raise InvalidArgument(
            worst,
            f"this run would need about {memory / 2**30:,.1f} GiB and {_duration(seconds)} "
            f"(limits {MEMORY_LIMIT // 2**30} GiB, {_duration(TIME_LIMIT)}); lower --steps, --trials or --hidden",
        )


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:,.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:,.0f} min"
    return f"{seconds / 3600:,.0f} h"


def simulate(
    cfg: Config | None = None, *, tol: float = 1e-6, progress: Callable[[float], None] | None = None, **kw
) -> Run:
    """Simulate backpropagation through time for one configuration.

    >>> run = simulate(cell="lstm", path="carry", forget=0.5, steps=3, hidden=4)
    >>> [round(x, 6) for x in run.log10_norm]
    [0.0, -0.30103, -0.60206, -0.90309]
    """
    return simulate_grid([cfg or Config(**kw)], tol=tol, progress=progress)[0]


def simulate_grid(
    configs: list[Config], *, tol: float = 1e-6, progress: Callable[[float], None] | None = None
) -> list[Run]:
    """Several configurations that differ only in radius, drive or gate value, batched.

    They share the seed, so the same weights (up to the radius) and the same
    draws: every step runs once for the whole grid, and each result is the one
    :func:`simulate` gives for that configuration alone, to the last bit.
    """
    if not configs:
        return []
    base = configs[0]
    for cfg in configs:
        validate(cfg)
        shared = replace(cfg, radius=base.radius, drive=base.drive, forget=base.forget, update=base.update)
        if shared != base:
            raise InvalidArgument("configs", "a grid may vary only radius, drive, forget and update")
    memory, seconds = (len(configs) * x for x in estimate(base))
    if memory > MEMORY_LIMIT or seconds > TIME_LIMIT:
        raise InvalidArgument(
            "steps",
            f"this grid would need about {memory / 2**30:,.1f} GiB and {_duration(seconds)} "
            f"(limits {MEMORY_LIMIT // 2**30} GiB, {_duration(TIME_LIMIT)})",
        )
    if not (math.isfinite(tol) and tol > 0):
        raise InvalidArgument("tol", f"must be finite and > 0, got {tol}")
    logs, sigma_max = _run(configs, progress or (lambda _: None))
    return [_summarise(cfg, g_logs, sigma_max, tol) for cfg, g_logs in zip(configs, logs)]


# ---- the simulation proper ---------------------------------------------------------
# Arrays are (G, trials, n): G grid variants × trials. np.matmul runs one BLAS product
# per variant, so a variant's numbers do not depend on what else is in the grid.


def _sigmoid(a):
    return 0.5 * (1.0 + np.tanh(0.5 * a))  # exact at ±inf, no overflow warnings


def _logit(p: float) -> float:
    return math.inf if p == 1 else -math.inf if p == 0 else math.log(p / (1 - p))


def rnn_weights(cfg: Config, rng: np.random.Generator) -> np.ndarray:
    """W with spectral radius exactly `radius`, as the simulation draws it."""
    return _unit_rnn_weights(cfg, rng) * cfg.radius


def _unit_rnn_weights(cfg: Config, rng: np.random.Generator) -> np.ndarray:
    """W / radius: Gaussian N(0, 1/n) rescaled to spectral radius 1, or a random orthogonal matrix."""
    n = cfg.hidden
    if cfg.init == "orthogonal":
        q, r = np.linalg.qr(rng.standard_normal((n, n)))
        return q * np.sign(np.diag(r))
    w = rng.standard_normal((n, n)) / math.sqrt(n)
    return w / max(np.abs(np.linalg.eigvals(w)))


def gated_weights(cfg: Config, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """The LSTM's or GRU's weights as the simulation draws them, in PyTorch's layout."""
    w = _shared_gated_weights(cfg, rng)
    w["b_ih"] = _gate_bias([cfg], w)[0, 0]
    return w


def _shared_gated_weights(cfg: Config, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """PyTorch's default initialisation, with the controlled gate's weights and bias zeroed."""
    n, blocks = cfg.hidden, _BLOCKS[cfg.cell]
    bound = 1 / math.sqrt(n)
    w = {
        name: rng.uniform(-bound, bound, shape)
        for name, shape in (
            ("w_ih", (blocks * n, n)),
            ("w_hh", (blocks * n, n)),
            ("b_ih", (blocks * n,)),
            ("b_hh", (blocks * n,)),
        )
    }
    for name in w:
        w[name][_gate_rows(n)] = 0.0
    return w


def _gate_rows(n: int) -> slice:
    """Forget is LSTM block 1 (i, f, g, o); update is GRU block 1 (r, z, n)."""
    return slice(n, 2 * n)


def _gate_bias(configs: list[Config], w: dict[str, np.ndarray]) -> np.ndarray:
    """b_ih per variant (G, 1, blocks·n), its gate block at logit(value)."""
    b = np.repeat(w["b_ih"][None, None, :], len(configs), axis=0)
    for g, cfg in enumerate(configs):
        b[g, 0, _gate_rows(cfg.hidden)] = _logit(cfg.gate)
    return b


def _run(configs: list[Config], progress: Callable[[float], None]) -> tuple[np.ndarray, float | None]:
    """Log norms (G × trials × (T+1), natural log) and σ_max(W / radius) for the vanilla RNN."""
    cfg = configs[0]
    rng = np.random.default_rng(cfg.seed)
    drives = np.array([c.drive for c in configs])[:, None, None]
    if cfg.cell == "rnn":
        w = _unit_rnn_weights(cfg, rng)
        radii = np.array([c.radius for c in configs])[:, None, None]
        # σ_max(W)² is the top eigenvalue of WᵀW: cheaper than a full SVD.
        sigma = float(np.sqrt(max(np.linalg.eigvalsh(w.T @ w)[-1], 0.0)))
        return _rnn(cfg, w, radii, drives, rng, progress), sigma
    w = _shared_gated_weights(cfg, rng)
    step = {"lstm": _lstm, "gru": _gru}[cfg.cell]
    return step(cfg, w, _gate_bias(configs, w), drives, rng, progress), None


def _activation(name: str):
    """φ as an in-place step: overwrite the pre-activation with φ(a) and write φ'(a) into `slope`."""

    def tanh(a, slope):
        np.tanh(a, out=a)
        np.multiply(a, a, out=slope)
        np.subtract(1.0, slope, out=slope)
        return a

    def relu(a, slope):
        np.greater(a, 0.0, out=slope)
        return np.maximum(a, 0.0, out=a)

    def linear(a, slope):
        slope.fill(1.0)
        return a

    return {"tanh": tanh, "relu": relu, "linear": linear}[name]


def _inputs(rng: np.random.Generator, steps: int, trials: int, n: int, drives: np.ndarray, project=None):
    """x_t ~ N(0, drive²·I) per variant, one step at a time (optionally as x_t @ projectᵀ).

    Drawn in chunks, which give exactly the numbers of one (trials, n) draw per step.
    """
    done = 0
    while done < steps:
        k = min(64, steps - done)
        chunk = rng.standard_normal((k, trials, n))[None] * drives[:, None]  # (G, k, trials, n)
        if project is not None:
            g = len(drives)
            chunk = np.matmul(chunk.reshape(g, k * trials, n), project.T).reshape(g, k, trials, -1)
        yield from chunk.transpose(1, 0, 2, 3)
        done += k


def _unit_rows(rng: np.random.Generator, variants: int, trials: int, n: int) -> np.ndarray:
    u = rng.standard_normal((trials, n))
    return np.repeat((u / np.linalg.norm(u, axis=1, keepdims=True))[None], variants, axis=0)


class _LogNorms:
    """Accumulates log norms of the backpropagated vectors, renormalising them to unit length.

    Several vectors (the LSTM's ∂L/∂h and ∂L/∂c) share one scale; the reported
    norm is the first vector's. An exactly zero gradient becomes −inf and stays.
    """

    def __init__(self, variants: int, trials: int, steps: int):
        self.scale = np.zeros((variants, trials))
        self.logs = np.zeros((variants, trials, steps + 1))

    def record(self, lag: int, vectors: list[np.ndarray]) -> None:
        squares = [np.einsum("gij,gij->gi", v, v) for v in vectors]
        norm = np.sqrt(squares[0] if len(squares) == 1 else sum(squares))
        safe = np.where(norm > 0, norm, 1.0)[..., None]
        for v in vectors:
            v /= safe
        with np.errstate(divide="ignore"):
            self.scale += np.log(norm)
            # The first vector's own norm after the division: 1 when it is the only one.
            first = 0.0 if len(vectors) == 1 else 0.5 * np.log(squares[0] / safe[..., 0] ** 2)
        self.logs[..., lag] = self.scale + first


def _rnn(cfg, w, radii, drives, rng, progress):
    phi = _activation(cfg.activation)
    variants, trials, n, steps = len(radii), cfg.trials, cfg.hidden, cfg.steps
    h = np.zeros((variants, trials, n))
    slopes = np.empty((steps, variants, trials, n))  # φ'(a_t): all the backward pass needs
    scratch = np.empty((variants, trials, n))
    w_t = np.ascontiguousarray(w.T)  # a contiguous Wᵀ makes the row-batched product ~1.5× faster
    for t, x in enumerate(_inputs(rng, cfg.burn_in + steps, trials, n, drives)):
        a = np.matmul(h, w_t)
        a *= radii
        a += x
        measured = t - cfg.burn_in
        h = phi(a, slopes[measured] if measured >= 0 else scratch)
        if measured >= 0:
            progress(0.5 * (measured + 1) / steps)
    g = _unit_rows(rng, variants, trials, n)
    norms = _LogNorms(variants, trials, steps)
    for s in range(1, steps + 1):  # ∂L/∂h_{t−1} = Wᵀ (φ'(a_t) ⊙ ∂L/∂h_t)
        g *= slopes[steps - s]
        g = np.matmul(g, w)
        g *= radii
        norms.record(s, [g])
        progress(0.5 + 0.5 * s / steps)
    return norms.logs


def _lstm(cfg, w, b_ih, drives, rng, progress):
    variants, trials, n, steps = len(b_ih), cfg.trials, cfg.hidden, cfg.steps
    w_ih, w_hh, b = w["w_ih"], w["w_hh"], b_ih + w["b_hh"]
    w_hh_t = np.ascontiguousarray(w_hh.T)
    h, c = np.zeros((variants, trials, n)), np.zeros((variants, trials, n))
    full = cfg.path == "full"
    saved = []
    for t, xw in enumerate(_inputs(rng, cfg.burn_in + steps, trials, n, drives, project=w_ih)):
        a = np.matmul(h, w_hh_t)
        a += xw
        a += b
        i, f = _sigmoid(a[..., :n]), _sigmoid(a[..., n : 2 * n])
        g, o = np.tanh(a[..., 2 * n : 3 * n]), _sigmoid(a[..., 3 * n :])
        c_prev, c = c, f * c + i * g
        tc = np.tanh(c)
        h = o * tc
        if t >= cfg.burn_in:
            saved.append((i, f, g, o, tc, c_prev) if full else (f,))
            progress(0.5 * len(saved) / steps)
    u = _unit_rows(rng, variants, trials, n)
    dh, dc = (u, np.zeros_like(u)) if full else (None, u)
    norms = _LogNorms(variants, trials, steps)
    for s in range(1, steps + 1):
        if full:  # the exact Jacobian of (h_t, c_t) with respect to (h_{t−1}, c_{t−1})
            i, f, g, o, tc, c_prev = saved[steps - s]
            dc = dc + dh * o * (1 - tc * tc)
            da = np.concatenate(
                [dc * g * i * (1 - i), dc * c_prev * f * (1 - f), dc * i * (1 - g * g), dh * tc * o * (1 - o)], axis=-1
            )
            dh, dc = np.matmul(da, w_hh), dc * f
            norms.record(s, [dh, dc])  # reports ‖∂L/∂h‖, as torch.autograd.grad gives it
        else:  # the constant error carousel: ∂c_t/∂c_{t−1} = diag(f_t)
            dc = dc * saved[steps - s][0]
            norms.record(s, [dc])
        progress(0.5 + 0.5 * s / steps)
    return norms.logs


def _gru(cfg, w, b_ih, drives, rng, progress):
    variants, trials, n, steps = len(b_ih), cfg.trials, cfg.hidden, cfg.steps
    w_ih, w_hh, b_hh = w["w_ih"], w["w_hh"], w["b_hh"]
    w_hh_t = np.ascontiguousarray(w_hh.T)
    h = np.zeros((variants, trials, n))
    full = cfg.path == "full"
    saved = []
    for t, xw in enumerate(_inputs(rng, cfg.burn_in + steps, trials, n, drives, project=w_ih)):
        ai = xw + b_ih
        ah = np.matmul(h, w_hh_t) + b_hh
        r, z = _sigmoid(ai[..., :n] + ah[..., :n]), _sigmoid(ai[..., n : 2 * n] + ah[..., n : 2 * n])
        cand = np.tanh(ai[..., 2 * n :] + r * ah[..., 2 * n :])
        if t >= cfg.burn_in:
            saved.append((r, z, cand, ah[..., 2 * n :], h) if full else (z,))
            progress(0.5 * len(saved) / steps)
        h = (1 - z) * cand + z * h
    dh = _unit_rows(rng, variants, trials, n)
    norms = _LogNorms(variants, trials, steps)
    for s in range(1, steps + 1):
        if full:  # h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}, differentiated through r, z and n
            r, z, cand, ahn, h_prev = saved[steps - s]
            dpre = dh * (1 - z) * (1 - cand * cand)
            da = np.concatenate([dpre * ahn * r * (1 - r), dh * (h_prev - cand) * z * (1 - z), dpre * r], axis=-1)
            dh = dh * z + np.matmul(da, w_hh)
        else:  # the carry path: ∂h_t/∂h_{t−1} ⊇ diag(z_t)
            dh = dh * saved[steps - s][0]
        norms.record(s, [dh])
        progress(0.5 + 0.5 * s / steps)
    return norms.logs


# ---- summary ----------------------------------------------------------------------------


def _summarise(cfg: Config, logs: np.ndarray, sigma_max: float | None, tol: float) -> Run:
    log10 = logs / math.log(10)
    zero = ~np.isfinite(log10).all(axis=0)  # a geometric mean with a zero factor is zero
    finite = np.where(np.isfinite(log10), log10, 0.0)
    mean, spread = finite.mean(axis=0), finite.std(axis=0)
    norm = [None if z else float(m) for z, m in zip(zero, mean)]
    slope = _slope(norm)
    return Run(
        config=cfg,
        log10_norm=norm,
        log10_spread=[None if z else float(s) for z, s in zip(zero, spread)],
        decay_per_step=slope,
        horizon=next((s for s, x in enumerate(norm) if x is None or x < math.log10(tol)), None),
        verdict=_verdict(norm, slope),
        theory=rnn_theory(cfg.radius, sigma_max * cfg.radius, cfg.drive, cfg.activation)
        if cfg.cell == "rnn"
        else carry_theory(cfg.gate),
    )


def _slope(norm: list[float | None]) -> float | None:
    """Least-squares log10 change per step over the lags where the gradient is not zero."""
    points = [(s, y) for s, y in enumerate(norm) if y is not None]
    if len(points) < 2:
        return None
    xs, ys = np.array(points, dtype=float).T
    return float(np.polyfit(xs, ys, 1)[0])


def _verdict(norm: list[float | None], slope: float | None) -> str:
    """Vanishing or exploding when the measured trend over the window exceeds a factor of 10."""
    if norm[-1] is None:
        return "vanishing"  # exactly zero
    trend = (slope or 0.0) * (len(norm) - 1)
    return "vanishing" if trend < -1 else "exploding" if trend > 1 else "preserved"
