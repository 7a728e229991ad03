"""Keras layers as the reader builds them: a layer's weights are made when it first meets an input shape.

Shapes leave out the batch axis: ``(None, 28)`` is a sequence of any length with 28
features. Counts are ``layer.count_params()`` of the built layer (non-trainable weights
such as BatchNormalization's moving statistics included, as ``model.count_params()`` does);
the recurrent ones come from :func:`rnncalc.counting.params.count_params` (the Keras convention).

Size: a small builder per Keras layer type, in one table; splitting them would split that table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from math import prod
from typing import Any

from .values import Pending, Refusal, Unknown, need

RECURRENT = {"SimpleRNN": "rnn", "LSTM": "lstm", "GRU": "gru"}
SAME_SHAPE = frozenset(
    "Dropout SpatialDropout1D GaussianNoise GaussianDropout AlphaDropout Activation Masking ActivityRegularization "
    "ReLU LeakyReLU ELU Softmax Identity".split()
)
MERGES = frozenset("Add Subtract Multiply Average Maximum Minimum".split())
POOLING = frozenset("MaxPooling1D AveragePooling1D MaxPool1D AvgPool1D".split())
GLOBAL_POOLING = frozenset("GlobalAveragePooling1D GlobalMaxPooling1D GlobalAvgPool1D GlobalMaxPool1D".split())
FUNCTIONS = {"concatenate": "Concatenate", **{m.lower(): m for m in MERGES}}  # layers.concatenate([a, b])


@dataclass(eq=False)
class KerasLayer:
    type: str
    line: int
    args: dict  # evaluated arguments, by Keras's names
    name: str  # name= or the name Keras gives it
    inner: KerasLayer | None = None  # Bidirectional, TimeDistributed
    backward: KerasLayer | None = None
    declared_input: tuple | None = None  # input_shape= / input_dim= on the layer
    built: bool = False
    params: int = 0
    output: Any = None  # a shape, or a list of shapes (return_state, merge_mode=None)
    recurrent: dict | None = None  # count_params arguments
    pending: str | None = None
    wrapped: bool = False  # inside Bidirectional or TimeDistributed: counted there
    input_shapes: list | None = None  # the shapes it was built on


@dataclass(eq=False)
class KerasTensor:
    shape: tuple | None  # None: not known
    layer: KerasLayer | None = None  # the layer that made it (None: an Input)
    inputs: list = field(default_factory=list)  # the tensors that layer read


@dataclass(eq=False)
class KerasModel:
    """A Sequential (its layers in order) or a functional Model (the layers between its inputs and outputs)."""

    kind: str  # sequential or functional
    line: int
    layers: list = field(default_factory=list)
    inputs: list = field(default_factory=list)
    outputs: list = field(default_factory=list)
    declared_input: tuple | None = None  # Input in the list, or model.build(shape)
    name: str | None = None
    called: bool = False  # used as a layer of another model


def default_name(kind: str, names: dict[str, int]) -> str:
    """The name Keras gives an unnamed layer: snake_case of its class, numbered from the second on."""
    base = (
        re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", kind).lower().replace("simple_r_n_n", "simple_rnn")
    )
    number = names.get(base, 0)
    names[base] = number + 1
    return base if number == 0 else f"{base}_{number}"


def declared_shape(kind: str, args: dict) -> tuple | None:
    """The input a layer states, as Keras 3 reads it: input_shape=(T, m), or input_dim=m as (m,); an Embedding's
    input_dim is its vocabulary."""
    if kind == "Embedding" and "input_shape" not in args:
        return None  # Keras 3 ignores input_length
    if "input_shape" in args:
        shape = args["input_shape"]
        if isinstance(shape, Unknown):
            return _unknown_shape(shape)
        if isinstance(shape, int) and not isinstance(shape, bool):
            shape = (shape,)
        if not isinstance(shape, (tuple, list)):
            raise Refusal(f"input_shape must be a tuple, got {shape!r}")
        return tuple(shape)
    if "input_dim" in args:
        return (args["input_dim"],)  # Keras 3: one axis, whatever the layer
    return None


def _unknown_shape(u: Unknown):
    return ("unknown", u)


def dims(shape: tuple, purpose: str) -> tuple:
    """A shape's dimensions, each a whole number or None (any length); an unknown one defers the count."""
    if len(shape) == 2 and shape[0] == "unknown":
        raise Pending(shape[1], purpose)
    out: list[int | None] = []
    for d in shape:
        if d is None:
            out.append(None)
        else:
            out.append(need(d, purpose, low=0))
    return tuple(out)


