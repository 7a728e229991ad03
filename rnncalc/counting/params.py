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
keras     ``model.count_params()`` of a functional Keras 3 model of SimpleRNN,
          LSTM or GRU layers (one bias per block; a GRU with ``reset_after=True``,
          the default, two), Bidirectional (concat) and a Dense head, built in a
          fresh session (``keras.backend.clear_session()``), so its weights are
          named ``lstm/lstm_cell/kernel``, ``lstm_1/…``, ``bidirectional_1/forward_lstm_1/…``.

Size: the three conventions' tensor lists sit side by side, a screen each, so that how they differ
reads at a glance; the polynomial and the checks they share are here too.
"""

from collections import Counter
from dataclasses import dataclass
from math import prod
from typing import Any, Callable, Iterable, NamedTuple

from ..choices import CONVENTIONS
from ..errors import InvalidArgument, check_bool, check_choice, check_int
from ..notebook import shows_as_table
from .cells import CELL_NAMES, CELLS, Cell, get_cell

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

    def monomial(self) -> tuple[int, tuple[str, ...]]:
        return monomial(self.dims)

    @property
    def formula(self) -> str:
        return " × ".join(str(d) for d in self.dims)


def monomial(dims: tuple[Dim, ...]) -> tuple[int, tuple[str, ...]]:
    """A shape's count as coefficient × symbols: (4n, m) is (4, ("n", "m"))."""
    symbols = tuple(sorted((d.symbol for d in dims if d.symbol), key=_SYMBOL_ORDER.index))
    return prod(d.coef for d in dims), symbols


@dataclass(frozen=True)
class TensorCount:
    name: str
    shape: tuple[int, ...]
    count: int
    formula: str
    role: str  # weight (a matrix or tensor), diagonal (a per-unit vector) or bias
    layer: int | None  # None: the output layer


@shows_as_table
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
    reset_after: bool | None  # the Keras GRU's bias layout; None elsewhere
    tensors: list[TensorCount]
    total: int
    formula: str  # symbolic polynomial, e.g. "n² + nm + kn"
    substituted: str  # the same with the numbers, e.g. "128² + 128×28 + 10×128"
    weights: int  # the total without bias vectors (identical in every convention)

    @property
    def biases(self) -> int:
        return self.total - self.weights

    @property
    def directions(self) -> int:
        return 2 if self.bidirectional else 1


class Unavailable(NamedTuple):
    """A convention without this network, and why."""

    reason: str


def default_bias(convention: str) -> bool:
    """The course formula counts weights only; the frameworks default to biases on."""
    return convention != "textbook"


def availability(cell: str, convention: str, proj: int = 0) -> str | None:
    """None if the convention has this network, else the reason it has not."""
    spec = CELLS[cell]
    if convention == "pytorch" and spec.pytorch is None:
        return f"PyTorch has no {spec.title} module (torch.nn has {_listed(c.pytorch for c in CELLS.values())})"
    if convention == "keras" and spec.keras is None:
        return f"Keras 3 has no {spec.title} layer (keras.layers has {_listed(c.keras for c in CELLS.values())})"
    if proj and not spec.projection:
        return f"a projection (proj) belongs to the LSTM family; the {spec.title} has none"
    if proj and convention == "keras":
        return "Keras 3's LSTM has no projection (PyTorch's proj_size)"
    return None


def _listed(names: Iterable[str | None]) -> str:
    """RNN, LSTM and GRU: the names that exist."""
    named = [n for n in names if n]
    return ", ".join(named[:-1]) + " and " + named[-1]


LAYOUT_CELL = next(c.name for c in CELLS.values() if c.reset_after)  # the GRU: its bias layout is a choice in Keras
KERAS_RESET_AFTER = True  # Keras's default layout


def takes_layout(cell: str, convention: str) -> bool:
    """Whether ``reset_after`` is a choice for this cell under this convention (the Keras GRU)."""
    return convention == "keras" and CELLS[cell].reset_after is not None


