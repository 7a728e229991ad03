"""Gradient flow: closed forms, log-space exactness, zeros, reproducibility, theory."""

import math
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnncalc import InvalidArgument, simulate
from rnncalc.gradflow import Config, simulate_grid
from rnncalc.theory import mean_field


@pytest.mark.parametrize("radius", [0.5, 0.9, 1.0, 1.3])
def test_orthogonal_linear_rnn_decays_exactly_as_radius_to_the_lag(radius):
    run = simulate(cell="rnn", init="orthogonal", activation="linear", radius=radius, hidden=16, steps=200)
    for s, x in enumerate(run.log10_norm):
        assert x == pytest.approx(s * math.log10(radius), abs=1e-6)


@pytest.mark.parametrize("forget", [0.3, 0.9, 0.999, 1.0])
def test_lstm_carry_path_is_forget_to_the_lag(forget):
    run = simulate(cell="lstm", path="carry", forget=forget, hidden=8, steps=300)
    for s, x in enumerate(run.log10_norm):
        assert x == pytest.approx(s * math.log10(forget), abs=1e-6)


@pytest.mark.parametrize("update", [0.2, 0.95, 1.0])
def test_gru_carry_path_is_update_to_the_lag(update):
    run = simulate(cell="gru", path="carry", update=update, hidden=8, steps=300)
    for s, x in enumerate(run.log10_norm):
        assert x == pytest.approx(s * math.log10(update), abs=1e-6)


def test_a_hundred_thousand_steps_at_radius_half_stay_finite():
    # 0.5^100000 = 10^-30102.99…: far below any float, exact in log space.
    run = simulate(cell="rnn", init="orthogonal", activation="linear", radius=0.5, hidden=4, steps=100_000, trials=1)
    assert run.log10_norm[-1] == pytest.approx(-30102.999566, abs=1e-3)
    assert run.horizon == 20  # 0.5^20 < 1e-6 ≤ 0.5^19


def test_an_exactly_zero_gradient_is_reported_as_zero_not_minus_infinity():
    run = simulate(cell="lstm", path="carry", forget=0.0, hidden=4, steps=5)
    assert run.log10_norm == [0.0, None, None, None, None, None]
    assert run.horizon == 1
    assert run.verdict == "vanishing"


def test_zero_radius_kills_the_gradient_after_one_step():
    run = simulate(cell="rnn", radius=0.0, hidden=4, steps=3)
    assert run.log10_norm[0] == 0.0 and run.log10_norm[1:] == [None, None, None]


def test_tanh_rnn_measured_rate_matches_mean_field():
    # Large n and many trials: the measured slope approaches ½·log10 χ.
    run = simulate(cell="rnn", radius=1.0, drive=0.5, hidden=256, steps=100, trials=8, burn_in=100)
    predicted = mean_field(1.0, 0.5, "tanh")["rate"]
    assert run.decay_per_step == pytest.approx(predicted, rel=0.1)
    assert run.theory["mean_field"] == predicted


def test_mean_field_at_zero_drive_and_unit_radius_is_the_edge_of_chaos():
    assert mean_field(1.0, 0.0, "tanh")["chi"] == pytest.approx(1.0)
    assert mean_field(0.8, 0.0, "tanh")["chi"] == pytest.approx(0.64)
    assert mean_field(2.0, 0.0, "relu")["chi"] == pytest.approx(2.0)


def test_pascanu_bound_is_an_upper_bound_on_the_measured_decay():
    run = simulate(cell="rnn", radius=1.0, hidden=32, steps=50)
    assert all(x <= s * run.theory["pascanu_bound"] + 1e-9 for s, x in enumerate(run.log10_norm))


def test_verdicts():
    assert (
        simulate(cell="rnn", init="orthogonal", activation="linear", radius=0.9, steps=50, hidden=8).verdict
        == "vanishing"
    )
    assert (
        simulate(cell="rnn", init="orthogonal", activation="linear", radius=1.0, steps=50, hidden=8).verdict
        == "preserved"
    )
    assert (
        simulate(cell="rnn", init="orthogonal", activation="linear", radius=1.1, steps=50, hidden=8).verdict
        == "exploding"
    )


