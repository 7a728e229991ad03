"""The PyTorch convention against real torch.nn modules: count, names and shapes."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rnncalc import count_params

pytestmark = pytest.mark.torch

configs = st.fixed_dictionaries(
    {
        "cell": st.sampled_from(["rnn", "lstm", "gru"]),
        "hidden": st.integers(2, 12),
        "input_size": st.integers(1, 9),
        "output_size": st.integers(0, 5),
        "layers": st.integers(1, 3),
        "bidirectional": st.booleans(),
        "bias": st.booleans(),
        "proj": st.integers(0, 11),
    }
)


def build(torch, cfg):
    """The network a PyTorch user writes: a recurrent module plus an optional Linear head."""
    module = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[cfg["cell"]]
    extra = {"proj_size": cfg["proj"]} if cfg["proj"] else {}
    rnn = module(
        cfg["input_size"],
        cfg["hidden"],
        num_layers=cfg["layers"],
        bias=cfg["bias"],
        bidirectional=cfg["bidirectional"],
        **extra,
    )
    params = [(name, tuple(p.shape)) for name, p in rnn.named_parameters()]
    if cfg["output_size"]:
        features = (cfg["proj"] or cfg["hidden"]) * (2 if cfg["bidirectional"] else 1)
        head = torch.nn.Linear(features, cfg["output_size"], bias=cfg["bias"])
        params += [(f"output.{name}", tuple(p.shape)) for name, p in head.named_parameters()]
    return params


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(configs)
def test_count_names_and_shapes_equal_torch(torch, cfg):
    cfg = dict(cfg)
    if cfg["cell"] != "lstm" or cfg["proj"] >= cfg["hidden"]:
        cfg["proj"] = 0
    expected = build(torch, cfg)
    result = count_params(convention="pytorch", **cfg)
    assert [(t.name, t.shape) for t in result.tensors] == expected
    assert result.total == sum(torch.Size(shape).numel() for _, shape in expected)


def test_torch_rejects_what_rnncalc_rejects(torch):
    # proj_size must be smaller than hidden_size in torch too.
    with pytest.raises(ValueError):
        torch.nn.LSTM(4, 8, proj_size=8)