def build(layer: KerasLayer, shapes: list) -> Any:
    """Build `layer` on input `shapes` (a list, one per input): its parameters, and the output shape."""
    if layer.built:
        if shapes != layer.input_shapes and not layer.pending:  # Keras builds once; another shape is not followed
            layer.pending = f"line {layer.line}: {layer.name} is called on inputs of another shape ({shapes[0]})"
        return layer.output
    layer.built, layer.input_shapes = True, shapes
    try:
        if any(s is None for s in shapes):
            if layer.type != "Embedding":
                _features(layer, ())  # refused: says where the input size could come from
            shapes = [(None,)]
        layer.params, layer.output = _BUILDERS.get(layer.type, _unsupported)(layer, shapes)
    except Pending as p:
        layer.pending, layer.output = str(p), None
    except Refusal as r:
        layer.pending, layer.output = f"line {layer.line}: {r}", None
    return layer.output


def _one(layer: KerasLayer, shapes: list) -> tuple:
    if len(shapes) != 1:
        raise Refusal(f"{layer.type} takes one input, got {len(shapes)}")
    return dims(shapes[0], f"{layer.type}'s input shape")


def _features(layer: KerasLayer, shape: tuple) -> int:
    if not shape or shape[-1] is None:
        raise Refusal(
            f"the input size of {layer.type} ({layer.name}) is not in the code: give the first layer "
            "input_shape=(timesteps, features), start with keras.Input(shape=…), or give --in"
        )
    return shape[-1]


def _bias(layer: KerasLayer) -> bool:
    return need(layer.args.get("use_bias", True), f"{layer.type}'s use_bias", bool)


def _dense(layer: KerasLayer, shapes: list):
    shape = _one(layer, shapes)
    units = need(layer.args.get("units"), "Dense's units", low=1)
    return _features(layer, shape) * units + units * _bias(layer), shape[:-1] + (units,)


def _recurrent(layer: KerasLayer, shapes: list):
    from ..counting.params import KERAS_RESET_AFTER, count_params

    shape = _one(layer, shapes)
    if len(shape) != 2:
        raise Refusal(f"{layer.type} ({layer.name}) reads sequences (timesteps, features); its input is {shape}")
    cell = RECURRENT[layer.type]
    units = need(layer.args.get("units"), f"{layer.type}'s units", low=1)
    net = dict(cell=cell, convention="keras", hidden=units, input_size=_features(layer, shape), bias=_bias(layer))
    if cell == "gru":
        net["reset_after"] = need(layer.args.get("reset_after", KERAS_RESET_AFTER), "GRU's reset_after", bool)
    layer.recurrent = net
    return count_params(**net).total, _sequence_output(layer, shape[0], units)