@pytest.mark.parametrize(
    "kwargs,name",
    [
        ({"radius": -1.0}, "radius"),
        ({"radius": math.nan}, "radius"),
        ({"drive": math.inf}, "drive"),
        ({"cell": "lstm", "forget": 1.5}, "forget"),
        ({"cell": "gru", "update": -0.1}, "update"),
        ({"hidden": 0}, "hidden"),
        ({"steps": 0}, "steps"),
        ({"path": "carry"}, "path"),
        ({"hidden": 100_000}, "hidden"),
        ({"steps": 10**11}, "steps"),
    ],
)
def test_invalid_configs_are_refused_before_running(kwargs, name):
    with pytest.raises(InvalidArgument) as err:
        simulate(**kwargs)
    assert err.value.name == name


def test_unreasonable_runs_state_the_estimate():
    with pytest.raises(InvalidArgument, match=r"about [0-9.,]+ GiB and .* \(limits 8 GiB, 10 min\)"):
        simulate(hidden=100_000)


configs = st.builds(
    Config,
    cell=st.sampled_from(["rnn", "lstm", "gru"]),
    hidden=st.integers(1, 12),
    steps=st.integers(1, 60),
    trials=st.integers(1, 3),
    seed=st.integers(0, 2**32),
    radius=st.floats(0, 50),
    init=st.sampled_from(["gaussian", "orthogonal"]),
    activation=st.sampled_from(["tanh", "linear", "relu"]),
    drive=st.floats(0, 100),
    forget=st.floats(0, 1),
    update=st.floats(0, 1),
    burn_in=st.integers(0, 20),
).filter(lambda c: c.cell != "rnn" or c.path == "full")


@settings(max_examples=150, deadline=None)
@given(configs, st.sampled_from(["full", "carry"]))
def test_log_norms_are_finite_or_exactly_zero_for_any_valid_input(cfg, path):
    if cfg.cell != "rnn":
        cfg = Config(**{**cfg.__dict__, "path": path})
    run = simulate(cfg)
    assert run.log10_norm[0] == 0.0
    assert all(x is None or math.isfinite(x) for x in run.log10_norm)
    if (cfg.cell, cfg.path) != ("lstm", "full"):  # there ∂L/∂h can be 0 while ∂L/∂c lives on
        first_zero = next((s for s, x in enumerate(run.log10_norm) if x is None), len(run.log10_norm))
        assert all(x is None for x in run.log10_norm[first_zero:])  # a zero state gradient stays zero


@settings(max_examples=20, deadline=None)
@given(configs)
def test_same_seed_same_numbers(cfg):
    assert simulate(cfg).log10_norm == simulate(cfg).log10_norm


@pytest.mark.parametrize(
    "cell,path,name,values",
    [
        ("rnn", "full", "radius", [0.5, 1.0, 1.6, 3.0]),
        ("lstm", "full", "forget", [0.0, 0.2, 0.9, 1.0]),
        ("lstm", "carry", "forget", [0.0, 0.2, 0.9, 1.0]),
        ("gru", "full", "update", [0.0, 0.5, 0.99]),
        ("gru", "carry", "update", [0.0, 0.5, 0.99]),
    ],
)
def test_a_grid_gives_each_variant_exactly_what_a_single_run_gives(cell, path, name, values):
    base = Config(cell=cell, hidden=16, steps=80, trials=3, seed=5, drive=0.7, path=path)
    configs = [replace(base, **{name: v}) for v in values] + [replace(base, drive=2.0)]
    for cfg, run in zip(configs, simulate_grid(configs)):
        assert run.log10_norm == simulate(cfg).log10_norm  # bit for bit, chaotic radius 3 included


def test_a_grid_may_vary_only_radius_drive_and_gates():
    with pytest.raises(InvalidArgument):
        simulate_grid([Config(hidden=8), Config(hidden=9)])
