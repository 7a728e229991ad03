"""BPTT activation memory against what PyTorch really keeps for the backward pass, on CPU.

rnncalc's figure is what the equations must keep: the layer-0 input x_t and, per layer and
direction, the vectors listed in cells.py (h for the Elman RNN; i, f, g, o, c, h for the LSTM;
r, z, n, W_hn h + b_hn, h for PyTorch's GRU). PyTorch's own ATen kernels keep a little more
(tanh(c_t); the GRU's gate buffer and h − n; a copy of each stacked layer's input), so the
measured floats per step, counted once per storage, lie between rnncalc's figure and 1.7× it (1.65× measured
for three bidirectional Elman layers at n = 32: the copies of each stacked layer's input weigh most there).
"""

import pytest

from rnncalc import count_params
from rnncalc.counting.workload import floats_per_step

MODULES = {"rnn": "RNN", "lstm": "LSTM", "gru": "GRU"}
N, M, BATCH = 7, 5, 3


def saved_floats(torch, module, steps: int) -> int:
    """Float32 values the autograd graph keeps for one forward pass, each storage counted once, weights excluded."""
    weights = {p.untyped_storage().data_ptr() for p in module.parameters()}
    kept: dict[int, int] = {}

    def pack(tensor):
        storage = tensor.untyped_storage()
        if storage.data_ptr() not in weights:
            kept[storage.data_ptr()] = storage.nbytes() // tensor.element_size()
        return tensor

    x = torch.randn(steps, BATCH, M, dtype=torch.float32)
    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        output, _ = module(x)
    output.sum().backward()
    return sum(kept.values())


SHAPES = [(1, False, 0), (2, False, 0), (1, True, 0), (2, True, 0), (3, True, 0)]
CASES = [(cell, *shape) for cell in MODULES for shape in SHAPES] + [("lstm", 1, False, 3), ("lstm", 2, True, 3)]


@pytest.mark.parametrize("cell,layers,bidirectional,proj", CASES)
def test_what_torch_keeps_per_step_is_rnncalcs_figure_to_1_7_times_it(torch, cell, layers, bidirectional, proj):
    extra = {"proj_size": proj} if proj else {}
    module = getattr(torch.nn, MODULES[cell])(M, N, num_layers=layers, bidirectional=bidirectional, **extra).float()
    with torch.backends.mkldnn.flags(
        enabled=False
    ):  # PyTorch's ATen kernel; the default oneDNN LSTM keeps an opaque workspace
        per_step = (saved_floats(torch, module, 20) - saved_floats(torch, module, 10)) / (10 * BATCH)
    ours = floats_per_step(
        count_params(cell, N, M, layers=layers, bidirectional=bidirectional, proj=proj, convention="pytorch")
    )
    assert ours <= per_step <= 1.7 * ours, (per_step, ours)


def test_the_elman_rnn_figure_is_exactly_what_torch_keeps(torch):
    module = torch.nn.RNN(M, N).float()
    per_step = (saved_floats(torch, module, 20) - saved_floats(torch, module, 10)) / (10 * BATCH)
    assert per_step == floats_per_step(count_params("rnn", N, M, convention="pytorch")) == N + M


def test_the_default_onednn_lstm_keeps_more_and_more_with_n(torch):
    # The README's figures for PyTorch's default CPU LSTM kernel: an opaque workspace above rnncalc's figure
    # (2.9× at n = 16 measured) that grows with n (9.7× at n = 128).
    ratios = []
    for n in (16, 128):
        module = torch.nn.LSTM(M, n).float()
        per_step = (saved_floats(torch, module, 20) - saved_floats(torch, module, 10)) / (10 * BATCH)
        ratios.append(per_step / floats_per_step(count_params("lstm", n, M, convention="pytorch")))
    assert 2 < ratios[0] < ratios[1]
