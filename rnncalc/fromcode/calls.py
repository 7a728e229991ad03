"""What a call does in the static reader: Python's builtins, the code's own functions and classes, the framework
constructors, and the few methods that change a model (``add``, ``append``, ``add_module``, ``build``…).

Size: a handler per kind of call, each short; the interpreter and these handlers call each other (a call runs
code, code makes calls), the one import cycle of the package, kept to this pair."""

from __future__ import annotations

import ast
from math import prod
from typing import Any, Callable

from . import keras as K
from . import pytorch as T
from .facts import _WIDE, _bounded, _hashable, _holds_layers, _Parameter, _plain, _size, _source, decorated
from .interpreter import MAX_DEPTH, NO_DEFAULT, Interpreter, Method, Scope, Super, _bound, _Return
from .values import Class, Function, Instance, Ref, Refusal, TensorShape, Unknown, Unordered, shown_value

_SAME_MODULE = {"torch.compile", "torch.jit.script", "typing.cast"}
_DATA_LIBRARIES = frozenset(
    "torch numpy math random os sys json re time argparse collections functools itertools typing dataclasses "
    "pathlib logging pandas tensorflow jax builtins string copy warnings pickle tqdm matplotlib sklearn scipy "
    "datetime io glob shutil csv yaml".split()
)
_TENSOR_MAKERS = frozenset("zeros ones randn rand empty Tensor FloatTensor".split())
_FLOAT_DTYPES = {f"torch.{t}" for t in "float32 float float16 half float64 double bfloat16".split()}
_PLAIN_METHODS = {
    list: {"index", "count", "copy"},
    dict: {"items", "keys", "values", "get", "update", "setdefault", "copy", "pop"},
    str: {"format", "join", "upper", "lower", "replace", "strip", "split", "startswith", "endswith"},
    tuple: {"index", "count"},
}
_ORDER_FREE = frozenset("len sorted min max sum any all set list tuple print str repr".split())
_LIST_METHODS = frozenset("append extend insert pop remove reverse clear index count copy sort".split())
_MODULE_DATA = frozenset(
    "parameters named_parameters modules named_modules children named_children buffers named_buffers state_dict "
    "forward extra_repr flatten_parameters zero_grad register_forward_hook register_forward_pre_hook "
    "register_full_backward_hook register_backward_hook register_buffer load_state_dict get_submodule "
    "get_parameter numel".split()
)


_KERAS_POSITIONAL = {
    "SimpleRNN": ("units", "activation", "use_bias"),
    **dict.fromkeys(("LSTM", "GRU"), ("units", "activation", "recurrent_activation", "use_bias")),
    "Attention": ("use_scale", "score_mode", "dropout", "seed"),
    "Dense": ("units", "activation", "use_bias"),
    "Embedding": ("input_dim", "output_dim"),
    "Conv1D": ("filters", "kernel_size", "strides", "padding"),
    "Bidirectional": ("layer", "merge_mode", "weights", "backward_layer"),
    "TimeDistributed": ("layer",),
    "Dropout": ("rate", "noise_shape", "seed"),
    "SpatialDropout1D": ("rate",),
    "Activation": ("activation",),
    "RepeatVector": ("n",),
    "Reshape": ("target_shape",),
    "Concatenate": ("axis",),
    "MultiHeadAttention": ("num_heads", "key_dim", "value_dim"),
    "LayerNormalization": ("axis", "epsilon", "center", "scale"),
    "BatchNormalization": ("axis", "momentum", "epsilon", "center", "scale"),
    **dict.fromkeys(K.POOLING, ("pool_size", "strides", "padding")),
    "Input": ("shape", "batch_size", "dtype"),
    "InputLayer": ("shape", "batch_size", "dtype"),
}


