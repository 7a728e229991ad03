"""Which model the code defines, and its summary: every module with its parameters, the recurrent layers, the total."""

from __future__ import annotations

import ast
from typing import NamedTuple

from . import keras as K
from . import pytorch as T
from .calls import call_function, instantiate, sequential_output
from .interpreter import Interpreter
from .values import Class, Function, Refusal


class ModuleRow(NamedTuple):
    path: str  # as in the code: encoder.lstm, layers.0; a Keras layer's name
    type: str  # LSTM, Bidirectional(LSTM), the code's own class
    depth: int  # nesting, for indentation
    output: str | None  # output features (PyTorch, where the constructor fixes them) or shape (Keras)
    params: int  # its parameters, submodules included
    line: int | None  # where the code builds it (None: read from weights)


class RecurrentLayer(NamedTuple):
    path: str
    network: dict  # count_params arguments under the framework's convention
    params: int


class Model(NamedTuple):
    framework: str  # pytorch or keras
    name: str  # the class, function or variable the model came from
    modules: list[ModuleRow]
    recurrent: list[RecurrentLayer]
    total: int  # sum(p.numel() for p in model.parameters()) / model.count_params()
    notes: tuple[str, ...]


def summarise(reader: Interpreter, entry: str | None, input_size: int | None) -> Model:
    name, roots = _choose(reader, entry)
    torch = [r for r in roots if isinstance(r[1], T.TorchModule)]
    keras = [r for r in roots if not isinstance(r[1], T.TorchModule)]
    if torch and keras:
        raise Refusal("the code builds both PyTorch modules and Keras layers; point --from at one model")
    if torch:
        return _torch_model(name, torch, reader.notes)
    return _keras_model(name, [r[1] for r in keras], input_size, reader.notes)


# Choosing the model -------------------------------------------------------------------------------


def _choose(reader: Interpreter, entry: str | None) -> tuple[str, list]:
    g = reader.globals.vars
    if entry is not None:
        if entry not in g:
            defined = [k for k, v in g.items() if isinstance(v, (Class, Function, T.TorchModule, K.KerasModel))]
            raise Refusal(f"{entry} is not defined in the code (it defines {', '.join(defined) or 'no model'})")
        return entry, [(entry, _built(reader, g[entry]))]
    pasted = reader.pasted
    if pasted is not None and (pasted.children or pasted.own):
        return pasted.type, [("self", pasted)]
    built = [(k, v) for k, v in [*g.items(), *_named(reader.unnamed, set(g))] if isinstance(v, T.TorchModule)]
    user = [(k, v) for k, v in built if v.klass is not None]  # instances of the code's own classes
    holding = [(k, v) for k, v in built if v.klass is None and (v.children or v.own or v.pending or v.recurrent)]
    torch = _outermost(user + holding)  # enc = Encoder(); model = nn.Sequential(enc, …): the Sequential
    if len(torch) > 1 and (user or _sharing(torch)):
        names = ", ".join(k for k, _ in torch)
        raise Refusal(f"the code builds several models ({names}); name the one to count: --from FILE.py:{torch[-1][0]}")
    if torch:
        return (torch[0][0] if len(torch) == 1 else "the code"), torch
    created = [m for m in reader.keras_models if not m.called and not _inside(m, reader.keras_models)]
    bound = {id(v): (k, v) for k, v in g.items() if isinstance(v, K.KerasModel) and v in created}
    models = list(bound.values()) or [(m.name or "model", m) for m in created]  # `model = …` twice: the last
    if len(models) > 1:
        names = ", ".join(k for k, _ in models)
        raise Refusal(
            f"the code builds several models ({names}); name the one to count: --from FILE.py:{models[-1][0]}"
        )
    if models:
        return (models[0][1].name or models[0][0]), models
    for kind, test in (("class", _torch_class), ("function", _builds_model)):
        found = [(k, v) for k, v in g.items() if test(v) and not _used_by_others(k, g)]
        if len(found) == 1:
            return found[0][0], [(found[0][0], _built(reader, found[0][1]))]
        if len(found) > 1:
            names = ", ".join(k for k, _ in found)
            raise Refusal(
                f"the code defines several model {kind}es ({names}) and builds none; add a line such as "
                f"'model = {found[0][0]}(…)', or name one: --from FILE.py:{found[0][0]}"
            )
    loose = [layer for layer in reader.keras_layers if not layer.wrapped]
    if loose:
        called = [layer for layer in loose if layer.built]
        model = K.KerasModel("sequential" if not called else "layers", loose[0].line, layers=called or loose)
        return "the layers", [("layers", model)]
    raise Refusal(
        "no model found: write the PyTorch module (a class, nn.LSTM(…), nn.Sequential(…)) or the Keras model "
        "(Sequential, a functional Model, a function that builds one)"
    )


