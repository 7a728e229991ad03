"""Read a network from the framework code that builds it, safely: parsed with `ast`, never run.

The grammar (Python syntax; statements separated by newlines or ``;``):

PyTorch   ``nn.RNN``, ``nn.LSTM``, ``nn.GRU`` (also ``torch.nn.…``) with PyTorch's own
          positional and keyword arguments (input_size, hidden_size, num_layers,
          nonlinearity (RNN), bias, batch_first, dropout, bidirectional, proj_size
          (LSTM), device, dtype), then optionally one ``nn.Linear(in, out, bias=…)`` head.
Keras 3   ``SimpleRNN``, ``LSTM``, ``GRU`` (also ``layers.…``, ``keras.layers.…``) with
          Keras's arguments (units first; use_bias, reset_after (GRU) change the count),
          each optionally wrapped in ``Bidirectional(…)`` (merge_mode "concat"), stacked
          as identical layers, then optionally one ``Dense(k)``; the input size from
          ``Input(shape=(T, m))`` or ``input_size``. Also ``Sequential([...])``,
          ``model = Sequential()`` with ``model.add(layer)``, a layer called on a
          tensor (``LSTM(64)(x)``), ``Model(...)``, Dropout and Activation layers
          (no parameters), imports and ``model.compile(…)`` / ``model.summary()``,
          which change nothing.
Both      lines that make data or print (``input = torch.randn(5, 3, 10)``,
          ``np.random.random(…)``, ``print(…)``) and that apply a layer to data
          (``output, (hn, cn) = rnn(input, (h0, c0))``) are read past, so the
          frameworks' own documentation examples parse as written.

Values must be literals (numbers, True/False/None, strings, tuples) or names of
layers defined earlier in the code. Anything else is refused with an
:class:`InvalidArgument` on ``code`` naming the first unsupported piece.
"""

from __future__ import annotations

import ast
from typing import NamedTuple

from .cells import CELLS
from .errors import InvalidArgument, shown
from .params import KERAS_RESET_AFTER, LAYOUT_CELL, takes_layout

_TORCH_POSITIONAL = {  # PyTorch's own argument order
    "rnn": "input_size hidden_size num_layers nonlinearity bias batch_first dropout bidirectional device dtype".split(),
    "lstm": "input_size hidden_size num_layers bias batch_first dropout bidirectional proj_size device dtype".split(),
    "gru": "input_size hidden_size num_layers bias batch_first dropout bidirectional device dtype".split(),
}
_TORCH = {CELLS[cell].pytorch: cell for cell in _TORCH_POSITIONAL}  # torch.nn.LSTM → lstm
_KERAS = {c.keras: c.name for c in CELLS.values() if c.keras}  # keras.layers.SimpleRNN → rnn
_LINEAR = ("in_features", "out_features", "bias", "device", "dtype")
_KERAS_RECURRENT = (
    "units activation recurrent_activation use_bias kernel_initializer recurrent_initializer bias_initializer "
    "unit_forget_bias kernel_regularizer recurrent_regularizer bias_regularizer activity_regularizer "
    "kernel_constraint recurrent_constraint bias_constraint dropout recurrent_dropout seed return_sequences "
    "return_state go_backwards stateful unroll reset_after use_cudnn name dtype trainable"
).split()
_KERAS_DENSE = (
    "units activation use_bias kernel_initializer bias_initializer kernel_regularizer bias_regularizer "
    "activity_regularizer kernel_constraint bias_constraint name dtype trainable"
).split()
MAX_CODE = 20_000
_INPUT = ("shape", "batch_size", "dtype", "sparse", "ragged", "batch_shape", "name", "tensor", "optional")
_NO_PARAMETERS = {"Dropout", "Activation", "SpatialDropout1D"}
_DATA = ("torch.randn", "torch.rand", "torch.zeros", "torch.ones", "torch.tensor", "np.", "numpy.")
_IGNORED_METHODS = {"compile", "summary", "build", "fit", "evaluate", "predict"}


def _fail(message: str):
    raise InvalidArgument("code", message)


class _Layer(NamedTuple):
    framework: str  # pytorch or keras
    kind: str  # recurrent, head, input, none
    options: dict


