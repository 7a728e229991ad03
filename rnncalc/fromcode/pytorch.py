"""PyTorch modules as the reader builds them: each with exactly the parameters ``module.parameters()`` yields.

Counts of the recurrent modules come from :func:`rnncalc.counting.params.count_params` (the
PyTorch convention, checked tensor by tensor against torch), the rest from the
modules' documented shapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from math import prod
from typing import Any

from .values import Class, Pending, Refusal, TensorShape, Unknown, need


@dataclass(eq=False)
class TorchModule:
    type: str  # LSTM, Linear, or the name of the code's own nn.Module class
    line: int
    own: int = 0  # parameters held directly (nn.Parameter attributes, or a layer's weights)
    children: dict = field(default_factory=dict)  # registered submodules, in registration order
    attrs: dict = field(default_factory=dict)  # everything else set on it
    features: int | None = None  # output features, where the constructor fixes them
    recurrent: dict | None = None  # count_params arguments of an RNN/LSTM/GRU or a cell
    pending: str | None = None  # why its count cannot be known: refused if the total needs it
    kind: str = "module"  # module, list, dict, sequential
    klass: Class | None = None  # the code's own class, for its methods
    initialised: bool = False  # nn.Module.__init__ has run (the code's own classes must call it first)


_SIGNATURES = {  # PyTorch's own positional order
    "RNN": "input_size hidden_size num_layers nonlinearity bias batch_first dropout bidirectional device dtype",
    "LSTM": "input_size hidden_size num_layers bias batch_first dropout bidirectional proj_size device dtype",
    "GRU": "input_size hidden_size num_layers bias batch_first dropout bidirectional device dtype",
    "RNNCell": "input_size hidden_size bias nonlinearity device dtype",
    "LSTMCell": "input_size hidden_size bias device dtype",
    "GRUCell": "input_size hidden_size bias device dtype",
    "Embedding": "num_embeddings embedding_dim padding_idx max_norm norm_type scale_grad_by_freq sparse _weight "
    "_freeze device dtype",
    "Linear": "in_features out_features bias device dtype",
    "Bilinear": "in1_features in2_features out_features bias device dtype",
    "LayerNorm": "normalized_shape eps elementwise_affine bias device dtype",
    "BatchNorm1d": "num_features eps momentum affine track_running_stats device dtype",
    "BatchNorm2d": "num_features eps momentum affine track_running_stats device dtype",
    "Conv1d": "in_channels out_channels kernel_size stride padding dilation groups bias padding_mode device dtype",
    "Conv2d": "in_channels out_channels kernel_size stride padding dilation groups bias padding_mode device dtype",
    "MultiheadAttention": "embed_dim num_heads dropout bias add_bias_kv add_zero_attn kdim vdim batch_first "
    "device dtype",
    "PReLU": "num_parameters init device dtype",
}
SIGNATURES: dict[str, tuple[str, ...]] = {name: tuple(text.split()) for name, text in _SIGNATURES.items()}
POSITIONAL = {"RNN": 8, "GRU": 7}  # PyTorch reads the next positional as proj_size: rnncalc asks for keywords
RECURRENT = {"RNN": "rnn", "LSTM": "lstm", "GRU": "gru", "RNNCell": "rnn", "LSTMCell": "lstm", "GRUCell": "gru"}
PARAMETER_FREE = frozenset(
    "Dropout Dropout1d Dropout2d AlphaDropout ReLU ReLU6 LeakyReLU ELU SELU CELU GELU SiLU Mish Tanh Sigmoid Hardtanh "
    "Hardswish Hardsigmoid Softmax LogSoftmax Softplus Softsign Tanhshrink Threshold GLU Flatten Unflatten Identity "
    "MaxPool1d MaxPool2d AvgPool1d AvgPool2d AdaptiveAvgPool1d AdaptiveAvgPool2d AdaptiveMaxPool1d AdaptiveMaxPool2d "
    "ConstantPad1d ZeroPad2d Upsample CrossEntropyLoss NLLLoss MSELoss L1Loss BCELoss BCEWithLogitsLoss CTCLoss "
    "SmoothL1Loss KLDivLoss CosineSimilarity PairwiseDistance".split()
)
SELF_RETURNING = frozenset(
    "to cuda cpu float double half bfloat16 train eval requires_grad_ apply share_memory".split()
)
CONTAINERS = {"Sequential": "sequential", "ModuleList": "list", "ModuleDict": "dict"}


def counted_types() -> str:
    return (
        ", ".join(sorted(SIGNATURES)) + ", containers (Sequential, ModuleList, ModuleDict) and parameter-free modules"
    )


class TensorRef:
    """module.weight, module.bias: a parameter tensor, read (as in `if self.fc.bias is not None`), never counted."""


PARAMETER = TensorRef()
# The attributes code reads back from a module (self.rnn.bidirectional), where not given.
_DEFAULTS: dict[str, dict[str, Any]] = {
    **dict.fromkeys(("RNN", "LSTM", "GRU"), {"num_layers": 1, "bias": True, "batch_first": False, "dropout": 0.0,
                                              "bidirectional": False, "proj_size": 0, "nonlinearity": "tanh"}),
    **dict.fromkeys(("RNNCell", "LSTMCell", "GRUCell", "Linear", "Bilinear", "LayerNorm"), {"bias": True}),
    **dict.fromkeys(("Conv1d", "Conv2d"), {"bias": True, "stride": 1, "padding": 0, "dilation": 1, "groups": 1}),
    "Embedding": {"padding_idx": None},
}  # fmt: skip


def build(name: str, args: dict, line: int) -> TorchModule:
    """The module `torch.nn.<name>(**args)` builds; a count waiting on an unknown value is kept as pending."""
    module = TorchModule(name, line, attrs={**_DEFAULTS.get(name, {}), **args})
    if name in ("Conv1d", "Conv2d"):  # PyTorch keeps these as tuples: (3,), not 3
        size = 1 if name == "Conv1d" else 2
        for key in ("kernel_size", "stride", "padding", "dilation"):
            if isinstance(module.attrs.get(key), int) and not isinstance(module.attrs[key], bool):
                module.attrs[key] = (module.attrs[key],) * size
    if name in PARAMETER_FREE:
        return module
    _read_back(name, module.attrs)
    try:
        module.own, module.features, module.recurrent = _BUILDERS[name](name, args)
    except Pending as p:
        module.pending = str(p)
    return module


def _read_back(name: str, attrs: dict) -> None:
    """Attributes as PyTorch stores them, for code that reads them back (self.fc.bias is None, normalized_shape):
    parameters as tensors (None when absent), sizes normalised as PyTorch normalises them."""
    if name not in RECURRENT:  # nn.LSTM's bias is a flag; nn.Linear's a tensor or None
        if "bias" in attrs and isinstance(attrs["bias"], bool):
            attrs["bias"] = PARAMETER if attrs["bias"] else None
        attrs["weight"] = PARAMETER
    shape = attrs.get("normalized_shape")
    if name == "LayerNorm" and isinstance(shape, int) and not isinstance(shape, bool):
        attrs["normalized_shape"] = (shape,)
    rows, padding = attrs.get("num_embeddings"), attrs.get("padding_idx")
    if name == "Embedding" and isinstance(rows, int) and isinstance(padding, int) and padding < 0:
        attrs["padding_idx"] = rows + padding
    if name == "MultiheadAttention":
        for key in ("kdim", "vdim"):
            if attrs.get(key) is None:
                attrs[key] = attrs.get("embed_dim")


def adopt(module: TorchModule, built: TorchModule) -> None:
    """A subclass of a framework module (class MyLSTM(nn.LSTM)) takes what the framework's __init__ builds."""
    module.own, module.features, module.recurrent = built.own, built.features, built.recurrent
    module.pending = module.pending or built.pending
    module.kind = built.kind
    module.children.update(built.children)
    module.attrs.update(built.attrs)