def _named(unnamed: list, taken: set) -> list:
    """Names for the modules built alone (nn.LSTM(28, 128) on a line of its own): lstm, lstm_1, …, each unlike
    every variable of the code and every other (two modules must never become one)."""
    out = []
    for base, module in unnamed:
        name = next(n for n in (base, *(f"{base}_{k}" for k in range(1, len(taken) + 2))) if n not in taken)
        taken.add(name)
        out.append((name, module))
    return out


def _built(reader: Interpreter, value):
    if isinstance(value, Class):
        return instantiate(reader, value, [], {}, value.node)
    if isinstance(value, Function):
        result = call_function(reader, value, [], {}, value.node)
        if isinstance(result, (tuple, list)):
            result = next((r for r in result if isinstance(r, (T.TorchModule, K.KerasModel))), None)
        if not isinstance(result, (T.TorchModule, K.KerasModel)):
            models = [m for m in reader.keras_models if not m.called]
            if not models:
                raise Refusal(f"{value.node.name}() does not return a model rnncalc can read", value.node)
            result = models[-1]
        return result
    if isinstance(value, (T.TorchModule, K.KerasModel)):
        return value
    raise Refusal(f"{type(value).__name__} is not a model")


def _torch_class(value) -> bool:
    return isinstance(value, Class) and (value.framework_base() or "").startswith("torch.nn")


def _builds_model(value) -> bool:
    if not isinstance(value, Function) or value.node.name == "forward":
        return False
    for node in ast.walk(value.node):
        if isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute)):
            name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
            if name in ("Sequential", "Model") or name in K.KNOWN:
                return True
    return False


def _used_by_others(name: str, g: dict) -> bool:
    for other, value in g.items():
        if other != name and isinstance(value, (Class, Function)):
            if any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(value.node)):
                return True
    return False


def _outermost(roots: list) -> list:
    inner = set()
    for _, module in roots:
        stack = list(module.children.values())
        while stack:
            child = stack.pop()
            if id(child) not in inner:
                inner.add(id(child))
                stack += child.children.values()
    seen, out = set(), []
    for name, module in roots:
        if id(module) not in inner and id(module) not in seen:
            seen.add(id(module))
            out.append((name, module))
    return out


def _sharing(roots: list) -> bool:
    """Whether two of the modules hold a submodule in common (one is a slice or a view of the other)."""
    seen: set = set()
    for _, module in roots:
        inside, stack = set(), list(module.children.values())
        while stack:
            child = stack.pop()
            if id(child) not in inside:
                inside.add(id(child))
                stack += child.children.values()
        if inside & seen:
            return True
        seen |= inside
    return False


def _inside(model: K.KerasModel, models: list) -> bool:
    return any(model in other.layers for other in models if other is not model)


# PyTorch ------------------------------------------------------------------------------------------


def _torch_model(name: str, roots: list, notes: list) -> Model:
    if len(roots) == 1 and (roots[0][1].klass is not None or roots[0][0] == "self"):
        container = roots[0][1]
        name = container.type
    else:
        container = T.TorchModule("the code", 0, children=dict(roots))
    rows: list[ModuleRow] = []
    recurrent: list[RecurrentLayer] = []
    _walk(container, "", 0, rows, recurrent, set())
    return Model("pytorch", name, rows, recurrent, T.total(container), tuple(notes))


def _walk(module: T.TorchModule, prefix: str, depth: int, rows: list, recurrent: list, seen: set) -> None:
    for key, child in module.children.items():
        path = f"{prefix}{key}"
        shared = id(child) in seen
        seen.add(id(child))
        params = 0 if shared else T.total(child)
        kind = child.type + (" (shared, counted once)" if shared else "")
        rows.append(
            ModuleRow(path, kind, depth, None if child.features is None else str(child.features), params, child.line)
        )
        if child.recurrent and not shared:
            recurrent.append(RecurrentLayer(path, child.recurrent, child.own))
        if not shared:
            _walk(child, f"{path}.", depth + 1, rows, recurrent, seen)


# Keras --------------------------------------------------------------------------------------------


