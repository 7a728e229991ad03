"""Exact parameter counts of recurrent networks, under three conventions.

Pure integer arithmetic on Python ints (exact at any size; no NumPy).

Notation: n hidden size, m input size, k output size, p projection size,
L layers, D directions. Every tensor's shape is a tuple of *dims*, each a
whole multiple of one size (``4n``, ``2p``) or a plain number, so each count is
a monomial and the total a polynomial in the sizes: the same structure gives
the exact number, the symbolic formula and the formula with numbers put in.

Conventions
-----------
textbook  weights only, as in the course formula n² + nm + kn for the Elman
          RNN; each gate block has its own input and recurrent matrix.
          ``bias=True`` adds one vector per block and one for the output layer.
pytorch   ``sum(p.numel() for p in module.parameters())`` of torch.nn.RNN,
          LSTM, GRU (two bias vectors per block, ``bias_ih`` and ``bias_hh``)
          plus an ``nn.Linear`` head named ``output``.
keras     ``model.count_params()`` of Keras 3 SimpleRNN, LSTM, GRU (one bias
          per block; GRU with ``reset_after=True``, the default, two),
          Bidirectional (concat) and a Dense head.
"""

from __future__ import annotations

from collections import Counter
from math import prod
from typing import NamedTuple

from .cells import CELLS, Cell, get_cell
from .errors import InvalidArgument

CONVENTIONS = ("textbook", "pytorch", "keras")
DTYPE_BYTES = {"float32": 4, "float16": 2, "bfloat16": 2, "float64": 8}
MAX_SIZE = 10**12  # a trillion units: far past any real model, and keeps every number printable
MAX_LAYERS = 1000
_SYMBOL_ORDER = "knmp"  # k first so the output layer reads "kn", as in the course formula


class Dim(NamedTuple):
    """One axis of a tensor: ``coef`` times the size named ``symbol`` (or a plain number)."""

    coef: int
    symbol: str | None = None

    def value(self, sizes: dict[str, int]) -> int:
        return self.coef * (sizes[self.symbol] if self.symbol else 1)

    def __str__(self) -> str:
        if self.symbol is None:
            return str(self.coef)
        return self.symbol if self.coef == 1 else f"{self.coef}{self.symbol}"


class Tensor(NamedTuple):
    """One parameter tensor: its name, symbolic shape and role (weight, diagonal or bias)."""

    name: str
    dims: tuple[Dim, ...]
    role: str

    def shape(self, sizes: dict[str, int]) -> tuple[int, ...]:
        return tuple(d.value(sizes) for d in self.dims)

    def count(self, sizes: dict[str, int]) -> int:
        return prod(self.shape(sizes))

    def monomial(self) -> tuple[int, tuple[str, ...]]:
        coef = prod(d.coef for d in self.dims)
        symbols = tuple(sorted((d.symbol for d in self.dims if d.symbol), key=_SYMBOL_ORDER.index))
        return coef, symbols

    @property
    def formula(self) -> str:
        return " × ".join(str(d) for d in self.dims)


class TensorCount(NamedTuple):
    name: str
    shape: tuple[int, ...]
    count: int
    formula: str
    role: str


class ParamCount(NamedTuple):
    """The answer to "how many parameters": every tensor, the total and its formula."""

    cell: str
    convention: str
    hidden: int
    input_size: int
    output_size: int
    layers: int
    bidirectional: bool
    proj: int
    bias: bool
    reset_after: bool | None
    tensors: list[TensorCount]
    total: int
    formula: str  # symbolic polynomial, e.g. "n² + nm + kn"
    substituted: str  # the same with the numbers, e.g. "128² + 128×28 + 10×128"
    weights: int  # the total without bias vectors (identical in every convention)
    macs_per_step: int  # multiply-accumulates of the matrix products in one time step
    stored_floats_per_step: int  # activations kept per step and sequence for BPTT

    @property
    def biases(self) -> int:
        return self.total - self.weights


def default_bias(convention: str) -> bool:
    """The course formula counts weights only; the frameworks default to biases on."""
    return convention != "textbook"