def call(reader: Interpreter, function, args: list, kwargs: dict, node: ast.Call, scope: Scope):
    if isinstance(function, Ref):
        return _framework(reader, function.path, args, kwargs, node, scope)
    if isinstance(function, Function):
        return call_function(reader, function, args, kwargs, node)
    if isinstance(function, Class):
        return instantiate(reader, function, args, kwargs, node)
    if isinstance(function, Method):
        return _method(reader, function, args, kwargs, node)
    if isinstance(function, Partial):
        return call(reader, function.function, [*function.args, *args], {**function.kwargs, **kwargs}, node, scope)
    if isinstance(function, (K.KerasLayer, K.KerasModel)):
        return apply_keras(reader, function, args, kwargs, node)
    if isinstance(function, Unknown) and function.settable and function.what in _LAYER_NAMES:
        name = function.what
        keras_home = "keras" if name in ("Sequential", "Model", "Input") else "keras.layers"
        where = [f"'from {keras_home} import {name}'"] * (name in K.KNOWN or name in ("Sequential", "Model")) + [
            f"'from torch.nn import {name}'"
        ] * (name in T.SIGNATURES or name in T.PARAMETER_FREE or name in T.CONTAINERS)
        raise Refusal(f"{name} is not imported, so its framework is not known: add {' or '.join(where)}", node)
    if isinstance(function, Instance) and isinstance(function.klass.lookup("__call__"), Function):
        return call_function(reader, _bound(function.klass.lookup("__call__"), function), args, kwargs, node)
    return reader.unknown_call(function, node, [*args, *kwargs.values()])


_LAYER_NAMES = K.KNOWN | set(T.SIGNATURES) | T.PARAMETER_FREE | set(T.CONTAINERS) | {"Model"}


def call_function(reader: Interpreter, f: Function, args: list, kwargs: dict, node: ast.AST):
    """Run the code's own function (or method) with its arguments bound; a parameter left open is unknown."""
    if reader.depth >= MAX_DEPTH:
        raise Refusal(f"calls nest more than {MAX_DEPTH} deep", node)
    a = f.node.args
    scope = Scope(f.scope, owner=f.owner, instance=f.bound)
    positional = [*a.posonlyargs, *a.args]
    given = ([f.bound] if f.bound is not None else []) + list(args)
    kwargs = dict(kwargs)
    first_default = len(positional) - len(f.defaults)
    for i, parameter in enumerate(positional):
        if i < len(given):
            value = given[i]
        elif parameter.arg in kwargs:
            value = kwargs.pop(parameter.arg)
        elif i >= first_default:
            value = f.defaults[i - first_default]
        else:
            value = Unknown(parameter.arg, parameter, settable=True)
        scope.vars[parameter.arg] = value.named(parameter.arg) if isinstance(value, Unknown) else value
    if a.vararg:
        scope.vars[a.vararg.arg] = tuple(given[len(positional) :])
    for parameter, default in zip(a.kwonlyargs, f.kw_defaults):
        value = kwargs.pop(parameter.arg, default)
        scope.vars[parameter.arg] = Unknown(parameter.arg, parameter, settable=True) if value is NO_DEFAULT else value
    if a.kwarg:
        scope.vars[a.kwarg.arg] = kwargs
    reader.depth += 1
    try:
        reader.run(f.node.body, scope)
    except _Return as r:
        return r.value
    finally:
        reader.depth -= 1
    return None


def instantiate(reader: Interpreter, klass: Class, args: list, kwargs: dict, node: ast.AST):
    base = klass.framework_base() or ""
    if base.startswith("keras"):
        raise Refusal(
            f"{klass.name} subclasses {base}: Keras makes its weights when call() first runs, which rnncalc does "
            "not do; write the layers as a Sequential or functional model",
            node,
        )
    init = klass.lookup("__init__")
    obj: T.TorchModule | Instance
    if base.startswith("torch.nn"):
        obj = T.TorchModule(klass.name, getattr(node, "lineno", 0), klass=klass)
        if not isinstance(init, Function):  # class MyLSTM(nn.LSTM) without an __init__: the framework's
            _framework_init(reader, obj, args, kwargs, node)  # type: ignore[arg-type]  # a call builds it
    elif isinstance(init, Function):
        obj = Instance(klass)
    else:
        return _fields(klass, args, kwargs, node)
    if isinstance(init, Function):
        call_function(reader, _bound(init, obj), args, kwargs, node)
    return obj


def _framework_init(reader: Interpreter, module: T.TorchModule, args: list, kwargs: dict, node: ast.Call) -> None:
    """The framework __init__ of a subclass of a PyTorch module: nn.Module's builds nothing; nn.LSTM's the LSTM."""
    assert module.klass is not None, "a subclass of a framework module"
    name = str(module.klass.framework_base()).split(".")[-1]
    module.children.clear()  # nn.Module.__init__ starts the registry afresh, as a second call shows
    module.own, module.initialised = 0, True
    if name != "Module":
        T.adopt(module, _torch_module(reader, name, args, kwargs, node))