def _keras_model(name: str, models: list, input_size: int | None, notes: list) -> Model:
    layers: list = []
    for model in models:
        for layer in _layers(model, input_size):
            if layer not in layers:
                layers.append(layer)
    rows, recurrent = [], []
    names = [layer.name for layer in layers]
    if len(set(names)) != len(names):
        raise Refusal(f"two layers of the model are named {next(n for n in names if names.count(n) > 1)!r}")
    for layer in layers:
        if layer.pending:
            raise Refusal(layer.pending)
        kind = f"{layer.type}({layer.inner.type})" if layer.inner else layer.type
        rows.append(ModuleRow(layer.name, kind, 0, _shape_text(layer.output), layer.params, layer.line))
        if layer.recurrent:
            recurrent.append(RecurrentLayer(layer.name, layer.recurrent, layer.params))
    return Model("keras", name, rows, recurrent, sum(layer.params for layer in layers), tuple(notes))


def _layers(model: K.KerasModel, input_size: int | None) -> list:
    if model.kind == "functional":
        return _graph(model)
    if model.kind == "layers":  # layers called on tensors, with no Model around them
        return model.layers
    if not model.layers:
        raise Refusal(f"line {model.line}: the Sequential holds no layers")
    first = model.layers[0]
    shape = model.declared_input or getattr(first, "declared_input", None)
    if shape is None and isinstance(first, K.KerasLayer) and first.type == "Embedding":
        shape = (None,)
    if shape is None and input_size is not None:
        needs_steps = isinstance(first, K.KerasLayer) and first.type in (
            *K.NEEDS_SEQUENCE_INPUT,
            "Conv1D",
            "TimeDistributed",
        )
        shape = (None, input_size) if needs_steps else (input_size,)
    sequential_output(model, shape)
    out = []
    for layer in model.layers:
        out += _layers(layer, None) if isinstance(layer, K.KerasModel) else [layer]
    return out


def _graph(model: K.KerasModel) -> list:
    """The layers between a functional model's inputs and outputs, each once, in the order the code built them."""
    found, stack, seen = [], list(model.outputs), set()
    while stack:
        tensor = stack.pop()
        if not isinstance(tensor, K.KerasTensor):
            raise Refusal(f"line {model.line}: the model's outputs are not tensors rnncalc could follow")
        if id(tensor) in seen:
            continue
        seen.add(id(tensor))
        if tensor.layer is None and tensor not in model.inputs:
            raise Refusal(f"line {model.line}: the model's outputs depend on an input it is not given")
        if isinstance(tensor.layer, K.KerasModel):
            found += [layer for layer in _layers(tensor.layer, None) if layer not in found]
        elif tensor.layer is not None and tensor.layer not in found:
            found.append(tensor.layer)
        stack += tensor.inputs
    return sorted(found, key=lambda layer: layer.line)


def _shape_text(shape) -> str | None:
    if shape is None:
        return None
    if isinstance(shape, list):
        return ", ".join(str(_shape_text(s)) for s in shape)
    return "(" + ", ".join("None" if d is None else f"{d:,}" for d in (None, *shape)) + ")"


# One recurrent network, for the commands that size one (solve) --------------------------------------


def single_network(model: Model) -> dict:
    """The model as one recurrent network and its output layer (count_params arguments), or a refusal saying why not."""
    counted = [r for r in model.modules if r.params and r.depth == min(x.depth for x in model.modules)]
    if not model.recurrent:
        raise Refusal("the model holds no recurrent layer (RNN, LSTM, GRU)")
    first = model.recurrent[0].network
    net = {k: v for k, v in first.items() if k != "convention"} | {"convention": model.framework}
    if model.framework == "pytorch":
        if len(model.recurrent) != 1 or first.get("cell") is None:
            raise Refusal("solve sizes one nn.RNN/LSTM/GRU (stack layers with num_layers)")
        others = [r for r in counted if r.path != model.recurrent[0].path]
    else:
        same = {tuple(sorted((k, v) for k, v in r.network.items() if k != "input_size")) for r in model.recurrent}
        if len(same) != 1:
            raise Refusal("solve sizes a stack of identical recurrent layers")
        net["layers"] = len(model.recurrent)
        names = {r.path for r in model.recurrent}
        others = [r for r in counted if r.path not in names]
    heads = [r for r in others if r.type in ("Linear", "Dense")]
    rest = [r for r in others if r not in heads]
    if rest or len(heads) > 1:
        listed = ", ".join(f"{r.path} ({r.type})" for r in rest + heads[1:])
        raise Refusal(f"solve sizes one recurrent network and its output layer; the model also holds {listed}")
    net["output_size"] = int(str(heads[0].output).rsplit(",", 1)[-1].strip(" ()").replace(",", "")) if heads else 0
    from ..counting.params import count_params

    if count_params(**net).total != model.total:  # a head reading other features, or with another bias setting
        raise Refusal("the output layer does not fit the recurrent layers as one network (its inputs or bias differ)")
    return net
