"""The static reader: follows model code the way Python would, without running anything it does not understand.

It holds one idea, the evaluation of Python's statements and expressions over the
values of :mod:`.values`, which is why it runs past the usual module size.

It follows imports (to decide the framework of every name), assignments, arithmetic,
tuples, lists, dicts, comprehensions, ``if`` on known conditions, ``for`` over known
ranges, the code's own functions and classes (``__init__``, ``super().__init__``, helper
methods) and the framework constructors of :mod:`.pytorch` and :mod:`.keras`. Nothing
else is called: any other call gives an :class:`~.values.Unknown`, and a block it cannot
decide is refused if it would build layers. The work is bounded (steps, sizes, depth).

Size: one class, the reader's evaluator, a method per kind of statement and expression; they read best side
by side (the calls it makes are in :mod:`.calls`, the facts about values in :mod:`.facts`).
"""

from __future__ import annotations

import ast
from dataclasses import replace

from . import keras as K
from . import pytorch as T
from .facts import (
    _BINARY,
    _COMPARE,
    _WIDE,
    MAX_BITS,
    MAX_ITEMS,
    Budget,
    Raised,
    _benign_manager,
    _bounded,
    _dotted,
    _hashable,
    _holds_layers,
    _iterable,
    _number,
    _own_nodes,
    _Parameter,
    _plain,
    _size,
    _source,
    _unfollowed_decorators,
    decorated,
    taint,
)
from .values import Class, Function, Instance, Ref, Refusal, Unknown, Unordered, set_hint

Node = ast.expr | ast.stmt  # what the reader is handed: each has a line and a column

MAX_STEPS = 200_000  # statements and calls followed: far above any model definition
MAX_DEPTH = 60  # nested calls of the code's own functions
_DEFAULT_NAMES = {  # what pasted snippets mean by these names when they import nothing
    "nn": "torch.nn",
    "torch": "torch",
    "F": "torch.nn.functional",
    "keras": "keras",
    "layers": "keras.layers",
    "tf": "tensorflow",
    "np": "numpy",
}
NO_DEFAULT = object()  # a keyword-only parameter without a default
_BUILTIN_VALUES = {"True": True, "False": False, "None": None, "__name__": "__main__"}


def canonical(path: str) -> str:
    """One spelling per framework name: tf.keras.layers.LSTM and keras.layers.recurrent.LSTM are keras.layers.LSTM."""
    for old in ("tensorflow.python.keras", "tensorflow.keras"):
        if path == old or path.startswith(old + "."):
            path = "keras" + path[len(old) :]
    parts = path.split(".")
    if parts[:2] == ["keras", "models"] and len(parts) == 3:
        return f"keras.{parts[2]}"
    if parts[:2] == ["keras", "layers"] and len(parts) > 3:
        return f"keras.layers.{parts[-1]}"
    if parts[:3] == ["torch", "nn", "modules"] and len(parts) > 3:
        return f"torch.nn.{parts[-1]}"
    return path


class Method:
    """A method of a value the reader knows, waiting for its call."""

    __slots__ = ("owner", "name")

    def __init__(self, owner, name: str):
        self.owner, self.name = owner, name


class Super:
    __slots__ = ("klass", "instance")

    def __init__(self, klass: Class, instance):
        self.klass, self.instance = klass, instance


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


class _Return(Exception):
    def __init__(self, value):
        self.value = value


class Scope:
    def __init__(self, parent: Scope | None = None, owner: Class | None = None, instance=None):
        self.vars: dict = {}
        self.parent = parent
        self.owner = owner  # the class whose method runs here, and its self: for super()
        self.instance = instance
        self.global_names: set[str] = set()
        self.nonlocal_names: set[str] = set()
        self.is_class = False  # a class body: its names are not seen by the functions and comprehensions in it

    def find(self, name: str):
        scope: Scope | None = self
        while scope is not None:
            if name in scope.vars:
                return True, scope.vars[name]
            scope = scope.parent
        return False, None