def copied(module: TorchModule, memo: dict) -> TorchModule:
    """copy.deepcopy(module): new modules (new parameters), the sharing inside kept."""
    if id(module) not in memo:
        clone = TorchModule(module.type, module.line, module.own, {}, dict(module.attrs), module.features,
                            module.recurrent, module.pending, module.kind, module.klass)  # fmt: skip
        memo[id(module)] = clone
        clone.children = {k: copied(v, memo) for k, v in module.children.items()}
    return memo[id(module)]


def position(container: TorchModule, key) -> str | None:
    """The name of the item at index `key` of a ModuleList or Sequential (negative indices too), or None."""
    names = list(container.children)
    if isinstance(key, bool) or not isinstance(key, int) or not -len(names) <= key < len(names):
        return None
    return names[key]


def remove(container: TorchModule, key) -> bool:
    """del container[key] (or pop/insert's bookkeeping): ModuleList and Sequential renumber what follows."""
    if container.kind == "dict":
        return container.children.pop(str(key), None) is not None
    name = position(container, key)
    if name is None:
        return False
    del container.children[name]
    container.children = {str(i): m for i, m in enumerate(container.children.values())}
    return True


def joinable(left, right) -> bool:
    return (
        isinstance(left, TorchModule)
        and isinstance(right, TorchModule)
        and left.kind == right.kind
        and left.kind in ("list", "sequential")
    )


