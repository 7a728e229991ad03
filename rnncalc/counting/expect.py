"""Check an answer: is N this network's count, and if not, which reading of the question gives N?

Students check answers and teachers grade them, and the most common "wrong"
answer is a right answer to a slightly different question: PyTorch's count
instead of the course formula, the output layer left out, a bias vector per
gate, input and output sizes swapped. :func:`check` searches every reading in a
small space around the question as asked, exhaustively:

- the convention: textbook, pytorch, keras (where it has the cell);
- bias vectors: the convention's default, or the other way;
- the output layer: counted, or left out (when k > 0);
- bidirectional: as asked, or the other way;
- layers: as asked, one, or one more or fewer;
- the sizes: as asked, input and output swapped (m ↔ k), hidden and input swapped (n ↔ m);
- a Keras GRU's bias layout: reset_after on or off;
- under the course formula, its terms left out: the input matrices W_x· and the output matrix W_hy (n² alone
  is W_hh alone).

It also says when N is the course formula's count at another output or input size (k, m), which a question
that did not state them may have meant.

Readings giving exactly N come fewest changes first; when none does, the
nearest ones come with the difference in words ("off by 128 = n: one bias vector").
"""

import itertools
from dataclasses import dataclass
from typing import Any, Iterator, NamedTuple

from ..choices import CONVENTIONS
from ..errors import InvalidArgument, check_int, shown
from .cells import CELLS
from .params import MAX_LAYERS, ParamCount, availability, count_params, default_bias, takes_layout


@dataclass(frozen=True)
class Reading:
    changes: tuple[str, ...]  # how this reading differs from the question as asked; () for the question itself
    description: str  # the network this reading counts, as its framework writes it
    count: ParamCount
    left_out: tuple[str, ...] = ()  # tensors of `count` this reading leaves out (W_xh, W_hy)

    @property
    def total(self) -> int:
        return self.count.total - sum(t.count for t in self.count.tensors if t.name in self.left_out)

    @property
    def formula(self) -> str:
        """The count's formula with its numbers, the left-out tensors' terms removed."""
        if not self.left_out:
            return f"{self.count.formula} = {self.count.substituted}"
        kept = [t for t in self.count.tensors if t.name not in self.left_out]
        terms = " + ".join(f"{t.name} ({t.formula})" for t in kept)
        return terms if len(kept) == 1 else terms + " = " + " + ".join(f"{t.count:,}" for t in kept)


class Near(NamedTuple):
    reading: Reading
    difference: int  # N − the reading's count
    explanation: str  # the difference in words


class Check(NamedTuple):
    expected: int
    asked: ParamCount
    match: bool
    readings: list[Reading]  # the readings giving exactly N, fewest changes first (the question itself excluded)
    nearest: list[Near]  # when nothing gives N: the closest readings
    other_sizes: list[str] = []  # "k = 2", "m = 20": the course formula gives N at these sizes instead


def check_answer(expected: int, asked: ParamCount, nearest: int = 3) -> Check:
    """Whether `expected` is the count of `asked`, and every reading of the same question that gives it.

    >>> c = check_answer(20224, count_params("rnn", 128, 28, 10))
    >>> c.match, c.readings[0].description, c.readings[0].changes, c.other_sizes
    (False, 'PyTorch nn.RNN(28, 128)', ('PyTorch convention', 'without the output layer'), ['k = 2', 'm = 20'])
    """
    if not isinstance(asked, ParamCount):
        raise InvalidArgument("asked", f"give a count, e.g. rnncalc.count_params('rnn', 128, 28), got {shown(asked)}")
    check_int("nearest", nearest, 0, 100)
    check_int("expected", expected, 0, 10**40)
    readings = sorted([*_readings(asked), *_left_out(asked)], key=lambda r: (len(r.changes), r.changes))
    exact = [r for r in readings if r.total == expected and r.changes]
    near = []
    if not exact and asked.total != expected:
        by_distance = sorted(readings, key=lambda r: (abs(expected - r.total), len(r.changes)))
        distinct = list({r.total: r for r in reversed(by_distance)}.values())[::-1]  # one reading per count
        distinct.sort(key=lambda r: (abs(expected - r.total), len(r.changes)))
        near = [Near(r, expected - r.total, explain(expected - r.total, r.count)) for r in distinct[:nearest]]
    others = [] if asked.total == expected else _other_sizes(expected, asked)
    return Check(expected, asked, asked.total == expected, exact, near, others)