def parse(code: str) -> dict:
    """The network `code` builds, as count_params options (and input_size where the code says it).

    >>> parse("rnn = nn.LSTM(10, 20, 2)")["layers"]
    2
    """
    if not isinstance(code, str) or not code.strip():
        _fail(f"give the constructor call, e.g. 'nn.LSTM(28, 128)', got {shown(code)}")
    if len(code) > MAX_CODE:
        _fail(f"{len(code):,} characters; at most {MAX_CODE:,} (the constructor calls, not a whole program)")
    try:
        code.encode("utf-8")
    except UnicodeEncodeError:
        _fail("not text: it holds bytes that are not UTF-8")
    try:
        tree = ast.parse(code.strip(), mode="exec")
        reader = _Reader()
        layers = reader.read(tree)
    except SyntaxError as e:
        _fail(f"not valid Python at line {e.lineno}, column {e.offset}: {e.msg}")
    except (RecursionError, MemoryError):  # the parser's own stack, not the machine's memory
        _fail("nested too deeply to read; write the constructor calls plainly")
    return _network(layers, reader.inputs)


class _Reader:
    """Walks the statements, keeping the layers in order and the names assigned to them."""

    def __init__(self):
        self.names: dict[str, list[_Layer]] = {}
        self.layers: list[_Layer] = []
        self.inputs: list[_Layer] = []  # Input(shape=…) wherever it appears
        self.built: list[_Layer] = []  # every layer constructed, in order

    def read(self, tree: ast.Module) -> list[_Layer]:
        for statement in tree.body:
            if isinstance(statement, (ast.Import, ast.ImportFrom)):
                continue
            if isinstance(statement, ast.Assign):
                value = self.value(statement.value, added=False)
                target = _dotted(statement.targets[0]) if len(statement.targets) == 1 else None
                if target is not None:  # rnn = …, self.rnn = …
                    self.names[target] = value
            elif isinstance(statement, ast.Expr):
                self.value(statement.value, added=True)
            else:
                _fail(f"unsupported: {_source(statement)} (write the constructor calls)")
        if any(layer.framework == "pytorch" for layer in self.built):
            return self.built  # a torch module's parameters are every submodule built, applied or not
        if self.layers:
            return self.layers
        return [layer for group in self.names.values() for layer in group]  # built and named, never added

    def value(self, node: ast.AST, added: bool) -> list[_Layer]:
        """The layers an expression builds; those of a model or a bare layer call become the network's."""
        if isinstance(node, ast.Name):
            if node.id not in self.names:
                _fail(f"unsupported name {node.id!r}: write numbers, not variables")
            return self.names[node.id]
        if not isinstance(node, ast.Call):
            _fail(f"unsupported: {_source(node)}")
        name = _dotted(node.func)
        if name in self.names:  # a layer applied to data: rnn(x), lstm(inputs)
            return self._keep(self.names[name], True)
        if name is not None and (name == "print" or name.startswith(_DATA)):
            return []  # data and printing: torch.randn(5, 3, 10), np.random.random((32, 10, 8)), print(...)
        if name is None and isinstance(node.func, ast.Call):  # LSTM(64)(x): the layer, called on a tensor
            return self._keep(self.value(node.func, added=False), True)
        if name is None:
            _fail(f"unsupported: {_source(node.func)}")
        short = name.rsplit(".", 1)[-1]
        if "." in name and short in _IGNORED_METHODS and name.split(".")[0] in self.names:
            return []
        if short == "add" and "." in name:  # model.add(layer)
            return self._keep(self.value(_only(node, "add"), added=False), True)
        if short == "Sequential":
            items = node.args[0].elts if node.args and isinstance(node.args[0], (ast.List, ast.Tuple)) else []
            if len(node.args) > 1 or (node.args and not isinstance(node.args[0], (ast.List, ast.Tuple))):
                _fail("Sequential takes a list of layers")
            return self._keep([layer for item in items for layer in self.value(item, added=False)], True)
        if short == "Model":
            return []
        built = self.layer(name, short, node)
        self.built.append(built)
        return self._keep([built], added)

    def _keep(self, layers: list[_Layer], added: bool) -> list[_Layer]:
        if added:
            self.layers += layers
        return layers

    def layer(self, name: str, short: str, node: ast.Call) -> _Layer:
        torch = name.startswith(("nn.", "torch.nn."))
        if torch and short in _TORCH:
            return _Layer(
                "pytorch",
                "recurrent",
                _arguments(node, _TORCH_POSITIONAL[_TORCH[short]], name) | {"cell": _TORCH[short]},
            )
        if torch and short == "Linear":
            return _Layer("pytorch", "head", _arguments(node, _LINEAR, name))
        if torch:
            _fail(f"unsupported PyTorch module {name} (rnncalc reads nn.RNN, nn.LSTM, nn.GRU and an nn.Linear head)")
        if short in _KERAS:
            return _Layer("keras", "recurrent", _arguments(node, _KERAS_RECURRENT, name) | {"cell": _KERAS[short]})
        if short == "Bidirectional":
            return self._bidirectional(node, name)
        if short == "Dense":
            return _Layer("keras", "head", _arguments(node, _KERAS_DENSE, name))
        if short in ("Input", "InputLayer"):
            self.inputs.append(_Layer("keras", "input", _arguments(node, _INPUT, name)))
            return self.inputs[-1]
        if short in _NO_PARAMETERS:
            return _Layer("keras", "none", {})
        _fail(
            f"unsupported layer {name} (rnncalc reads SimpleRNN, LSTM, GRU, Bidirectional, Dense, "
            "nn.RNN/LSTM/GRU/Linear)"
        )

    def _bidirectional(self, node: ast.Call, name: str) -> _Layer:
        args = _arguments(node, ("layer", "merge_mode", "weights", "backward_layer"), name, literal=False)
        inner = self.value(args["layer"], added=False) if "layer" in args else _fail("Bidirectional needs a layer")
        if len(inner) != 1 or inner[0].kind != "recurrent":
            _fail("Bidirectional wraps one SimpleRNN, LSTM or GRU layer")
        if "merge_mode" in args and _literal(args["merge_mode"]) != "concat":
            _fail(
                f"merge_mode {_literal(args['merge_mode'])!r} is not supported (rnncalc counts the default, 'concat')"
            )
        if "backward_layer" in args:
            backward = self.value(args["backward_layer"], added=False)
            if len(backward) != 1 or _shape_of(backward[0]) != _shape_of(inner[0]):
                _fail("the backward layer must be the same cell with the same units and biases as the forward one")
        return inner[0]._replace(options=inner[0].options | {"bidirectional": True})


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return None if base is None else f"{base}.{node.attr}"
    return None


