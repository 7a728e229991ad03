"""The model a weight file holds, read from its tensors' names and shapes: each recurrent layer (cell, sizes,
layers, directions, projection, biases) and every other module, never guessed.

A group of tensors is a recurrent layer only if it is exactly the set of tensors the framework gives that layer
(the names and shapes :func:`rnncalc.counting.params.count_params` lists, under the framework's convention); anything
else is shown as the tensors it is.

PyTorch: a module's tensors share a dotted prefix; ``weight_ih_l{k}``, ``weight_hh_l{k}``, ``bias_ih_l{k}``,
``bias_hh_l{k}``, ``weight_hr_l{k}`` (the projection) and their ``_reverse`` twins make RNN/LSTM/GRU, without
the suffix the cells. W_hh stacks one block per gate, so its rows over the hidden size give the cell.
Keras 3: ``layers/<layer>/cell/vars/{0,1,2}`` are the kernel, recurrent kernel and bias; the path's
``<layer>`` is Keras's snake-case class name (``lstm``, ``gru_1``, ``bidirectional``), its ``vars``
group carries the name the code gave it.

Size: PyTorch's and Keras's layouts side by side, each read only where a group is exactly a layer's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..counting.cells import CELLS
from ..counting.params import count_params
from ..errors import printable
from ..fromcode.model import Model, ModuleRow, RecurrentLayer
from .files import TensorInfo, WeightFile

BLOCKS_TO_CELL = {len(c.blocks): c.name for c in CELLS.values() if c.pytorch}  # 1: rnn, 3: gru, 4: lstm
# PyTorch state, not parameters: BatchNorm's statistics; spectral norm's power-iteration vectors (torch.nn.utils.
# spectral_norm's weight_u/weight_v, the parametrization's _u/_v)
BATCH_NORM = ("running_mean", "running_var", "num_batches_tracked")
SPECTRAL_NORM = ("weight_u", "weight_v", "_u", "_v")
BUFFERS = BATCH_NORM + SPECTRAL_NORM
# What register_buffer is usually given: attention masks, positional encodings and their caches. A state dict does
# not mark buffers, so these are buffers by their names (said in a note).
NAMED_BUFFERS = ("mask", "attn_mask", "causal_mask", "pe", "positional_encoding", "position_ids", "inv_freq",
                 "cos_cached", "sin_cached", "freqs_cis", "masked_bias")  # fmt: skip


def is_buffer(leaf: str, dtype: str) -> bool:
    """A PyTorch state dict's tensor that is state, not a parameter: by its name, or because it holds integers or
    booleans (which cannot be trained)."""
    return leaf in BUFFERS or leaf in NAMED_BUFFERS or not dtype.startswith(("float", "bfloat", "complex"))


_TORCH_RNN = re.compile(r"(weight_ih|weight_hh|bias_ih|bias_hh|weight_hr)(?:_l(\d+)(_reverse)?)?")
_KERAS_RNN = {"lstm": "lstm", "gru": "gru", "simple_rnn": "rnn"}


@dataclass(frozen=True)
class Direction:
    """One direction of one recurrent layer: the tensors the gradient-flow simulation runs on."""

    name: str  # lstm.l0, lstm.l0_reverse; enc; bidirectional.backward
    layer: str  # the recurrent layer it belongs to, as the model's rows name it: lstm; (top level); bidirectional
    cell: str
    hidden: int
    input_size: int
    layout: str  # pytorch: (blocks·n, m) matrices, gates i f g o / r z n; keras: (m, blocks·n), GRU z r h
    w_ih: str
    w_hh: str
    bias: tuple[str, ...]  # PyTorch: bias_ih, bias_hh; Keras: bias ((blocks·n) or (2, blocks·n))
    projected: bool = False


@dataclass(frozen=True)
class FileModel:
    model: Model
    directions: list[Direction]
    file_total: int  # every tensor in the file, buffers included
    tensors: list[TensorInfo]
    recognised: bool  # at least one recurrent layer
    format: str  # safetensors, pytorch, keras


def read_checkpoint(wf: WeightFile) -> FileModel:
    """The model in `wf`: PyTorch names for safetensors and PyTorch files, Keras 3 paths for Keras files."""
    framework = "keras" if wf.format == "keras" else "pytorch"
    groups = _keras_groups(wf) if framework == "keras" else _torch_groups(wf)
    rows, recurrent, directions, notes = [], [], [], list(wf.notes)
    for path, tensors in groups.items():
        found = (_keras_layer if framework == "keras" else _torch_layer)(path, tensors, wf)
        own = _own(framework, tensors, wf)  # each tensor once, buffers left out
        if isinstance(found, tuple) and all(t.name in wf.tied for t in tensors.values()):  # m.b = m.a
            original = wf.tied[next(iter(tensors.values())).name].rpartition(".")[0] or "(top level)"
            notes.append(f"{found[0].path}: the same tensors as {original}, counted there.")
            rows.append(ModuleRow(found[0].path, _type(framework, found[0].network, path, tensors), 0, None, 0, None))
        elif isinstance(found, tuple):
            layer, dirs, evidence = found
            recurrent.append(layer)
            directions += dirs
            kind = _type(framework, layer.network, path, tensors)
            rows.append(ModuleRow(layer.path, kind, 0, _features(framework, layer.network), own, None))
            notes.append(evidence)
        else:
            if found:
                notes.append(found)
            rows.append(_other_row(framework, path, tensors, wf, own))
    total = sum(r.params for r in rows)
    notes += [
        f"{a} is the same tensor as {b} (tied): counted once, as model.parameters() does." for a, b in wf.tied.items()
    ]
    buffers = wf.total - total - sum(t.count for t in wf.tensors if t.name in wf.tied)
    if buffers:
        notes.append(
            f"The file holds {wf.total:,} numbers; {buffers:,} of them are buffers, not parameters: "
            + _buffer_kinds(wf)
            + "."
        )
    if framework == "pytorch" and (unnamed := _unusual(wf)):
        shown = ", ".join(f"{t.name} ({t.count:,})" for t in unnamed[:4]) + (", …" if len(unnamed) > 4 else "")
        notes.append(
            f"A state dict does not say which tensors are buffers (register_buffer): {shown} are named neither "
            f"weight nor bias; if they are buffers, model.parameters() has {sum(t.count for t in unnamed):,} fewer."
        )
    if framework == "keras":
        notes.append("Layers are listed by their names in the file (Keras stores them so), not in the model's order.")
    if not recurrent:
        notes.append(
            "No recurrent layer found: no group of tensors is exactly an RNN, LSTM or GRU; "
            "the tensors are listed as stored."
        )
    name = printable(wf.path.rsplit("/", 1)[-1])
    model = Model(framework, name, rows, recurrent, total, tuple(notes))
    return FileModel(model, directions, wf.total, wf.tensors, bool(recurrent), wf.format)


def _buffer_kinds(wf: WeightFile) -> str:
    leaves = [(t.name.rpartition(".")[2], t) for t in wf.tensors if t.name not in wf.tied]
    kinds = []
    if any(leaf in BATCH_NORM for leaf, _ in leaves):
        kinds.append("BatchNorm's running statistics")
    if any(leaf in SPECTRAL_NORM for leaf, _ in leaves):
        kinds.append("spectral norm's vectors")
    if named := [t.name for leaf, t in leaves if leaf in NAMED_BUFFERS]:
        kinds.append(f"{', '.join(named[:3])}{', …' * (len(named) > 3)} (register_buffer's usual names)")
    if whole := [t.name for leaf, t in leaves if is_buffer(leaf, t.dtype) and leaf not in BUFFERS + NAMED_BUFFERS]:
        kinds.append(f"{', '.join(whole[:3])}{', …' * (len(whole) > 3)} (integers or booleans, never trained)")
    return "; ".join(kinds)


def _own(framework: str, tensors: dict[str, TensorInfo], wf: WeightFile) -> int:
    """A group's parameters: each tensor once (not those tied to an earlier one), buffers left out."""
    return sum(t.count for leaf, t in tensors.items()
               if t.name not in wf.tied and not (framework == "pytorch" and is_buffer(leaf, t.dtype)))  # fmt: skip


