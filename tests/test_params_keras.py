"""The Keras convention against real Keras 3 (JAX backend): every weight's path and shape, and the total.

Models are built as a functional model in a fresh session (keras.backend.clear_session()),
which is what rnncalc's tensor names follow.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnncalc import count_params, read_network

LAYERS = {"rnn": "SimpleRNN", "lstm": "LSTM", "gru": "GRU"}
configs = st.fixed_dictionaries(
    {
        "cell": st.sampled_from(["rnn", "lstm", "gru"]),
        "hidden": st.integers(1, 6),
        "input_size": st.integers(1, 5),
        "output_size": st.integers(0, 4),
        "layers": st.integers(1, 3),
        "bidirectional": st.booleans(),
        "bias": st.booleans(),
        "reset_after": st.booleans(),
    }
)


def keras_code(cfg) -> str:
    """The functional model a Keras user writes; --from reads the same text."""
    options = [str(cfg["hidden"]), f"use_bias={cfg['bias']}"]
    if cfg["cell"] == "gru":
        options.append(f"reset_after={cfg['reset_after']}")
    lines = [f"x = keras.Input(shape=(None, {cfg['input_size']}))"]
    for layer in range(cfg["layers"]):
        last = layer == cfg["layers"] - 1
        call = f"keras.layers.{LAYERS[cfg['cell']]}({', '.join(options)}, return_sequences={not last})"
        if cfg["bidirectional"]:
            call = f"keras.layers.Bidirectional({call})"
        lines.append(f"y{layer} = {call}({'x' if layer == 0 else f'y{layer - 1}'})")
    if cfg["output_size"]:
        lines.append(f"out = keras.layers.Dense({cfg['output_size']}, use_bias={cfg['bias']})(y{cfg['layers'] - 1})")
    return "\n".join(lines)


@pytest.mark.slow
@settings(settings.get_profile("repeated"))
@given(configs)
def test_paths_shapes_and_total_equal_keras(keras, cfg):
    keras.backend.clear_session()
    code = keras_code(cfg)
    namespace = {"keras": keras}
    exec(code, namespace)  # noqa: S102 - our own generated model code
    final = namespace["out"] if cfg["output_size"] else namespace[f"y{cfg['layers'] - 1}"]
    model = keras.Model(namespace["x"], final)
    expected = [(w.path, tuple(w.shape)) for w in model.weights]

    options = dict(cfg)
    options["reset_after"] = cfg["reset_after"] if cfg["cell"] == "gru" else None
    result = count_params(convention="keras", **options)
    assert [(t.name, t.shape) for t in result.tensors] == expected
    assert result.total == model.count_params()
    assert count_params(**read_network(code)).total == model.count_params()


def test_a_sequential_model_prefixes_its_name(keras):
    # The README says the names follow the functional API; under keras.Sequential each path gains "sequential/".
    keras.backend.clear_session()
    model = keras.Sequential([keras.Input(shape=(None, 3)), keras.layers.LSTM(4), keras.layers.Dense(2)])
    paths = [w.path for w in model.weights]
    ours = [t.name for t in count_params("lstm", 4, 3, 2, convention="keras").tensors]
    assert paths == [f"sequential/{name}" for name in ours]


@pytest.mark.parametrize(
    "code,input_size",
    [
        ("simple_rnn = keras.layers.SimpleRNN(4)", 8),
        ("simple_rnn = keras.layers.SimpleRNN(4, return_sequences=True, return_state=True)", 8),
        ("lstm = keras.layers.LSTM(4)", 8),
        ("lstm = keras.layers.LSTM(4, return_sequences=True, return_state=True)", 8),
        ("gru = keras.layers.GRU(4)", 8),
        ("gru = keras.layers.GRU(4, return_sequences=True, return_state=True)", 8),
    ],
)
def test_the_documentation_examples_count_as_keras_does(keras, code, input_size):
    # Keras's docs run each layer on np.random.random((32, 10, 8)): 8 input features.
    keras.backend.clear_session()
    namespace = {"keras": keras}
    exec(code, namespace)  # noqa: S102 - the docs' own example
    layer = next(v for k, v in namespace.items() if k != "keras" and not k.startswith("__"))
    layer.build((None, 10, input_size))
    network = read_network(code, input_size=input_size)
    assert count_params(**network).total == layer.count_params()


IMPORTS = "from keras import Input, Sequential\nfrom keras.layers import Bidirectional, Dense, LSTM\n"
BIDIRECTIONAL_DOCS = """model = Sequential([
    Input(shape=(5, 10)),
    Bidirectional(LSTM(10, return_sequences=True)),
    Bidirectional(LSTM(10)),
    Dense(5, activation="softmax"),
])
model.compile(loss='categorical_crossentropy', optimizer='rmsprop')"""
BACKWARD_LAYER_DOCS = """forward_layer = LSTM(10, return_sequences=True)
backward_layer = LSTM(10, activation='relu', return_sequences=True,
                      go_backwards=True)
model = Sequential([
    Input(shape=(5, 10)),
    Bidirectional(forward_layer, backward_layer=backward_layer),
    Dense(5, activation="softmax"),
])
model.compile(loss='categorical_crossentropy', optimizer='rmsprop')"""


@pytest.mark.parametrize("code", [BIDIRECTIONAL_DOCS, BACKWARD_LAYER_DOCS])
def test_the_bidirectional_documentation_examples_count_as_keras_does(keras, code):
    # keras.layers.Bidirectional's docstring (Keras 3.15); its first example is missing a closing parenthesis
    # after the first Bidirectional(...), restored here.
    keras.backend.clear_session()
    names = {n: getattr(keras.layers, n) for n in ("Input", "Bidirectional", "LSTM", "Dense")}
    namespace = {"Sequential": keras.Sequential, **names, "Input": keras.Input}
    exec(code.replace("model.compile(loss='categorical_crossentropy', optimizer='rmsprop')", ""), namespace)  # noqa: S102
    # The docstring leaves its imports out; rnncalc reads the framework from them, so they are written here.
    assert count_params(**read_network(IMPORTS + code)).total == namespace["model"].count_params()
