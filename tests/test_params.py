"""Parameter counts: the course formula, Keras's published formulas, exactness, and the laws."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnncalc import InvalidArgument, compare_conventions, count_params
from rnncalc.params import CONVENTIONS

# The course's formulas, written out independently of the implementation:
# each gate block has an n×m input matrix and an n×n recurrent one.
TEXTBOOK = {
    "rnn": lambda n, m, k: n * n + n * m + k * n,
    "lstm": lambda n, m, k: 4 * (n * n + n * m) + k * n,
    "gru": lambda n, m, k: 3 * (n * n + n * m) + k * n,
    "peephole": lambda n, m, k: 4 * (n * n + n * m) + 3 * n + k * n,
    "cifg": lambda n, m, k: 3 * (n * n + n * m) + k * n,
    "mgu": lambda n, m, k: 2 * (n * n + n * m) + k * n,
    "indrnn": lambda n, m, k: n * m + n + k * n,
    "second-order": lambda n, m, k: n * n * m + k * n,
}
BLOCKS = {"rnn": 1, "lstm": 4, "gru": 3, "peephole": 4, "cifg": 3, "mgu": 2, "indrnn": 1, "second-order": 1}


def test_elman_rnn_course_formula_n2_plus_nm_plus_kn():
    # 128² + 128·28 + 10·128 = 16384 + 3584 + 1280
    result = count_params("rnn", hidden=128, input_size=28, output_size=10)
    assert result.total == 21248
    assert result.formula == "n² + nm + kn"
    assert result.substituted == "128² + 128×28 + 10×128"


@pytest.mark.parametrize("cell", list(TEXTBOOK))
@pytest.mark.parametrize("n,m,k", [(1, 1, 0), (128, 28, 10), (7, 300, 3)])
def test_textbook_weights_only(cell, n, m, k):
    assert count_params(cell, n, m, k).total == TEXTBOOK[cell](n, m, k)


@pytest.mark.parametrize("cell", list(TEXTBOOK))
def test_textbook_bias_adds_one_vector_per_block_and_one_for_the_output(cell):
    n, m, k = 20, 5, 3
    with_bias = count_params(cell, n, m, k, bias=True).total
    assert with_bias == TEXTBOOK[cell](n, m, k) + BLOCKS[cell] * n + k


# Keras 3 documented formulas: SimpleRNN n(n+m+1), LSTM 4n(n+m+1),
# GRU 3n(n+m+2) with reset_after (the default) or 3n(n+m+1) without, Dense (i+1)k.
@pytest.mark.parametrize(
    "cell,reset_after,expected",
    [
        ("rnn", None, 128 * (128 + 28 + 1)),  # 20,096
        ("lstm", None, 80384),  # the MNIST-tutorial LSTM(128) on 28 features
        ("gru", None, 3 * 128 * (128 + 28 + 2)),  # 60,672
        ("gru", True, 3 * 128 * (128 + 28 + 2)),
        ("gru", False, 3 * 128 * (128 + 28 + 1)),
    ],
)
def test_keras_published_formulas(cell, reset_after, expected):
    assert count_params(cell, 128, 28, convention="keras", reset_after=reset_after).total == expected


def test_keras_bidirectional_stack_with_dense_head_hand_checked():
    # Bidirectional(LSTM(64)) on 10 features: 2·4·64·(64+10+1) = 38,400
    # second Bidirectional(LSTM(64)) reads 128 features: 2·4·64·(64+128+1) = 98,816
    # Dense(5) on the 128 concatenated features: (128+1)·5 = 645
    result = count_params("lstm", 64, 10, 5, layers=2, bidirectional=True, convention="keras")
    assert result.total == 38400 + 98816 + 645


def test_keras_use_bias_false_removes_every_bias():
    result = count_params("gru", 16, 4, 2, convention="keras", bias=False)
    assert result.total == 3 * 16 * (16 + 4) + 16 * 2
    assert all(t.role != "bias" for t in result.tensors)


def test_keras_names_follow_default_layer_names():
    names = [t.name for t in count_params("lstm", 4, 3, 2, layers=2, convention="keras").tensors]
    assert names == [
        "lstm/lstm_cell/kernel",
        "lstm/lstm_cell/recurrent_kernel",
        "lstm/lstm_cell/bias",
        "lstm_1/lstm_cell/kernel",
        "lstm_1/lstm_cell/recurrent_kernel",
        "lstm_1/lstm_cell/bias",
        "dense/kernel",
        "dense/bias",
    ]


def test_pytorch_two_bias_vectors_per_block():
    # torch.nn.LSTM(28, 128): 4·128·(28+128) weights + 2·4·128 biases
    assert count_params("lstm", 128, 28, convention="pytorch").total == 4 * 128 * 156 + 8 * 128


def test_pytorch_projection_shapes_follow_proj_size():
    result = count_params("lstm", 10, 3, convention="pytorch", proj=4)
    shapes = {t.name: t.shape for t in result.tensors}
    assert shapes == {
        "weight_ih_l0": (40, 3),
        "weight_hh_l0": (40, 4),
        "bias_ih_l0": (40,),
        "bias_hh_l0": (40,),
        "weight_hr_l0": (4, 10),
    }


def test_counts_are_exact_at_a_million_units():
    n = m = 1_000_000
    assert count_params("second-order", n, m).total == 10**18
    assert count_params("lstm", n, m, 10, convention="pytorch").total == 4 * n * (n + m) + 8 * n + 10 * n + 10


@pytest.mark.parametrize(
    "kwargs,option",
    [
        ({"hidden": 0}, "hidden"),
        ({"input_size": -1}, "input_size"),
        ({"output_size": -1}, "output_size"),
        ({"layers": 0}, "layers"),
        ({"hidden": 2.5}, "hidden"),
        ({"proj": 128, "cell": "lstm"}, "proj"),
        ({"proj": 8, "cell": "gru", "convention": "pytorch"}, "proj"),
        ({"proj": 8, "cell": "lstm", "convention": "keras"}, "proj"),
        ({"cell": "peephole", "convention": "pytorch"}, "cell"),
        ({"cell": "mgu", "convention": "keras"}, "cell"),
        ({"cell": "lstm", "convention": "keras", "reset_after": True}, "reset_after"),
        ({"cell": "nope"}, "cell"),
        ({"convention": "jax"}, "convention"),
    ],
)
def test_invalid_arguments_name_the_argument(kwargs, option):
    args = {"cell": "rnn", "hidden": 128, "input_size": 28, **kwargs}
    with pytest.raises(InvalidArgument) as err:
        count_params(**args)
    assert err.value.name == option


def test_conventions_that_lack_a_cell_say_why():
    others = compare_conventions("peephole", 8, 4)
    assert isinstance(others["pytorch"], str) and "PyTorch has no" in others["pytorch"]
    assert isinstance(others["keras"], str) and "Keras 3 has no" in others["keras"]


# ---- laws (Hypothesis) ----------------------------------------------------------

sizes = st.integers(1, 10**9)
shapes = st.fixed_dictionaries(
    {
        "hidden": sizes,
        "input_size": sizes,
        "output_size": st.integers(0, 10**9),
        "layers": st.integers(1, 4),
        "convention": st.sampled_from(CONVENTIONS),
        "cell": st.sampled_from(["rnn", "lstm", "gru"]),
        "bias": st.booleans(),
    }
)


@given(shapes)
def test_total_is_an_exact_int_equal_to_the_sum_of_its_tensors(kw):
    result = count_params(**kw)
    assert type(result.total) is int
    assert result.total == sum(t.count for t in result.tensors)
    for t in result.tensors:
        product = 1
        for d in t.shape:
            product *= d
        assert t.count == product


@given(shapes, st.sampled_from(["hidden", "input_size", "output_size", "layers"]))
def test_monotone_in_every_size(kw, which):
    bigger = dict(kw, **{which: kw[which] + 1})
    assert count_params(**bigger).total > count_params(**kw).total


@given(shapes)
def test_single_bidirectional_layer_doubles_the_recurrent_count(kw):
    kw = dict(kw, layers=1, output_size=0)
    assert count_params(**kw, bidirectional=True).total == 2 * count_params(**kw).total


@given(shapes)
def test_every_convention_counts_the_same_weights(kw):
    kw.pop("convention")
    weights = {count_params(**kw, convention=c).weights for c in CONVENTIONS}
    assert len(weights) == 1


@given(st.integers(1, 64), st.integers(1, 64), st.integers(0, 10), st.sampled_from(list(TEXTBOOK)))
def test_symbolic_formula_evaluates_to_the_total(n, m, k, cell):
    # The printed substitution, read back as arithmetic, gives the count.
    result = count_params(cell, n, m, k, bias=True)
    expr = result.substituted.replace("×", "*").replace(",", "")
    expr = expr.replace("²", "**2").replace("³", "**3")
    assert eval(expr) == result.total  # noqa: S307 - our own digits and operators only


@settings(max_examples=30)
@given(shapes, st.integers(1, 10**6), st.integers(1, 10**6))
def test_count_does_not_depend_on_sequence_length(kw, t1, t2):
    from rnncalc.views.params import Workload, costs

    result = count_params(**kw)
    a, b = costs(result, Workload(seq_len=t1)), costs(result, Workload(seq_len=t2))
    assert a["macs_per_sequence"] * t2 == b["macs_per_sequence"] * t1  # compute grows with T
    assert a["param_bytes"] == b["param_bytes"]  # the parameters do not
