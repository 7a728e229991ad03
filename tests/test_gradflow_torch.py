"""Gradient norms against real torch autograd, on identical weights and inputs.

The test draws from the same seeded generator in the order the simulator
documents (weights, then one input per step including the burn-in, then u),
feeds the numbers to torch's own cells, unrolls them, and asks
torch.autograd.grad for ∂L/∂h_t at every step.
"""

import math

import numpy as np
import pytest

from rnncalc import GRUConfig, LSTMConfig, RNNConfig, simulate
from rnncalc.simulation.engine import gated_weights, rnn_weights


def torch_log10_norms(torch, cfg) -> list[float]:
    rng = np.random.default_rng(cfg.seed)
    n, trials = cfg.hidden, cfg.trials
    t = torch.as_tensor
    if cfg.cell == "rnn":
        w = rnn_weights(cfg, rng)
        cell = torch.nn.RNNCell(n, n, bias=False, nonlinearity="tanh" if cfg.activation == "tanh" else "relu")
        cell.weight_ih.data, cell.weight_hh.data = t(np.eye(n)), t(w)  # x_t enters as is
    else:
        w = gated_weights(cfg, rng)
        cell = (torch.nn.LSTMCell if cfg.cell == "lstm" else torch.nn.GRUCell)(n, n)
        for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
            getattr(cell, name).data = t(w[name.replace("weight", "w").replace("bias", "b")])
    h = torch.zeros(trials, n)
    state = (h, torch.zeros(trials, n)) if cfg.cell == "lstm" else h
    hs = []
    for _ in range(cfg.burn_in + cfg.steps):
        x = t(cfg.drive * rng.standard_normal((trials, n)))
        state = cell(x, state)
        h = state[0] if cfg.cell == "lstm" else state
        hs.append(h)
    window = hs[cfg.burn_in - 1 :]  # h at the end of the burn-in, then the T measured steps
    u = t(rng.standard_normal((trials, n)))
    u = u / u.norm(dim=1, keepdim=True)
    loss = (u * window[-1]).sum()
    grads = torch.autograd.grad(loss, window)
    return [g.norm(dim=1).log10().mean().item() for g in reversed(grads)]


CASES = [
    RNNConfig(hidden=12, steps=30, trials=3, radius=1.2, drive=0.5, burn_in=5, seed=1),
    RNNConfig(hidden=10, steps=25, trials=2, radius=0.9, init="orthogonal", burn_in=3, seed=2),
    RNNConfig(hidden=10, steps=20, trials=2, radius=1.5, activation="relu", drive=1.0, burn_in=2, seed=3),
    RNNConfig(hidden=64, steps=40, trials=4, radius=1.0, drive=0.1, burn_in=50, seed=0),  # the defaults
    LSTMConfig(hidden=8, steps=30, trials=3, forget=0.9, drive=1.0, burn_in=4, seed=4),
    LSTMConfig(hidden=6, steps=20, trials=2, forget=0.5, drive=0.3, burn_in=1, seed=5),
    LSTMConfig(hidden=16, steps=30, trials=2, forget=0.99, drive=0.1, burn_in=500, seed=0),  # the first-step drop
    GRUConfig(hidden=8, steps=30, trials=3, update=0.8, drive=1.0, burn_in=4, seed=6),
    GRUConfig(hidden=5, steps=20, trials=2, update=0.95, drive=0.5, burn_in=1, seed=7),
]


@pytest.mark.parametrize("cfg", CASES, ids=lambda c: f"{c.cell}-{c.hidden}-{c.value}")
def test_per_lag_norms_equal_torch_autograd(torch, cfg):
    ours = simulate(cfg).log10_norm
    theirs = torch_log10_norms(torch, cfg)
    assert len(ours) == len(theirs) == cfg.steps + 1
    for lag, (a, b) in enumerate(zip(ours, theirs)):
        assert math.isclose(10 ** (a - b), 1.0, rel_tol=1e-6), f"lag {lag}: {a} vs torch {b}"


def test_torch_underflows_where_rnncalc_stays_finite(torch):
    # In float32, autograd's gradient after 400 steps at radius 0.5 is exactly 0;
    # the log-space simulator still reports 0.5^400 ≈ 10^-120.4.
    cfg = RNNConfig(activation="linear", init="orthogonal", radius=0.5, hidden=4, steps=400, trials=1)
    w = torch.as_tensor(rnn_weights(cfg, np.random.default_rng(cfg.seed)), dtype=torch.float32)
    h0 = torch.ones(4, dtype=torch.float32, requires_grad=True)
    h = h0
    for _ in range(cfg.steps):
        h = w @ h
    (grad,) = torch.autograd.grad(h.sum(), h0)
    assert grad.norm().item() == 0.0
    assert simulate(cfg).log10_norm[-1] == pytest.approx(400 * math.log10(0.5), abs=1e-6)


@pytest.mark.parametrize("forget", [0.9, 0.999])
def test_the_cell_state_an_lstm_run_reports_is_torchs(torch, forget):
    """The cell state the lesson explains the full path by: mean |c| and tanh′(c) over the window, replayed in
    torch.nn.LSTMCell on the same weights and inputs (the same draws, in the documented order)."""
    cfg = LSTMConfig(hidden=16, steps=40, trials=3, forget=forget, drive=0.1, burn_in=300, seed=2)
    rng = np.random.default_rng(cfg.seed)
    w = gated_weights(cfg, rng)
    cell = torch.nn.LSTMCell(16, 16)
    for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
        getattr(cell, name).data = torch.as_tensor(w[name.replace("weight", "w").replace("bias", "b")])
    state = (torch.zeros(3, 16), torch.zeros(3, 16))
    cs = []
    with torch.no_grad():
        for _ in range(cfg.burn_in + cfg.steps):
            state = cell(torch.as_tensor(cfg.drive * rng.standard_normal((3, 16))), state)
            cs.append(state[1])
    window = torch.stack(cs[cfg.burn_in :])
    got = simulate(cfg).cell_state
    assert got["mean_abs"] == pytest.approx(window.abs().mean().item(), rel=1e-9)
    assert got["mean_tanh_prime"] == pytest.approx((1 - window.tanh() ** 2).mean().item(), rel=1e-9)