def _fields(klass: Class, args: list, kwargs: dict, node: ast.AST):
    """An object of a class without __init__: a dataclass or NamedTuple takes its fields from the call, in the
    order the class declares them; another class takes no arguments (anything else is not followed)."""
    fields = [s.target.id for s in klass.node.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)]
    record = decorated(klass.node, "dataclass") or any(
        isinstance(b, Ref) and b.path.endswith("NamedTuple") for b in klass.bases
    )
    unusual = (
        klass.lookup("__post_init__")
        or any(isinstance(b, Class) for b in klass.bases)
        or any(
            isinstance(s, ast.AnnAssign) and ("ClassVar" in ast.unparse(s.annotation) or isinstance(s.value, ast.Call))
            for s in klass.node.body
        )
    )
    if (args or kwargs) and not record or record and unusual:
        return Unknown(f"{klass.name}(…)", node, builds=True)
    obj = Instance(klass)
    if len(args) > len(fields) or set(kwargs) - set(fields):
        return Unknown(f"{klass.name}(…)", node, builds=True)
    given = dict(zip(fields, args)) | kwargs
    for name in fields:
        if name in given:
            obj.attrs[name] = given[name]
        elif klass.lookup(name) is None:
            obj.attrs[name] = Unknown(f"{klass.name}.{name}", node)
    return obj


# Framework names ----------------------------------------------------------------------------------


def _framework(reader: Interpreter, path: str, args: list, kwargs: dict, node: ast.Call, scope: Scope):
    if path.startswith("builtins."):
        return _builtin(reader, path[9:], args, kwargs, node, scope)
    parts = path.split(".")
    if path == "collections.OrderedDict":
        return _ordered_dict(args, node)
    if parts[:2] == ["torch", "nn"] and len(parts) == 3:
        return _torch_module(reader, parts[2], args, kwargs, node)
    if path == "torch.nn.Embedding.from_pretrained":
        return T.from_pretrained(args[0] if args else kwargs.get("embeddings"), node.lineno)
    if len(parts) == 2 and parts[0] == "torch" and parts[1] in _TENSOR_MAKERS:
        return _tensor(parts[1], args, kwargs)
    if path in ("copy.deepcopy", "copy.copy") and len(args) == 1:
        return _copy(args[0], deep=path == "copy.deepcopy", node=node)
    if path == "functools.partial" and args:
        return Partial(args[0], args[1:], kwargs)
    if parts[0] == "keras":
        return _keras(reader, parts, args, kwargs, node)
    if path in _SAME_MODULE and args:  # torch.compile(m), typing.cast(T, m): the same parameters
        return args[-1] if path == "typing.cast" else args[0]
    if path.startswith("torch.nn.init."):
        return None  # values, not shapes
    outside = parts[0] not in _DATA_LIBRARIES  # another library's object may hold parameters
    if outside or _holds_layers([*args, *kwargs.values()]):
        return reader.unknown_call(Unknown(path, node, builds=True), node, [*args, *kwargs.values()])
    return Unknown(_source(node.func) + "(…)", node)  # data, devices, functions: nothing to count


class Partial:
    """functools.partial(f, *args, **kwargs): called later with more."""

    def __init__(self, function, args: list, kwargs: dict):
        self.function, self.args, self.kwargs = function, args, kwargs


def _copy(value, deep: bool, node: ast.AST):
    if isinstance(value, T.TorchModule):
        if deep:
            return T.copied(value, {})
        return Unknown("copy.copy(…) of a module (its parameters shared)", node, builds=True)
    if isinstance(value, (int, float, str, bool, tuple)) or value is None:
        return value
    if isinstance(value, (list, dict)) and not deep:
        return value.copy()
    return Unknown(_source(getattr(node, "func", node)) + "(…)", node, builds=True)