class Interpreter:
    def __init__(self, pinned: dict):
        Budget.cells = 0
        self.pinned = pinned  # --set NAME=VALUE: wins over every assignment and argument
        self.expressions = any(not all(p.isidentifier() for p in k.split(".")) for k in pinned)
        self.read_pinned: set[str] = set()  # the --set names the code reads: one it never reads is a typo
        self.steps = 0
        self.depth = 0
        self.names: dict[str, int] = {}  # Keras's layer name counters
        self.keras_layers: list[K.KerasLayer] = []  # every layer built, in order
        self.keras_models: list[K.KerasModel] = []
        self.notes: list[str] = []
        self.globals = Scope()
        self.unnamed: list[tuple[str, object]] = []  # framework modules built alone at module level: nn.LSTM(28, 128)
        self.pasted: T.TorchModule | None = None  # the self of pasted __init__ lines
        self.opened: set[int] = set()  # lists and dicts changed in ways not followed
        self.kept: list = []  # keeps them alive, so their ids stay theirs

    # Statements ---------------------------------------------------------------------------------

    def run(self, body: list, scope: Scope) -> None:
        for statement in body:
            self.statement(statement, scope)

    def _tick(self, node: Node) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise Refusal(f"the code takes more than {MAX_STEPS:,} steps to follow; point --from at the model", node)

    def statement(self, node: ast.stmt, scope: Scope) -> None:
        self._tick(node)
        handler = getattr(self, f"_s_{type(node).__name__}", None)
        if handler is not None:
            handler(node, scope)
        elif not isinstance(node, (ast.Pass, ast.Assert)):  # match, async for, …: not followed
            kind = type(node).__name__.lower()
            reason = f"rnncalc does not follow {kind} statements"
            self.undecided(node, [[node]], Unknown(f"a {kind} statement", node), scope, reason)

    def _s_Global(self, node: ast.Global, scope: Scope) -> None:
        scope.global_names.update(node.names)

    def _s_Nonlocal(self, node: ast.Nonlocal, scope: Scope) -> None:
        scope.nonlocal_names.update(node.names)

    def _s_Delete(self, node: ast.Delete, scope: Scope) -> None:
        for target in node.targets:
            if isinstance(target, ast.Name):
                scope.vars.pop(target.id, None)
            elif isinstance(target, ast.Attribute):
                owner = self.eval(target.value, scope)
                if isinstance(owner, T.TorchModule) and owner.klass is None and target.attr in ("weight", "bias"):
                    owner.pending = f"line {node.lineno}: del …{target.attr} changes nn.{owner.type}'s parameters"
                elif isinstance(owner, T.TorchModule):
                    owner.children.pop(target.attr, None)
                    owner.attrs.pop(target.attr, None)
                elif isinstance(owner, (Instance, Class)):
                    owner.attrs.pop(target.attr, None)
            elif isinstance(target, ast.Subscript):
                owner, key = self.eval(target.value, scope), self.eval(target.slice, scope)
                if isinstance(owner, T.TorchModule) and owner.kind != "module":
                    if not T.remove(owner, key):
                        owner.pending = f"line {node.lineno}: the item removed here is not known"
                elif isinstance(owner, (list, dict)):
                    try:
                        del owner[key]
                    except (KeyError, IndexError, TypeError):
                        self.open(owner)
                else:
                    self.undecided(node, [[node]], Unknown(_source(target), target), scope)

    def _s_Raise(self, node: ast.Raise, scope: Scope) -> None:
        raise Raised(node)

    def _s_Import(self, node: ast.Import, scope: Scope) -> None:
        for alias in node.names:
            if alias.asname:
                scope.vars[alias.asname] = Ref(canonical(alias.name))
            else:
                top = alias.name.split(".")[0]
                scope.vars[top] = Ref(canonical(top))

    def _s_ImportFrom(self, node: ast.ImportFrom, scope: Scope) -> None:
        for alias in node.names:
            if alias.name != "*":
                scope.vars[alias.asname or alias.name] = Ref(canonical(f"{node.module or ''}.{alias.name}"))

    def _s_Expr(self, node: ast.Expr, scope: Scope) -> None:
        value = self.eval(node.value, scope)
        constructed = isinstance(node.value, ast.Call) and isinstance(self.called(node.value, scope), Ref)
        if scope is self.globals and isinstance(value, T.TorchModule) and constructed:  # nn.LSTM(28, 128) alone
            self.unnamed.append((value.type.lower(), value))  # named once the whole code is read: model.py

    def _s_Assign(self, node: ast.Assign, scope: Scope) -> None:
        value = self.eval(node.value, scope)
        for target in node.targets:
            self.assign(target, value, scope)

    def _s_AnnAssign(self, node: ast.AnnAssign, scope: Scope) -> None:
        if node.value is not None:
            self.assign(node.target, self.eval(node.value, scope), scope)

    def _s_AugAssign(self, node: ast.AugAssign, scope: Scope) -> None:
        current = self.eval(node.target, scope)  # the evaluators read fields, not the Store context
        value = self.eval(node.value, scope)
        if isinstance(current, T.TorchModule) and current.kind in ("list", "sequential"):
            if isinstance(node.op, ast.Add):  # ModuleList += [...], Sequential += Sequential: in place
                self._extend(current, value, node)
                return
        result = self.binary(node.op, current, value, node)
        if isinstance(current, (list, dict)) and isinstance(result, type(current)):  # lists and dicts change in place
            current.clear()
            current.extend(result) if isinstance(current, list) else current.update(result)
            return
        if isinstance(current, (list, dict)):
            self.open(current)
        self.assign(node.target, result, scope)

    def _s_FunctionDef(self, node: ast.FunctionDef, scope: Scope) -> None:
        if _unfollowed_decorators(node) or any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in _own_nodes(node)):
            scope.vars[node.name] = Unknown(node.name, node, builds=True)  # @lru_cache, a generator: not followed
            return
        function = Function(node, scope)
        function.defaults = [self.eval(d, scope) for d in node.args.defaults]
        function.kw_defaults = [NO_DEFAULT if d is None else self.eval(d, scope) for d in node.args.kw_defaults]
        scope.vars[node.name] = function

    _s_AsyncFunctionDef = _s_FunctionDef

    def _s_ClassDef(self, node: ast.ClassDef, scope: Scope) -> None:
        bases = [self.eval(b, scope) for b in node.bases]
        if _unfollowed_decorators(node) or any(isinstance(b, Unknown) for b in bases) or node.keywords or _magic(node):
            scope.vars[node.name] = Unknown(node.name, node, builds=True)  # a base or decorator not followed
            return
        klass = Class(node, node.name, [b for b in bases if isinstance(b, (Class, Ref))])
        body = Scope(scope)
        body.is_class = True
        self.run(node.body, body)
        klass.attrs = body.vars
        for value in klass.attrs.values():
            if isinstance(value, Function):  # a method sees the module's names, not the class body's
                value.owner, value.scope = klass, scope
        scope.vars[node.name] = klass

    def _s_Return(self, node: ast.Return, scope: Scope) -> None:
        raise _Return(None if node.value is None else self.eval(node.value, scope))

    def _s_Break(self, node, scope) -> None:
        raise _Break

    def _s_Continue(self, node, scope) -> None:
        raise _Continue

    def _s_With(self, node: ast.With, scope: Scope) -> None:
        if all(_benign_manager(self.called(item.context_expr, scope)) for item in node.items):
            for item in node.items:
                if item.optional_vars is not None:
                    self.assign(item.optional_vars, Unknown(_source(item.context_expr), item.context_expr), scope)
            self.run(node.body, scope)
        else:  # a manager that may swallow an exception (contextlib.suppress, …): where the body stops is not known
            self.undecided(node, [node.body], Unknown(_source(node.items[0].context_expr), node), scope)

    def called(self, expression: ast.expr, scope: Scope):
        """The function an expression calls (torch.no_grad() → torch.no_grad), or the value itself."""
        target = expression.func if isinstance(expression, ast.Call) else expression
        return self.callee(target, scope) if isinstance(target, ast.Attribute) else self.eval(target, scope)

    def _s_Try(self, node: ast.Try, scope: Scope) -> None:
        if node.handlers:  # where the body stops (a KeyError, an ImportError) and which handler runs: not known
            why = Unknown("whether the try block raises", node)
            self.undecided(node, [node.body, *(h.body for h in node.handlers), node.orelse], why, scope)
        else:
            self.run(node.body, scope)
        self.run(node.finalbody, scope)

    _s_TryStar = _s_Try

    def _s_If(self, node: ast.If, scope: Scope) -> None:
        condition = self.truth(self.eval(node.test, scope), node.test)
        if isinstance(condition, Unknown):
            self.undecided(node, [node.body, node.orelse], condition, scope)
        else:
            self.run(node.body if condition else node.orelse, scope)

    def _s_For(self, node: ast.For, scope: Scope) -> None:
        items = self.eval(node.iter, scope)
        if isinstance(items, (Unknown, Unordered)) or not _iterable(items):
            self.undecided(node, [node.body, node.orelse], _unknown_of(items, node.iter), scope)
            return
        for item in list(self.items(items, node.iter)):
            self.assign(node.target, item, scope)
            try:
                self.run(node.body, scope)
            except _Break:
                return
            except _Continue:
                continue
        self.run(node.orelse, scope)

    def _s_While(self, node: ast.While, scope: Scope) -> None:
        self.undecided(node, [node.body, node.orelse], Unknown(_source(node.test), node.test), scope)

    def undecided(self, node: ast.stmt, blocks: list, why: Unknown, scope: Scope, reason: str = "") -> None:
        """A block whose running depends on what only running the code tells: refused if it would build layers,
        else passed over with every name it assigns unknown."""
        reason = reason or (
            f"whether (or how often) this block runs depends on {why.what}, which is not known without running the code"
        )
        for block in blocks:
            for statement in block:
                for inner in ast.walk(statement):
                    if isinstance(inner, (ast.expr, ast.stmt)) and _builds(inner, scope, self):
                        answer = f"; give it with {set_hint(why.what)}" if why.settable else ""
                        raise Refusal(f"{reason}, and it builds or changes layers{answer}", node)
                    if isinstance(inner, ast.Name) and isinstance(inner.ctx, ast.Store):
                        scope.vars[inner.id] = Unknown(inner.id, inner, settable=True)

    # Assignment ---------------------------------------------------------------------------------

    def assign(self, target: ast.expr, value, scope: Scope) -> None:
        if isinstance(target, ast.Name):
            if isinstance(value, Unknown):
                value = value.named(target.id)  # --set NAME answers it from here on
            if target.id in scope.global_names:
                scope = self.globals
            elif target.id in scope.nonlocal_names:
                scope = _enclosing(scope, target.id)
            if target.id not in self.pinned:
                scope.vars[target.id] = value
        elif isinstance(target, (ast.Tuple, ast.List)):
            self._unpack(target, value, scope)
        elif isinstance(target, ast.Attribute):
            self.set_attribute(self.eval(target.value, scope), _mangled(target.attr, scope), value, target)
        elif isinstance(target, ast.Subscript):
            self.set_item(self.eval(target.value, scope), self.eval(target.slice, scope), value, target)
        elif isinstance(target, ast.Starred):
            self.assign(target.value, value, scope)

    def _unpack(self, target: ast.Tuple | ast.List, value, scope: Scope) -> None:
        names = target.elts
        if isinstance(value, (tuple, list)) and not any(isinstance(n, ast.Starred) for n in names):
            if len(value) == len(names):
                for name, item in zip(names, value):
                    self.assign(name, item, scope)
                return
        for name in names:  # unknown, or a shape we do not split: every name unknown
            self.assign(name, Unknown(_source(name), name), scope)

    def set_attribute(self, owner, name: str, value, node: Node) -> None:
        if isinstance(owner, T.TorchModule):
            self.register(owner, name, value, node)
        elif isinstance(owner, (Instance, Class)):
            klass = owner.klass if isinstance(owner, Instance) else owner
            found = klass.lookup(name)
            if isinstance(found, Function) and decorated(found.node, "property"):
                raise Refusal(f"assigns to the property {name}, which has no setter: Python refuses it", node)
            owner.attrs[name] = value
        elif isinstance(owner, T.TensorRef):
            raise Refusal(f"replaces a parameter's {name} (its shape may change); rnncalc does not follow it", node)
        elif _holds_layers(value):
            raise Refusal(f"stores a module or layer where rnncalc does not follow it ({_source(node)})", node)

    def open(self, container) -> None:
        """A list or dict changed in a way not followed: its items are unknown from here on."""
        self.opened.add(id(container))
        self.kept.append(container)

    def register(self, owner: T.TorchModule, name: str, value, node: Node) -> None:
        """What nn.Module.__setattr__ does: modules and parameters are registered, the rest kept as attributes.
        A module replacing another keeps its place (l[0] = …), as PyTorch's ordered registry does."""
        if name not in owner.children:
            self._register(owner, name, value, node)
            return
        order = list(owner.children)
        self._register(owner, name, value, node)
        if name in owner.children:
            owner.children = {k: owner.children[k] for k in order if k in owner.children} | owner.children

    def _register(self, owner: T.TorchModule, name: str, value, node: Node) -> None:
        _check_registration(owner, name, value, node)
        owner.children.pop(name, None)
        owner.attrs.pop(name, None)
        if owner.klass is None and owner.type in T.SIGNATURES and name.startswith(("weight", "bias")):
            owner.pending = (
                f"line {node.lineno}: nn.{owner.type}'s {name} is replaced here (tied or shared weights); "
                "rnncalc does not follow parameters shared between modules, so it does not count this model"
            )
            return
        if isinstance(value, Unknown) and owner.klass is not None and _called(owner.klass, name):
            owner.children[name] = T.TorchModule(
                "?",
                node.lineno,
                pending=f"line {node.lineno}: self.{name} is a module given to the constructor ({value.what}), "
                "not built in the code: point --from at code that builds it (e.g. model = "
                f"{owner.klass.name}(…) with its parts)",
            )
            return
        if isinstance(value, T.TorchModule):
            owner.children[name] = value
        elif isinstance(value, _Parameter):
            owner.children[name] = value.module(node.lineno)
        elif owner.kind != "module" and value is not None:  # a container holds modules only
            owner.children[name] = T.TorchModule(
                "?", node.lineno, pending=f"line {node.lineno}: this {owner.type} item is not known to be a module"
            )
        elif isinstance(value, Unknown) and value.builds:
            owner.children[name] = T.TorchModule(
                "?",
                node.lineno,
                pending=f"line {node.lineno}: rnncalc cannot tell whether self.{name} holds parameters: "
                f"{value.via or value.what} comes from outside the code",
            )
        else:
            if isinstance(value, list) and any(isinstance(v, T.TorchModule) for v in value):
                self.notes.append(
                    f"line {node.lineno}: self.{name} is a plain list, so PyTorch does not register its modules "
                    "and their parameters are not counted (nn.ModuleList would register them)"
                )
            owner.attrs[name] = value

    def set_item(self, owner, key, value, node: Node) -> None:
        if isinstance(owner, T.TorchModule) and owner.kind in ("list", "sequential"):
            name = T.position(owner, key)
            if name is None:
                owner.pending = f"line {node.lineno}: the item replaced here is not known"
            else:
                self.register(owner, name, value, node)
        elif isinstance(owner, T.TorchModule) and owner.kind == "dict":
            if not isinstance(key, str):
                where = node.slice if isinstance(node, ast.Subscript) else node
                raise Refusal(f"a ModuleDict key must be a known string, got {_source(where)}", node)
            self.register(owner, key, value, node)
        elif isinstance(owner, dict) and _hashable(key):
            owner[key] = value
        elif isinstance(owner, list) and isinstance(key, int) and -len(owner) <= key < len(owner):
            owner[key] = value
        elif isinstance(owner, (list, dict)):
            self.open(owner)  # which item changed is not known
        elif _holds_layers(value):
            raise Refusal(f"stores a module or layer where rnncalc does not follow it ({_source(node)})", node)

    # Expressions --------------------------------------------------------------------------------

    def eval(self, node: ast.expr, scope: Scope):
        if self.expressions and isinstance(node, (ast.Call, ast.Subscript)):
            text = ast.unparse(node)
            if text in self.pinned:  # --set 'len(vocab)=10000'
                self.read_pinned.add(text)
                return self.pinned[text]
        handler = getattr(self, f"_e_{type(node).__name__}", None)
        if handler is None:
            return Unknown(_source(node), node)
        return handler(node, scope)

    def _e_Constant(self, node: ast.Constant, scope: Scope):
        if isinstance(node.value, str) and len(node.value) > MAX_ITEMS:
            return Unknown("a long string", node)
        return node.value

    def _e_Name(self, node: ast.Name, scope: Scope):
        if node.id in self.pinned:
            self.read_pinned.add(node.id)
            return self.pinned[node.id]
        found, value = scope.find(node.id)
        if found:
            return value
        if node.id in _BUILTIN_VALUES:
            return _BUILTIN_VALUES[node.id]
        if node.id in _BUILTINS:
            return _BUILTINS[node.id]
        if node.id in _DEFAULT_NAMES:
            return Ref(_DEFAULT_NAMES[node.id])
        return Unknown(node.id, node, settable=True)

    def _e_Attribute(self, node: ast.Attribute, scope: Scope):
        value = self.callee(node, scope)
        if isinstance(value, Method):  # a method read as a value, or an attribute rnncalc does not know
            dotted = _dotted(node)
            return Unknown(dotted or _source(node), node, settable=dotted is not None)
        return value

    def callee(self, node: ast.Attribute, scope: Scope):
        """obj.name, where a method of a value the reader knows stays a Method, for its call."""
        dotted = _dotted(node)
        if dotted is not None and dotted in self.pinned:
            self.read_pinned.add(dotted)
            return self.pinned[dotted]
        return self.attribute(self.eval(node.value, scope), _mangled(node.attr, scope), node)

    def attribute(self, owner, name: str, node: Node):
        if isinstance(owner, Ref):
            return Ref(canonical(f"{owner.path}.{name}"))
        if isinstance(owner, Unknown):
            dotted = _dotted(node)
            return Unknown(dotted or _source(node), node, settable=owner.settable and dotted is not None)
        if isinstance(owner, T.TorchModule):
            if name in owner.children:
                return owner.children[name]
            if name in owner.attrs:
                return owner.attrs[name]
        if isinstance(owner, Instance) and name in owner.attrs:
            return owner.attrs[name]
        if isinstance(owner, (Instance, T.TorchModule)):
            klass = owner.klass if isinstance(owner, Instance) else getattr(owner, "klass", None)
            found = klass.lookup(name) if klass else None
            if isinstance(found, Function) and decorated(found.node, "property"):
                from .calls import call_function

                return call_function(self, _bound(found, owner), [], {}, node)
            if isinstance(found, Function):
                return _bound(found, owner)
            if found is not None:
                return found
        if isinstance(owner, Class):
            found = owner.lookup(name)
            if found is not None:
                return found
        if isinstance(owner, Super):
            return self.super_attribute(owner, name, node)
        if isinstance(owner, K.KerasLayer) and name in owner.args:
            return owner.args[name]
        if isinstance(owner, K.KerasTensor) and name == "shape" and owner.shape is not None:
            return (None,) + tuple(owner.shape)
        return Method(owner, name)

    def super_attribute(self, proxy: Super, name: str, node: Node):
        own = getattr(proxy.instance, "klass", None) or proxy.klass
        order = own.linearized()
        parents = order[order.index(proxy.klass) + 1 :] if proxy.klass in order else proxy.klass.linearized()[1:]
        for klass in parents:
            if name in klass.attrs and isinstance(klass.attrs[name], Function):
                return _bound(klass.attrs[name], proxy.instance)
        if name == "__init__" and isinstance(proxy.instance, T.TorchModule):
            return Method(proxy.instance, "__framework_init__")  # nn.LSTM.__init__(…) for a subclass of nn.LSTM
        return Method(None, "framework")  # another framework method: nothing to count

    def _e_Subscript(self, node: ast.Subscript, scope: Scope):
        owner, key = self.eval(node.value, scope), self.eval(node.slice, scope)
        try:
            if isinstance(owner, (list, dict)) and id(owner) in self.opened:
                return Unknown(_source(node), node, builds=_holds_layers(owner))
            if isinstance(owner, (tuple, list, str)) and isinstance(key, (int, slice)) and not isinstance(key, bool):
                return owner[key]
            if isinstance(owner, dict) and _hashable(key) and key in owner:
                return owner[key]
            if isinstance(owner, T.TorchModule) and owner.kind != "module":
                if isinstance(key, slice) and owner.kind != "dict":  # seq[:2]: a new container of those modules
                    part = T.TorchModule(owner.type, getattr(node, "lineno", 0), kind=owner.kind)
                    part.children = {str(i): m for i, m in enumerate(list(owner.children.values())[key])}
                    return part
                if (owner.kind == "dict") != isinstance(key, str):
                    raise Refusal(f"{owner.type} is indexed by {'names' if owner.kind == 'dict' else 'numbers'}", node)
                return list(owner.children.values())[key] if isinstance(key, int) else owner.children[key]
            if isinstance(owner, K.KerasTensor):
                return Unknown(_source(node), node)
        except (IndexError, KeyError, TypeError, ValueError):
            pass
        return Unknown(ast.unparse(node), node, settable=True, builds=isinstance(owner, Unknown) and owner.builds)

    def _e_Slice(self, node: ast.Slice, scope: Scope):
        parts = [None if p is None else self.eval(p, scope) for p in (node.lower, node.upper, node.step)]
        if all(p is None or (isinstance(p, int) and not isinstance(p, bool)) for p in parts):
            return slice(*parts)
        return Unknown(_source(node), node)

    def _e_Tuple(self, node, scope):
        return tuple(self._elements(node.elts, scope))

    def _e_List(self, node, scope):
        return self._elements(node.elts, scope)

    def _e_Set(self, node, scope):
        values = self._elements(node.elts, scope)
        if all(_hashable(v) for v in values):
            return Unordered(dict.fromkeys(values))
        return (
            list(dict.fromkeys(v for v in values if _hashable(v)))
            if all(map(_hashable, values))
            else Unknown(_source(node), node)
        )

    def _elements(self, nodes: list, scope: Scope) -> list:
        out = []
        for element in nodes:
            if isinstance(element, ast.Starred):
                value = self.eval(element.value, scope)
                out += list(self.items(value, element)) if _iterable(value) else [value]
            else:
                out.append(self.eval(element, scope))
        _bounded(len(out), nodes[0] if nodes else None)
        return out

    def _e_Dict(self, node: ast.Dict, scope: Scope):
        out: dict = {}
        for key, value in zip(node.keys, node.values):
            if key is None:
                spread = self.eval(value, scope)
                if not isinstance(spread, dict) or id(spread) in self.opened:
                    return Unknown(_source(node), node, builds=_holds_layers(out))
                out.update(spread)
                continue
            k = self.eval(key, scope)
            if not _hashable(k):
                return Unknown(_source(node), node, builds=_holds_layers(out))
            out[k] = self.eval(value, scope)
        return out

    def _e_JoinedStr(self, node: ast.JoinedStr, scope: Scope):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
                continue
            assert isinstance(value, ast.FormattedValue), "an f-string holds constants and formatted values"
            v = self.eval(value.value, scope)
            if not isinstance(v, (int, float, str)) or value.format_spec is not None:
                return Unknown(_source(node), node)
            parts.append({114: repr, 97: ascii}.get(value.conversion, str)(v))  # !r, !a, else str
        return "".join(parts)

    def _e_BinOp(self, node: ast.BinOp, scope: Scope):
        return self.binary(node.op, self.eval(node.left, scope), self.eval(node.right, scope), node)

    def _e_UnaryOp(self, node: ast.UnaryOp, scope: Scope):
        value = self.eval(node.operand, scope)
        if isinstance(node.op, ast.Not):
            truth = self.truth(value, node)
            return truth if isinstance(truth, Unknown) else not truth
        if isinstance(value, float) and isinstance(node.op, ast.Invert) or isinstance(value, (str, list, dict)):
            raise Refusal(f"the code fails here: bad operand for {type(node.op).__name__.lower()}", node)
        if isinstance(value, (int, float)):
            return {ast.USub: lambda v: -v, ast.UAdd: lambda v: +v, ast.Invert: lambda v: ~v}[type(node.op)](value)
        return _unknown_of(value, node)

    def _e_BoolOp(self, node: ast.BoolOp, scope: Scope):
        is_and = isinstance(node.op, ast.And)
        value = None
        for operand in node.values:
            value = self.eval(operand, scope)
            truth = self.truth(value, operand)
            if isinstance(truth, Unknown):
                return truth
            if truth != is_and:
                return value
        return value

    def _e_Compare(self, node: ast.Compare, scope: Scope):
        left = self.eval(node.left, scope)
        for op, right_node in zip(node.ops, node.comparators):
            right = self.eval(right_node, scope)
            for side in (left, right):
                if isinstance(side, Unknown):
                    return side
            if (
                isinstance(left, Ref)
                and isinstance(right, Ref)
                and isinstance(op, (ast.Is, ast.IsNot, ast.Eq, ast.NotEq))
            ):
                result = (left.path == right.path) == isinstance(op, (ast.Is, ast.Eq))  # nn.LSTM is nn.LSTM
            elif isinstance(left, Ref) or isinstance(right, Ref):
                return Unknown(_source(node), node)
            elif isinstance(op, (ast.Is, ast.IsNot)) and not any(
                v is None or isinstance(v, bool) for v in (left, right)
            ):
                return Unknown(_source(node), node)  # `n is m` of numbers or strings: CPython's choice, not the code's
            elif not _plain(left) or not _plain(right):
                if isinstance(op, (ast.Is, ast.IsNot)):
                    result = (left is right) == isinstance(op, ast.Is)
                else:
                    return Unknown(_source(node), node)
            else:
                self.steps += _size(left) + _size(right)  # comparing nested lists is work too
                self._tick(node)
                try:
                    result = _COMPARE[type(op)](left, right)
                except TypeError:
                    return Unknown(_source(node), node)
            if not result:
                return False
            left = right
        return True

    def _e_IfExp(self, node: ast.IfExp, scope: Scope):
        test = self.truth(self.eval(node.test, scope), node.test)
        if isinstance(test, Unknown):
            return test
        return self.eval(node.body if test else node.orelse, scope)

    def _e_Lambda(self, node, scope):
        return Unknown("a lambda", node)

    def _e_ListComp(self, node: ast.ListComp, scope: Scope):
        return self._comprehension(node, scope)

    _e_GeneratorExp = _e_ListComp

    def _comprehension(self, node, scope: Scope):
        inner = Scope(scope.parent if scope.is_class else scope, scope.owner, scope.instance)  # class names: unseen
        out: list = []
        elements = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]

        def walk(generators):
            if not generators:
                values = [self.eval(e, inner) for e in elements]
                out.append(tuple(values) if len(values) == 2 else values[0])
                _bounded(len(out), node)
                return
            first = generators[0]
            items = self.eval(first.iter, scope if first is node.generators[0] else inner)
            if isinstance(items, (Unknown, Unordered)) or not _iterable(items):
                raise _Undecided(_unknown_of(items, first.iter))
            for item in list(self.items(items, first.iter)):
                self._tick(node)
                self.assign(first.target, item, inner)
                conditions = [self.truth(self.eval(c, inner), c) for c in first.ifs]
                if any(isinstance(c, Unknown) for c in conditions):
                    raise _Undecided(next(c for c in conditions if isinstance(c, Unknown)))
                if all(conditions):
                    walk(generators[1:])

        try:
            walk(node.generators)
        except _Undecided:  # what it holds is not known; whether that matters, the use will tell
            builds = any(_builds(n, scope, self) for e in elements for n in ast.walk(e) if isinstance(n, ast.expr))
            return Unknown(_source(node), node, builds=builds)
        return out

    def _e_DictComp(self, node: ast.DictComp, scope: Scope):
        pairs = self._comprehension(node, scope)
        if isinstance(pairs, Unknown) or not all(_hashable(k) for k, _ in pairs):
            return pairs if isinstance(pairs, Unknown) else Unknown(_source(node), node)
        return dict(pairs)

    def _e_Starred(self, node, scope):
        return self.eval(node.value, scope)

    def _e_NamedExpr(self, node: ast.NamedExpr, scope: Scope):
        value = self.eval(node.value, scope)
        self.assign(node.target, value, scope)
        return value

    def _e_Call(self, node: ast.Call, scope: Scope):
        self._tick(node)
        if isinstance(node.func, ast.Attribute):
            function = self.callee(node.func, scope)
        else:
            function = self.eval(node.func, scope)
        args = self._elements(node.args, scope)
        kwargs = {}
        for keyword in node.keywords:
            value = self.eval(keyword.value, scope)
            if keyword.arg is not None:
                kwargs[keyword.arg] = value
            elif isinstance(value, dict) and all(isinstance(k, str) for k in value):
                if set(value) & set(kwargs):
                    raise Refusal(f"the call gives {sorted(set(value) & set(kwargs))[0]!r} twice", node)
                kwargs.update(value)
            else:
                return self.unknown_call(function, node, [*args, value])
        from .calls import call

        return call(self, function, args, kwargs, node, scope)

    def unknown_call(self, function, node: ast.Call, args=()) -> Unknown:
        """A call the reader does not follow: its result may hold parameters, unless it is a method of data
        (x.view(…) of a tensor) or a module applied to data; and the modules it is handed may change."""
        if _holds_layers(list(args)):
            taint(args, f"{_source(node.func)}(…) at line {node.lineno}")
            return Unknown(_source(node.func) + "(…)", node, builds=True)
        data = isinstance(node.func, ast.Attribute) and isinstance(function, Unknown) and not function.builds
        return Unknown(_source(node.func) + "(…)", node, builds=not data and not isinstance(function, T.TorchModule))

    # Helpers ------------------------------------------------------------------------------------

    def truth(self, value, node: Node) -> bool | Unknown:
        """bool(value), or an Unknown where only running the code would tell."""
        if isinstance(value, Unknown) or isinstance(value, (list, dict)) and id(value) in self.opened:
            return value if isinstance(value, Unknown) else Unknown(_source(node), node)
        if isinstance(value, (bool, int, float, str, tuple, list, dict)) or value is None:
            return bool(value)
        if isinstance(value, T.TorchModule) and value.kind != "module":
            return bool(value.children)  # a ModuleList is true when it holds modules
        if (
            isinstance(value, Ref)
            or isinstance(value, Instance)
            and (value.klass.lookup("__len__") or value.klass.lookup("__bool__"))
        ):
            return Unknown(_source(node), node)
        return True

    def items(self, value, node: Node):
        if id(value) in self.opened:
            raise Refusal("iterates over a list or dict changed in a way rnncalc does not follow", node)
        if isinstance(value, range):
            _bounded(len(value), node)
            return iter(value)
        if isinstance(value, dict):
            return iter(list(value))
        if isinstance(value, T.TorchModule):
            return iter(list(value.children.values()))
        return iter(value)

    def binary(self, op: ast.operator, left, right, node: Node):
        for side in (left, right):
            if isinstance(side, Unknown):
                return side.derived()  # arithmetic on an unknown: unknown, and never a module
        if isinstance(op, ast.Add) and T.joinable(left, right):
            _bounded(len(left.children) + len(right.children), node)
            return T.joined(left, right)  # ModuleList + ModuleList, Sequential + Sequential
        if isinstance(left, (T.TorchModule, K.KerasTensor)) or isinstance(right, (T.TorchModule, K.KerasTensor)):
            return Unknown(_source(node), node, builds=True)
        kind = type(op)
        if kind is ast.Pow and _number(left) and _number(right):
            if abs(right) > 1024 or (
                isinstance(left, int) and abs(left) > 1 and abs(right) * abs(left).bit_length() > 4 * MAX_BITS
            ):
                raise Refusal("a number too large to be a size", node)
        if kind is ast.Mult and isinstance(left, (str, list, tuple)) != isinstance(right, (str, list, tuple)):
            length = (len(left) if isinstance(left, (str, list, tuple)) else len(right)) * (
                right if isinstance(left, (str, list, tuple)) else left
            )
            if not isinstance(length, int):
                return Unknown(_source(node), node)
            _bounded(length, node)
        if kind is ast.Mod and isinstance(left, str) and _WIDE.search(left):
            return Unknown(_source(node), node)  # "%9999999999d" % x: not followed
        try:
            result = _BINARY[kind](left, right)
        except (TypeError, ZeroDivisionError, ValueError, OverflowError, KeyError) as e:
            if _plain(left) and _plain(right):  # Python itself stops here: there is no model to count
                raise Refusal(f"the code fails here: {type(e).__name__}: {e}", node) from None
            return Unknown(_source(node), node)
        if isinstance(result, int) and result.bit_length() > 4 * MAX_BITS:
            raise Refusal("a number too large to be a size", node)
        if isinstance(result, (str, list, tuple)):
            _bounded(len(result), node)
        return result

    def _extend(self, module: T.TorchModule, values, node: Node) -> None:
        if isinstance(values, T.TorchModule) and values.kind != "module":
            values = list(values.children.values())
        if not isinstance(values, (list, tuple)):
            module.pending = f"line {node.lineno}: the modules added here are not known"
            return
        _bounded(len(module.children) + len(values), node)
        for value in values:
            self.register(module, str(len(module.children)), value, node)