def _left_out(asked: ParamCount) -> Iterator[Reading]:
    """The course formula with whole terms left out: the input matrices W_x·, the output matrix W_hy, or both."""
    try:
        course = count_params(asked.cell, asked.hidden, asked.input_size, asked.output_size, layers=asked.layers,
                              bidirectional=asked.bidirectional, proj=asked.proj, bias=False)  # fmt: skip
    except InvalidArgument:
        return
    inputs = tuple(t.name for t in course.tensors if t.role == "weight" and t.name.startswith("W_x"))
    head = tuple(t.name for t in course.tensors if t.layer is None)
    base = ("the course formula",) if asked.convention != "textbook" or asked.bias else ()
    if not inputs:
        return
    yield Reading((*base, "without the input matrices W_x·"), describe_network(course), course, inputs)
    if head:
        words = "without W_x· and W_hy: the recurrent matrices alone"
        yield Reading((*base, words), describe_network(course), course, inputs + head)


def _other_sizes(expected: int, asked: ParamCount) -> list[str]:
    """The output or input sizes at which the course formula, with the other sizes as asked, gives `expected`
    (the count is linear in each: kn for the output layer, blocks·n·m for the input matrices)."""
    out = []
    shape: dict[str, Any] = dict(layers=asked.layers, bidirectional=asked.bidirectional, proj=asked.proj, bias=False)
    for symbol, vary in (("k", "output_size"), ("m", "input_size")):
        sizes: dict[str, Any] = {
            "hidden": asked.hidden,
            "input_size": asked.input_size,
            "output_size": asked.output_size,
        }
        low = 0 if vary == "output_size" else 1
        try:
            at = [count_params(asked.cell, **(sizes | {vary: x}), **shape).total for x in (low, low + 1)]
        except InvalidArgument:
            continue
        step = at[1] - at[0]
        value, rest = divmod(expected - at[0], step) if step else (0, 1)
        if not rest and 0 <= value and low + value != sizes[vary] and (vary == "output_size" or asked.layers == 1):
            out.append(f"{symbol} = {low + value:,}")
    return out


def _readings(asked: ParamCount) -> Iterator[Reading]:
    """Every reading in the search space (the question itself among them), each network once."""
    n, m, k = asked.hidden, asked.input_size, asked.output_size
    sizes: dict[tuple[int, int, int], tuple[str, ...]] = {(n, m, k): ()}
    if k:
        sizes.setdefault((n, k, m), ("input and output sizes swapped",))
    sizes.setdefault((m, n, k), ("hidden and input sizes swapped",))
    nearby = [asked.layers, 1, asked.layers + 1] + ([asked.layers - 1] if asked.layers > 1 else [])
    layer_counts = dict.fromkeys(n for n in nearby if n <= MAX_LAYERS)
    seen = set()
    for (hidden, inputs, outputs), size_change in sizes.items():
        for convention, bias, head, both_ways, layers, layout in itertools.product(
            CONVENTIONS,
            (True, False),
            (True, False),
            (asked.bidirectional, not asked.bidirectional),
            layer_counts,
            (True, False),
        ):
            if availability(asked.cell, convention, asked.proj if asked.proj < hidden else 0) or (
                not head and not outputs
            ):
                continue
            if layout is False and not takes_layout(asked.cell, convention):
                continue
            options = dict(
                layers=layers,
                bidirectional=both_ways,
                proj=asked.proj if asked.proj < hidden else 0,
                bias=bias,
                convention=convention,
                reset_after=layout if takes_layout(asked.cell, convention) else None,
            )
            try:
                count = count_params(asked.cell, hidden, inputs, outputs if head else 0, **options)
            except InvalidArgument:  # a reading past a limit (a swapped size too large): not a network
                continue
            key = tuple((t.name, t.shape, t.count) for t in count.tensors) + (convention,)
            if key in seen:
                continue
            seen.add(key)
            yield Reading(_changes(asked, count, head, size_change), describe_network(count), count)