def _unusual(wf: WeightFile) -> list[TensorInfo]:
    """Tensors counted as parameters whose names say neither weight nor bias (a positional encoding kept with
    register_buffer is the usual one)."""
    out = []
    for t in wf.tensors:
        leaf = t.name.rpartition(".")[2]
        if t.name in wf.tied or is_buffer(leaf, t.dtype) or _TORCH_RNN.fullmatch(leaf):
            continue
        if not any(word in leaf for word in ("weight", "bias", "original")):
            out.append(t)
    return out


def _features(framework: str, net: dict) -> str | None:
    """The output features of a recurrent layer: PyTorch's (proj or n) × directions; Keras's n, unless a
    Bidirectional's merge mode (not in the weights) decides."""
    if framework == "keras":
        return None if net["bidirectional"] else str(net["hidden"])
    return str((net.get("proj") or net["hidden"]) * (2 if net["bidirectional"] else 1))


def _type(framework: str, net: dict, path: str, tensors: dict) -> str:
    spec = CELLS[net["cell"]]
    if framework == "keras":
        name = spec.keras or spec.name
        return f"Bidirectional({name})" if net["bidirectional"] else name
    return (spec.pytorch or spec.name) + ("Cell" if "weight_hh" in tensors else "")


# ---- PyTorch ---------------------------------------------------------------------------------------------


