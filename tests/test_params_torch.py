"""The PyTorch convention against real torch.nn modules: count, names and shapes; and --from on the same code."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnncalc import count_params, read_network

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
MODULES = {"rnn": "RNN", "lstm": "LSTM", "gru": "GRU"}


def constructor(cfg) -> str:
    """The code a PyTorch user writes for this network, as --from reads it."""
    extra = f", proj_size={cfg['proj']}" if cfg["proj"] else ""
    code = (
        f"rnn = nn.{MODULES[cfg['cell']]}({cfg['input_size']}, {cfg['hidden']}, num_layers={cfg['layers']}, "
        f"bias={cfg['bias']}, bidirectional={cfg['bidirectional']}{extra})"
    )
    if cfg["output_size"]:
        features = (cfg["proj"] or cfg["hidden"]) * (2 if cfg["bidirectional"] else 1)
        code += f"\nhead = nn.Linear({features}, {cfg['output_size']}, bias={cfg['bias']})"
    return code


def build(torch, code: str):
    """Run the constructor code in real PyTorch; every (name, shape) of the parameters, the head's as output.*"""
    namespace = {"nn": torch.nn}
    exec(code, namespace)  # noqa: S102 - our own generated constructor
    params = [(name, tuple(p.shape)) for name, p in namespace["rnn"].named_parameters()]
    if "head" in namespace:
        params += [(f"output.{name}", tuple(p.shape)) for name, p in namespace["head"].named_parameters()]
    return params


@settings(settings.get_profile("simulated"))
@given(configs)
def test_count_names_and_shapes_equal_torch(torch, cfg):
    cfg = dict(cfg)
    if cfg["cell"] != "lstm" or cfg["proj"] >= cfg["hidden"]:
        cfg["proj"] = 0
    code = constructor(cfg)
    expected = build(torch, code)
    result = count_params(convention="pytorch", **cfg)
    assert [(t.name, t.shape) for t in result.tensors] == expected
    assert result.total == sum(torch.Size(shape).numel() for _, shape in expected)
    # --from reads the same code to the same network, hence the same count.
    assert count_params(**read_network(code)).total == result.total


@pytest.mark.parametrize("code", ["nn.RNN(10, 20, 2)", "nn.LSTM(10, 20, 2)", "nn.GRU(10, 20, 2)"])
def test_the_documentation_examples_count_as_torch_does(torch, code):
    module = eval(code, {"nn": torch.nn})  # noqa: S307 - the docs' own example
    assert count_params(**read_network(code)).total == sum(p.numel() for p in module.parameters())


def test_torch_rejects_what_rnncalc_rejects(torch):
    with pytest.raises(ValueError):  # proj_size must be smaller than hidden_size in torch too
        torch.nn.LSTM(4, 8, proj_size=8)


@pytest.mark.parametrize(
    "code",
    [
        "rnn = nn.LSTM(3, 4); head = nn.Linear(4, 2); y, _ = rnn(x)",  # a head built and not applied still counts
        "self.rnn = nn.GRU(3, 4); self.fc = nn.Linear(4, 2)",  # a module's __init__
        "m = nn.RNN(10, 20); nn.Linear(20, 5)",
    ],
)
def test_every_module_built_counts_as_in_a_torch_module(torch, code):
    # As a torch.nn.Module holding them would: its parameters are those of every submodule assigned to it.
    namespace = {"nn": torch.nn, "x": torch.randn(2, 5, 3), "self": type("Holder", (), {})()}
    exec(code, namespace)  # noqa: S102 - our own test code
    held = [v for v in [*namespace.values(), *vars(namespace["self"]).values()] if isinstance(v, torch.nn.Module)]
    built = len(held) + ("nn.Linear(20, 5)" in code)  # the bare nn.Linear(20, 5) is built, never named
    expected = sum(p.numel() for m in held for p in m.parameters()) + (20 * 5 + 5) * ("nn.Linear(20, 5)" in code)
    assert built == 2 and count_params(**read_network(code)).total == expected
