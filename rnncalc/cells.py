"""What each recurrent cell is: its gates, state, blocks and equations.

Plain facts shared by the parameter counter, the gate comparison and the docs.
A *block* is one affine map of the input and the recurrent state (one gate or
the candidate), i.e. one input matrix, one recurrent matrix and one bias vector.
"""

from __future__ import annotations

from typing import NamedTuple


class Cell(NamedTuple):
    name: str  # what `--cell` takes
    title: str
    gates: tuple[str, ...]  # gate names, () for none
    blocks: tuple[str, ...]  # one letter per block, framework order
    state: str  # the state carried from step to step
    diagonal: tuple[str, ...] = ()  # per-unit weight vectors (peepholes, IndRNN's u)
    pytorch: str | None = None  # torch.nn module, if there is one
    keras: str | None = None  # keras.layers layer, if there is one
    carry: str = "none"  # the additive carry path and its Jacobian
    jacobian: str = "none"  # the carry path's Jacobian, short
    stored_vectors: int = 1  # n-vectors kept per step for backpropagation through time
    equations: tuple[str, ...] = ()
    use_when: str = ""
    reference: str = ""


CELLS: dict[str, Cell] = {
    c.name: c
    for c in (
        Cell(
            name="rnn",
            jacobian="none",
            title="Elman RNN",
            gates=(),
            blocks=("h",),
            state="h",
            pytorch="RNN",
            keras="SimpleRNN",
            carry="none: ∂h_t/∂h_{t-1} = diag(φ'(a_t))·W_hh",
            stored_vectors=1,
            equations=("h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h)", "y_t = W_hy h_t + b_y"),
            use_when="short dependencies, teaching, tiny models",
            reference="Elman 1990",
        ),
        Cell(
            name="lstm",
            jacobian="diag(f)",
            title="LSTM",
            gates=("input", "forget", "output"),
            blocks=("i", "f", "g", "o"),
            state="h, c",
            pytorch="LSTM",
            keras="LSTM",
            carry="c_t = f_t ⊙ c_{t-1} + …: ∂c_t/∂c_{t-1} = diag(f_t)",
            stored_vectors=6,
            equations=(
                "i_t = σ(W_hi h_{t-1} + W_xi x_t + b_i)",
                "f_t = σ(W_hf h_{t-1} + W_xf x_t + b_f)",
                "g_t = tanh(W_hg h_{t-1} + W_xg x_t + b_g)",
                "o_t = σ(W_ho h_{t-1} + W_xo x_t + b_o)",
                "c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t",
                "h_t = o_t ⊙ tanh(c_t)",
            ),
            use_when="long dependencies; the safe default",
            reference="Hochreiter & Schmidhuber 1997; Gers et al. 2000",
        ),
        Cell(
            name="gru",
            jacobian="diag(z)",
            title="GRU",
            gates=("reset", "update"),
            blocks=("r", "z", "n"),
            state="h",
            pytorch="GRU",
            keras="GRU",
            carry="h_t = z_t ⊙ h_{t-1} + …: ∂h_t/∂h_{t-1} ⊇ diag(z_t)",
            stored_vectors=4,
            equations=(
                "r_t = σ(W_hr h_{t-1} + W_xr x_t + b_r)",
                "z_t = σ(W_hz h_{t-1} + W_xz x_t + b_z)",
                "n_t = tanh(W_xn x_t + b_xn + r_t ⊙ (W_hn h_{t-1} + b_hn))",
                "h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1}",
            ),
            use_when="LSTM-like memory with 3/4 of the parameters",
            reference="Cho et al. 2014",
        ),
        Cell(
            name="peephole",
            jacobian="diag(f)",
            title="Peephole LSTM",
            gates=("input", "forget", "output"),
            blocks=("i", "f", "g", "o"),
            state="h, c",
            diagonal=("p_i", "p_f", "p_o"),
            carry="c_t = f_t ⊙ c_{t-1} + …: ∂c_t/∂c_{t-1} ⊇ diag(f_t)",
            stored_vectors=6,
            equations=(
                "i_t = σ(W_hi h_{t-1} + W_xi x_t + p_i ⊙ c_{t-1} + b_i)",
                "f_t = σ(W_hf h_{t-1} + W_xf x_t + p_f ⊙ c_{t-1} + b_f)",
                "g_t = tanh(W_hg h_{t-1} + W_xg x_t + b_g)",
                "c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t",
                "o_t = σ(W_ho h_{t-1} + W_xo x_t + p_o ⊙ c_t + b_o)",
                "h_t = o_t ⊙ tanh(c_t)",
            ),
            use_when="precise timing (gates see the cell state)",
            reference="Gers & Schmidhuber 2000",
        ),
        Cell(
            name="cifg",
            jacobian="diag(f)",
            title="CIFG LSTM",
            gates=("forget", "output"),
            blocks=("f", "g", "o"),
            state="h, c",
            carry="c_t = f_t ⊙ c_{t-1} + …: ∂c_t/∂c_{t-1} ⊇ diag(f_t)",
            stored_vectors=5,
            equations=(
                "f_t = σ(W_hf h_{t-1} + W_xf x_t + b_f)",
                "g_t = tanh(W_hg h_{t-1} + W_xg x_t + b_g)",
                "o_t = σ(W_ho h_{t-1} + W_xo x_t + b_o)",
                "c_t = f_t ⊙ c_{t-1} + (1 − f_t) ⊙ g_t",
                "h_t = o_t ⊙ tanh(c_t)",
            ),
            use_when="LSTM quality with one gate fewer (input = 1 − forget)",
            reference="Greff et al. 2017",
        ),
        Cell(
            name="mgu",
            jacobian="diag(1 − f)",
            title="MGU",
            gates=("forget",),
            blocks=("f", "h"),
            state="h",
            carry="h_t = (1 − f_t) ⊙ h_{t-1} + …: ∂h_t/∂h_{t-1} ⊇ diag(1 − f_t)",
            stored_vectors=3,
            equations=(
                "f_t = σ(W_hf h_{t-1} + W_xf x_t + b_f)",
                "h̃_t = tanh(W_hh (f_t ⊙ h_{t-1}) + W_xh x_t + b_h)",
                "h_t = (1 − f_t) ⊙ h_{t-1} + f_t ⊙ h̃_t",
            ),
            use_when="the smallest gated cell; GRU-like results",
            reference="Zhou et al. 2016",
        ),
        Cell(
            name="indrnn",
            jacobian="none",
            title="IndRNN",
            gates=(),
            blocks=("h",),
            state="h",
            diagonal=("u",),
            carry="none: ∂h_t/∂h_{t-1} = diag(u ⊙ φ'(a_t)), per unit",
            stored_vectors=1,
            equations=("h_t = relu(W_xh x_t + u ⊙ h_{t-1} + b_h)",),
            use_when="very long sequences with ReLU; |u| sets each unit's memory",
            reference="Li et al. 2018",
        ),
        Cell(
            name="second-order",
            jacobian="none",
            title="Second-order RNN",
            gates=(),
            blocks=(),
            state="h",
            carry="none: ∂h_t/∂h_{t-1} = diag(g'(a_t))·Σ_k W_··k x_k",
            stored_vectors=1,
            equations=("h_t,i = g(Σ_jk W_ijk h_{t-1,j} x_t,k + b_i)",),
            use_when="automata and grammars (multiplicative input-state mixing)",
            reference="Giles et al. 1992",
        ),
    )
}

CELL_NAMES: tuple[str, ...] = tuple(CELLS)


def get_cell(name: str) -> Cell:
    from .errors import InvalidArgument

    try:
        return CELLS[name]
    except KeyError:
        raise InvalidArgument("cell", f"unknown cell {name!r}; choose from {', '.join(CELL_NAMES)}") from None