def _torch_groups(wf: WeightFile) -> dict[str, dict[str, TensorInfo]]:
    groups: dict[str, dict[str, TensorInfo]] = {}
    for t in wf.tensors:
        prefix, _, leaf = t.name.rpartition(".")
        groups.setdefault(prefix, {})[leaf] = t
    return groups


def _torch_layer(path: str, tensors: dict[str, TensorInfo], wf: WeightFile):
    """(RecurrentLayer, directions, evidence) if the group is exactly a torch.nn RNN/LSTM/GRU (or cell); else a
    note saying why a group that looked recurrent is not, or None."""
    matches = {leaf: _TORCH_RNN.fullmatch(leaf) for leaf in tensors}
    parsed = {leaf: m for leaf, m in matches.items() if m}
    if not any(m.group(1) == "weight_hh" for m in parsed.values()):
        return None
    shown = path or "(top level)"
    if len(parsed) < len(matches):
        return f"{shown}: holds recurrent tensors beside others ({', '.join(k for k in matches if k not in parsed)})."
    is_cell = "weight_hh" in tensors
    first = (lambda base: tensors.get(base)) if is_cell else (lambda base: tensors.get(f"{base}_l0"))
    w_hh, w_ih, w_hr = first("weight_hh"), first("weight_ih"), first("weight_hr")
    if w_hh is None or w_ih is None or len(w_hh.shape) != 2 or len(w_ih.shape) != 2:
        return f"{shown}: weight_hh/weight_ih are not a recurrent layer's (two matrices of the first layer)."
    hidden = w_hr.shape[1] if w_hr is not None and len(w_hr.shape) == 2 else w_hh.shape[1]
    blocks, rest = divmod(w_hh.shape[0], hidden) if hidden else (0, 1)
    cell = BLOCKS_TO_CELL.get(blocks) if not rest else None
    if cell is None:
        return f"{shown}: weight_hh is {_shape(w_hh)}, not 1, 3 or 4 blocks of the hidden size ({hidden:,})."
    layers = 1 if is_cell else 1 + max(int(m.group(2)) for m in parsed.values() if m.group(2) is not None)
    net: dict[str, Any] = {
        "cell": cell,
        "hidden": hidden,
        "input_size": w_ih.shape[1],
        "layers": layers,
        "bidirectional": any(m.group(3) for m in parsed.values()),
        "proj": w_hr.shape[0] if w_hr is not None else 0,
        "bias": any(m.group(1).startswith("bias") for m in parsed.values()),
        "convention": "pytorch",
    }
    try:
        expected = count_params(**net)
    except ValueError as e:
        return f"{shown}: its tensors do not make a PyTorch {CELLS[cell].pytorch} ({e})."
    stored = {(leaf + ("_l0" if is_cell else "")): t.shape for leaf, t in tensors.items()}
    if stored != {t.name: t.shape for t in expected.tensors} or (is_cell and (layers > 1 or net["proj"])):
        return f"{shown}: its tensors are not exactly a PyTorch {CELLS[cell].pytorch}'s (names or shapes differ)."
    dirs = [_torch_direction(path, net, k, reverse, is_cell) for k in range(layers) for reverse in (False, True)
            if reverse is False or net["bidirectional"]]  # fmt: skip
    return RecurrentLayer(shown, net, expected.total), dirs, _torch_evidence(shown, net, blocks, w_hh, w_ih, is_cell)