def _only(node: ast.Call, what: str) -> ast.AST:
    if len(node.args) != 1 or node.keywords:
        _fail(f"{what}() takes one layer")
    return node.args[0]


def _source(node: ast.AST) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 40 else text[:39] + "…"


def _literal(node: ast.AST):
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        _fail(f"not a literal value: {_source(node)} (write the number)")


def _arguments(node: ast.Call, names, call: str, literal: bool = True) -> dict:
    """Positional and keyword arguments by name, as the signature `names` orders them."""
    if len(node.args) > len(names):
        _fail(f"{call} takes at most {len(names)} positional arguments, got {len(node.args)}")
    values = dict(zip(names, node.args))
    for keyword in node.keywords:
        if keyword.arg is None:
            _fail(f"unsupported: **{_source(keyword.value)} in {call}")
        if keyword.arg not in names:
            _fail(f"{call} has no argument {keyword.arg!r}")
        if keyword.arg in values:
            _fail(f"{call} got {keyword.arg!r} twice")
        values[keyword.arg] = keyword.value
    return {k: _literal(v) for k, v in values.items()} if literal else values


def _shape_of(layer: _Layer) -> tuple:
    o = layer.options
    return o["cell"], o.get("units"), o.get("use_bias", True), o.get("reset_after", KERAS_RESET_AFTER)