class _Undecided(Exception):
    def __init__(self, unknown: Unknown):
        self.unknown = unknown


_MAGIC = frozenset("__init_subclass__ __slots__ __setattr__ __getattr__ __getattribute__ __new__ __set_name__".split())


def _magic(node: ast.ClassDef) -> bool:
    """A class that changes how its objects are made or their attributes set: not followed."""
    for statement in node.body:
        names = {t.id for t in getattr(statement, "targets", []) if isinstance(t, ast.Name)}
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(statement.name)
            if any(isinstance(d, ast.Attribute) and d.attr in ("setter", "deleter") for d in statement.decorator_list):
                return True
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            names.add(statement.target.id)
        if names & _MAGIC:
            return True
    return False


def _check_registration(owner: T.TorchModule, name: str, value, node: Node) -> None:
    """What nn.Module.__setattr__ and add_module refuse, refused here too: there is no model to count."""
    module_like = isinstance(value, (T.TorchModule, _Parameter))
    if module_like and owner.klass is not None and not owner.initialised:
        raise Refusal(f"self.{name} is set before super().__init__() has run, which PyTorch refuses", node)
    if module_like and ("." in name or not name):
        raise Refusal(f"a module name may not be empty or hold a dot, got {name!r}", node)
    current = owner.children.get(name)
    if current is not None and value is not None and not module_like:
        raise Refusal(f"{name} holds a module or parameter; PyTorch refuses another kind of value there", node)


