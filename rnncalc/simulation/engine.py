"""Backpropagation through time in NumPy, in log space: the numbers behind `rnncalc gradflow`.

One batched pass runs a *grid* of configurations that differ only in their
varied value (radius, forget or update) and drive; arrays are (G, trials, n):
G grid values × trials. np.matmul runs one product per grid value, so a value's
numbers do not depend on what else is in the grid.

Random draws, in this order, from ``numpy.random.default_rng(seed)``:

1. the weights: the vanilla RNN's W₁ (``gaussian``: an n × n standard normal
   / √n, rescaled to spectral radius 1; ``orthogonal``: Q of the QR of an n × n
   standard normal, signs fixed by R's diagonal), or the gated cell's
   ``w_ih, w_hh, b_ih, b_hh`` ~ U(−1/√n, 1/√n) (PyTorch's initialisation);
2. the inputs: a (trials, n) standard normal per step, burn-in first, × drive;
3. u: a (trials, n) standard normal, each row scaled to unit length.

The forward pass keeps what the backward pass needs; the backward pass
renormalises the vector after every step and accumulates the log of its norm,
so no lag underflows or overflows. Norms are taken after scaling by the largest
entry, so no square underflows; the gated carry paths multiply by the gates in
log space (log σ computed stably), exact for gates down to the smallest float;
a ReLU or linear RNN whose state would overflow is rescaled (both are
positively homogeneous, so the slopes are unchanged and the inputs' share is
what float64 would keep). A gradient that is exactly zero stays zero (−inf).

Size: the three cells' forward and backward loops side by side, a screen each, sharing the log-norm
bookkeeping (the thread policy is in :mod:`.threads`).
"""

from __future__ import annotations

import math
import warnings
from typing import Callable, NamedTuple, Sequence

import numpy as np

from ..counting.cells import CELLS
from .config import BLOCKS, Config, GatedConfig, RNNConfig
from .threads import Inputs, blas, blas_threads, claim_blas_buffers, forward_threads

_RESCALE = 1e100  # a ReLU/linear state larger than this is rescaled


class Raw(NamedTuple):
    logs: np.ndarray  # (G, trials, T + 1): ln‖∂L/∂h_{T−s}‖ (the carry path: of its carried vector)
    unit_sigma_max: float | None  # σ_max(W₁), the vanilla RNN's
    unit_scale: float | None  # ‖W₁‖_F/√n, the vanilla RNN's
    watch: Watch | None = None  # the gated cells' carry gate and state over the window


class Watch:
    """Running means over the measured window, per grid value, of the carry gate (the LSTM's f, the GRU's z) and,
    for the LSTM, of |c| and tanh′(c): its full path runs through tanh′(c)."""

    def __init__(self) -> None:
        self.steps = 0
        self.gate: float | np.ndarray = 0.0
        self.abs: float | np.ndarray = 0.0
        self.tanh_prime: float | np.ndarray = 0.0

    def __call__(self, gate: np.ndarray, state: np.ndarray | None = None, tanh_state: np.ndarray | None = None) -> None:
        self.steps += 1
        self.gate = self.gate + gate.mean(axis=(-2, -1))
        if state is not None and tanh_state is not None:  # the LSTM's c, with the tanh(c) its step computed
            self.abs = self.abs + np.abs(state).mean(axis=(-2, -1))
            self.tanh_prime = self.tanh_prime + (1 - tanh_state * tanh_state).mean(axis=(-2, -1))

    def gate_mean(self, g: int = 0) -> float:
        return float(np.atleast_1d(self.gate)[g] / max(self.steps, 1))

    def cell_state(self, g: int = 0) -> dict[str, float]:
        steps = max(self.steps, 1)
        return {
            "mean_abs": float(np.atleast_1d(self.abs)[g] / steps),
            "mean_tanh_prime": float(np.atleast_1d(self.tanh_prime)[g] / steps),
        }


