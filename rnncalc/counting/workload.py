"""What grows with the data rather than the model: compute and memory per sequence.

Parameters are shared across time steps, so the sequence length never changes
the count. It changes the multiply-accumulates and what backpropagation through
time (BPTT) must keep:

MACs/step         one multiply-accumulate per entry of every weight matrix of
                  every layer and direction, and of the output layer, which is
                  applied at every step; biases and per-unit vectors (peepholes,
                  IndRNN's u) are elementwise and not counted. The second-order
                  RNN also forms the outer product h_{t−1} ⊗ x_t (n·m products)
                  before contracting it with W_ijk.
activations       per step: the layer-0 input x_t (needed for ∂L/∂W_x·), every
                  vector each layer and direction's equations need again in the
                  backward pass (:attr:`rnncalc.counting.cells.Cell.saved`), and the
                  output y_t. Layers above the first read the outputs h of the
                  layer below, which are already kept.
"""

from typing import NamedTuple

from ..choices import DTYPE_BYTES
from ..errors import InvalidArgument, check_choice, check_int, shown
from .cells import CELLS
from .params import MAX_SIZE, ParamCount, resets_after


class Costs(NamedTuple):
    seq_len: int
    batch: int
    dtype: str
    macs_per_step: int
    macs_per_sequence: int  # T × MACs/step, for one sequence
    param_bytes: int
    activation_bytes: int  # BPTT's kept activations for the whole batch
    saved: tuple[str, ...]  # the vectors one layer and direction keeps per step
    floats_per_step: int  # all activations kept per step, for one sequence


def macs_per_step(result: ParamCount) -> int:
    """Multiply-accumulates of one time step of one sequence (both directions, output layer included)."""
    products = sum(t.count for t in result.tensors if t.role == "weight")
    outer = sum(t.count // t.shape[0] for t in result.tensors if t.role == "weight" and len(t.shape) == 3)
    return products + outer


def saved_vectors(result: ParamCount) -> tuple[str, ...]:
    """What one layer and direction keeps per step for the backward pass."""
    spec = CELLS[result.cell]
    layout = spec.reset_after if resets_after(result.cell, result.convention, result.reset_after) else None
    saved = layout.saved if layout else spec.saved
    if result.proj:  # h = W_hr (o ⊙ tanh c): W_hr's gradient needs o ⊙ tanh(c) too
        saved = (*saved[:-1], "o ⊙ tanh(c)", saved[-1])
    return saved


def floats_per_step(result: ParamCount) -> int:
    """Activations kept per step of one sequence: the input, every layer's saved vectors, the output."""
    saved = saved_vectors(result)
    per_direction = (len(saved) - 1) * result.hidden + (result.proj or result.hidden)  # h has p units if projected
    return result.input_size + result.layers * result.directions * per_direction + result.output_size


def costs(result: ParamCount, seq_len: int = 100, batch: int = 1, dtype: str = "float32") -> Costs:
    """Compute and memory of a network over sequences of `seq_len` steps, `batch` at a time.

    >>> from rnncalc import count_params
    >>> c = costs(count_params("rnn", 3, 2, 1), seq_len=5, batch=2)
    >>> c.macs_per_step, c.macs_per_sequence, c.activation_bytes  # 9 + 6 + 3; (2 + 3 + 1) floats × 5 × 2 × 4 bytes
    (18, 90, 240)
    """
    if not isinstance(result, ParamCount):
        raise InvalidArgument(
            "result", f"give a count, e.g. rnncalc.count_params('lstm', 128, 28), got {shown(result)}"
        )
    check_int("seq_len", seq_len, 1, MAX_SIZE)
    check_int("batch", batch, 1, MAX_SIZE)
    size = DTYPE_BYTES[check_choice("dtype", dtype, tuple(DTYPE_BYTES))]
    macs, floats = macs_per_step(result), floats_per_step(result)
    return Costs(
        seq_len=seq_len,
        batch=batch,
        dtype=dtype,
        macs_per_step=macs,
        macs_per_sequence=macs * seq_len,
        param_bytes=result.total * size,
        activation_bytes=floats * seq_len * batch * size,
        saved=saved_vectors(result),
        floats_per_step=floats,
    )