def resets_after(cell: str, convention: str, reset_after: bool | None) -> bool:
    """Whether this cell applies r after the recurrent product (PyTorch's GRU; Keras's by default)."""
    if CELLS[cell].reset_after is None:
        return False
    return convention == "pytorch" or (convention == "keras" and reset_after is not False)


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
    Keras: on). ``reset_after`` is the Keras GRU's bias layout (None: Keras's
    default, True). Raises :class:`InvalidArgument` for anything the convention
    has no meaning for (e.g. a peephole LSTM in PyTorch).

    >>> count_params("rnn", hidden=128, input_size=28, output_size=10).total
    21248
    """
    shape = _validate_shape(hidden, input_size, output_size, layers, bidirectional, proj, bias, convention)
    get_cell(cell)
    if reason := availability(cell, convention):
        raise InvalidArgument("cell", f"{reason}; the textbook convention has every cell")
    if reason := availability(cell, convention, proj):
        raise InvalidArgument("proj", reason)
    return _count(cell, shape, check_reset_after(reset_after, cell, convention))


def _validate_shape(
    hidden: int,
    input_size: int,
    output_size: int,
    layers: int,
    bidirectional: bool,
    proj: int,
    bias: bool | None,
    convention: str,
) -> dict[str, Any]:
    """The sizes and options shared by every cell, checked once."""
    check_choice("convention", convention, CONVENTIONS)
    check_int("hidden", hidden, 1, MAX_SIZE)
    check_int("input_size", input_size, 1, MAX_SIZE)
    check_int("output_size", output_size, 0, MAX_SIZE)
    check_int("layers", layers, 1, MAX_LAYERS)
    check_bool("bidirectional", bidirectional)
    check_int("proj", proj, 0, MAX_SIZE)
    if bias is not None:
        check_bool("bias", bias)
    if proj and proj >= hidden:
        raise InvalidArgument("proj", f"must be smaller than hidden ({hidden:,}), got {proj:,}")
    return dict(
        hidden=hidden,
        input_size=input_size,
        output_size=output_size,
        layers=layers,
        bidirectional=bidirectional,
        proj=proj,
        bias=default_bias(convention) if bias is None else bias,
        convention=convention,
    )


def check_reset_after(reset_after: bool | None, cell: str, convention: str) -> bool | None:
    """The Keras GRU's bias layout: None becomes Keras's default (True) there; elsewhere it must stay None."""
    if reset_after is None:
        return KERAS_RESET_AFTER if takes_layout(cell, convention) else None
    check_bool("reset_after", reset_after)
    if not takes_layout(cell, convention):
        raise InvalidArgument(
            "reset_after", f"applies only to cell {LAYOUT_CELL} with convention keras (got {cell}, {convention})"
        )
    return reset_after


def _count(cell: str, shape: dict[str, Any], reset_after: bool | None) -> ParamCount:
    spec = CELLS[cell]
    sizes = {"n": shape["hidden"], "m": shape["input_size"], "k": shape["output_size"], "p": shape["proj"]}
    tensors = _tensors(spec, shape, reset_after)
    measured: dict[tuple[Dim, ...], tuple[tuple[int, ...], int, str]] = {}  # the layers after the first repeat dims

    def measure(t: Tensor) -> tuple[tuple[int, ...], int, str]:
        if t.dims not in measured:
            measured[t.dims] = (s := t.shape(sizes), prod(s), t.formula)
        return measured[t.dims]

    counts = [TensorCount(t.name, *measure(t), t.role, layer) for t, layer in tensors]
    formula, substituted = _polynomial([t for t, _ in tensors], sizes)
    return ParamCount(
        cell=cell,
        **shape,
        reset_after=reset_after,
        tensors=counts,
        total=sum(c.count for c in counts),
        formula=formula,
        substituted=substituted,
        weights=sum(c.count for c in counts if c.role != "bias"),
    )


class Place(NamedTuple):
    """Where a layer's tensors sit: which layer and direction, in how large a network."""

    layer: int
    reverse: bool
    stacked: bool
    bidirectional: bool


# The output layer's tensor names, and whether its kernel is stored (units, inputs) or (inputs, units).
_HEADS = {
    "textbook": ("W_hy", "b_y", "units first"),
    "pytorch": ("output.weight", "output.bias", "units first"),
    "keras": ("dense/kernel", "dense/bias", "inputs first"),
}


def _tensors(spec: Cell, shape: dict[str, Any], reset_after: bool | None) -> list[tuple[Tensor, int | None]]:
    builder = {"textbook": _textbook_tensors, "pytorch": _pytorch_tensors, "keras": _keras_tensors}[shape["convention"]]
    directions = 2 if shape["bidirectional"] else 1
    state = Dim(1, "p") if shape["proj"] else Dim(1, "n")
    tensors: list[tuple[Tensor, int | None]] = []
    for layer in range(shape["layers"]):
        inputs = Dim(1, "m") if layer == 0 else Dim(directions * state.coef, state.symbol)
        for d in range(directions):
            place = Place(layer, d == 1, shape["layers"] > 1, directions == 2)
            tensors += [(t, layer) for t in builder(spec, place, inputs, state, shape["bias"], reset_after)]
    if shape["output_size"]:
        weight, bias, layout = _HEADS[shape["convention"]]
        k, features = Dim(1, "k"), Dim(directions * state.coef, state.symbol)
        tensors.append((Tensor(weight, (k, features) if layout == "units first" else (features, k), "weight"), None))
        if shape["bias"]:
            tensors.append((Tensor(bias, (k,), "bias"), None))
    return tensors