def _tensor(name: str, args: list, kwargs: dict):
    """torch.zeros(3, 4), torch.randn((3, 4)): a tensor of that shape; torch.Tensor([3, 4]) is data (two numbers)."""
    if name in ("Tensor", "FloatTensor") and len(args) == 1 and isinstance(args[0], (tuple, list)):
        return Unknown("a tensor's shape", None)
    if "size" in kwargs and args or set(kwargs) - {"size", "requires_grad", "device"} and "dtype" not in kwargs:
        return Unknown("a tensor's shape", None)
    dtype = kwargs.get("dtype")
    if dtype is not None and not (isinstance(dtype, Ref) and dtype.path in _FLOAT_DTYPES):
        return Unknown("a tensor of another dtype", None)
    sizes = args[0] if len(args) == 1 and isinstance(args[0], (tuple, list)) else args
    sizes = kwargs.get("size", sizes)
    if sizes and all(isinstance(s, int) and not isinstance(s, bool) and 0 <= s <= 10**12 for s in sizes):
        if prod(sizes) <= 10**15:
            return TensorShape(tuple(sizes))
    return Unknown("a tensor's shape", None)


def _ordered_dict(args: list, node: ast.AST):
    if not args:
        return {}
    pairs = args[0]
    if isinstance(pairs, dict):
        return dict(pairs)
    if isinstance(pairs, (list, tuple)) and all(isinstance(p, (tuple, list)) and len(p) == 2 for p in pairs):
        return {k: v for k, v in pairs}
    return Unknown("OrderedDict(…)", node)


def _torch_module(reader: Interpreter, name: str, args: list, kwargs: dict, node: ast.Call):
    line = node.lineno
    if name in T.CONTAINERS:
        module = T.TorchModule(name, line, kind=T.CONTAINERS[name])
        items = args
        if name == "Sequential" and len(args) == 1 and isinstance(args[0], dict):
            for key, value in args[0].items():
                reader.register(module, str(key), value, node)
            return module
        if name != "Sequential":
            items = args[0] if args else []
            if isinstance(items, Unknown):
                return T.TorchModule(name, line, pending=f"line {line}: the modules of this {name} are not known")
        if not isinstance(items, (list, tuple, dict, T.TorchModule)):
            raise Refusal(f"nn.{name} takes modules, got {shown_value(items)}", node)
        if name == "ModuleDict":
            pairs = items.items() if isinstance(items, dict) else items
            if not all(isinstance(p, (tuple, list)) and len(p) == 2 and isinstance(p[0], str) for p in pairs):
                raise Refusal("nn.ModuleDict takes (name, module) pairs, each name a string", node)
            for key, value in pairs:
                reader.register(module, str(key), value, node)
        else:
            for value in reader.items(items, node):
                reader.register(module, str(len(module.children)), value, node)
        return module
    if name == "Parameter":
        size = T.parameter(args[0] if args else kwargs.get("data"), line)
        return _Parameter(size, None) if isinstance(size, int) else _Parameter(0, size)
    if name == "Module":
        return T.TorchModule("Module", line)
    if name in T.SIGNATURES:
        dtype = kwargs.get("dtype")
        if dtype is not None and not (isinstance(dtype, Ref) and dtype.path in _FLOAT_DTYPES):
            raise Refusal(f"nn.{name}'s parameters must be floating point, got dtype={_source(node)}", node)
        if len(args) > T.POSITIONAL.get(name, len(args)):
            raise Refusal(f"nn.{name}: write the arguments after the {T.POSITIONAL[name]}th by keyword", node)
        return T.build(name, _arguments(f"nn.{name}", T.SIGNATURES[name], args, kwargs, node), line)
    if name in T.PARAMETER_FREE:
        return T.TorchModule(name, line)
    if name[:1].isupper():
        return T.TorchModule(
            name, line, pending=f"line {line}: nn.{name} is not a module rnncalc counts (it counts {T.counted_types()})"
        )
    return Unknown(f"nn.{name}(…)", node)


def _arguments(call: str, names: tuple, args: list, kwargs: dict, node: ast.AST) -> dict:
    """Arguments by name, as the signature orders them; what the framework would reject is refused."""
    if len(args) > len(names):
        raise Refusal(f"{call} takes at most {len(names)} positional arguments, got {len(args)}", node)
    values = dict(zip(names, args))
    for key, value in kwargs.items():
        if key not in names:
            raise Refusal(f"{call} has no argument {key!r}", node)
        if key in values:
            raise Refusal(f"{call} got {key!r} twice", node)
        values[key] = value
    return values