def _whole(value, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        _fail(f"{what} must be a whole number, got {shown(value)}")
    return value


def _flag(value, what: str) -> bool:
    if not isinstance(value, bool):
        _fail(f"{what} must be True or False, got {shown(value)}")
    return value


def _network(layers: list[_Layer], inputs: list[_Layer]) -> dict:
    frameworks = {layer.framework for layer in layers if layer.kind != "none"}
    if not frameworks:
        _fail("no recurrent layer found (write e.g. 'nn.LSTM(28, 128)' or 'layers.LSTM(128)')")
    if len(frameworks) > 1:
        _fail("mixes PyTorch and Keras layers")
    recurrent = [layer for layer in layers if layer.kind == "recurrent"]
    heads = [layer for layer in layers if layer.kind == "head"]
    if not recurrent:
        _fail("no recurrent layer found (nn.RNN/LSTM/GRU or SimpleRNN/LSTM/GRU)")
    if len(heads) > 1 or (heads and layers.index(heads[0]) < layers.index(recurrent[-1])):
        _fail("rnncalc counts recurrent layers followed by at most one output layer")
    head = heads[0] if heads else None
    return _torch(recurrent, head) if "pytorch" in frameworks else _keras(recurrent, head, inputs)


def _torch(recurrent: list[_Layer], head: _Layer | None) -> dict:
    if len(recurrent) > 1:
        _fail("one nn.RNN/LSTM/GRU module (stack layers with num_layers)")
    o = recurrent[0].options
    for required in ("input_size", "hidden_size"):
        if required not in o:
            _fail(f"nn.{recurrent[0].options['cell'].upper()} needs {required}")
    if o.get("nonlinearity", "tanh") not in ("tanh", "relu"):
        _fail(f"nonlinearity must be 'tanh' or 'relu', got {shown(o['nonlinearity'])}")
    hidden, both = _whole(o["hidden_size"], "hidden_size"), _flag(o.get("bidirectional", False), "bidirectional")
    proj = _whole(o.get("proj_size", 0), "proj_size")
    bias = _flag(o.get("bias", True), "bias")
    net = dict(cell=o["cell"], convention="pytorch", hidden=hidden, input_size=_whole(o["input_size"], "input_size"),
               layers=_whole(o.get("num_layers", 1), "num_layers"), bidirectional=both, proj=proj, bias=bias,
               output_size=0)  # fmt: skip
    if head:
        width = (proj or hidden) * (2 if both else 1)
        if _whole(head.options.get("in_features"), "in_features") != width:
            _fail(f"nn.Linear reads {head.options['in_features']} features, but the recurrent layer gives {width}")
        if _flag(head.options.get("bias", True), "bias") != bias:
            _fail("the output layer's bias must match the recurrent layer's (rnncalc counts one bias setting)")
        net["output_size"] = _whole(head.options.get("out_features"), "out_features")
    return net


def _keras(recurrent: list[_Layer], head: _Layer | None, inputs: list[_Layer]) -> dict:
    shapes = {_shape_of(layer) + (layer.options.get("bidirectional", False),) for layer in recurrent}
    if len(shapes) > 1:
        _fail("rnncalc counts stacks of identical layers: the same cell, units, biases and direction")
    o = recurrent[0].options
    if "units" not in o:
        _fail(f"{o['cell']} layer needs units")
    bias = _flag(o.get("use_bias", True), "use_bias")
    net = dict(cell=o["cell"], convention="keras", hidden=_whole(o["units"], "units"), layers=len(recurrent),
               bidirectional=bool(o.get("bidirectional", False)), proj=0, bias=bias, output_size=0)  # fmt: skip
    if takes_layout(o["cell"], "keras"):
        net["reset_after"] = _flag(o.get("reset_after", KERAS_RESET_AFTER), "reset_after")
    elif "reset_after" in o:
        _fail(f"reset_after is an argument of {CELLS[LAYOUT_CELL].keras} only")
    if inputs:
        shape = inputs[0].options.get("shape")
        if not isinstance(shape, tuple) or not shape:
            _fail("Input needs shape=(timesteps, features)")
        net["input_size"] = _whole(shape[-1], "the input's last dimension")
    if head:
        if _flag(head.options.get("use_bias", True), "use_bias") != bias:
            _fail("the Dense layer's use_bias must match the recurrent layers' (rnncalc counts one bias setting)")
        net["output_size"] = _whole(head.options.get("units"), "Dense units")
    return net
