"""What each recurrent cell is: the one table every other module reads.

A *block* is one affine map of the input and the recurrent state (a gate or the
candidate): one input matrix, one recurrent matrix and one bias vector. The
recurrence says how h_{t−1} enters: through a matrix per block (``matrix``), a
per-unit vector (``vector``: IndRNN's u) or a three-way tensor W_ijk
(``tensor``: the second-order RNN, which has no blocks). Adding a cell is one
entry here, plus a branch keyed on one of these fields where its tensors differ.
"""

from typing import NamedTuple


class Block(NamedTuple):
    letter: str  # the subscript in W_h·, W_x·, b_·
    role: str  # "input gate", "candidate"…

    @property
    def is_gate(self) -> bool:
        return self.role.endswith(" gate")


class Carry(NamedTuple):
    """An additive path through time whose Jacobian is a diagonal gate."""

    jacobian: str  # "diag(f_t)"
    equation: str  # the update that carries the state
    state: str  # the vector carried: c or h
    kept: str  # the fraction of the carried state kept per step: f, z or 1 − f
    simulated_as: str  # the gradflow cell whose carry path has this Jacobian


class ResetAfter(NamedTuple):
    """The GRU as PyTorch and Keras (reset_after=True) write it: r applied after the recurrent product."""

    equation: str
    saved: tuple[str, ...]


class Cell(NamedTuple):
    name: str  # what `--cell` takes
    title: str
    blocks: tuple[Block, ...]
    recurrence: str  # matrix, vector or tensor
    state: str  # what is carried from step to step
    step_jacobian: str  # ∂(state_t)/∂(state_{t−1}), for people
    saved: tuple[str, ...]  # n-vectors backpropagation through time keeps per step (besides the input)
    equations: tuple[str, ...]
    use_when: str
    reference: str
    diagonal: tuple[str, ...] = ()  # per-unit weight vectors (peepholes, IndRNN's u)
    carry: Carry | None = None
    pytorch: str | None = None  # torch.nn module
    keras: str | None = None  # keras.layers layer
    keras_name: str | None = None  # Keras's default layer name (lstm, lstm_1…)
    projection: bool = False  # takes an output projection h = W_hr m (the LSTM family)
    reset_after: ResetAfter | None = None  # the frameworks' form, where it differs from the equations

    @property
    def gates(self) -> tuple[str, ...]:
        return tuple(b.role.removesuffix(" gate") for b in self.blocks if b.is_gate)


_LSTM_BLOCKS = (Block("i", "input gate"), Block("f", "forget gate"), Block("g", "candidate"), Block("o", "output gate"))
_LSTM_CARRY = Carry("diag(f_t)", "c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t", "c", "f", "lstm")