def _textbook_tensors(
    spec: Cell, place: Place, x: Dim, state: Dim, bias: bool, _reset_after: bool | None
) -> list[Tensor]:
    tagged = place.stacked or place.bidirectional
    sfx = f"_l{place.layer}" + ("_reverse" if place.reverse else "") if tagged else ""
    n = Dim(1, "n")
    if spec.recurrence == "tensor":  # W_ijk: one n × n × inputs tensor instead of blocks
        return [Tensor(f"W{sfx}", (n, n, x), "weight")] + ([Tensor(f"b{sfx}", (n,), "bias")] if bias else [])
    out = []
    for block in spec.blocks:
        # Recurrent matrix first, so the Elman RNN reads n² + nm + kn as in the course.
        if spec.recurrence == "matrix":
            out.append(Tensor(f"W_h{block.letter}{sfx}", (n, state), "weight"))
        out.append(Tensor(f"W_x{block.letter}{sfx}", (n, x), "weight"))
        if bias:
            out.append(Tensor(f"b_{block.letter}{sfx}", (n,), "bias"))
    out += [Tensor(f"{v}{sfx}", (n,), "diagonal") for v in spec.diagonal]
    if state.symbol == "p":
        out.append(Tensor(f"W_hr{sfx}", (state, n), "weight"))
    return out


def _pytorch_tensors(
    spec: Cell, place: Place, x: Dim, state: Dim, bias: bool, _reset_after: bool | None
) -> list[Tensor]:
    sfx = f"_l{place.layer}" + ("_reverse" if place.reverse else "")
    gates = Dim(len(spec.blocks), "n")
    out = [Tensor(f"weight_ih{sfx}", (gates, x), "weight"), Tensor(f"weight_hh{sfx}", (gates, state), "weight")]
    if bias:
        out += [Tensor(f"bias_ih{sfx}", (gates,), "bias"), Tensor(f"bias_hh{sfx}", (gates,), "bias")]
    if state.symbol == "p":
        out.append(Tensor(f"weight_hr{sfx}", (state, Dim(1, "n")), "weight"))
    return out


def _keras_tensors(spec: Cell, place: Place, x: Dim, _state: Dim, bias: bool, reset_after: bool | None) -> list[Tensor]:
    """Keras 3's names in a fresh session: lstm, lstm_1…; bidirectional_1/forward_lstm_1/lstm_cell/…"""
    index = f"_{place.layer}" if place.layer else ""
    layer = f"{spec.keras_name}{index}"
    if place.bidirectional:
        layer = f"bidirectional{index}/{'backward' if place.reverse else 'forward'}_{layer}"
    owner = f"{layer}/{spec.keras_name}_cell"
    n, gates = Dim(1, "n"), Dim(len(spec.blocks), "n")
    out = [Tensor(f"{owner}/kernel", (x, gates), "weight"), Tensor(f"{owner}/recurrent_kernel", (n, gates), "weight")]
    if bias:  # a GRU with reset_after keeps its input and recurrent biases apart: (2, 3n)
        out.append(Tensor(f"{owner}/bias", (Dim(2), gates) if reset_after else (gates,), "bias"))
    return out


def _polynomial(tensors: list[Tensor], sizes: dict[str, int]) -> tuple[str, str]:
    """Collect the tensors' monomials into "n² + nm + kn" and "128² + 128×28 + 10×128"."""
    terms: Counter[tuple[str, ...]] = Counter()
    for dims, times in Counter(t.dims for t in tensors).items():  # Counter keeps first-appearance order
        coef, symbols = monomial(dims)
        terms[symbols] += coef * times
    symbolic, numeric = [], []
    for symbols, coef in terms.items():
        powers = Counter(symbols)
        sym = "".join(s + superscript(e) for s, e in powers.items())
        num = "×".join(f"{sizes[s]:,}" + superscript(e) for s, e in powers.items())
        symbolic.append(sym if coef == 1 and sym else f"{coef}{sym}")
        numeric.append(num if coef == 1 and num else (f"{coef}×{num}" if num else str(coef)))
    return " + ".join(symbolic), " + ".join(numeric)


def superscript(exponent: int) -> str:
    return "" if exponent == 1 else str(exponent).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


