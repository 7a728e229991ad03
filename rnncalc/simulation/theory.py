"""What theory predicts for gradient decay, as log10 of the norm's change per step.

Closed forms: ρ^s for an orthogonal linear RNN (exact there), f^s and z^s on
the gated carry paths (exact there); the Pascanu–Mikolov–Bengio (2013) bound
(γ·σ_max(W))^s with γ = sup|φ′| = 1 (an upper bound, never a prediction); and
the mean-field rate of a large random RNN (Poole et al. 2016; Chen et al. 2018)
with σ_w² = ‖W‖_F²/n, the weight scale of the W actually drawn:

    q* = σ_w²·E[φ(√q* ζ)²] + drive²       (the stationary pre-activation variance)
    χ  = σ_w²·E[φ′(√q* ζ)²]                (the mean squared gain per step)
    rate = ½·log10 χ per step

with ζ ~ N(0, 1). At drive 0 the simulated state never leaves h = 0 (h₀ = 0 and
no input), so there q* = 0 and χ = σ_w²·φ′(0)², whatever fixed point the map has.

The Gaussian expectations are computed by composite Gauss–Legendre quadrature
on panels graded to the integrand's own scale 1/√q (sech⁴(√q ζ) is only
1/√q wide when q is large), accurate to about 1e-13 relative for every
q ≤ 10⁵; tests hold them against 30-digit mpmath quadrature.
"""

from __future__ import annotations

import math

import numpy as np

_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(24)
_REACH = 10.0  # |ζ| beyond 10 carries a Gaussian weight below 1e-22
MAX_Q = 1e5


def _panels(scale: float) -> np.ndarray:
    """Breakpoints 0, w, 2w, 4w, … up to the reach, w the integrand's scale: fine where it varies."""
    width = min(1.0, scale)
    edges = [0.0]
    while edges[-1] < _REACH:
        edges.append(min(_REACH, max(width, 2 * edges[-1])))
    return np.array(edges)


def gaussian_mean(f, variance: float) -> float:
    """E[f(√variance · ζ)] for ζ ~ N(0, 1) and an even function f (tanh², sech⁴)."""
    if variance == 0:
        return float(f(np.zeros(1))[0])
    edges = _panels(1 / math.sqrt(variance))
    lo, hi = edges[:-1, None], edges[1:, None]
    zeta = (lo + hi) / 2 + (hi - lo) / 2 * _NODES
    weights = (hi - lo) / 2 * _WEIGHTS * np.exp(-(zeta**2) / 2) / math.sqrt(2 * math.pi)
    return float(2 * np.sum(weights * f(math.sqrt(variance) * zeta)))


def _tanh_squared(a):
    return np.tanh(a) ** 2


def _sech_fourth(a):
    # 1 − tanh² loses every digit once |a| > 19 (tanh rounds to 1); sech² = 4e^{−2|a|}/(1 + e^{−2|a|})² does not
    e = np.exp(-2 * np.abs(a))
    return (4 * e / (1 + e) ** 2) ** 2


def log10_or_none(x: float) -> float | None:
    return math.log10(x) if x > 0 else None


def tanh_fixed_point(sigma_w: float, drive: float) -> float:
    """The stationary variance q* = σ_w²·E[tanh²(√q* ζ)] + drive² (0 at drive 0: the state stays at h = 0).

    F(q) = σ_w²·E[tanh²] + drive² − q is concave, positive at drive² and negative at
    σ_w² + drive², so it has one root between them, found by the Illinois method.
    """
    if drive == 0 or sigma_w == 0:
        return drive**2

    def excess(q: float) -> float:
        return sigma_w**2 * gaussian_mean(_tanh_squared, q) + drive**2 - q

    lo, hi = drive**2, sigma_w**2 + drive**2
    if hi - lo <= 1e-15 * hi:  # σ_w² is lost next to drive²: one step of the map is the fixed point to rounding
        return lo + excess(lo)
    f_lo, f_hi = excess(lo), excess(hi)
    side = 0
    for _ in range(200):
        mid = (lo * f_hi - hi * f_lo) / (f_hi - f_lo)
        f_mid = excess(mid)
        if f_mid == 0 or hi - lo <= 1e-15 * hi:
            return mid
        if (f_mid > 0) == (f_lo > 0):
            lo, f_lo = mid, f_mid
            if side == -1:
                f_hi /= 2
            side = -1
        else:
            hi, f_hi = mid, f_mid
            if side == 1:
                f_lo /= 2
            side = 1
    return (lo + hi) / 2


def mean_field(sigma_w: float, drive: float, activation: str) -> dict:
    """q*, χ and the predicted log10 change per step of a random RNN with weight scale σ_w."""
    if activation == "relu":
        # E[relu′(a)²] = ½ for a symmetric pre-activation; at drive 0 it is exactly 0 (the state stays at 0).
        gain = 0.5 if drive > 0 else 0.0
        q = None if sigma_w**2 >= 2 else drive**2 / (1 - sigma_w**2 / 2)
    elif activation == "linear":
        gain = 1.0
        q = drive**2 / (1 - sigma_w**2) if sigma_w < 1 else (0.0 if drive == 0 else None)
    else:
        q = tanh_fixed_point(sigma_w, drive)
        gain = gaussian_mean(_sech_fourth, q)
    # The rate in logs: χ = σ_w²·gain underflows for σ_w below 1e-154, its logarithm does not.
    rate = math.log10(sigma_w) + 0.5 * math.log10(gain) if sigma_w > 0 and gain > 0 else None
    return {"q_star": q, "chi": sigma_w**2 * gain, "rate": rate}


def rnn_theory(radius: float, unit_sigma_max: float, unit_scale: float, drive: float, activation: str) -> dict:
    """Every prediction for a vanilla RNN with W = radius × W₁, as log10 per step (None: the gradient is zero).

    `unit_sigma_max` is σ_max(W₁) and `unit_scale` is ‖W₁‖_F/√n, both of the W₁ actually drawn.
    """
    sigma_w = radius * unit_scale
    mf = mean_field(sigma_w, drive, activation)
    return {
        "radius_power": log10_or_none(radius),
        "pascanu_bound": math.log10(radius) + math.log10(unit_sigma_max) if radius > 0 else None,
        "mean_field": mf["rate"],
        "sigma_max": radius * unit_sigma_max,
        "sigma_w": sigma_w,
        "q_star": mf["q_star"],
        "chi": mf["chi"],
    }


def carry_theory(gate: float) -> dict:
    """The carry path's closed form: the gate value to the power of the lag."""
    return {"carry_power": log10_or_none(gate)}


def edge_of_chaos(drive: float, unit_scale: float = 1.0, top: float = 50.0) -> float | None:
    """The radius where the tanh RNN's mean-field χ reaches 1, for W = radius × W₁ with ‖W₁‖_F/√n = unit_scale.

    χ grows with the weight scale, so bisection on σ_w finds it; None beyond `top`.
    """

    def chi(sigma_w: float) -> float:
        return mean_field(sigma_w, drive, "tanh")["chi"]

    lo, hi = 0.0, top * unit_scale
    if chi(hi) < 1:
        return None
    for _ in range(100):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if chi(mid) < 1 else (lo, mid)
        if hi - lo < 1e-13 * hi:
            break
    return (lo + hi) / 2 / unit_scale
