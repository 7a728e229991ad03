"""Gradient flow: closed forms down to the edges of float64, zeros, verdicts, burn-in, grids, the API contract."""

import math
import sys
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnncalc import GRUConfig, InvalidArgument, LSTMConfig, RNNConfig, config_for, simulate, simulate_many
from rnncalc.guard import Limits
from rnncalc.simulation.config import MAX_AUTO_BURN_IN, burn_in, run_list
from rnncalc.simulation.gradflow import RATE_THRESHOLD, VERDICTS

TINIEST = math.ulp(0.0)  # 5e-324, the smallest positive float


def linear_orthogonal(radius, steps, hidden=16, **kw):
    return simulate(RNNConfig(init="orthogonal", activation="linear", radius=radius, steps=steps, hidden=hidden, **kw))


@pytest.mark.parametrize("radius", [1e-300, 1e-200, 0.5, 0.9, 1.0, 1.3, 50.0])
def test_orthogonal_linear_rnn_decays_exactly_as_radius_to_the_lag(radius):
    run = linear_orthogonal(radius, steps=50)
    for s, x in enumerate(run.log10_norm):
        assert x == pytest.approx(s * math.log10(radius), abs=1e-9 * max(1, abs(s * math.log10(radius))))


@pytest.mark.parametrize("forget", [TINIEST, sys.float_info.min, 1e-300, 1e-17, 1e-13, 0.3, 0.999, 1.0])
def test_lstm_carry_path_is_forget_to_the_lag_down_to_the_smallest_float(forget):
    run = simulate(LSTMConfig(path="carry", forget=forget, hidden=8, steps=100))
    for s, x in enumerate(run.log10_norm):
        assert x == pytest.approx(s * math.log10(forget), abs=1e-9 * max(1, s * abs(math.log10(forget))))


@pytest.mark.parametrize("update", [TINIEST, 1e-170, 0.2, 0.95, 1.0])
def test_gru_carry_path_is_update_to_the_lag_down_to_the_smallest_float(update):
    run = simulate(GRUConfig(path="carry", update=update, hidden=8, steps=100))
    for s, x in enumerate(run.log10_norm):
        assert x == pytest.approx(s * math.log10(update), abs=1e-9 * max(1, s * abs(math.log10(update))))


def test_a_hundred_thousand_steps_at_radius_half_stay_finite():
    # 0.5^100000 = 10^-30102.99…: far below any float, exact in log space.
    run = linear_orthogonal(0.5, steps=100_000, hidden=4, trials=1)
    assert run.log10_norm[-1] == pytest.approx(-30102.999566, abs=1e-3)
    assert run.horizon == 20  # 0.5^20 < 1e-6 ≤ 0.5^19


def test_an_exploding_relu_network_is_exploding_not_minus_infinity():
    # Issue 11: the forward pass overflowed to inf, then NaN, and 700 steps read "-inf, vanishing".
    runs = [simulate(RNNConfig(activation="relu", radius=4, steps=steps)) for steps in (300, 700)]
    for run in runs:
        assert run.verdict == "exploding" and all(x is not None and math.isfinite(x) for x in run.log10_norm)
    # The same network, a longer window: the same rate (≈ log10(4/√2)), so the same verdict.
    assert runs[0].decay_per_step == pytest.approx(runs[1].decay_per_step, rel=0.05)
    assert runs[1].log10_norm[-1] > 300


def test_an_exactly_zero_gradient_is_reported_as_zero_not_minus_infinity():
    run = simulate(LSTMConfig(path="carry", forget=0.0, hidden=4, steps=5))
    assert (run.log10_norm, run.horizon, run.verdict) == ([0.0, None, None, None, None, None], 1, "vanishing")


def test_zero_radius_kills_the_gradient_after_one_step():
    assert simulate(RNNConfig(radius=0.0, hidden=4, steps=3)).log10_norm == [0.0, None, None, None]


def test_verdicts_come_from_the_rate_so_do_not_change_with_the_window():
    # Issue 10: ρ = 1.1 was "preserved" at T = 100 and "vanishing" at T = 200 for the same network.
    verdicts = {simulate(RNNConfig(radius=1.1, steps=steps)).verdict for steps in (100, 200, 400)}
    assert verdicts == {"vanishing"}


@pytest.mark.parametrize(
    "radius,verdict", [(0.99, "vanishing"), (0.9999, "preserved"), (1.0, "preserved"), (1.01, "exploding")]
)
def test_the_threshold_is_a_tenfold_change_per_thousand_steps(radius, verdict):
    # log10(0.99) = −0.0044 < −0.001; log10(0.9999) = −0.00004 within; log10(1.01) = +0.0043.
    assert RATE_THRESHOLD == 1e-3
    assert linear_orthogonal(radius, steps=50).verdict == verdict