def compare_conventions(
    cell: str,
    hidden: int,
    input_size: int,
    output_size: int = 0,
    *,
    layers: int = 1,
    bidirectional: bool = False,
    proj: int = 0,
    bias: bool | None = None,
    reset_after: bool | None = None,
) -> dict[str, ParamCount | Unavailable]:
    """The same network under every convention: a count, or why the convention has none.

    With ``bias=None`` (the default) each convention uses its own default, which
    is exactly the comparison that explains why the course and the framework
    disagree. ``reset_after`` only reaches Keras. Invalid sizes raise
    :class:`InvalidArgument`, as in :func:`count_params`.

    >>> {c: r.total for c, r in compare_conventions("rnn", 128, 28, 10).items()}
    {'textbook': 21248, 'pytorch': 21514, 'keras': 21386}
    """
    options: dict[str, Any] = dict(layers=layers, bidirectional=bidirectional, proj=proj, bias=bias)
    get_cell(cell)
    _validate_shape(hidden, input_size, output_size, layers, bidirectional, proj, bias, "textbook")
    if reset_after is not None:
        check_reset_after(reset_after, cell, "keras")
    out: dict[str, ParamCount | Unavailable] = {}
    for convention in CONVENTIONS:
        reason = availability(cell, convention, proj)
        layout = reset_after if convention == "keras" else None
        out[convention] = (
            Unavailable(reason)
            if reason
            else count_params(
                cell, hidden, input_size, output_size, convention=convention, reset_after=layout, **options
            )
        )
    return out


def every_cell(
    hidden: int,
    input_size: int,
    output_size: int = 0,
    *,
    convention: str = "textbook",
    layers: int = 1,
    bidirectional: bool = False,
    proj: int = 0,
    bias: bool | None = None,
    reset_after: bool | None = None,
) -> dict[str, ParamCount | Unavailable]:
    """Every cell at the same sizes under one convention: a count, or why the convention has none.

    ``reset_after`` reaches the Keras GRU alone. Raises :class:`InvalidArgument`
    when the options fit no cell at all (a projection under Keras).

    >>> {c: r.total for c, r in every_cell(8, 4, convention="keras").items() if isinstance(r, ParamCount)}
    {'rnn': 104, 'lstm': 416, 'gru': 336}
    """
    options: dict[str, Any] = dict(layers=layers, bidirectional=bidirectional, proj=proj, bias=bias)
    _validate_shape(hidden, input_size, output_size, layers, bidirectional, proj, bias, convention)
    if reset_after is not None:
        check_reset_after(reset_after, LAYOUT_CELL, convention)
    out: dict[str, ParamCount | Unavailable] = {}
    for cell in CELL_NAMES:
        reason = availability(cell, convention, proj)
        layout: dict[str, Any] = {"reset_after": reset_after} if takes_layout(cell, convention) else {}
        out[cell] = (
            Unavailable(reason)
            if reason
            else count_params(cell, hidden, input_size, output_size, convention=convention, **options, **layout)
        )
    if all(isinstance(r, Unavailable) for r in out.values()):
        raise InvalidArgument("proj", f"no cell takes a projection under convention {convention}")
    return out


def count_polynomial(
    cell: str,
    input_size: int,
    output_size: int = 0,
    *,
    layers: int = 1,
    bidirectional: bool = False,
    proj: int = 0,
    bias: bool | None = None,
    convention: str = "textbook",
    reset_after: bool | None = None,
) -> Callable[[int], int]:
    """The count as a function of the hidden size alone: exact, and cheap to evaluate many times.

    For :func:`rnncalc.counting.solve.solve_hidden`, which bisects on it.
    """
    options: dict[str, Any] = dict(
        layers=layers, bidirectional=bidirectional, proj=proj, bias=bias, convention=convention, reset_after=reset_after
    )
    shape_probe = count_params(cell, proj + 1, input_size, output_size, **options)
    convention = shape_probe.convention
    shape = {k: getattr(shape_probe, k) for k in ("layers", "bidirectional", "proj", "bias")}
    shape |= {"hidden": 1, "input_size": input_size, "output_size": output_size, "convention": convention}
    terms: Counter[tuple[str, ...]] = Counter()
    for tensor, _ in _tensors(CELLS[cell], shape, shape_probe.reset_after):
        coef, symbols = tensor.monomial()
        terms[symbols] += coef
    fixed = {"m": input_size, "k": output_size, "p": shape["proj"]}

    def total(hidden: int) -> int:
        sizes = dict(fixed, n=hidden)
        return sum(coef * prod(sizes[s] for s in symbols) for symbols, coef in terms.items())

    return total