def _torch_direction(path: str, net: dict, k: int, reverse: bool, is_cell: bool) -> Direction:
    suffix = "" if is_cell else f"_l{k}" + ("_reverse" if reverse else "")
    full = (path + "." if path else "") + "{}" + suffix
    directions = 2 if net["bidirectional"] else 1
    m = net["input_size"] if k == 0 else (net["proj"] or net["hidden"]) * directions
    bias = (full.format("bias_ih"), full.format("bias_hh")) if net["bias"] else ()
    own = "" if is_cell else f"l{k}" + ("_reverse" if reverse else "")
    name = ".".join(p for p in (path, own) if p) or "(top level)"
    return Direction(name, path or "(top level)", net["cell"], net["hidden"], m, "pytorch", full.format("weight_ih"),
                     full.format("weight_hh"), bias, bool(net["proj"]))  # fmt: skip


def _torch_evidence(path: str, net: dict, blocks: int, w_hh: TensorInfo, w_ih: TensorInfo, is_cell: bool) -> str:
    title = _type("pytorch", net, path, {"weight_hh": w_hh} if is_cell else {})
    parts = [
        f"{path}: {title} because weight_hh is {_shape(w_hh)} = {_blocks(blocks, net['hidden'])}",
        f"m = {net['input_size']:,} from weight_ih",
    ]
    if net["proj"]:
        parts.append(f"projection p = {net['proj']:,} from weight_hr")
    if net["layers"] > 1:
        parts.append(f"{net['layers']} layers (_l0…_l{net['layers'] - 1})")
    if net["bidirectional"]:
        parts.append("bidirectional (_reverse)")
    parts.append("biases (bias_ih, bias_hh)" if net["bias"] else "no biases")
    return "; ".join(parts) + "."


def _other_row(framework: str, path: str, tensors: dict[str, TensorInfo], wf: WeightFile, params: int) -> ModuleRow:
    kind, output = (_keras_kind if framework == "keras" else _torch_kind)(path, tensors)
    shown = wf.attributes.get(path, path) if framework == "keras" else (path or "(top level)")
    return ModuleRow(shown, kind, 0, output, params, None)


def _torch_kind(path: str, t: dict[str, TensorInfo]) -> tuple[str, str | None]:
    """What a non-recurrent group of tensors most plainly is, from its names and shapes (shown, not used in counts)."""
    w, b = t.get("weight"), t.get("bias")
    leaves = set(t) - {"weight", "bias"}
    if leaves and leaves <= set(BUFFERS) and w is not None and len(w.shape) == 1:
        return "BatchNorm", None
    if leaves or w is None:
        return "tensors: " + ", ".join(list(t)[:4]) + ("…" if len(t) > 4 else ""), None
    if len(w.shape) == 2 and (b is None or b.shape == w.shape[:1]):
        if b is None and "emb" in path.lower():
            return "Embedding", str(w.shape[1])
        return ("Linear" if b is not None else "Linear or Embedding"), str(w.shape[0])
    if len(w.shape) == 1 and (b is None or b.shape == w.shape):
        return "normalisation", None
    if len(w.shape) in (3, 4, 5):
        return f"Conv{len(w.shape) - 2}d", str(w.shape[0])
    return "tensors", None


def _blocks(blocks: int, hidden: int) -> str:
    return f"{blocks} block{'s' * (blocks > 1)} of n = {hidden:,}"


def _shape(t: TensorInfo) -> str:
    return " × ".join(f"{d:,}" for d in t.shape)


# ---- Keras 3 ---------------------------------------------------------------------------------------------