def count_params(
    cell: str = "rnn",
    hidden: int = 128,
    input_size: int = 28,
    output_size: int = 0,
    *,
    layers: int = 1,
    bidirectional: bool = False,
    proj: int = 0,
    bias: bool | None = None,
    convention: str = "textbook",
    reset_after: bool | None = None,
) -> ParamCount:
    """Count the parameters of a (stacked, possibly bidirectional) recurrent network.

    ``bias=None`` takes the convention's own default (textbook: off; PyTorch and
    Keras: on). ``reset_after`` applies to Keras GRUs only (default True, as in
    Keras 3). Raises :class:`InvalidArgument` for anything the convention has no
    meaning for (e.g. a peephole LSTM in PyTorch).

    >>> count_params("rnn", hidden=128, input_size=28, output_size=10).total
    21248
    """
    spec = _validate(cell, hidden, input_size, output_size, layers, proj, convention, reset_after)
    if bias is None:
        bias = default_bias(convention)
    if convention == "keras" and cell == "gru" and reset_after is None:
        reset_after = True
    sizes = {"n": hidden, "m": input_size, "k": output_size, "p": proj}
    builder = {"textbook": _textbook_tensors, "pytorch": _pytorch_tensors, "keras": _keras_tensors}[convention]
    tensors = builder(spec, layers, 2 if bidirectional else 1, proj > 0, bias, output_size > 0, reset_after)

    counts = [TensorCount(t.name, t.shape(sizes), t.count(sizes), t.formula, t.role) for t in tensors]
    formula, substituted = _polynomial(tensors, sizes)
    directions = 2 if bidirectional else 1
    state_out = proj or hidden
    stored = layers * directions * ((spec.stored_vectors - 1) * hidden + state_out) + output_size
    return ParamCount(
        cell=cell,
        convention=convention,
        hidden=hidden,
        input_size=input_size,
        output_size=output_size,
        layers=layers,
        bidirectional=bidirectional,
        proj=proj,
        bias=bias,
        reset_after=reset_after if (convention == "keras" and cell == "gru") else None,
        tensors=counts,
        total=sum(c.count for c in counts),
        formula=formula,
        substituted=substituted,
        weights=sum(c.count for c in counts if c.role != "bias"),
        macs_per_step=sum(c.count for c in counts if c.role == "weight"),
        stored_floats_per_step=stored,
    )


def supported(cell: str, convention: str) -> str | None:
    """None if the convention has this cell, else the reason it has not."""
    spec = CELLS[cell]
    if convention == "pytorch" and spec.pytorch is None:
        return f"PyTorch has no {spec.title} module (torch.nn has RNN, LSTM and GRU)"
    if convention == "keras" and spec.keras is None:
        return f"Keras 3 has no {spec.title} layer (keras.layers has SimpleRNN, LSTM and GRU)"
    return None


def _validate(cell, hidden, input_size, output_size, layers, proj, convention, reset_after) -> Cell:
    if convention not in CONVENTIONS:
        raise InvalidArgument("convention", f"unknown convention {convention!r}; choose from {', '.join(CONVENTIONS)}")
    spec = get_cell(cell)
    for name, value, low in (("hidden", hidden, 1), ("input_size", input_size, 1), ("output_size", output_size, 0)):
        _check_int(name, value, low, MAX_SIZE)
    _check_int("layers", layers, 1, MAX_LAYERS)
    _check_int("proj", proj, 0, MAX_SIZE)
    reason = supported(cell, convention)
    if reason:
        raise InvalidArgument("cell", f"{reason}; use convention textbook for {cell}")
    if proj:
        lstm_family = {"textbook": ("lstm", "peephole", "cifg"), "pytorch": ("lstm",), "keras": ()}[convention]
        if cell not in lstm_family:
            allowed = f"applies only to cell {' / '.join(lstm_family)}" if lstm_family else "does not exist in Keras"
            raise InvalidArgument("proj", f"a projection {allowed} (got cell {cell}, convention {convention})")
        if proj >= hidden:
            raise InvalidArgument("proj", f"must be smaller than hidden ({hidden}), got {proj}")
    if reset_after is not None and not (convention == "keras" and cell == "gru"):
        raise InvalidArgument("reset_after", "applies only to cell gru with convention keras")
    return spec