def joined(left: TorchModule, right: TorchModule) -> TorchModule:
    """ModuleList + ModuleList, Sequential + Sequential: a new container holding both's modules, in order."""
    out = TorchModule(left.type, left.line, kind=left.kind)
    out.children = {str(i): m for i, m in enumerate([*left.children.values(), *right.children.values()])}
    return out


def _recurrent(name: str, a: dict):
    from ..counting.params import count_params
    from ..errors import InvalidArgument

    cell = RECURRENT[name]
    hidden = need(_arg(name, a, "hidden_size"), f"nn.{name}'s hidden_size", low=1)
    inputs = need(_arg(name, a, "input_size"), f"nn.{name}'s input_size", low=1)
    if name in ("RNN", "RNNCell") and not isinstance(a.get("nonlinearity", "tanh"), Unknown):
        if a.get("nonlinearity", "tanh") not in ("tanh", "relu"):
            raise Refusal(f"nn.{name}'s nonlinearity must be 'tanh' or 'relu', got {a['nonlinearity']!r}")
    net = dict(
        cell=cell,
        convention="pytorch",
        hidden=hidden,
        input_size=inputs,
        layers=need(a.get("num_layers", 1), f"nn.{name}'s num_layers", low=1),
        bidirectional=need(a.get("bidirectional", False), f"nn.{name}'s bidirectional", bool),
        proj=need(a.get("proj_size", 0), f"nn.{name}'s proj_size"),
        bias=need(a.get("bias", True), f"nn.{name}'s bias", bool),
    )
    dropout = a.get("dropout", 0)
    if isinstance(dropout, (int, float)) and not isinstance(dropout, bool) and not 0 <= dropout <= 1:
        raise Refusal(f"nn.{name}'s dropout must be from 0 to 1, got {dropout}")
    if net["proj"] and net["proj"] >= hidden:
        raise Refusal(f"nn.LSTM's proj_size ({net['proj']}) must be smaller than hidden_size ({hidden})")
    width = (net["proj"] or hidden) * (2 if net["bidirectional"] else 1)
    try:
        return count_params(**net).total, width, net
    except InvalidArgument as e:
        raise Refusal(f"nn.{name}'s {e.name} {e.message}") from None


def _arg(name: str, a: dict, argument: str):
    if argument not in a:
        raise Refusal(f"nn.{name} needs {argument}")
    return a[argument]


def _linear(name: str, a: dict):
    n_in = need(_arg(name, a, "in_features"), "nn.Linear's in_features")
    n_out = need(_arg(name, a, "out_features"), "nn.Linear's out_features")
    return n_in * n_out + n_out * need(a.get("bias", True), "nn.Linear's bias", bool), n_out, None


def _bilinear(name: str, a: dict):
    sizes = [need(_arg(name, a, k), f"nn.Bilinear's {k}") for k in SIGNATURES[name][:3]]
    return prod(sizes) + sizes[2] * need(a.get("bias", True), "nn.Bilinear's bias", bool), sizes[2], None


def _embedding(name: str, a: dict):
    if not isinstance(a.get("_weight"), (type(None), TensorShape)):
        raise Pending(Unknown("_weight", None), "nn.Embedding's size")
    rows = need(_arg(name, a, "num_embeddings"), "nn.Embedding's num_embeddings")
    dim = need(_arg(name, a, "embedding_dim"), "nn.Embedding's embedding_dim")
    padding = a.get("padding_idx")
    if isinstance(padding, int) and not -rows <= padding < rows:
        raise Refusal(f"nn.Embedding's padding_idx must be within num_embeddings ({rows}), got {padding}")
    return rows * dim, dim, None


def _layer_norm(name: str, a: dict):
    shape = _arg(name, a, "normalized_shape")
    dims = shape if isinstance(shape, (tuple, list)) else (shape,)
    if not dims:
        raise Refusal("nn.LayerNorm needs normalized_shape")
    size = prod(need(d, "nn.LayerNorm's normalized_shape") for d in dims)
    affine = need(a.get("elementwise_affine", True), "nn.LayerNorm's elementwise_affine", bool)
    bias = need(a.get("bias", True), "nn.LayerNorm's bias", bool)
    return size * affine * (1 + bias), need(dims[-1], "nn.LayerNorm's normalized_shape"), None