def _changes(asked: ParamCount, count: ParamCount, head: bool, size_change: tuple[str, ...]) -> tuple[str, ...]:
    changes = []
    if count.convention != asked.convention:
        changes.append(
            {"textbook": "the course formula", "pytorch": "PyTorch convention", "keras": "Keras convention"}[
                count.convention
            ]
        )
    if count.bias != default_bias(count.convention) or (
        count.convention == asked.convention and count.bias != asked.bias
    ):
        changes.append("with bias vectors" if count.bias else "without bias vectors")
    if asked.output_size and not head:
        changes.append("without the output layer")
    if count.bidirectional != asked.bidirectional:
        changes.append("bidirectional" if count.bidirectional else "one direction")
    if count.layers != asked.layers:
        changes.append(f"{count.layers} layer{'s' if count.layers > 1 else ''}")
    if count.reset_after is False:
        changes.append("reset_after=False")
    return tuple(changes) + size_change


def describe_network(c: ParamCount) -> str:
    """The network as its convention's author would write it: nn.LSTM(28, 128, num_layers=2) + nn.Linear(256, 10)."""
    spec = CELLS[c.cell]
    width = (c.proj or c.hidden) * c.directions
    if c.convention == "pytorch":
        args = [str(c.input_size), str(c.hidden)]
        args += [f"num_layers={c.layers}"] * (c.layers > 1) + ["bias=False"] * (not c.bias)
        args += ["bidirectional=True"] * c.bidirectional + [f"proj_size={c.proj}"] * bool(c.proj)
        head = f" + nn.Linear({width}, {c.output_size}{'' if c.bias else ', bias=False'})" if c.output_size else ""
        return f"PyTorch nn.{spec.pytorch}({', '.join(args)}){head}"
    if c.convention == "keras":
        args = [str(c.hidden)] + ["use_bias=False"] * (not c.bias) + ["reset_after=False"] * (c.reset_after is False)
        layer = f"{spec.keras}({', '.join(args)})"
        layer = f"Bidirectional({layer})" if c.bidirectional else layer
        stack = f"{c.layers} × {layer}" if c.layers > 1 else layer
        head = f" + Dense({c.output_size}{'' if c.bias else ', use_bias=False'})" if c.output_size else ""
        return f"Keras {stack} on {c.input_size} inputs{head}"
    shape = [f"n={c.hidden}", f"m={c.input_size}", f"k={c.output_size}"] + [f"L={c.layers}"] * (c.layers > 1)
    extras = ", bidirectional" * c.bidirectional + (", with bias vectors" if c.bias else "")
    return f"the course formula for the {spec.title} ({', '.join(shape)}{extras})"


def explain(difference: int, count: ParamCount) -> str:
    """The difference between two counts in words, when one kind of tensor of this network accounts for it."""
    if difference == 0:
        return "exactly"
    n, m, k = count.hidden, count.input_size, count.output_size
    blocks = max(1, len(CELLS[count.cell].blocks))
    units = [
        (n, "n", "bias vector"),
        (k, "k", "output bias"),
        (k * n, "kn", "output weight matrix"),
        (k * n + k, "kn + k", "output layer"),
        (blocks * n, f"{blocks}n", "bias per block"),
        (n * m, "nm", "input matrix"),
        (n * n, "n²", "recurrent matrix"),
        (blocks * (n * n + n * m), f"{blocks}(n² + nm)", "layer's weights"),
    ]
    size = abs(difference)
    side = "the answer counts more" if difference > 0 else "the answer counts fewer"
    for value, symbol, name in units:
        if value and size % value == 0 and size // value <= 8:
            times = size // value
            what = name if times == 1 else f"{times} × {name}"
            amount = symbol if times == 1 else f"{times}{symbol}" if symbol.isalnum() else f"{times}({symbol})"
            return f"off by {size:,} = {amount}: {'one ' if times == 1 else ''}{what} ({side})"
    return f"off by {size:,} ({side}; no whole vector or matrix of this network accounts for it)"