def _sequence_output(layer: KerasLayer, steps, width: int, directions: int = 1):
    a = layer.args
    out = (steps, width) if need(a.get("return_sequences", False), "return_sequences", bool) else (width,)
    if not need(a.get("return_state", False), "return_state", bool):
        return out
    states = 2 if layer.type == "LSTM" or (layer.inner and layer.inner.type == "LSTM") else 1
    return [out] + [(width // directions,)] * states * directions


def _bidirectional(layer: KerasLayer, shapes: list):
    inner = _wrapped(layer)
    if inner.type not in RECURRENT:
        raise Refusal(f"Bidirectional wraps a SimpleRNN, LSTM or GRU layer, not {inner.type}")
    mode = layer.args.get("merge_mode", "concat")
    if mode not in ("concat", "sum", "ave", "mul", None):
        raise Refusal(f"Bidirectional's merge_mode must be concat, sum, ave, mul or None, got {mode!r}")
    forward_output = build(inner, shapes)
    backward = layer.backward or inner
    if layer.backward:
        if layer.backward.args.get("go_backwards", False) == inner.args.get("go_backwards", False):
            raise Refusal("Bidirectional's backward layer must run the other way (go_backwards) from the forward one")
        build(layer.backward, shapes)
    for part in (inner, backward):
        if part.pending:
            raise Refusal(part.pending)
    assert inner.recurrent is not None, "a recurrent layer, built"
    units = inner.recurrent["hidden"]
    layer.recurrent = inner.recurrent | {"bidirectional": True}
    single = forward_output[0] if isinstance(forward_output, list) else forward_output
    steps = single[0] if len(single) == 2 else None
    width = 2 * units if mode == "concat" else units
    out = _sequence_output(inner, steps, width)
    main, states = (out[0], out[1:]) if isinstance(out, list) else (out, [])
    outputs = [single, single] if mode is None else [main]
    states = [(units,)] * len(states) * 2  # return_state: each direction's states, each `units` wide
    return inner.params + backward.params, outputs + states if len(outputs) + len(states) > 1 else main


def _wrapped(layer: KerasLayer) -> KerasLayer:
    """The layer a Bidirectional or TimeDistributed wraps (the reader refuses a wrapper without one)."""
    assert layer.inner is not None, "a wrapper is read with the layer it wraps"
    return layer.inner


def _time_distributed(layer: KerasLayer, shapes: list):
    shape = _one(layer, shapes)
    if len(shape) < 2:
        raise Refusal(f"TimeDistributed reads sequences; its input is {shape}")
    wrapped = _wrapped(layer)
    inner = build(wrapped, [shape[1:]])
    if wrapped.pending:
        raise Refusal(wrapped.pending)
    return wrapped.params, (shape[0],) + tuple(inner)


def _embedding(layer: KerasLayer, shapes: list):
    shape = dims(shapes[0], "Embedding's input shape") if shapes and shapes[0] is not None else (None,)
    rows = need(layer.args.get("input_dim"), "Embedding's input_dim", low=1)
    width = need(layer.args.get("output_dim"), "Embedding's output_dim", low=1)
    return rows * width, shape + (width,)


def _normalization(layer: KerasLayer, shapes: list):
    shape = _one(layer, shapes)
    if layer.args.get("axis", -1) not in (-1, len(shape)):
        raise Refusal(f"{layer.type} over an axis other than the last is not counted")
    width = _features(layer, shape)
    flags = [need(layer.args.get(k, True), f"{layer.type}'s {k}", bool) for k in ("center", "scale")]
    if need(layer.args.get("rms_scaling", False), "rms_scaling", bool):
        flags = [True]  # RMS scaling: gamma alone, center and scale ignored
    moving = 2 if layer.type == "BatchNormalization" else 0  # moving mean and variance: weights, not trained
    return width * (sum(flags) + moving), shape


def _conv1d(layer: KerasLayer, shapes: list):
    shape = _one(layer, shapes)
    if len(shape) != 2:
        raise Refusal(f"Conv1D reads (steps, channels); its input is {shape}")
    a = layer.args
    filters = need(a.get("filters"), "Conv1D's filters", low=1)
    kernel = _single(a.get("kernel_size"), "Conv1D's kernel_size")
    stride = _single(a.get("strides", 1), "Conv1D's strides")
    dilation = _single(a.get("dilation_rate", 1), "Conv1D's dilation_rate")
    groups = need(a.get("groups", 1), "Conv1D's groups", low=1)
    channels = _features(layer, shape)
    if channels % groups or filters % groups or stride > 1 and dilation > 1:
        raise Refusal("Conv1D: groups must divide channels and filters, and strides > 1 excludes dilation_rate > 1")
    params = kernel * (channels // groups) * filters + filters * _bias(layer)
    padding = a.get("padding", "valid")
    padding = padding.lower() if isinstance(padding, str) else padding  # Conv1D reads "SAME" as "same"
    return params, (_length(shape[0], kernel, stride, dilation, padding), filters)


def _single(value, purpose: str) -> int:
    if isinstance(value, (tuple, list)) and len(value) == 1:
        value = value[0]
    return need(value, purpose, low=1)


def _length(steps, kernel: int, stride: int, dilation: int, padding) -> int | None:
    """Output steps of a convolution or pooling; Keras refuses a padding it does not know and an empty output."""
    if padding not in ("valid", "same", "causal"):
        raise Refusal(f"padding must be 'valid', 'same' or 'causal', got {padding!r}")
    if steps is None:
        return None
    if padding in ("same", "causal"):  # padded so that every step (or stride) gives one output
        return -(-steps // stride)
    length = (steps - dilation * (kernel - 1) - 1) // stride + 1
    if length <= 0:
        raise Refusal(f"the window ({kernel}) is longer than the {steps} steps it slides over")
    return length


def _rank(layer: KerasLayer, shapes: list, rank: int) -> tuple:
    shape = _one(layer, shapes)
    if len(shape) != rank:
        raise Refusal(f"{layer.type} ({layer.name}) reads inputs of rank {rank}; its input is {shape}")
    return shape


def _pooling(layer: KerasLayer, shapes: list):
    shape = _rank(layer, shapes, 2)
    size = _single(layer.args.get("pool_size", 2), f"{layer.type}'s pool_size")
    strides = layer.args.get("strides")
    stride = _single(size if strides is None else strides, f"{layer.type}'s strides")
    return 0, (_length(shape[0], size, stride, 1, layer.args.get("padding", "valid")),) + shape[1:]


def _global_pooling(layer: KerasLayer, shapes: list):
    return 0, _rank(layer, shapes, 2)[-1:]


def _flatten(layer: KerasLayer, shapes: list):
    shape = _one(layer, shapes)
    if None in shape:
        raise Refusal(f"Flatten ({layer.name}) needs every dimension of its input, but the input is {shape}")
    return 0, (prod(shape),)


def _repeat(layer: KerasLayer, shapes: list):
    return 0, (need(layer.args.get("n"), "RepeatVector's n", low=1),) + _rank(layer, shapes, 1)


def _reshape(layer: KerasLayer, shapes: list):
    shape = _one(layer, shapes)
    target = layer.args.get("target_shape")
    if not isinstance(target, (tuple, list)):
        raise Refusal("Reshape needs target_shape as a tuple")
    target = tuple(need(d, "Reshape's target_shape", low=1) for d in target)
    if None not in shape and prod(shape) != prod(target):
        raise Refusal(f"Reshape of {shape} into {target}: the sizes differ")
    return 0, target


def _same(layer: KerasLayer, shapes: list):
    return 0, _one(layer, shapes)


def _concatenate(layer: KerasLayer, shapes: list):
    parts = [dims(s, "Concatenate's inputs") for s in shapes]
    axis = layer.args.get("axis", -1)
    if axis != -1 or len({len(p) for p in parts}) != 1:
        raise Refusal("Concatenate is counted along the last axis of inputs of one rank")
    if any(p[-1] is None for p in parts) or len({p[:-1] for p in parts}) != 1:
        raise Refusal("Concatenate's inputs need known feature sizes and matching other axes")
    return 0, parts[0][:-1] + (sum(p[-1] for p in parts),)


def _merge(layer: KerasLayer, shapes: list):
    parts = [dims(s, f"{layer.type}'s inputs") for s in shapes]
    if layer.type == "Subtract" and len(parts) != 2:
        raise Refusal("Subtract takes exactly two inputs")
    if len(set(parts)) != 1:  # Keras broadcasts; rnncalc counts inputs of one shape
        raise Refusal(f"{layer.type} of inputs of different shapes ({', '.join(map(str, parts))}) is not counted")
    return 0, parts[0]


def _attention(layer: KerasLayer, shapes: list):
    if layer.args.get("use_scale", False) or layer.args.get("score_mode", "dot") != "dot":
        raise Refusal("Attention with use_scale or score_mode='concat' is not counted")
    if len(shapes) not in (2, 3):
        raise Refusal("Attention takes [query, value] or [query, value, key]")
    query, value = dims(shapes[0], "Attention's query"), dims(shapes[1], "Attention's value")
    return 0, query[:-1] + value[-1:]  # one output per query step, as wide as the values


def _multi_head(layer: KerasLayer, shapes: list):
    a = layer.args
    if len(shapes) < 2:
        raise Refusal("MultiHeadAttention is called on a query and a value, e.g. mha(x, x)")
    heads = need(a.get("num_heads"), "MultiHeadAttention's num_heads", low=1)
    key_dim = need(a.get("key_dim"), "MultiHeadAttention's key_dim", low=1)
    value_dim = key_dim if a.get("value_dim") is None else need(a["value_dim"], "MultiHeadAttention's value_dim")
    query, value = (dims(s, "MultiHeadAttention's inputs") for s in shapes[:2])
    key = dims(shapes[2], "MultiHeadAttention's key") if len(shapes) > 2 else value
    width = query[-1] if a.get("output_shape") is None else need(a["output_shape"], "output_shape")
    bias = _bias(layer)
    projections = heads * key_dim * (query[-1] + key[-1]) + heads * value_dim * value[-1]
    out = heads * value_dim * width
    params = projections + out + bias * (2 * heads * key_dim + heads * value_dim + width)
    return params, query[:-1] + (width,)


def _unsupported(layer: KerasLayer, shapes: list):
    raise Refusal(f"{layer.type} is not a layer rnncalc counts ({counted_types()})")


_BUILDERS = {
    **dict.fromkeys(RECURRENT, _recurrent),
    "Dense": _dense,
    "Bidirectional": _bidirectional,
    "TimeDistributed": _time_distributed,
    "Embedding": _embedding,
    "LayerNormalization": _normalization,
    "BatchNormalization": _normalization,
    "Conv1D": _conv1d,
    "Flatten": _flatten,
    "RepeatVector": _repeat,
    "Reshape": _reshape,
    "Concatenate": _concatenate,
    "Attention": _attention,
    "MultiHeadAttention": _multi_head,
    **dict.fromkeys(SAME_SHAPE, _same),
    **dict.fromkeys(MERGES, _merge),
    **dict.fromkeys(POOLING, _pooling),
    **dict.fromkeys(GLOBAL_POOLING, _global_pooling),
}
KNOWN = frozenset(_BUILDERS) | {"Input", "InputLayer"}
# Arguments that leave a layer's weights as the counts above make them; any other is refused, never ignored.
NEUTRAL = frozenset(
    "name trainable autocast activation recurrent_activation kernel_initializer recurrent_initializer "
    "bias_initializer embeddings_initializer beta_initializer gamma_initializer moving_mean_initializer "
    "moving_variance_initializer kernel_regularizer recurrent_regularizer bias_regularizer embeddings_regularizer "
    "beta_regularizer gamma_regularizer activity_regularizer kernel_constraint recurrent_constraint "
    "bias_constraint embeddings_constraint beta_constraint gamma_constraint dropout recurrent_dropout seed "
    "return_sequences return_state go_backwards unroll use_cudnn unit_forget_bias mask_zero input_shape "
    "input_dim input_length batch_size rate noise_shape epsilon momentum synchronized padding "
    "strides pool_size dilation_rate use_bias center scale reset_after merge_mode layer backward_layer weights "
    "units filters kernel_size groups output_dim n target_shape num_heads key_dim value_dim output_shape "
    "attention_axes use_scale score_mode implementation sparse mask_value stddev negative_slope max_value "
    "threshold keepdims axis shape tensor optional ragged rms_scaling lora_alpha".split()
)
NEUTRAL_VALUES = {  # neutral only at these values
    "data_format": ("channels_last",),
    "lora_rank": (None,),
    "stateful": (False,),  # stateful=True needs a fixed batch size
    "dtype": (None, "float32", "float16", "bfloat16", "float64", "mixed_float16", "mixed_bfloat16"),
}
MANY_INPUTS = MERGES | {"Concatenate", "Attention"}  # called on a list of tensors
NEEDS_SEQUENCE_INPUT = frozenset(RECURRENT) | {"Bidirectional"}


def counted_types() -> str:
    named = sorted(set(_BUILDERS) - SAME_SHAPE - MERGES - POOLING - GLOBAL_POOLING)
    return ", ".join(named) + ", pooling, merging and parameter-free layers"