def _batch_norm(name: str, a: dict):
    features = need(_arg(name, a, "num_features"), f"nn.{name}'s num_features")
    return 2 * features * need(a.get("affine", True), f"nn.{name}'s affine", bool), features, None


def _conv(name: str, a: dict):
    channels_in = need(_arg(name, a, "in_channels"), f"nn.{name}'s in_channels")
    channels_out = need(_arg(name, a, "out_channels"), f"nn.{name}'s out_channels")
    groups = need(a.get("groups", 1), f"nn.{name}'s groups", low=1)
    padding, stride = a.get("padding", 0), a.get("stride", 1)
    if isinstance(padding, str) and (
        padding not in ("same", "valid") or padding == "same" and stride not in (1, (1,), (1, 1))
    ):
        raise Refusal(f"nn.{name}: padding {padding!r} with stride {stride!r} is refused by PyTorch")
    if a.get("padding_mode", "zeros") not in ("zeros", "reflect", "replicate", "circular"):
        raise Refusal(f"nn.{name}'s padding_mode must be zeros, reflect, replicate or circular")
    kernel = _arg(name, a, "kernel_size")
    dims = 1 if name == "Conv1d" else 2
    sizes = kernel if isinstance(kernel, (tuple, list)) else (kernel,) * dims
    if len(sizes) != dims or channels_in % groups or channels_out % groups:
        raise Refusal(f"nn.{name}: kernel_size and groups do not fit the channels")
    weights = channels_out * (channels_in // groups) * prod(need(k, f"nn.{name}'s kernel_size") for k in sizes)
    return weights + channels_out * need(a.get("bias", True), f"nn.{name}'s bias", bool), channels_out, None


def _attention(name: str, a: dict):
    embed = need(_arg(name, a, "embed_dim"), "nn.MultiheadAttention's embed_dim", low=1)
    heads = need(_arg(name, a, "num_heads"), "nn.MultiheadAttention's num_heads", low=1)
    if embed % heads:
        raise Refusal(f"nn.MultiheadAttention's embed_dim ({embed}) must be divisible by num_heads ({heads})")
    kdim = embed if a.get("kdim") is None else need(a["kdim"], "nn.MultiheadAttention's kdim")
    vdim = embed if a.get("vdim") is None else need(a["vdim"], "nn.MultiheadAttention's vdim")
    bias = need(a.get("bias", True), "nn.MultiheadAttention's bias", bool)
    bias_kv = need(a.get("add_bias_kv", False), "nn.MultiheadAttention's add_bias_kv", bool)
    in_projection = embed * (embed + kdim + vdim) + 3 * embed * bias
    out_projection = embed * embed + embed * bias
    return in_projection + out_projection + 2 * embed * bias_kv, embed, None


def _prelu(name: str, a: dict):
    return need(a.get("num_parameters", 1), "nn.PReLU's num_parameters", low=1), None, None


_BUILDERS = {
    **dict.fromkeys(RECURRENT, _recurrent),
    "Linear": _linear,
    "Bilinear": _bilinear,
    "Embedding": _embedding,
    "LayerNorm": _layer_norm,
    "BatchNorm1d": _batch_norm,
    "BatchNorm2d": _batch_norm,
    "Conv1d": _conv,
    "Conv2d": _conv,
    "MultiheadAttention": _attention,
    "PReLU": _prelu,
}


def from_pretrained(weights, line: int) -> TorchModule:
    """``nn.Embedding.from_pretrained(weights)``: the table is the tensor given."""
    module = TorchModule("Embedding", line)
    if isinstance(weights, TensorShape) and len(weights.shape) == 2:
        module.own, module.features = prod(weights.shape), weights.shape[1]
    else:
        module.pending = (
            "nn.Embedding.from_pretrained: the size of the pretrained table is not known without running the code"
        )
    return module


def parameter(value, line: int) -> int | str:
    """The size of ``nn.Parameter(tensor)``, or why it is not known."""
    if isinstance(value, TensorShape):
        return prod(value.shape)
    return f"line {line}: the size of nn.Parameter(…) is not known without running the code"


def total(module: TorchModule, seen: set | None = None) -> int:
    """sum(p.numel() for p in module.parameters()): each module's parameters once, however often it is registered."""
    seen = set() if seen is None else seen
    if id(module) in seen:
        return 0
    seen.add(id(module))
    if module.pending:
        raise Refusal(module.pending)
    return module.own + sum(total(child, seen) for child in module.children.values())