def test_the_automatic_burn_in_covers_five_memory_timescales():
    assert burn_in(RNNConfig()) == 50
    assert burn_in(LSTMConfig(forget=0.9)) == 50
    assert burn_in(LSTMConfig(forget=0.99)) == 500
    assert burn_in(GRUConfig(update=0.999)) == MAX_AUTO_BURN_IN  # 5,000: at most that
    assert burn_in(LSTMConfig(forget=1.0)) == MAX_AUTO_BURN_IN
    run = simulate(LSTMConfig(forget=1.0, steps=5, hidden=4))
    assert run.stationary is False and run.settling == math.inf  # a gate of 1 never forgets: no stationary state
    assert simulate(LSTMConfig(forget=0.99, steps=5, hidden=4, burn_in=10)).stationary is False


def test_the_full_lstm_path_drops_at_the_first_step():
    # h_{T−1} reaches h_T only through the gates and W_hh: a one-time drop, then the steady rate.
    run = simulate(LSTMConfig(forget=0.99, steps=50))
    assert run.log10_norm[1] < -0.5 and abs(run.log10_norm[50] - run.log10_norm[10]) < 0.5


def test_mean_field_rate_of_a_wide_tanh_rnn():
    run = simulate(RNNConfig(radius=1.0, drive=0.5, hidden=256, steps=100, trials=8, burn_in=100, init="orthogonal"))
    assert run.decay_per_step == pytest.approx(run.theory["mean_field"], rel=0.1)


def test_pascanu_bound_is_an_upper_bound_on_the_measured_norm():
    run = simulate(RNNConfig(radius=1.0, hidden=32, steps=50))
    assert all(x <= s * run.theory["pascanu_bound"] + 1e-9 for s, x in enumerate(run.log10_norm))


@pytest.mark.parametrize(
    "make,name",
    [
        (lambda: RNNConfig(radius=-1.0), "radius"),
        (lambda: RNNConfig(radius=math.nan), "radius"),
        (lambda: RNNConfig(radius=1e308), "radius"),
        (lambda: RNNConfig(radius=1e-310), "radius"),
        (lambda: RNNConfig(drive=math.inf), "drive"),
        (lambda: RNNConfig(hidden=True), "hidden"),
        (lambda: RNNConfig(hidden=0), "hidden"),
        (lambda: RNNConfig(steps=0), "steps"),
        (lambda: RNNConfig(init="uniform"), "init"),
        (lambda: LSTMConfig(forget=1.5), "forget"),
        (lambda: GRUConfig(update=-0.1), "update"),
        (lambda: LSTMConfig(path="both"), "path"),
        (lambda: config_for("lstm", radius=5), "radius"),  # a setting of another cell is refused, never ignored
        (lambda: config_for("rnn", forget=0.9), "forget"),
        (lambda: run_list("rnn", ["carry"]), "path"),
        (lambda: simulate("rnn"), "configs"),
        (lambda: simulate(RNNConfig(), tol=0), "tol"),
    ],
)
def test_invalid_configurations_raise_invalid_argument_naming_it(make, name):
    with pytest.raises(InvalidArgument) as err:
        make()
    assert err.value.name == name


def test_another_cells_setting_names_the_cell_it_belongs_to():
    with pytest.raises(InvalidArgument, match="applies to cell lstm, not rnn"):
        config_for("rnn", forget=0.9)


@pytest.mark.parametrize(
    "config,culprit",
    [
        (RNNConfig(hidden=1, steps=10**7), "steps"),
        (RNNConfig(burn_in=10**9), "burn_in"),
        (RNNConfig(hidden=4096, steps=1, trials=1), "hidden"),
        (RNNConfig(hidden=1, steps=1, trials=20_000_000), "trials"),
    ],
)
def test_runs_over_the_limits_are_refused_before_they_start_naming_what_drives_them(config, culprit):
    with pytest.raises(InvalidArgument, match=r"this would take about .* \(limits 60 s, 2\.0 GiB\)") as err:
        simulate(config)
    assert err.value.name == culprit


def test_limits_can_be_raised_and_lowered():
    with pytest.raises(InvalidArgument):
        simulate(RNNConfig(hidden=64, steps=1000), limits=Limits(seconds=1e-3, memory=2**30))