def _keras(reader: Interpreter, parts: list, args: list, kwargs: dict, node: ast.Call):
    name = parts[-1]
    line = node.lineno
    if name == "Sequential":
        model = K.KerasModel("sequential", line, name=kwargs.get("name"))
        for layer in args[0] if args and isinstance(args[0], (list, tuple)) else kwargs.get("layers") or []:
            _add(model, layer, node)
        reader.keras_models.append(model)
        return model
    if name in ("Model", "Functional"):
        inputs = args[0] if args else kwargs.get("inputs")
        outputs = args[1] if len(args) > 1 else kwargs.get("outputs")
        model = K.KerasModel(
            "functional", line, inputs=_tensors(inputs), outputs=_tensors(outputs), name=kwargs.get("name")
        )
        reader.keras_models.append(model)
        return model
    if name in K.FUNCTIONS and parts[-2] == "layers":  # layers.concatenate([a, b], axis=-1); not keras.ops
        layer = _new_layer(reader, K.FUNCTIONS[name], [], {k: v for k, v in kwargs.items() if k == "axis"}, node)
        return apply_keras(reader, layer, args[:1], {}, node)
    if name == "Input":
        a = _arguments(
            "Input",
            ("shape", "batch_size", "dtype", "sparse", "batch_shape", "name", "tensor", "optional", "ragged"),
            args,
            kwargs,
            node,
        )
        if "shape" in a and "batch_shape" in a:
            raise Refusal("Input takes shape or batch_shape, not both", node)
        shape = a.get("shape", (a["batch_shape"][1:] if isinstance(a.get("batch_shape"), (tuple, list)) else None))
        return K.KerasTensor(_shape(shape, node))
    if name[:1].isupper() and (len(parts) == 2 or parts[1] == "layers"):
        return _new_layer(reader, name, args, kwargs, node)
    return Unknown(".".join(parts) + "(…)", node)


def _shape(shape, node: ast.AST):
    if isinstance(shape, (tuple, list)):
        return tuple(shape)
    if isinstance(shape, Unknown):
        return ("unknown", shape)
    raise Refusal("Input needs shape=(timesteps, features)", node)


def _new_layer(reader: Interpreter, kind: str, args: list, kwargs: dict, node: ast.Call) -> K.KerasLayer:
    names = _KERAS_POSITIONAL.get(kind, ())
    if len(args) > len(names):
        raise Refusal(f"rnncalc reads {kind}'s arguments past the first {len(names)} by keyword; write them so", node)
    for key, value in kwargs.items():
        neutral = key in K.NEUTRAL or key in names or value in K.NEUTRAL_VALUES.get(key, ())
        if not neutral and kind in K.KNOWN:
            raise Refusal(
                f"{kind}'s {key}={shown_value(value)} changes its weights in a way rnncalc does not count", node
            )
    values = dict(zip(names, args)) | kwargs
    name = values.get("name") if isinstance(values.get("name"), str) else K.default_name(kind, reader.names)
    layer = K.KerasLayer(kind, node.lineno, values, str(name))
    if kind in ("Bidirectional", "TimeDistributed"):
        inner = values.get("layer")
        if not isinstance(inner, K.KerasLayer):
            raise Refusal(f"{kind} wraps a layer, got {_source(node)}", node)
        layer.inner, inner.wrapped = inner, True
        backward = values.get("backward_layer")
        if isinstance(backward, K.KerasLayer):
            layer.backward, backward.wrapped = backward, True
    layer.declared_input = K.declared_shape(kind, values)
    if kind == "InputLayer":
        shape = values.get("shape", values.get("input_shape"))
        layer.declared_input = _shape(shape, node)
    reader.keras_layers.append(layer)
    return layer


def _tensors(value) -> list:
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple)):
        return [t for v in value for t in _tensors(v)]
    return [value]


def _add(model: K.KerasModel, item, node: ast.AST) -> None:
    if (isinstance(item, K.KerasTensor) and item.layer is None) or (
        isinstance(item, K.KerasLayer) and item.type == "InputLayer"
    ):  # keras.Input(…) or an InputLayer: first, and once
        if model.declared_input is not None or model.layers:
            raise Refusal("a Sequential takes its input first, and once", node)
        model.declared_input = item.shape if isinstance(item, K.KerasTensor) else item.declared_input
    elif isinstance(item, (K.KerasLayer, K.KerasModel)):
        model.layers.append(item)
    else:
        raise Refusal(f"Sequential holds layers; this is {_source(node)}", node)


