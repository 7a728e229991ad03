"""What `rnncalc params --from CODE` prints: the model read from code, each recurrent layer linked to rnncalc's
own analysis (its count under every convention, its BPTT memory, the commands that take it further), and an
answer checked against the total and the readings a student plausibly made."""

import itertools
from typing import Any, Iterator, NamedTuple

from ..fromcode import Model
from ..notebook import shows_as_table
from .params import ParamCount, compare_conventions, count_params
from .workload import costs

FRAMEWORK_TITLE = {"pytorch": "PyTorch", "keras": "Keras"}


class LayerAnalysis(NamedTuple):
    path: str
    network: dict[str, Any]  # count_params arguments, the framework's convention
    params: int
    conventions: dict[str, int | None]  # the same layer under textbook, pytorch, keras (None: not there)
    bptt_bytes: int  # activations BPTT keeps for it over the sequence
    gradflow: str  # the command that simulates its gradient through time
    tensors: str  # the command that shows it tensor by tensor


class Reading(NamedTuple):
    description: str
    total: int
    changes: int


class ModelCheck(NamedTuple):
    expected: int
    total: int
    match: bool
    readings: list[Reading]  # readings giving exactly the answer, fewest changes first
    nearest: list[tuple[Reading, int]]  # when none does: the closest, with answer − reading


@shows_as_table
class ModelReport(NamedTuple):
    model: Model
    layers: list[LayerAnalysis]
    seq_len: int
    batch: int
    dtype: str
    check: ModelCheck | None


def analyse_model(
    model: Model,
    seq_len: int = 100,
    batch: int = 1,
    dtype: str = "float32",
    expect: int | None = None,
    weights: str | None = None,
) -> ModelReport:
    """`weights`: the file the model was read from, whose trained layers `gradflow --weights` simulates."""
    layers = [_analyse(r.path, r.network, r.params, seq_len, batch, dtype, weights) for r in model.recurrent]
    return ModelReport(model, layers, seq_len, batch, dtype, None if expect is None else check_model(expect, model))


def _analyse(
    path: str, net: dict[str, Any], params: int, seq_len: int, batch: int, dtype: str, weights: str | None
) -> LayerAnalysis:
    shape = {k: v for k, v in net.items() if k not in ("convention", "bias")}
    same = {k: v for k, v in shape.items() if k != "cell"}
    compared = compare_conventions(net["cell"], **same)
    counts = {c: r.total if isinstance(r, ParamCount) else None for c, r in compared.items()}
    counts[net["convention"]] = params  # the framework's own count, with the code's bias setting
    cost = costs(count_params(**net), seq_len, batch, dtype)
    runs_trained = not net.get("proj") and net.get("reset_after") is not False
    # else, or without a weight file: the same cell with drawn weights
    flow = _trained(weights, path) if weights is not None and runs_trained else _gradflow(net)
    return LayerAnalysis(path, net, params, counts, cost.activation_bytes, flow, _tensors(net))


def _gradflow(net: dict[str, Any]) -> str:
    return f"rnncalc gradflow --cell {net['cell']} --hidden {net['hidden']}"


def _trained(weights: str, layer: str) -> str:
    from shlex import quote

    from ..errors import printable

    return f"rnncalc gradflow --weights {quote(printable(weights))} --layer {quote(layer)}"


def _tensors(net: dict[str, Any]) -> str:
    words = [f"rnncalc params --cell {net['cell']} --hidden {net['hidden']} --in {net['input_size']}"]
    if net.get("layers", 1) > 1:
        words.append(f"--layers {net['layers']}")
    if net.get("bidirectional"):
        words.append("--bidirectional")
    if net.get("proj"):
        words.append(f"--proj {net['proj']}")
    if not net.get("bias", True):
        words.append("--no-bias")
    if net.get("reset_after") is False:
        words.append("--no-reset-after")
    return " ".join(words + [f"--convention {net['convention']}"])


# An answer checked ---------------------------------------------------------------------------------

_GROUPS = {  # modules a student may leave out, by what they are
    "Embedding": "the embedding",
    "Linear": "the linear layers",
    "Dense": "the dense layers",
    "LayerNorm": "the normalisation",
    "LayerNormalization": "the normalisation",
    "BatchNorm1d": "the normalisation",
    "BatchNormalization": "the normalisation",
}


def check_model(expected: int, model: Model) -> ModelCheck:
    """Whether `expected` is the model's total, and which plausible readings give it: parts left out (the embedding,
    the output layers, the normalisation) and the recurrent layers counted under another convention."""
    from ..errors import check_int

    check_int("expected", expected, 0, 10**40)
    readings = list({r.total: r for r in sorted(_readings(model), key=_plausible, reverse=True)}.values())
    readings.sort(key=_plausible)
    exact = [r for r in readings if r.total == expected and r.changes]
    nearest = (
        []
        if exact or expected == model.total
        else sorted(((r, expected - r.total) for r in readings if r.changes), key=lambda p: (abs(p[1]), p[0].changes))[
            :3
        ]
    )
    return ModelCheck(expected, model.total, expected == model.total, exact, nearest)


def _plausible(r: Reading) -> tuple[int, bool, str]:
    """Fewest changes first; among equals, the course formula before a framework's convention."""
    return r.changes, "course formula" not in r.description, r.description


def _readings(model: Model) -> Iterator[Reading]:
    top = min((r.depth for r in model.modules), default=0)
    groups: dict[str, int] = {}
    counts: dict[str, int] = {}
    for row in model.modules:
        base = row.type.split("(")[0].split(" ")[0]
        if row.depth == top and base in _GROUPS and row.params:
            groups[_GROUPS[base]] = groups.get(_GROUPS[base], 0) + row.params
            counts[_GROUPS[base]] = counts.get(_GROUPS[base], 0) + 1
    for plural, singular in (("the linear layers", "the output layer"), ("the dense layers", "the output layer")):
        if counts.get(plural) == 1:
            groups[singular] = groups.pop(plural)
    recurrent = sum(r.params for r in model.recurrent)
    alternatives = {"": recurrent}
    for convention in ("textbook", "pytorch", "keras"):
        for bias in (False, True):
            try:
                alt = sum(
                    count_params(**(r.network | {"convention": convention, "bias": bias})).total
                    for r in model.recurrent
                )
            except ValueError:
                continue
            if alt != recurrent:
                words = "weights only" if not bias else "with biases"
                title = "the course formula" if convention == "textbook" else FRAMEWORK_TITLE[convention]
                alternatives.setdefault(f"the recurrent layers under {title} ({words})", alt)
    names = list(groups)
    for size in range(len(names) + 1):
        for left_out in itertools.combinations(names, size):
            for change, alt in alternatives.items():
                total = model.total - sum(groups[g] for g in left_out) - recurrent + alt
                parts = [f"without {g}" for g in left_out] + [change] * bool(change)
                yield Reading(", ".join(parts) or "the model as written", total, len(parts))
