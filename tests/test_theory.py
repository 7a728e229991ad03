"""Mean-field theory against a 30-digit mpmath evaluation, and the weight scale it uses."""

import math

import mpmath as mp
import pytest

from rnncalc import RNNConfig, simulate
from rnncalc.simulation.theory import (
    _sech_fourth,
    _tanh_squared,
    edge_of_chaos,
    gaussian_mean,
    mean_field,
    tanh_fixed_point,
)

mp.mp.dps = 30


def reference_mean(f, q) -> mp.mpf:
    """E[f(√q ζ)], ζ ~ N(0, 1), by mpmath quadrature split at the integrand's own scale."""
    q = mp.mpf(q)
    scale = 1 / mp.sqrt(q)
    points = [0] + [scale * 2**k for k in range(-4, 40) if scale * 2**k < 40] + [40]
    return 2 * mp.quad(lambda z: f(mp.sqrt(q) * z) * mp.npdf(z), points)


def reference_fixed_point(sigma, drive) -> mp.mpf:
    sigma, drive = mp.mpf(sigma), mp.mpf(drive)
    return mp.findroot(lambda q: sigma**2 * reference_mean(lambda a: mp.tanh(a) ** 2, q) + drive**2 - q,
                       (drive**2, sigma**2 + drive**2), solver="anderson")  # fmt: skip


@pytest.mark.parametrize("q", [1e-12, 1e-6, 1e-3, 0.1, 1, 3, 10, 20, 100, 1e3, 1e4, 1e5])
def test_gaussian_expectations_to_1e_9_relative_at_every_variance(q):
    for ours, f in ((_tanh_squared, lambda a: mp.tanh(a) ** 2), (_sech_fourth, lambda a: mp.sech(a) ** 4)):
        exact = reference_mean(f, q)
        assert abs(gaussian_mean(ours, q) - exact) <= 1e-9 * exact


# ρ and drive over the range the CLI accepts (0 to 50), the extremes included.
GRID = [(0.5, 0.1), (1, 0.5), (1, 10), (5, 0.1), (2.6, 3), (50, 50), (50, 1e-3), (1e-3, 50), (1e-3, 1e-3), (3, 1e-6)]


@pytest.mark.parametrize("sigma,drive", GRID)
def test_fixed_point_and_chi_to_1e_8_relative(sigma, drive):
    q = reference_fixed_point(sigma, drive)
    chi = mp.mpf(sigma) ** 2 * reference_mean(lambda a: mp.sech(a) ** 4, q)
    assert abs(tanh_fixed_point(sigma, drive) - q) <= 1e-8 * q
    assert abs(mean_field(sigma, drive, "tanh")["chi"] - chi) <= 1e-8 * chi


def test_the_values_issue_11_measured():
    # ρ = 1, drive 10: χ 0.0529 (the 101-node rule gave 0.124); ρ = 5, drive 0.1: χ 2.900 (not 3.374).
    assert mean_field(1, 10, "tanh")["chi"] == pytest.approx(0.052865, abs=1e-6)
    assert mean_field(5, 0.1, "tanh")["chi"] == pytest.approx(2.89965, abs=1e-5)
    # The χ = 1 edge (σ_w = ρ) at drive 3 and 5: 2.706 and 3.334.
    assert edge_of_chaos(3) == pytest.approx(2.70580, abs=1e-5)
    assert edge_of_chaos(5) == pytest.approx(3.33369, abs=1e-5)


def test_the_edge_of_chaos_is_where_chi_is_one_for_the_scale_used():
    for drive, scale in ((0.1, 1.0), (0.5, 0.9), (1.0, 0.85)):
        rho = edge_of_chaos(drive, scale)
        assert mean_field(rho * scale, drive, "tanh")["chi"] == pytest.approx(1.0, abs=1e-9)


def test_at_drive_zero_the_theory_follows_the_state_the_simulation_is_in():
    # h₀ = 0 and no input: the state stays at 0, so q* = 0 and χ = σ_w² (tanh′(0) = 1), whatever ρ.
    for sigma in (0.5, 1.5, 3.0):
        mf = mean_field(sigma, 0.0, "tanh")
        assert mf["q_star"] == 0.0 and mf["chi"] == pytest.approx(sigma**2)
    assert mean_field(2.0, 0.0, "relu")["chi"] == 0.0  # relu′(0) = 0: the gradient dies


def test_the_theory_uses_the_weight_scale_of_the_w_simulated():
    # A Gaussian W rescaled to spectral radius ρ has σ_w = ‖W‖_F/√n below ρ; the mean field uses that σ_w.
    run = simulate(RNNConfig(radius=1.6, drive=0.5, hidden=64, steps=60))
    sigma_w = run.theory["sigma_w"]
    assert 0.75 * 1.6 < sigma_w < 1.6
    assert run.theory["chi"] == pytest.approx(mean_field(sigma_w, 0.5, "tanh")["chi"], rel=1e-12)


def test_with_the_drawn_scale_the_theory_is_closer_to_the_measured_rate():
    # Issue 11: at ρ = 1.6, drive 0.5 the σ_w = ρ theory said +0.0070/step while four seeds measured decay. The drawn
    # σ_w (0.90–0.98·ρ here) moves the prediction towards the measurement on every seed; what is left is finite n.
    for seed in range(4):
        run = simulate(RNNConfig(radius=1.6, drive=0.5, hidden=64, steps=200, seed=seed))
        naive = mean_field(1.6, 0.5, "tanh")["rate"]
        assert naive == pytest.approx(0.0070, abs=1e-4)
        assert abs(run.theory["mean_field"] - run.decay_per_step) < abs(naive - run.decay_per_step)


def test_orthogonal_w_has_sigma_w_equal_to_the_radius():
    run = simulate(RNNConfig(radius=1.3, init="orthogonal", hidden=32, steps=5))
    assert run.theory["sigma_w"] == pytest.approx(1.3, rel=1e-12)
    assert math.isclose(run.theory["radius_power"], math.log10(1.3))


@pytest.mark.parametrize("sigma", [1e-150, 1e-161, 1e-200, 1e-300])
def test_the_rate_holds_where_chi_itself_underflows(sigma):
    # χ = σ_w²·E[sech⁴] is below the smallest float here; the rate ½·log₁₀ χ is not. At σ_w → 0, q* = drive².
    drive = 0.1
    exact = mp.log10(sigma) + mp.log10(reference_mean(lambda a: mp.sech(a) ** 4, drive**2)) / 2
    assert mean_field(sigma, drive, "tanh")["rate"] == pytest.approx(float(exact), abs=1e-12)