def _check_int(name: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgument(name, f"must be a whole number, got {value!r}")
    if not low <= value <= high:
        raise InvalidArgument(name, f"must be from {low} to {high:,}, got {value}")


def _layer_inputs(layer: int, directions: int, state: Dim) -> Dim:
    """Layer 0 reads the input (m); later layers read all directions of the one below."""
    return Dim(1, "m") if layer == 0 else Dim(directions * state.coef, state.symbol)


def _suffix(layer: int, reverse: bool, always: bool) -> str:
    if not always:
        return ""
    return f"_l{layer}" + ("_reverse" if reverse else "")


def _textbook_tensors(spec: Cell, layers, directions, has_proj, bias, has_out, _reset_after) -> list[Tensor]:
    n = Dim(1, "n")
    state = Dim(1, "p") if has_proj else n
    tag_all = layers > 1 or directions > 1
    tensors: list[Tensor] = []
    for layer in range(layers):
        x = _layer_inputs(layer, directions, state)
        for d in range(directions):
            sfx = _suffix(layer, d == 1, tag_all)
            if spec.name == "second-order":
                tensors.append(Tensor(f"W{sfx}", (n, n, x), "weight"))
                if bias:
                    tensors.append(Tensor(f"b{sfx}", (n,), "bias"))
                continue
            for g in spec.blocks:
                # Recurrent matrix first, so the Elman RNN reads n² + nm + kn as in the course.
                if spec.name != "indrnn":
                    tensors.append(Tensor(f"W_h{g}{sfx}", (n, state), "weight"))
                tensors.append(Tensor(f"W_x{g}{sfx}", (n, x), "weight"))
                if bias:
                    tensors.append(Tensor(f"b_{g}{sfx}", (n,), "bias"))
            tensors.extend(Tensor(f"{v}{sfx}", (n,), "diagonal") for v in spec.diagonal)
            if has_proj:
                tensors.append(Tensor(f"W_hr{sfx}", (state, n), "weight"))
    if has_out:
        k = Dim(1, "k")
        tensors.append(Tensor("W_hy", (k, Dim(directions * state.coef, state.symbol)), "weight"))
        if bias:
            tensors.append(Tensor("b_y", (k,), "bias"))
    return tensors


def _pytorch_tensors(spec: Cell, layers, directions, has_proj, bias, has_out, _reset_after) -> list[Tensor]:
    gates = Dim(len(spec.blocks), "n")
    state = Dim(1, "p") if has_proj else Dim(1, "n")
    tensors: list[Tensor] = []
    for layer in range(layers):
        x = _layer_inputs(layer, directions, state)
        for d in range(directions):
            sfx = _suffix(layer, d == 1, True)
            tensors.append(Tensor(f"weight_ih{sfx}", (gates, x), "weight"))
            tensors.append(Tensor(f"weight_hh{sfx}", (gates, state), "weight"))
            if bias:
                tensors.append(Tensor(f"bias_ih{sfx}", (gates,), "bias"))
                tensors.append(Tensor(f"bias_hh{sfx}", (gates,), "bias"))
            if has_proj:
                tensors.append(Tensor(f"weight_hr{sfx}", (state, Dim(1, "n")), "weight"))
    if has_out:
        k = Dim(1, "k")
        tensors.append(Tensor("output.weight", (k, Dim(directions * state.coef, state.symbol)), "weight"))
        if bias:
            tensors.append(Tensor("output.bias", (k,), "bias"))
    return tensors


_KERAS_NAMES = {"rnn": "simple_rnn", "lstm": "lstm", "gru": "gru"}


def _keras_tensors(spec: Cell, layers, directions, _has_proj, bias, has_out, reset_after) -> list[Tensor]:
    """Named after Keras 3's default layer names (lstm, lstm_1, bidirectional…)."""
    base = _KERAS_NAMES[spec.name]
    n = Dim(1, "n")
    gates = Dim(len(spec.blocks), "n")
    tensors: list[Tensor] = []
    for layer in range(layers):
        x = _layer_inputs(layer, directions, n)
        index = "" if layer == 0 else f"_{layer}"
        owners = (
            [f"{base}{index}/{base}_cell"]
            if directions == 1
            else [f"bidirectional{index}/{side}_{base}/{base}_cell" for side in ("forward", "backward")]
        )
        for owner in owners:
            tensors.append(Tensor(f"{owner}/kernel", (x, gates), "weight"))
            tensors.append(Tensor(f"{owner}/recurrent_kernel", (n, gates), "weight"))
            if bias:
                # A GRU with reset_after keeps separate input and recurrent biases.
                shape = (Dim(2), gates) if reset_after else (gates,)
                tensors.append(Tensor(f"{owner}/bias", shape, "bias"))
    if has_out:
        k = Dim(1, "k")
        tensors.append(Tensor("dense/kernel", (Dim(directions, "n"), k), "weight"))
        if bias:
            tensors.append(Tensor("dense/bias", (k,), "bias"))
    return tensors


def _polynomial(tensors: list[Tensor], sizes: dict[str, int]) -> tuple[str, str]:
    """Collect the tensors' monomials into "n² + nm + kn" and "128² + 128×28 + 10×128"."""
    terms: Counter[tuple[str, ...]] = Counter()
    for t in tensors:  # Counter keeps first-appearance order
        coef, symbols = t.monomial()
        terms[symbols] += coef
    symbolic, numeric = [], []
    for symbols, coef in terms.items():
        powers = Counter(symbols)
        sym = "".join(s + _superscript(e) for s, e in powers.items())
        num = "×".join(f"{sizes[s]:,}" + _superscript(e) for s, e in powers.items())
        symbolic.append(sym if coef == 1 and sym else f"{coef}{sym}")
        numeric.append(num if coef == 1 and num else (f"{coef}×{num}" if num else str(coef)))
    return " + ".join(symbolic), " + ".join(numeric)


def _superscript(exponent: int) -> str:
    return "" if exponent == 1 else str(exponent).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


def compare_conventions(
    cell: str, hidden: int, input_size: int, output_size: int = 0, **options
) -> dict[str, ParamCount | str]:
    """The same network under every convention: a count, or the reason there is none.

    With ``bias=None`` (the default) each convention uses its own default, which
    is exactly the comparison that explains why the course and the framework
    disagree. ``reset_after`` only reaches Keras.
    """
    out: dict[str, ParamCount | str] = {}
    for convention in CONVENTIONS:
        kwargs = dict(options)
        if convention != "keras":
            kwargs.pop("reset_after", None)
        try:
            out[convention] = count_params(cell, hidden, input_size, output_size, convention=convention, **kwargs)
        except InvalidArgument as e:
            out[convention] = e.message
    return out