def apply_keras(reader: Interpreter, layer, args: list, kwargs: dict, node: ast.AST):
    """A layer called on tensors: built on their shapes, giving the tensors it outputs."""
    inputs = _tensors(args[0]) if args else []
    for key in ("query", "value", "key", "inputs"):
        if key in kwargs:
            inputs += _tensors(kwargs[key])
    if len(args) > 1 and isinstance(layer, K.KerasLayer) and layer.type == "MultiHeadAttention":
        inputs += _tensors(args[1:3])
    if not inputs or not all(isinstance(t, K.KerasTensor) for t in inputs):
        if any(isinstance(t, K.KerasTensor) for t in inputs):
            raise Refusal(f"{getattr(layer, 'name', 'the layer')} is called on tensors mixed with other values", node)
        return Unknown(_source(node), node)  # applied to data, not to a model's tensors
    many = isinstance(layer, K.KerasLayer) and layer.type in K.MANY_INPUTS
    if args and isinstance(args[0], (list, tuple)) and not many or many and not args:
        raise Refusal(
            f"{getattr(layer, 'name', 'the model')} takes {'a list of tensors' if many else 'one tensor, not a list'}",
            node,
        )
    if isinstance(layer, K.KerasModel) and layer.kind == "functional":
        if [t.shape for t in inputs[: len(layer.inputs)]] != [t.shape for t in layer.inputs]:
            raise Refusal(f"a model built on {[t.shape for t in layer.inputs]} is called on other shapes", node)
    shapes = [t.shape for t in inputs]
    followed = [t for k, v in kwargs.items() if k not in ("query", "value", "key", "inputs") for t in _tensors(v)]
    inputs = inputs + [t for t in followed if isinstance(t, K.KerasTensor)]  # initial_state=…: part of the graph
    if isinstance(layer, K.KerasModel):
        output = sequential_output(layer, shapes[0]) if layer.kind in ("sequential", "functional") else None
        layer.called = True
    else:
        output = K.build(layer, shapes)
    if isinstance(output, list):
        return [K.KerasTensor(s, layer, inputs) for s in output]
    return K.KerasTensor(output, layer, inputs)


def sequential_output(model: K.KerasModel, shape):
    """Build a Sequential's layers in turn on `shape`; the last output (None where a layer could not be built).
    A functional model among them is already built on its own inputs: its output is its outputs' shape."""
    if model.kind == "functional":
        if len(model.outputs) != 1 or not isinstance(model.outputs[0], K.KerasTensor):
            raise Refusal(f"line {model.line}: a model with several outputs inside a Sequential is not counted")
        return model.outputs[0].shape
    for layer in model.layers:
        if shape is None:
            sequential_output(layer, None) if isinstance(layer, K.KerasModel) else K.build(layer, [None])
            continue
        shape = sequential_output(layer, shape) if isinstance(layer, K.KerasModel) else K.build(layer, [shape])
        if isinstance(shape, list):
            shape = shape[0]
    return shape


# Methods ------------------------------------------------------------------------------------------