def run(configs: list[Config], burn_in: int, progress: Callable[[float], None]) -> Raw:
    """Simulate a grid; every configuration shares everything but its value and drive."""
    with warnings.catch_warnings():  # threadpoolctl and NumPy speak through rnncalc's messages, or not at all
        warnings.simplefilter("ignore")
        return _run(configs, burn_in, _throttled(progress, configs[0].steps))


def _run(configs: list[Config], burn_in: int, progress: Callable[[float], None]) -> Raw:
    cfg = configs[0]
    rng = np.random.default_rng(cfg.seed)
    drives = np.array([c.drive for c in configs])[:, None, None]
    most = blas_threads(cfg.trials, cfg.hidden)
    claim_blas_buffers(most)
    with np.errstate(all="ignore"):
        if isinstance(cfg, RNNConfig):
            drawn = _draw_rnn(cfg, rng)
            slopes = np.empty(
                (cfg.steps, len(configs), cfg.trials, cfg.hidden)
            )  # φ′(a_t): what the backward pass needs
            inputs = Inputs(rng, burn_in + cfg.steps, cfg.trials, cfg.hidden, touch=(slopes, burn_in))
            with blas(1):  # one core for the set-up, the other draws the inputs; one summation order, whatever threads
                w = _unit_rnn(cfg, drawn)
                sigma_max = _remembered("σ_max", w, lambda: float(np.sqrt(max(np.linalg.eigvalsh(w.T @ w)[-1], 0.0))))
                scale = float(np.linalg.norm(w) / math.sqrt(cfg.hidden))
            radii = np.array([c.radius for c in configs if isinstance(c, RNNConfig)])[:, None, None]
            logs = _rnn(cfg, w, radii, inputs.steps(drives), inputs, burn_in, slopes, progress, most)
            return Raw(logs, sigma_max, scale)
        gated = shared_gated_weights(cfg, rng)
        inputs = Inputs(rng, burn_in + cfg.steps, cfg.trials, cfg.hidden)
        step = {"lstm": _lstm, "gru": _gru}[cfg.cell]
        watch = Watch()
        held = [c for c in configs if isinstance(c, GatedConfig)]
        xs = inputs.steps(drives, project=gated["w_ih"])
        logs = step(cfg, gated, gate_bias(held, gated), xs, inputs, burn_in, progress, most, watch)
        return Raw(logs, None, None, watch)


