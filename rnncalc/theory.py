"""What theory predicts for gradient decay, as log10 of the norm's change per step.

Closed forms: ρ^s for an orthogonal linear RNN, f^s and z^s on the gated carry
paths; the Pascanu–Mikolov–Bengio (2013) bound (γ·σ_max(W))^s; and the
mean-field decay rate of a random tanh RNN (Poole et al. 2016; Chen et al. 2018):

    q* = ρ²·E[φ(√q* ζ)²] + drive²        (the stationary pre-activation variance)
    χ  = ρ²·E[φ'(√q* ζ)²]                 (the mean squared gain per step)
    rate = ½·ln χ per step                (here reported as ½·log10 χ)

with ζ ~ N(0, 1) and the expectations by Gauss–Hermite quadrature.
"""

from __future__ import annotations

import math

import numpy as np

_NODES, _WEIGHTS = np.polynomial.hermite_e.hermegauss(101)  # probabilists' Hermite: ∫ f(ζ) φ(ζ) dζ
_WEIGHTS = _WEIGHTS / _WEIGHTS.sum()


def gaussian_mean(f, variance: float) -> float:
    """E[f(√variance · ζ)] for ζ ~ N(0, 1)."""
    return float(np.dot(_WEIGHTS, f(math.sqrt(variance) * _NODES)))


def log10_or_none(x: float) -> float | None:
    return math.log10(x) if x > 0 else None


def mean_field(radius: float, drive: float, activation: str) -> dict:
    """q*, χ and the predicted log10 change per step of a random RNN at the given radius."""
    if activation == "relu":
        chi = radius**2 / 2  # E[relu'(a)²] = ½ for a symmetric pre-activation, whatever its variance
        q = None
    elif activation == "linear":
        chi = radius**2
        q = drive**2 / (1 - radius**2) if radius < 1 else None
    else:
        q = _tanh_fixed_point(radius, drive)
        chi = radius**2 * gaussian_mean(lambda a: (1 - np.tanh(a) ** 2) ** 2, q)
    return {"q_star": q, "chi": chi, "rate": 0.5 * math.log10(chi) if chi > 0 else None}


def _tanh_fixed_point(radius: float, drive: float) -> float:
    """The stable root of F(q) = ρ²·E[tanh²(√q ζ)] + drive² − q, by bisection.

    F is positive just above 0 (unless drive = 0 and ρ ≤ 1, where q* = 0) and
    negative at ρ² + drive² + 1, since E[tanh²] < 1.
    """

    def excess(q: float) -> float:
        return radius**2 * gaussian_mean(lambda a: np.tanh(a) ** 2, q) + drive**2 - q

    lo, hi = 1e-12, radius**2 + drive**2 + 1
    if excess(lo) <= 0:
        return 0.0
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if excess(mid) > 0 else (lo, mid)
    return (lo + hi) / 2


def rnn_theory(radius: float, sigma_max: float, drive: float, activation: str) -> dict:
    """Every prediction for a vanilla RNN, as log10 per step (None where the gradient is zero)."""
    mf = mean_field(radius, drive, activation)
    gamma = 1.0  # sup |φ'| for tanh, ReLU and the identity
    return {
        "radius_power": log10_or_none(radius),
        "pascanu_bound": log10_or_none(gamma * sigma_max),
        "mean_field": mf["rate"],
        "sigma_max": sigma_max,
        "q_star": mf["q_star"],
        "chi": mf["chi"],
    }


def carry_theory(gate: float) -> dict:
    """The carry path's closed form: the gate value to the power of the lag."""
    return {"carry_power": log10_or_none(gate)}