def _method(reader: Interpreter, m: Method, args: list, kwargs: dict, node: ast.Call):
    owner, name = m.owner, m.name
    if isinstance(owner, T.TorchModule):
        return _module_method(reader, owner, name, args, kwargs, node)
    if isinstance(owner, K.KerasModel):
        if name == "add" and args:
            _add(owner, args[0], node)
        elif name == "build" and args and isinstance(args[0], (tuple, list)):
            if owner.declared_input is not None:
                raise Refusal("build() of a model whose input is already given", node)
            owner.declared_input = tuple(args[0])[1:]
        elif name == "pop" and owner.layers:
            owner.layers.pop()
        return None
    if isinstance(owner, (list, dict)) and id(owner) in reader.opened:
        return Unknown(_source(node), node, builds=True)
    reader.steps += _size(owner) + sum(_size(a) for a in args)  # list.count(x) compares every item: work
    reader._tick(node)
    if isinstance(owner, list) and name in _LIST_METHODS:  # our objects compare by identity, as Python's do
        if name == "sort" and (kwargs or not all(isinstance(v, (int, float, str)) for v in owner)):
            reader.open(owner)
            return None
        try:
            result = getattr(owner, name)(*args, **kwargs)
        except (TypeError, ValueError, IndexError):
            reader.open(owner)
            return Unknown(_source(node), node)
        _bounded(len(owner), node)
        return result
    if isinstance(owner, dict) and name == "update" and not (len(args) <= 1 and all(isinstance(a, dict) for a in args)):
        reader.open(owner)  # updated from what is not known
        return None
    for kind, names in _PLAIN_METHODS.items():
        if isinstance(owner, kind) and name in names and all(_plain(a) for a in args):
            if not _small(owner, *args, *kwargs.values()) or name == "format" and _WIDE.search(owner):
                return Unknown(_source(node), node)  # "a" * 99999 .replace("a", …): not followed
            try:
                result = getattr(owner, name)(*args, **kwargs)
            except (TypeError, ValueError, KeyError, IndexError):
                return Unknown(_source(node), node)
            if isinstance(owner, list):
                _bounded(len(owner), node)
            return result
    if isinstance(owner, dict) and name in ("update", "setdefault", "pop"):
        try:
            return getattr(owner, name)(*args, **kwargs)
        except (TypeError, KeyError):
            reader.open(owner)
            return Unknown(_source(node), node)
    if isinstance(owner, (list, dict)):
        reader.open(owner)
        return Unknown(_source(node), node, builds=True)
    if owner is None or isinstance(owner, (int, float, str, tuple, TensorShape, T.TensorRef)):  # data's methods
        return reader.unknown_call(Unknown(_source(node.func), node), node, [*args, *kwargs.values()])
    return reader.unknown_call(Unknown(_source(node.func), node, builds=True), node, [*args, *kwargs.values()])


def _module_method(reader: Interpreter, module: T.TorchModule, name: str, args: list, kwargs: dict, node: ast.Call):
    if name == "__framework_init__":
        _framework_init(reader, module, args, kwargs, node)
        return None
    if name in ("add_module", "register_module", "register_parameter", "__setattr__") and len(args) == 2:
        if not isinstance(args[0], str):
            raise Refusal(f"the module added here is named by {_source(node.args[0])}, which is not known", node)
        if name != "__setattr__" and args[0] in module.attrs:
            raise Refusal(f"{name}({args[0]!r}, …): an attribute of that name exists, which PyTorch refuses", node)
        reader.register(module, str(args[0]), args[1], node)
        return None
    if name == "append" and args and module.kind in ("list", "sequential"):
        reader.register(module, str(len(module.children)), args[0], node)
        return module
    if name == "extend" and args and module.kind in ("list", "sequential"):
        items = args[0]
        if isinstance(items, Unknown) or not isinstance(items, (list, tuple, T.TorchModule)):
            module.pending = f"line {node.lineno}: the modules added here are not known"
            return module
        reader._extend(module, list(reader.items(items, node)), node)
        return module
    if name == "insert" and len(args) == 2 and module.kind in ("list", "sequential"):
        items = list(module.children.values())
        if not isinstance(args[0], int) or isinstance(args[0], bool):
            module.pending = f"line {node.lineno}: where this module is inserted is not known"
            return None
        items.insert(args[0], None)
        module.children = {}
        for i, item in enumerate(items):
            reader.register(module, str(i), args[1] if item is None else item, node)
        return None
    if name == "pop" and module.kind != "module":
        key = args[0] if args else -1
        item = module.children.get(T.position(module, key) if module.kind != "dict" else str(key))
        if item is None or not T.remove(module, key):
            module.pending = f"line {node.lineno}: the item removed here is not known"
        return item
    if name == "update" and args and module.kind == "dict" and isinstance(args[0], dict):
        for key, value in args[0].items():
            reader.register(module, str(key), value, node)
        return None
    if name in ("keys", "values", "items") and module.kind == "dict":
        return list(getattr(module.children, name)())
    if name in T.SELF_RETURNING:
        return module
    if name in _MODULE_DATA or name in ("keys", "values", "items", "train", "eval"):
        return Unknown(_source(node.func) + "(…)", node)
    module.pending = f"line {node.lineno}: {name}() may change this module, and rnncalc does not follow it"
    return Unknown(_source(node.func) + "(…)", node, builds=True)


# Builtins -----------------------------------------------------------------------------------------