def _keras_groups(wf: WeightFile) -> dict[str, dict[str, TensorInfo]]:
    """Each layer's tensors, keyed by the path below the layer (cell/vars/0, forward_layer/cell/vars/1)."""
    groups: dict[str, dict[str, TensorInfo]] = {}
    for t in wf.tensors:
        parts = t.name.split("/")
        last = max((i for i, p in enumerate(parts[:-2]) if p == "layers"), default=None)
        cut = 0 if last is None else last + 2
        groups.setdefault("/".join(parts[:cut]) or "(model)", {})["/".join(parts[cut:])] = t
    return groups


def _keras_layer(path: str, tensors: dict[str, TensorInfo], wf: WeightFile):
    kind = re.sub(r"_\d+$", "", path.rsplit("/", 1)[-1])
    name = wf.attributes.get(path, path.rsplit("/", 1)[-1])
    sides = {"": tensors} if kind in _KERAS_RNN else None
    if kind == "bidirectional":
        sides = {s: {k.removeprefix(f"{s}_layer/"): t for k, t in tensors.items() if k.startswith(f"{s}_layer/")}
                 for s in ("forward", "backward")}  # fmt: skip
    if sides is None:
        return None
    found = [_keras_side(path, name, side, ts) for side, ts in sides.items()]
    if any(isinstance(f, str) or f is None for f in found) or len({f[0] for f in found}) != 1:
        return f"{name}: its tensors are not exactly a Keras {kind} layer's (names or shapes differ)."
    net = dict(found[0][0])
    net["bidirectional"] = kind == "bidirectional"
    try:
        expected = count_params(**net)
    except ValueError as e:
        return f"{name}: its tensors do not make a Keras {kind} layer ({e})."
    if expected.total != sum(t.count for t in tensors.values()):
        return f"{name}: its tensors are not exactly a Keras {kind} layer's."
    dirs = [f[1] for f in found]
    evidence = f"{name}: {_type('keras', net, path, tensors)} because its recurrent kernel is {found[0][2]}"
    return RecurrentLayer(name, net, expected.total), dirs, evidence + "."


def _keras_side(path: str, name: str, side: str, tensors: dict[str, TensorInfo]):
    kernel, recurrent, bias = (tensors.get(f"cell/vars/{i}") for i in range(3))
    if set(tensors) - {"cell/vars/0", "cell/vars/1", "cell/vars/2"} or kernel is None or recurrent is None:
        return None
    if len(kernel.shape) != 2 or len(recurrent.shape) != 2 or 0 in recurrent.shape or 0 in kernel.shape:
        return None
    hidden = recurrent.shape[0]
    blocks, rest = divmod(recurrent.shape[1], hidden)
    cell = BLOCKS_TO_CELL.get(blocks) if not rest else None
    if cell is None or kernel.shape[1] != recurrent.shape[1]:
        return None
    reset_after = None if cell != "gru" else bias is None or len(bias.shape) == 2
    if bias is not None and bias.shape not in ((blocks * hidden,), (2, blocks * hidden)):
        return None
    net = (("cell", cell), ("hidden", hidden), ("input_size", kernel.shape[0]), ("layers", 1), ("proj", 0),
           ("bias", bias is not None), ("convention", "keras"), ("reset_after", reset_after))  # fmt: skip
    prefix = f"{side}_layer/" if side else ""
    full = f"{path}/{prefix}cell/vars/"
    label = f"{name}.{side}" if side else name
    d = Direction(
        label, name, cell, hidden, kernel.shape[0], "keras", full + "0", full + "1", (full + "2",) if bias else ()
    )
    words = f"{_shape(recurrent)} = {_blocks(blocks, hidden)}; m = {kernel.shape[0]:,} from the kernel"
    return net, d, words


def _keras_kind(path: str, t: dict[str, TensorInfo]) -> tuple[str, str | None]:
    kind = re.sub(r"_\d+$", "", path.rsplit("/", 1)[-1])
    title = {"dense": "Dense", "embedding": "Embedding", "layer_normalization": "LayerNormalization",
             "batch_normalization": "BatchNormalization"}.get(kind, kind)  # fmt: skip
    kernel = t.get("vars/0")
    output = str(kernel.shape[-1]) if kernel is not None and kind in ("dense", "embedding") and kernel.shape else None
    return title, output