CELLS: dict[str, Cell] = {
    c.name: c
    for c in (
        Cell(
            name="rnn",
            title="Elman RNN",
            blocks=(Block("h", "update"),),
            recurrence="matrix",
            state="h",
            step_jacobian="diag(tanh′(a_t))·W_hh, a_t the argument of tanh",
            saved=("h",),
            equations=("h_t = tanh(W_hh h_{t−1} + W_xh x_t + b_h)", "y_t = W_hy h_t + b_y"),
            use_when="short dependencies, teaching, tiny models",
            reference="Elman 1990",
            pytorch="RNN",
            keras="SimpleRNN",
            keras_name="simple_rnn",
        ),
        Cell(
            name="lstm",
            title="LSTM",
            blocks=_LSTM_BLOCKS,
            recurrence="matrix",
            state="h, c",
            step_jacobian="∂c_t/∂c_{t−1} = diag(f_t), plus paths through the gates",
            saved=("i", "f", "g", "o", "c", "h"),
            equations=(
                "i_t = σ(W_hi h_{t−1} + W_xi x_t + b_i)",
                "f_t = σ(W_hf h_{t−1} + W_xf x_t + b_f)",
                "g_t = tanh(W_hg h_{t−1} + W_xg x_t + b_g)",
                "o_t = σ(W_ho h_{t−1} + W_xo x_t + b_o)",
                "c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t",
                "h_t = o_t ⊙ tanh(c_t)",
            ),
            use_when="long dependencies; the safe default",
            reference="Hochreiter & Schmidhuber 1997, with the forget gate of Gers et al. 2000",
            carry=_LSTM_CARRY,
            pytorch="LSTM",
            keras="LSTM",
            keras_name="lstm",
            projection=True,
        ),
        Cell(
            name="gru",
            title="GRU",
            blocks=(Block("r", "reset gate"), Block("z", "update gate"), Block("n", "candidate")),
            recurrence="matrix",
            state="h",
            step_jacobian="diag(z_t), plus paths through r, z and n",
            saved=("r", "z", "n", "h"),
            equations=(
                "r_t = σ(W_hr h_{t−1} + W_xr x_t + b_r)",
                "z_t = σ(W_hz h_{t−1} + W_xz x_t + b_z)",
                "n_t = tanh(W_hn (r_t ⊙ h_{t−1}) + W_xn x_t + b_n)",
                "h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}",
            ),
            use_when="LSTM-like memory with 3/4 of the parameters",
            reference="Cho et al. 2014",
            carry=Carry("diag(z_t)", "h_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ n_t", "h", "z", "gru"),
            reset_after=ResetAfter(
                "n_t = tanh(W_xn x_t + b_xn + r_t ⊙ (W_hn h_{t−1} + b_hn))", ("r", "z", "n", "W_hn h + b_hn", "h")
            ),
            pytorch="GRU",
            keras="GRU",
            keras_name="gru",
        ),
        Cell(
            name="peephole",
            title="Peephole LSTM",
            blocks=_LSTM_BLOCKS,
            recurrence="matrix",
            state="h, c",
            step_jacobian="∂c_t/∂c_{t−1} = diag(f_t), plus paths through the gates and peepholes",
            saved=("i", "f", "g", "o", "c", "h"),
            diagonal=("p_i", "p_f", "p_o"),
            equations=(
                "i_t = σ(W_hi h_{t−1} + W_xi x_t + p_i ⊙ c_{t−1} + b_i)",
                "f_t = σ(W_hf h_{t−1} + W_xf x_t + p_f ⊙ c_{t−1} + b_f)",
                "g_t = tanh(W_hg h_{t−1} + W_xg x_t + b_g)",
                "c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t",
                "o_t = σ(W_ho h_{t−1} + W_xo x_t + p_o ⊙ c_t + b_o)",
                "h_t = o_t ⊙ tanh(c_t)",
            ),
            use_when="precise timing (gates see the cell state)",
            reference="Gers & Schmidhuber 2000",
            carry=_LSTM_CARRY,
            projection=True,
        ),
        Cell(
            name="cifg",
            title="CIFG LSTM",
            blocks=(Block("f", "forget gate"), Block("g", "candidate"), Block("o", "output gate")),
            recurrence="matrix",
            state="h, c",
            step_jacobian="∂c_t/∂c_{t−1} = diag(f_t), plus paths through the gates",
            saved=("f", "g", "o", "c", "h"),
            equations=(
                "f_t = σ(W_hf h_{t−1} + W_xf x_t + b_f)",
                "g_t = tanh(W_hg h_{t−1} + W_xg x_t + b_g)",
                "o_t = σ(W_ho h_{t−1} + W_xo x_t + b_o)",
                "c_t = f_t ⊙ c_{t−1} + (1 − f_t) ⊙ g_t",
                "h_t = o_t ⊙ tanh(c_t)",
            ),
            use_when="LSTM quality with one gate fewer (input = 1 − forget)",
            reference="the coupled input–forget gate (CIFG) of Greff et al. 2017, here without their peepholes",
            carry=Carry("diag(f_t)", "c_t = f_t ⊙ c_{t−1} + (1 − f_t) ⊙ g_t", "c", "f", "lstm"),
            projection=True,
        ),
        Cell(
            name="mgu",
            title="MGU",
            blocks=(Block("f", "forget gate"), Block("h", "candidate")),
            recurrence="matrix",
            state="h",
            step_jacobian="diag(1 − f_t), plus paths through f and h̃",
            saved=("f", "h̃", "h"),
            equations=(
                "f_t = σ(W_hf h_{t−1} + W_xf x_t + b_f)",
                "h̃_t = tanh(W_hh (f_t ⊙ h_{t−1}) + W_xh x_t + b_h)",
                "h_t = (1 − f_t) ⊙ h_{t−1} + f_t ⊙ h̃_t",
            ),
            use_when="the smallest gated cell; GRU-like results",
            reference="Zhou et al. 2016",
            carry=Carry("diag(1 − f_t)", "h_t = (1 − f_t) ⊙ h_{t−1} + f_t ⊙ h̃_t", "h", "1 − f", "gru"),
        ),
        Cell(
            name="indrnn",
            title="IndRNN",
            blocks=(Block("h", "update"),),
            recurrence="vector",
            state="h",
            step_jacobian="diag(u ⊙ relu′(a_t)), a_t the argument of relu: each unit on its own",
            saved=("h",),
            diagonal=("u",),
            equations=("h_t = relu(W_xh x_t + u ⊙ h_{t−1} + b_h)",),
            use_when="very long sequences with ReLU; |u| sets each unit's memory",
            reference="Li et al. 2018",
        ),
        Cell(
            name="second-order",
            title="Second-order RNN",
            blocks=(),
            recurrence="tensor",
            state="h",
            step_jacobian="diag(σ′(a_t))·Σ_k x_t,k W_{:,:,k}, a_t the argument of σ",
            saved=("h",),
            equations=("h_t,i = σ(Σ_jk W_ijk h_{t−1,j} x_t,k + b_i)",),
            use_when="automata and grammars (multiplicative input-state mixing)",
            reference="Giles et al. 1992",
        ),
    )
}

CELL_NAMES: tuple[str, ...] = tuple(CELLS)
BIDIRECTIONAL = tuple(name for name, cell in CELLS.items() if cell.pytorch)  # the cells frameworks make bidirectional


def get_cell(name: object, argument: str = "cell") -> Cell:
    from ..errors import check_choice

    return CELLS[check_choice(argument, name, CELL_NAMES)]