def _builtin(reader: Interpreter, name: str, args: list, kwargs: dict, node: ast.Call, scope: Scope):
    if name == "super":
        return _super(args, scope, node)
    if name == "setattr" and len(args) == 3:
        if not isinstance(args[1], str):
            raise Refusal(f"the attribute set here is named by {_source(node.args[1])}, which is not known", node)
        reader.set_attribute(args[0], args[1], args[2], node)
        return None
    if name == "getattr" and len(args) in (2, 3) and isinstance(args[1], str):
        value = reader.attribute(args[0], args[1], node)
        if isinstance(value, Method):  # not an attribute rnncalc knows: the default only where it knows them all
            known_all = isinstance(args[0], (Instance, Class)) and args[1] not in ("__class__", "__dict__")
            return args[2] if len(args) == 3 and known_all else Unknown(_source(node), node)
        return value
    if name == "print":
        return None
    if name == "map" and len(args) == 2 and not isinstance(args[1], Unknown):
        items = list(reader.items(args[1], node)) if isinstance(args[1], (range, list, tuple, dict, str)) else None
        if items is None:
            return Unknown(_source(node), node, builds=True)
        _bounded(len(items), node)
        return [call(reader, args[0], [item], {}, node, scope) for item in items]
    if name == "len":
        value = args[0] if args else None
        if isinstance(value, (tuple, list, str, dict, range)):
            return len(value)
        if isinstance(value, T.TorchModule) and value.kind != "module":
            return len(value.children)
        return Unknown(ast.unparse(node), node, settable=len(ast.unparse(node)) <= 100)
    if any(isinstance(a, Unknown) for a in [*args, *kwargs.values()]):
        return next(a for a in [*args, *kwargs.values()] if isinstance(a, Unknown))
    if name == "sum" and not all(isinstance(a, (int, float)) for a in args[1:]):
        return Unknown(_source(node), node)  # sum(lists, []): not followed
    reader.steps += sum(_size(a) for a in args)  # the work it does
    reader._tick(node)
    if name in ("str", "repr") and not all(isinstance(a, (int, float, bool, str)) or a is None for a in args):
        return Unknown(_source(node), node)
    if any(isinstance(a, Unordered) for a in args) and name not in _ORDER_FREE:
        return Unknown(_source(node), node)  # enumerate(a set): pairs in an order only running the code gives
    if name == "set":
        members = args[0] if args else ()
        if not isinstance(members, (list, tuple, str, range, dict)) or not all(_hashable(v) for v in members):
            return Unknown(_source(node), node)
        return Unordered(dict.fromkeys(members))
    if name in ("list", "tuple") and args and isinstance(args[0], Unordered):
        return args[0]
    if not all(_plain(a) or isinstance(a, range) for a in [*args, *kwargs.values()]):
        return Unknown(_source(node), node)
    try:
        if name == "range":
            r = range(*args)
            _bounded(len(r), node)
            return r
        if name in ("list", "tuple", "sorted", "reversed", "enumerate", "zip", "set"):
            result = list(_PY[name](*args, **kwargs))
            _bounded(len(result), node)
            return tuple(result) if name == "tuple" else result
        if name in _PY:
            return _PY[name](*args, **kwargs)
    except (TypeError, ValueError, OverflowError, ZeroDivisionError):
        return Unknown(_source(node), node)
    return Unknown(_source(node), node)


def _small(*values) -> bool:
    """Whether the strings and lists a method works on are short enough that its result stays small."""
    return all(_size(v) <= 1000 for v in values)


def _super(args: list, scope: Scope, node: ast.AST):
    if len(args) == 2 and isinstance(args[0], Class):
        return Super(args[0], args[1])
    found: Scope | None = scope
    while found is not None and found.owner is None:
        found = found.parent
    if found is None or found.owner is None:
        return Unknown("super()", node)
    return Super(found.owner, found.instance)


_PY: dict[str, Callable[..., Any]] = {
    "int": int,
    "float": float,
    "str": str,
    "bool": bool,
    "dict": dict,
    "min": min,
    "max": max,
    "sum": sum,
    "abs": abs,
    "round": round,
    "divmod": divmod,
    "any": any,
    "all": all,
    "list": list,
    "tuple": tuple,
    "sorted": sorted,
    "reversed": reversed,
    "enumerate": enumerate,
    "zip": zip,
    "isinstance": lambda *a: Unknown("isinstance(…)", None),
    "hasattr": lambda *a: Unknown("hasattr(…)", None),
}