configs = st.one_of(
    st.builds(
        RNNConfig,
        hidden=st.integers(1, 12),
        steps=st.integers(1, 60),
        trials=st.integers(1, 3),
        seed=st.integers(0, 2**32),
        radius=st.one_of(st.just(0.0), st.floats(1e-300, 50)),
        init=st.sampled_from(["gaussian", "orthogonal"]),
        activation=st.sampled_from(["tanh", "linear", "relu"]),
        drive=st.floats(0, 50),
        burn_in=st.integers(0, 20),
    ),
    st.builds(
        LSTMConfig, hidden=st.integers(1, 8), steps=st.integers(1, 40), forget=st.floats(0, 1),
        path=st.sampled_from(["full", "carry"]), drive=st.floats(0, 50), burn_in=st.integers(0, 20),
    ),
    st.builds(
        GRUConfig, hidden=st.integers(1, 8), steps=st.integers(1, 40), update=st.floats(0, 1),
        path=st.sampled_from(["full", "carry"]), drive=st.floats(0, 50), burn_in=st.integers(0, 20),
    ),
)  # fmt: skip


@settings(settings.get_profile("simulated"))
@given(configs)
def test_log_norms_are_finite_or_exactly_zero_for_any_valid_input(cfg):
    run = simulate(cfg)
    assert run.log10_norm[0] == 0.0
    assert all(x is None or math.isfinite(x) for x in run.log10_norm)
    assert run.decay_per_step is None or math.isfinite(run.decay_per_step)
    assert run.verdict in VERDICTS
    if (cfg.cell, cfg.path) != ("lstm", "full"):  # there ∂L/∂h can be 0 while ∂L/∂c lives on
        first_zero = next((s for s, x in enumerate(run.log10_norm) if x is None), len(run.log10_norm))
        assert all(x is None for x in run.log10_norm[first_zero:])  # a zero state gradient stays zero


@settings(settings.get_profile("repeated"))
@given(configs)
def test_same_seed_same_numbers(cfg):
    assert simulate(cfg).log10_norm == simulate(cfg).log10_norm


@pytest.mark.parametrize(
    "base,name,values",
    [
        (RNNConfig(hidden=16, steps=80, trials=3, seed=5, drive=0.7), "radius", [0.5, 1.0, 1.6, 3.0]),
        (RNNConfig(hidden=16, steps=80, trials=3, seed=5, activation="relu"), "radius", [0.5, 2.0, 9.0]),
        (LSTMConfig(hidden=16, steps=80, trials=3, seed=5, drive=0.7, burn_in=50), "forget", [0.0, 0.2, 0.9, 1.0]),
        (LSTMConfig(hidden=16, steps=80, trials=3, seed=5, path="carry", burn_in=50), "forget", [0.0, 0.2, 0.9, 1.0]),
        (GRUConfig(hidden=16, steps=80, trials=3, seed=5, burn_in=50), "update", [0.0, 0.5, 0.99]),
        (GRUConfig(hidden=16, steps=80, trials=3, seed=5, path="carry", burn_in=50), "update", [0.0, 0.5, 0.99]),
    ],
)
def test_a_grid_gives_each_value_exactly_what_a_single_run_gives(base, name, values):
    configs = [replace(base, **{name: v}) for v in values] + [replace(base, drive=2.0)]
    for cfg, run in zip(configs, simulate_many(configs)):
        assert run.log10_norm == simulate(cfg).log10_norm  # bit for bit, chaotic radius 3 included


def test_a_mixed_set_keeps_its_order():
    configs = run_list("lstm", ["both"], forget=[0.5, 0.9], hidden=8, steps=10)
    runs = simulate_many([RNNConfig(hidden=8, steps=10), *configs])
    assert [(r.config.cell, r.config.path) for r in runs] == [("rnn", "full")] + [
        ("lstm", p) for p in ("full", "carry")
    ] * 2


@given(
    st.lists(st.floats(-50, 50), min_size=2, max_size=30),
    st.floats(-0.1, 0.1),
    st.floats(0, 0.05),
)
def test_a_verdict_never_contradicts_the_levels(levels, rate, half):
    """Issue 18: "exploding" only for a norm that ends above its start, "vanishing" only below (an exact zero
    aside); and a rate whose interval reaches zero is neither."""
    from rnncalc.simulation.gradflow import verdict

    norm = [0.0, *levels]
    said = verdict(norm, rate, (rate - half, rate + half))
    assert said != "exploding" or norm[-1] > 0
    assert said != "vanishing" or norm[-1] < 0
    if rate - half <= 0 <= rate + half:
        assert said not in ("exploding", "vanishing")