def _mangled(name: str, scope: Scope) -> str:
    """self.__x inside class C is self._C__x, as Python writes it."""
    if name.startswith("__") and not name.endswith("__") and scope.owner is not None:
        return f"_{scope.owner.name.lstrip('_')}{name}"
    return name


def _enclosing(scope: Scope, name: str) -> Scope:
    """The scope of an enclosing function that holds `name` (nonlocal)."""
    outer = scope.parent
    while outer is not None and name not in outer.vars:
        outer = outer.parent
    return outer or scope


def _called(klass: Class, name: str) -> bool:
    """Whether the class calls self.<name>(…) somewhere: what it holds there is a module."""
    for node in ast.walk(klass.node):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == name:
            if isinstance(node.func.value, ast.Name) and node.func.value.id == "self":
                return True
    return False


def _bound(function: Function, instance) -> Function:
    if decorated(function.node, "classmethod"):
        return replace(function, bound=function.owner)
    return function if decorated(function.node, "staticmethod") else replace(function, bound=instance)


def _unknown_of(value, node: Node) -> Unknown:
    return value if isinstance(value, Unknown) else Unknown(_source(node), node)


def _builds(node: Node, scope: Scope, reader: Interpreter) -> bool:
    """Whether a statement in a block not run could build, register or change layers."""
    if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        stores = [t for target in targets for t in ast.walk(target) if isinstance(t, (ast.Attribute, ast.Subscript))]
        return bool(stores) and not isinstance(node.value, ast.Constant)  # self.x = …, but not p.requires_grad = False
    if isinstance(node, ast.Delete):
        return any(isinstance(t, (ast.Attribute, ast.Subscript)) for t in node.targets)
    if isinstance(node, (ast.Return, ast.Break, ast.Continue, ast.Raise, ast.Yield, ast.YieldFrom)):
        return True  # where the code goes next: after this block, not known
    if not isinstance(node, ast.Call):
        return False
    name = _dotted(node.func)
    if name is None:
        return True  # LSTM(64)(x), f()(…)
    head = name.split(".")[0]
    found, value = scope.find(head)
    if not found:
        value = Ref(_DEFAULT_NAMES[head]) if head in _DEFAULT_NAMES else _BUILTINS.get(head)
    if isinstance(value, Ref):  # a framework or library name: only what builds layers or takes a module
        path = canonical(value.path + name[len(head) :])
        final = path.rsplit(".", 1)[-1]
        builds = (path.startswith("torch.nn.") and not path.startswith("torch.nn.init.")) or (
            path.startswith("keras") and (final in K.KNOWN or final in ("Sequential", "Model"))
        )
        return builds or final in _MUTATORS or path.split(".")[0] not in _DATA_ROOTS
    return True  # the code's own functions, methods of its objects, anything unknown


_DATA_ROOTS = frozenset("builtins torch math numpy random os sys json re time logging warnings tensorflow".split())
_MUTATORS = frozenset(
    "add append extend insert pop remove clear update add_module register_module register_parameter "
    "__setattr__ __delattr__ setattr delattr".split()
)


_BUILTINS = {
    name: Ref(f"builtins.{name}")
    for name in (
        "range len int float str bool list tuple dict min max sum abs round enumerate zip print isinstance super "
        "setattr getattr hasattr sorted reversed any all divmod set map"
    ).split()
}
