"""--from against the frameworks themselves: every model in tests/models, written the way people write models
(classes with defaults, pasted __init__ bodies, files with data and training lines, Sequential with input_shape=,
functional graphs with branches and shared layers, model-building functions), is built in real PyTorch or real
Keras here, and rnncalc's count, read from the text alone, must equal the framework's."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnncalc.fromcode import read_model

MODELS = Path(__file__).parent / "models"

# file, how the test builds the model after running the file, what read_model is told
CASES = [
    ("torch_sentiment.py", "net", {}),
    ("torch_seq2seq.py", "model", {}),
    ("torch_charrnn.py", "net", {}),
    ("torch_cells.py", "seq", {"entry": "seq"}),  # the file builds two models: each is named
    ("torch_cells.py", "decoder", {"entry": "decoder"}),
    ("torch_stack.py", "model", {}),
    ("torch_conv_attention.py", "model", {}),
    ("torch_docs.py", "rnn", {}),
    ("keras_imdb.py", "model", {}),
    ("keras_input_shape.py", "model", {}),
    ("keras_functional.py", "model", {}),
    ("keras_branches.py", "model", {}),
    ("keras_builder.py", "build_model(5)", {"entry": "build_model", "values": {"n_features": 5}}),
    ("keras_shared.py", "model", {}),
]


def framework_count(code: str, build: str, torch, keras) -> int:
    """Run the code in the real framework and count the built model's parameters there."""
    if "keras" in code or "tensorflow" in code:  # no clear_session (0.16 s): counts do not depend on layer names
        code = code.replace("from tensorflow import keras", "import keras").replace("tensorflow.keras", "keras")
        code = code.replace("import tensorflow as tf", "import keras\nclass tf:\n    keras = keras")
        namespace: dict = {}
        exec(compile(code, "model", "exec"), namespace)
        model = eval(build, namespace)
        if not model.built:  # Keras builds a Sequential without an input shape on its first batch
            model.build((None, None))
        return model.count_params()
    namespace = {"torch": torch, "nn": torch.nn, "device": "cpu"}
    exec(compile(code, "model", "exec"), namespace)
    return sum(p.numel() for p in eval(build, namespace).parameters())


@pytest.mark.parametrize("name,build,told", CASES, ids=[c[0] for c in CASES])
def test_the_count_read_from_the_code_is_the_frameworks(torch, keras, name, build, told):
    code = (MODELS / name).read_text()
    assert read_model(code, **told).total == framework_count(code, build, torch, keras)


def test_a_pasted_init_body_is_read_with_its_open_names_set(torch, keras):
    body = (MODELS / "torch_pasted_init.py").read_text()
    values = {"input_size": 1000, "hidden_size": 128, "dropout_p": 0.1}
    wrapped = "class M(nn.Module):\n    def __init__(self, input_size, hidden_size, dropout_p):\n" + body
    wrapped += "\nmodel = M(1000, 128, 0.1)\n"
    assert read_model(body, values=values).total == framework_count(wrapped, "model", torch, keras)


def test_each_module_of_a_class_is_counted_as_torch_counts_it(torch):
    code = (MODELS / "torch_seq2seq.py").read_text()
    namespace: dict = {}
    exec(compile(code, "model", "exec"), namespace)
    real = {name: sum(p.numel() for p in m.parameters()) for name, m in namespace["model"].named_modules() if name}
    rows = {row.path: row.params for row in read_model(code).modules}
    assert rows == real


# The three silently wrong numbers of 0.2, each now the framework's.
SILENT_BEFORE = [
    ("from torch.nn import LSTM\nrnn = LSTM(192, 128, 2)", "rnn"),  # PyTorch's LSTM, not Keras's
    (  # two parallel branches, not a stack
        "import keras\nfrom keras import layers\nx = keras.Input((None, 8))\n"
        "a = layers.LSTM(32)(x)\nb = layers.LSTM(16)(x)\n"
        "model = keras.Model(x, layers.Dense(1)(layers.concatenate([a, b])))",
        "model",
    ),
    (  # one layer applied to two inputs: its weights once
        "import keras\nfrom keras import layers\nshared = layers.LSTM(32)\n"
        "p, q = keras.Input((None, 8)), keras.Input((None, 8))\n"
        "model = keras.Model([p, q], layers.Dense(1)(layers.add([shared(p), shared(q)])))",
        "model",
    ),
]