def test_exact_zeros_and_exact_keeping_are_said_as_such():
    from rnncalc.simulation.gradflow import change_text

    gone = simulate(LSTMConfig(path="carry", forget=0.0, hidden=4, steps=5))
    kept = simulate(LSTMConfig(path="carry", forget=1.0, hidden=4, steps=5))
    assert change_text(gone.log10_norm, gone.decay_per_step) == "gone after 1 step"
    assert (change_text(kept.log10_norm, kept.decay_per_step), kept.verdict) == ("kept exactly", "preserved")


@pytest.mark.parametrize(
    "call,name",
    [
        (lambda: RNNConfig(radius=10**400), "radius"),
        (lambda: simulate_many([RNNConfig(radius=1.0, hidden=1, steps=1)], tol=10**400), "tol"),
        (lambda: simulate_many([RNNConfig(hidden=1, steps=1)] * 501), "configs"),
        (lambda: simulate_many([RNNConfig(hidden=1, steps=1)], limits=0), "limits"),
        (lambda: simulate_many([RNNConfig(hidden=1, steps=1)], limits=False), "limits"),
    ],
)
def test_the_api_refuses_cleanly_what_would_have_raised_or_been_ignored(call, name):
    # Issue 19: ints past 1.8e308 raised OverflowError; 2,000 configurations ran though 500 is the maximum;
    # limits=0 or False silently meant the defaults.
    with pytest.raises(InvalidArgument) as err:
        call()
    assert err.value.name == name


def test_minus_zero_is_zero():
    assert str(RNNConfig(radius=-0.0).radius) == "0.0"


def test_the_time_limit_is_wall_time_on_a_busy_machine(monkeypatch):
    # Issue 19: a run estimated at 58 s was killed at 60 s at load 6.5: estimates are for an idle machine.
    from rnncalc import guard

    cost = guard.Cost(seconds=20.0, memory=2**20, time_culprit="steps", memory_culprit="hidden")
    monkeypatch.setattr(guard.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(guard.os, "getloadavg", lambda: (0.5, 0.5, 0.5))
    guard.check(cost, Limits(seconds=60.0, memory=2**30))  # idle: 20 s
    monkeypatch.setattr(guard.os, "getloadavg", lambda: (6.5, 6.5, 6.5))  # (6.5 + 1) / 2 = 3.75 × 20 s = 75 s
    with pytest.raises(InvalidArgument, match=r"about 75 s at this machine's load \(6\.5 on 2 cores\)"):
        guard.check(cost, Limits(seconds=60.0, memory=2**30))


def test_the_guard_charges_what_printing_holds(run):
    # Issue 19: 500 radii × 5,001 lags were estimated at 1.7 GiB and took 4.3 GiB as JSON (2.0 GiB with -q,
    # which built every point to print one number a run). Measured at 200 × 2,001: -q 87 MiB, JSON 746 MiB.
    radii = [arg for i in range(200) for arg in ("--radius", f"{0.5 + i * 0.005:g}")]
    base = ("gradflow", *radii, "--hidden", "1", "--trials", "1", "--steps", "2000", "--max-memory", "0.5")
    code, out, _ = run(*base, "-q")
    assert code == 0 and len(out.split()) == 200
    code, _, err = run(*base, "-f", "json")
    assert code == 2 and "--max-memory" in err


def test_a_remembered_spectral_radius_belongs_to_its_own_matrix():
    """The eigenvalues are computed once per W in a process (a notebook's loop over radius reuses them): every
    seed's W₁ still has spectral radius exactly 1, and a remembered run gives a fresh run's numbers."""
    import numpy as np

    from rnncalc.simulation import engine

    engine._REMEMBERED.clear()
    fresh = simulate(RNNConfig(hidden=24, steps=30, trials=2, seed=5)).log10_norm
    for seed in (1, 2, 1, 3, 2):
        w = engine.rnn_weights(RNNConfig(hidden=24, seed=seed), np.random.default_rng(seed))
        assert max(abs(np.linalg.eigvals(w))) == pytest.approx(1.0, rel=1e-12)
    assert simulate(RNNConfig(hidden=24, steps=30, trials=2, seed=5)).log10_norm == fresh


def test_where_no_thread_can_start_the_inputs_are_drawn_as_they_are_used(monkeypatch):
    # Under `ulimit -u` (or a full address space) the drawing thread cannot start: the run goes on without it, with
    # the same numbers (the same draws in the same order).
    import threading

    configs = (RNNConfig(hidden=16, steps=40), LSTMConfig(hidden=16, steps=40), GRUConfig(hidden=8, steps=30))
    threaded = [simulate(c).log10_norm for c in configs]

    def cannot_start(self):
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", cannot_start)
    assert [simulate(c).log10_norm for c in configs] == threaded