def _throttled(progress: Callable[[float], None], steps: int) -> Callable[[float], None]:
    """Pass on about 200 updates a run, whatever its length."""
    every = max(1, steps // 100)
    calls = 0

    def tick(fraction: float) -> None:
        nonlocal calls
        calls += 1
        if calls % every == 0 or fraction >= 1:
            progress(fraction)

    return tick


# ---- weights --------------------------------------------------------------------------------


def rnn_weights(cfg: RNNConfig, rng: np.random.Generator) -> np.ndarray:
    """W = radius × W₁, as the simulation draws it (first from `rng`)."""
    return _unit_rnn(cfg, _draw_rnn(cfg, rng)) * cfg.radius


def _draw_rnn(cfg: RNNConfig, rng: np.random.Generator) -> np.ndarray:
    return rng.standard_normal((cfg.hidden, cfg.hidden))


def _unit_rnn(cfg: RNNConfig, drawn: np.ndarray) -> np.ndarray:
    """W₁ from the drawn standard normal matrix: orthogonal, or N(0, 1/n) rescaled to spectral radius 1."""
    if cfg.init == "orthogonal":
        q, r = np.linalg.qr(drawn)
        return q * np.sign(np.diag(r))
    w = drawn / math.sqrt(cfg.hidden)
    return w / _remembered("ρ", w, lambda: float(max(np.abs(np.linalg.eigvals(w)))))


_REMEMBERED: dict[tuple[str, bytes], float] = {}


def _remembered(name: str, matrix: np.ndarray, compute: Callable[[], float]) -> float:
    """A spectral quantity of a matrix, computed once per process: a notebook's loop of `simulate` calls over
    radius or drive (same seed and size, so the same W) would otherwise pay the O(n³) eigenvalues each time
    (0.23 s at n = 512, 10 s at n = 2048). Keyed by the matrix's bytes, so a different W is never mistaken."""
    import hashlib

    digest = (name, hashlib.blake2b(np.ascontiguousarray(matrix).data, digest_size=20).digest())
    if digest not in _REMEMBERED:
        if len(_REMEMBERED) >= 64:
            _REMEMBERED.clear()
        _REMEMBERED[digest] = compute()
    return _REMEMBERED[digest]


def gated_weights(cfg: GatedConfig, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """The LSTM's or GRU's weights as the simulation draws them, in PyTorch's layout and names."""
    w = shared_gated_weights(cfg, rng)
    w["b_ih"] = gate_bias([cfg], w)[0, 0]
    return w


def shared_gated_weights(cfg: GatedConfig, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """PyTorch's default initialisation, with the held gate's weights and biases zeroed."""
    n, blocks = cfg.hidden, BLOCKS[cfg.cell]
    bound = 1 / math.sqrt(n)
    shapes = {"w_ih": (blocks * n, n), "w_hh": (blocks * n, n), "b_ih": (blocks * n,), "b_hh": (blocks * n,)}
    w = {name: rng.uniform(-bound, bound, shape) for name, shape in shapes.items()}
    for array in w.values():
        array[_held(cfg.cell, n)] = 0.0
    return w


def _held(cell: str, n: int) -> slice:
    """The held gate's rows in PyTorch's stacked layout: the block of the gate the carry keeps (LSTM's f, GRU's z)."""
    letters, carry = [b.letter for b in CELLS[cell].blocks], CELLS[cell].carry
    assert carry is not None, "a simulated gated cell has a carry path"
    k = letters.index(carry.kept)
    return slice(k * n, (k + 1) * n)


def gate_bias(configs: Sequence[GatedConfig], w: dict[str, np.ndarray]) -> np.ndarray:
    """b_ih per grid value, (G, 1, blocks·n), its held block at logit(gate)."""
    b = np.repeat(w["b_ih"][None, None, :], len(configs), axis=0)
    for g, cfg in enumerate(configs):
        b[g, 0, _held(cfg.cell, cfg.hidden)] = _logit(cfg.gate)
    return b


def _logit(p: float) -> float:
    if p == 0:
        return -math.inf
    return math.inf if p == 1 else math.log(p) - math.log1p(-p)


# ---- log norms ------------------------------------------------------------------------------


class _LogNorms:
    """Accumulates ln‖v‖ of the backpropagated vectors, renormalising them to unit length each step.

    Several vectors (the LSTM's ∂L/∂h and ∂L/∂c) share one scale; the reported norm
    is the first vector's. An exactly zero vector gives −inf, and stays zero.
    """

    def __init__(self, variants: int, trials: int, steps: int):
        self.scale = np.zeros((variants, trials))
        self.logs = np.zeros((variants, trials, steps + 1))

    def record(self, lag: int, vectors: list[np.ndarray], extra: np.ndarray | float = 0.0) -> None:
        """`extra`: a log factor already taken out of the vectors (the carry path's log gates)."""
        squares = [np.einsum("gij,gij->gi", v, v) for v in vectors]
        total = squares[0] if len(squares) == 1 else sum(squares)
        risky = ~((total > 1e-280) & (total < 1e280))
        if risky.any():  # squares would underflow or overflow: scale by the largest entry first
            peak = np.max([np.abs(v).max(axis=-1) for v in vectors], axis=0)
            safe = np.where(peak > 0, peak, 1.0)[..., None]
            squares = [
                np.where(risky, np.einsum("gij,gij->gi", v / safe, v / safe), s) for v, s in zip(vectors, squares)
            ]
            total = sum(squares)
            norm = np.where(risky, peak * np.sqrt(total), np.sqrt(total))
        else:
            norm = np.sqrt(total)
        divisor = np.where(norm > 0, norm, 1.0)[..., None]
        for v in vectors:
            v /= divisor
        self.scale += np.log(norm) + extra
        if len(vectors) == 1:
            self.logs[..., lag] = self.scale
        else:  # the first vector's own share of the joint norm
            share = np.sqrt(np.where(total > 0, squares[0] / np.where(total > 0, total, 1.0), 0.0))
            self.logs[..., lag] = self.scale + np.log(share)


def _log_sigmoid(a):
    """ln σ(a), exact for large |a| (σ itself underflows below a ≈ −745)."""
    return np.where(a >= 0, -np.log1p(np.exp(-a)), a - np.log1p(np.exp(a)))


def _sigmoid(a):
    e = np.exp(-np.abs(a))
    return np.where(a >= 0, 1 / (1 + e), e / (1 + e))


def _carry(vector: np.ndarray, log_gate: np.ndarray) -> np.ndarray:
    """Multiply by the gate in log space: returns the per-row log factor taken out of `vector`."""
    top = log_gate.max(axis=-1)
    alive = np.isfinite(top)[..., None]
    vector *= np.where(alive, np.exp(log_gate - np.where(alive, top[..., None], 0.0)), 0.0)
    return np.where(np.isfinite(top), top, 0.0)


# ---- the cells --------------------------------------------------------------------------------


def _rnn(cfg, w, radii, xs, inputs, burn_in, slopes, progress, most):
    """h_t = φ(ρ·W₁ h_{t−1} + x_t); backward ∂L/∂h_{t−1} = ρ·W₁ᵀ (φ′(a_t) ⊙ ∂L/∂h_t).

    `xs`: each step's inputs, drawn by the thread of `inputs`; `most`: the BLAS threads a product may use."""
    variants, trials, n, steps = len(radii), cfg.trials, cfg.hidden, cfg.steps
    homogeneous = cfg.activation != "tanh"  # φ(c·a) = c·φ(a) for c > 0: the state may be rescaled
    h = np.zeros((variants, trials, n))
    log_scale = np.zeros((variants, trials, 1))  # h = e^log_scale · h (ReLU and linear only)
    scratch = np.empty((variants, trials, n))
    w_t = np.ascontiguousarray(w.T)
    with blas(forward_threads(inputs, most)):
        for t, x in enumerate(xs):
            a = np.matmul(h, w_t)
            a *= radii
            a += x if not log_scale.any() else x * np.exp(-log_scale)
            measured = t - burn_in
            h = _activate(cfg.activation, a, slopes[measured] if measured >= 0 else scratch)
            if homogeneous:
                peak = np.abs(h).max(axis=-1, keepdims=True)
                big = peak > _RESCALE
                if big.any():
                    h /= np.where(big, peak, 1.0)
                    log_scale += np.where(big, np.log(peak), 0.0)
            if measured >= 0:
                progress(0.5 * (measured + 1) / steps)
    g = np.repeat(inputs.unit()[None], variants, axis=0)
    norms = _LogNorms(variants, trials, steps)
    with blas(most):
        for s in range(1, steps + 1):
            g *= slopes[steps - s]
            g = np.matmul(g, w)
            g *= radii
            norms.record(s, [g])
            progress(0.5 + 0.5 * s / steps)
    return norms.logs


def _activate(name: str, a: np.ndarray, slope: np.ndarray) -> np.ndarray:
    """Overwrite the pre-activation with φ(a) and write φ′(a) into `slope`."""
    if name == "tanh":
        np.tanh(a, out=a)
        np.multiply(a, a, out=slope)
        np.subtract(1.0, slope, out=slope)
    elif name == "relu":
        np.greater(a, 0.0, out=slope)
        np.maximum(a, 0.0, out=a)
    else:
        slope.fill(1.0)
    return a


def _lstm(cfg, w, b_ih, xs, inputs, burn_in, progress, most, observe=None):
    """`observe(f, c, tanh(c))`: called with each measured step's forget gates and cell state."""
    variants, trials, n, steps = len(b_ih), cfg.trials, cfg.hidden, cfg.steps
    w_hh_t, b = np.ascontiguousarray(w["w_hh"].T), b_ih + w["b_hh"]
    h, c = np.zeros((variants, trials, n)), np.zeros((variants, trials, n))
    full = cfg.path == "full"
    saved = []
    with blas(forward_threads(inputs, most)):
        for t, xw in enumerate(xs):  # x_t W_ihᵀ, scaled by the drive
            a = np.matmul(h, w_hh_t)
            a += xw
            a += b
            log_f = _log_sigmoid(a[..., n : 2 * n])
            i, f = _sigmoid(a[..., :n]), np.exp(log_f)
            g, o = np.tanh(a[..., 2 * n : 3 * n]), _sigmoid(a[..., 3 * n :])
            c_prev, c = c, f * c + i * g
            tc = np.tanh(c)
            h = o * tc
            if t >= burn_in:
                saved.append((i, f, g, o, tc, c_prev) if full else log_f)
                if observe is not None:
                    observe(f, c, tc)
                progress(0.5 * len(saved) / steps)
    u = np.repeat(inputs.unit()[None], variants, axis=0)
    dh, dc = (u, np.zeros_like(u)) if full else (None, u)
    norms = _LogNorms(variants, trials, steps)
    with blas(most):
        for s in range(1, steps + 1):
            if full:  # the exact Jacobian of (h_t, c_t) with respect to (h_{t−1}, c_{t−1})
                i, f, g, o, tc, c_prev = saved[steps - s]
                dc = dc + dh * o * (1 - tc * tc)
                da = np.concatenate(
                    [dc * g * i * (1 - i), dc * c_prev * f * (1 - f), dc * i * (1 - g * g), dh * tc * o * (1 - o)],
                    axis=-1,
                )
                dh, dc = np.matmul(da, w["w_hh"]), dc * f
                norms.record(s, [dh, dc])  # reports ‖∂L/∂h‖, as torch.autograd.grad gives it
            else:  # the constant error carousel: ∂c_t/∂c_{t−1} = diag(f_t)
                norms.record(s, [dc], _carry(dc, saved[steps - s]))
            progress(0.5 + 0.5 * s / steps)
    return norms.logs


def _gru(cfg, w, b_ih, xs, inputs, burn_in, progress, most, observe=None):
    """`observe(z)`: called with each measured step's update gates."""
    variants, trials, n, steps = len(b_ih), cfg.trials, cfg.hidden, cfg.steps
    w_hh_t, b_hh = np.ascontiguousarray(w["w_hh"].T), w["b_hh"]
    h = np.zeros((variants, trials, n))
    full = cfg.path == "full"
    saved = []
    with blas(forward_threads(inputs, most)):
        for t, xw in enumerate(xs):
            ai = xw + b_ih
            ah = np.matmul(h, w_hh_t) + b_hh
            log_z = _log_sigmoid(ai[..., n : 2 * n] + ah[..., n : 2 * n])
            r, z = _sigmoid(ai[..., :n] + ah[..., :n]), np.exp(log_z)
            cand = np.tanh(ai[..., 2 * n :] + r * ah[..., 2 * n :])
            if t >= burn_in:
                saved.append((r, z, cand, ah[..., 2 * n :], h) if full else log_z)
                if observe is not None:
                    observe(z)
                progress(0.5 * len(saved) / steps)
            h = (1 - z) * cand + z * h
    dh = np.repeat(inputs.unit()[None], variants, axis=0)
    norms = _LogNorms(variants, trials, steps)
    with blas(most):
        for s in range(1, steps + 1):
            if full:  # h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}, differentiated through r, z and n
                r, z, cand, ahn, h_prev = saved[steps - s]
                dpre = dh * (1 - z) * (1 - cand * cand)
                da = np.concatenate([dpre * ahn * r * (1 - r), dh * (h_prev - cand) * z * (1 - z), dpre * r], axis=-1)
                dh = dh * z + np.matmul(da, w["w_hh"])
                norms.record(s, [dh])
            else:  # the carry path: ∂h_t/∂h_{t−1} ⊇ diag(z_t)
                norms.record(s, [dh], _carry(dh, saved[steps - s]))
            progress(0.5 + 0.5 * s / steps)
    return norms.logs