@pytest.mark.parametrize("code,build", SILENT_BEFORE)
def test_what_0_2_counted_wrongly_is_now_the_frameworks_count(torch, keras, code, build):
    assert read_model(code).total == framework_count(code, build, torch, keras)


# Random stacks of the supported layers, written three ways: a PyTorch class, a Keras Sequential, a Keras graph.
TORCH_CELLS, KERAS_CELLS = ("RNN", "LSTM", "GRU"), ("SimpleRNN", "LSTM", "GRU")
stacks = st.fixed_dictionaries(
    {
        "vocab": st.one_of(st.none(), st.integers(2, 50)),
        "features": st.integers(1, 12),
        "cells": st.lists(
            st.tuples(st.integers(0, 2), st.integers(1, 12), st.booleans(), st.booleans()), min_size=1, max_size=3
        ),
        "norm": st.booleans(),
        "head": st.integers(0, 6),
        "bias": st.booleans(),
    }
)


def torch_class(s) -> str:
    lines = ["import torch.nn as nn", "class Net(nn.Module):", "    def __init__(self, features=%d):" % s["features"],
             "        super().__init__()"]  # fmt: skip
    width = "features"
    if s["vocab"]:
        lines.append(f"        self.embed = nn.Embedding({s['vocab']}, features, padding_idx=0)")
    for i, (cell, units, both, _) in enumerate(s["cells"]):
        lines.append(
            f"        self.rnn{i} = nn.{TORCH_CELLS[cell]}({width}, {units}, bidirectional={both}, bias={s['bias']})"
        )
        width = str(units * (2 if both else 1))
    if s["norm"]:
        lines.append(f"        self.norm = nn.LayerNorm({width})")
    lines.append("        self.drop = nn.Dropout(0.1)")
    if s["head"]:
        lines.append(f"        self.head = nn.Linear({width}, {s['head']}, bias={s['bias']})")
    return "\n".join(lines) + "\nmodel = Net()\n"


def keras_layers(s) -> list[str]:
    out = [f"layers.Embedding({s['vocab']}, {s['features']})"] if s["vocab"] else []
    for i, (cell, units, both, sequences) in enumerate(s["cells"]):
        last = i == len(s["cells"]) - 1
        layer = f"layers.{KERAS_CELLS[cell]}({units}, use_bias={s['bias']}, return_sequences={not last or sequences})"
        out.append(f"layers.Bidirectional({layer})" if both else layer)
    if s["norm"]:
        out.append("layers.LayerNormalization()")
    out.append("layers.Dropout(0.1)")
    if s["head"]:
        out.append(f"layers.Dense({s['head']}, use_bias={s['bias']})")
    return out


def keras_sequential(s) -> str:
    shape = "(None,)" if s["vocab"] else f"(None, {s['features']})"
    return (
        f"import keras\nfrom keras import layers\nmodel = keras.Sequential([keras.Input(shape={shape}), "
        + ", ".join(keras_layers(s))
        + "])\n"
    )


def keras_graph(s) -> str:
    shape = "(None,)" if s["vocab"] else f"(None, {s['features']})"
    lines = ["import keras", "from keras import layers", f"inputs = keras.Input(shape={shape})", "x = inputs"]
    lines += [f"x = {layer}(x)" for layer in keras_layers(s)]
    return "\n".join(lines + ["model = keras.Model(inputs, x)"]) + "\n"


@pytest.mark.slow
@settings(settings.get_profile("built"))
@given(stacks)
def test_random_stacks_count_what_the_framework_counts(torch, keras, s):
    for code in (torch_class(s), keras_sequential(s), keras_graph(s)):
        assert read_model(code).total == framework_count(code, "model", torch, keras), code
