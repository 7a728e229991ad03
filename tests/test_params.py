"""Parameter counts: the course formula, the frameworks' published formulas, exactness, the laws, the API contract."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnncalc import InvalidArgument, compare_conventions, count_params, every_cell
from rnncalc.choices import CONVENTIONS
from rnncalc.counting.params import MAX_SIZE, ParamCount, Unavailable, count_polynomial

# The course's formulas, written out independently of the implementation:
# each block has an n×m input matrix and an n×n recurrent one.
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
    assert (result.total, result.formula, result.substituted) == (21248, "n² + nm + kn", "128² + 128×28 + 10×128")


@pytest.mark.parametrize("cell", list(TEXTBOOK))
@pytest.mark.parametrize("n,m,k", [(1, 1, 0), (128, 28, 10), (7, 300, 3)])
def test_textbook_weights_only(cell, n, m, k):
    assert count_params(cell, n, m, k).total == TEXTBOOK[cell](n, m, k)


@pytest.mark.parametrize("cell", list(TEXTBOOK))
def test_textbook_bias_adds_one_vector_per_block_and_one_for_the_output(cell):
    n, m, k = 20, 5, 3
    assert count_params(cell, n, m, k, bias=True).total == TEXTBOOK[cell](n, m, k) + BLOCKS[cell] * n + k


@pytest.mark.parametrize(
    "cell,reset_after,expected",
    [  # Keras 3's documented formulas: SimpleRNN n(n+m+1), LSTM 4n(n+m+1), GRU 3n(n+m+2) (reset_after) or 3n(n+m+1)
        ("rnn", None, 128 * (128 + 28 + 1)),
        ("lstm", None, 80384),  # the MNIST tutorial's LSTM(128) on 28 features
        ("gru", None, 3 * 128 * (128 + 28 + 2)),
        ("gru", True, 3 * 128 * (128 + 28 + 2)),
        ("gru", False, 3 * 128 * (128 + 28 + 1)),
    ],
)
def test_keras_published_formulas(cell, reset_after, expected):
    assert count_params(cell, 128, 28, convention="keras", reset_after=reset_after).total == expected


def test_keras_bidirectional_stack_with_dense_head_hand_checked():
    # 2·4·64·(64+10+1) = 38,400; the second layer reads 128 features: 2·4·64·(64+128+1) = 98,816; Dense (128+1)·5 = 645
    assert (
        count_params("lstm", 64, 10, 5, layers=2, bidirectional=True, convention="keras").total == 38400 + 98816 + 645
    )


def test_keras_names_in_a_fresh_session():
    # As Keras 3.15 names a functional model's weights after keras.backend.clear_session() (checked against real
    # Keras in test_params_keras.py): stacked layers count up, and a stacked Bidirectional's inner layer too.
    names = [t.name for t in count_params("gru", 4, 3, 2, layers=2, bidirectional=True, convention="keras").tensors]
    assert names == [
        "bidirectional/forward_gru/gru_cell/kernel",
        "bidirectional/forward_gru/gru_cell/recurrent_kernel",
        "bidirectional/forward_gru/gru_cell/bias",
        "bidirectional/backward_gru/gru_cell/kernel",
        "bidirectional/backward_gru/gru_cell/recurrent_kernel",
        "bidirectional/backward_gru/gru_cell/bias",
        "bidirectional_1/forward_gru_1/gru_cell/kernel",
        "bidirectional_1/forward_gru_1/gru_cell/recurrent_kernel",
        "bidirectional_1/forward_gru_1/gru_cell/bias",
        "bidirectional_1/backward_gru_1/gru_cell/kernel",
        "bidirectional_1/backward_gru_1/gru_cell/recurrent_kernel",
        "bidirectional_1/backward_gru_1/gru_cell/bias",
        "dense/kernel",
        "dense/bias",
    ]
    assert count_params("gru", 4, 3, convention="keras").tensors[2].shape == (2, 12)  # reset_after: (2, 3n)


def test_pytorch_two_bias_vectors_per_block():
    # torch.nn.LSTM(28, 128): 4·128·(28+128) weights + 2·4·128 biases
    assert count_params("lstm", 128, 28, convention="pytorch").total == 4 * 128 * 156 + 8 * 128


def test_pytorch_projection_shapes_follow_proj_size():
    shapes = {t.name: t.shape for t in count_params("lstm", 10, 3, convention="pytorch", proj=4).tensors}
    assert shapes == {
        "weight_ih_l0": (40, 3),
        "weight_hh_l0": (40, 4),
        "bias_ih_l0": (40,),
        "bias_hh_l0": (40,),
        "weight_hr_l0": (4, 10),
    }


def test_counts_are_exact_at_a_trillion_units():
    n = MAX_SIZE
    assert count_params("second-order", n, n).total == 10**36
    assert count_params("lstm", n, n, 10, convention="pytorch").total == 4 * n * (n + n) + 8 * n + 10 * n + 10


def test_conventions_that_lack_a_cell_say_why_by_a_predicate():
    others = compare_conventions("peephole", 8, 4)
    assert isinstance(others["textbook"], ParamCount)
    assert others["pytorch"] == Unavailable("PyTorch has no Peephole LSTM module (torch.nn has RNN, LSTM and GRU)")
    assert others["keras"] == Unavailable(
        "Keras 3 has no Peephole LSTM layer (keras.layers has SimpleRNN, LSTM and GRU)"
    )


def test_every_cell_under_keras_keeps_reset_after_for_the_gru_alone():
    cells = every_cell(8, 4, convention="keras", reset_after=False)
    assert cells["gru"].total == 3 * 8 * (8 + 4 + 1) and cells["gru"].reset_after is False
    assert cells["lstm"].total == 4 * 8 * (8 + 4 + 1) and cells["lstm"].reset_after is None
    assert isinstance(cells["mgu"], Unavailable)


def test_every_cell_with_a_projection_counts_the_lstm_family_and_says_why_not_the_others():
    cells = every_cell(8, 4, convention="textbook", proj=3)
    assert {c for c, r in cells.items() if isinstance(r, ParamCount)} == {"lstm", "peephole", "cifg"}
    assert "LSTM family" in cells["gru"].reason
    with pytest.raises(InvalidArgument) as err:
        every_cell(8, 4, convention="keras", proj=3)
    assert err.value.name == "proj"


@pytest.mark.parametrize(
    "kwargs,name",
    [
        ({"hidden": 0}, "hidden"),
        ({"input_size": -1}, "input_size"),
        ({"output_size": -1}, "output_size"),
        ({"layers": 0}, "layers"),
        ({"hidden": 2.5}, "hidden"),
        ({"hidden": True}, "hidden"),  # bool is not a whole number
        ({"bias": "no"}, "bias"),  # "no" is not a bool
        ({"bidirectional": "no"}, "bidirectional"),
        ({"proj": 128, "cell": "lstm"}, "proj"),
        ({"proj": 8, "cell": "gru", "convention": "pytorch"}, "proj"),
        ({"proj": 8, "cell": "lstm", "convention": "keras"}, "proj"),
        ({"cell": "peephole", "convention": "pytorch"}, "cell"),
        ({"cell": "mgu", "convention": "keras"}, "cell"),
        ({"cell": "lstm", "convention": "keras", "reset_after": True}, "reset_after"),
        ({"cell": "gru", "convention": "keras", "reset_after": "yes"}, "reset_after"),
        ({"cell": "nope"}, "cell"),
        ({"convention": "jax"}, "convention"),
    ],
)
def test_invalid_arguments_raise_invalid_argument_naming_it(kwargs, name):
    with pytest.raises(InvalidArgument) as err:
        count_params(**{"cell": "rnn", "hidden": 128, "input_size": 28, **kwargs})
    assert err.value.name == name and isinstance(err.value, ValueError)


@pytest.mark.parametrize("call", [lambda: compare_conventions("rnn", 0, 3), lambda: every_cell(8, 0)])
def test_comparisons_raise_rather_than_return_error_strings(call):
    with pytest.raises(InvalidArgument):
        call()


def test_an_option_that_is_not_an_option_is_refused_by_name():
    # Typed signatures (issue 17): a misspelt keyword is Python's own TypeError, naming it, as for any function.
    with pytest.raises(TypeError, match="bidirektional"):
        compare_conventions("rnn", 8, 3, bidirektional=True)


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
        "bidirectional": st.booleans(),
    }
)


@given(shapes)
def test_total_is_an_exact_int_equal_to_the_sum_of_its_tensors(kw):
    result = count_params(**kw)
    assert type(result.total) is int and result.total == sum(t.count for t in result.tensors)
    for t in result.tensors:
        product = 1
        for d in t.shape:
            product *= d
        assert t.count == product


@given(shapes, st.sampled_from(["hidden", "input_size", "output_size", "layers"]))
def test_monotone_in_every_size(kw, which):
    assert count_params(**dict(kw, **{which: kw[which] + 1})).total > count_params(**kw).total


@given(shapes)
def test_a_single_bidirectional_layer_doubles_the_recurrent_count(kw):
    kw = dict(kw, layers=1, output_size=0, bidirectional=False)
    assert count_params(**dict(kw, bidirectional=True)).total == 2 * count_params(**kw).total


@given(shapes)
def test_every_convention_counts_the_same_weights(kw):
    kw.pop("convention")
    assert len({count_params(**kw, convention=c).weights for c in CONVENTIONS}) == 1


@given(st.integers(1, 64), st.integers(1, 64), st.integers(0, 10), st.sampled_from(list(TEXTBOOK)))
def test_the_printed_substitution_evaluates_to_the_total(n, m, k, cell):
    result = count_params(cell, n, m, k, bias=True)
    expr = result.substituted.replace("×", "*").replace(",", "").replace("²", "**2").replace("³", "**3")
    assert eval(expr) == result.total  # noqa: S307 - our own digits and operators only


@settings(settings.get_profile("repeated"))
@given(shapes, st.integers(1, 10**6))
def test_the_count_polynomial_equals_the_count_at_every_size(kw, n):
    cell, m, k = kw.pop("cell"), kw.pop("input_size"), kw.pop("output_size")
    kw.pop("hidden")
    assert count_polynomial(cell, m, k, **kw)(n) == count_params(cell, n, m, k, **kw).total


@pytest.mark.parametrize(
    "text,value",
    [("21248", 21248), ("21,248", 21248), ("2.1248e4", 21248), ("21k", 21000), ("1,000,000", 10**6), ("0", 0),
     (" 21,248 ", 21248), ("2.1248E4", 21248)],
)  # fmt: skip
def test_an_answer_is_read_as_people_write_counts(text, value):
    from rnncalc.numbers import MAX_COUNT, parse_count

    assert parse_count("expect", text, MAX_COUNT) == value


@pytest.mark.parametrize(
    "text,says",
    [("-21248", "never negative"), ("-21,248", "never negative"), ("- 21k", "never negative"),
     ("1,2345", "like 21248, 21,248"), ("21,24", "like 21248"), ("2.12485e3", "not a whole number"),
     ("twenty", "like 21248"), ("1_000", "like 21248")],
)  # fmt: skip
def test_an_answer_that_is_no_count_says_why(text, says):
    from rnncalc.numbers import MAX_COUNT, parse_count

    with pytest.raises(InvalidArgument, match=says):
        parse_count("expect", text, MAX_COUNT)


def test_the_grading_loop_tells_unreadable_from_wrong(run):
    base = ("params", "--hidden", "128", "--in", "28", "--out", "10", "-q", "--expect")
    assert [run(*base, answer)[0] for answer in ("21248", "21,248", "20224", "21k", "twenty")] == [0, 0, 3, 3, 2]


def test_an_answer_that_left_terms_out_is_read_as_such(run):
    # Issue 18: 16,384 = 128² is W_hh alone (W_xh and W_hy left out), not "input and output sizes swapped".
    from rnncalc.counting.expect import check_answer

    c = check_answer(128**2, count_params("rnn", 128, 28, 10))
    assert c.readings[0].left_out == ("W_xh", "W_hy") and c.readings[0].total == 16384
    without_inputs = check_answer(128**2 + 10 * 128, count_params("rnn", 128, 28, 10)).readings[0]
    assert without_inputs.left_out == ("W_xh",)


@pytest.mark.parametrize("answer,sizes", [(20224, ["k = 2", "m = 20"]), (21248 + 128, ["k = 11", "m = 29"])])
def test_an_answer_that_is_the_course_formula_at_other_sizes_says_so(answer, sizes):
    # n² + nm + kn at n = 128: k = (N − 128² − 128·28)/128 at m = 28; m = (N − 128² − 10·128)/128 at k = 10.
    from rnncalc.counting.expect import check_answer

    assert check_answer(answer, count_params("rnn", 128, 28, 10)).other_sizes == sizes


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda r: r.costs(None), "result"),
        (lambda r: r.check_answer(100, None), "asked"),
        (lambda r: r.check_answer(100, r.count_params(), nearest=1.5), "nearest"),
        (lambda r: r.describe("rnn", 8, 4, expect=-1), "expect"),
        (lambda r: r.analyse_machine("parity"), "dfa"),
        (lambda r: r.analyse_machine(r.load_machine("parity"), search="no"), "search"),
        (lambda r: r.simulate(r.RNNConfig(steps=3), progress=1), "progress"),
        (lambda r: r.simulate(r.RNNConfig(steps=3), limits=r.Limits(-1, 1)), "limits"),
        (lambda r: r.simulate(r.RNNConfig(steps=3), limits=r.Limits(float("nan"), 1)), "limits"),
        (lambda r: r.read_model("nn.LSTM(2, 3)", entry=[1]), "entry"),
        (lambda r: r.read_model("nn.LSTM(2, 3)", entry=""), "entry"),
        (lambda r: r.lag_sweep("radius", [0.5], radius=3, steps=3), "radius"),
        (lambda r: r.phase_sweep([0.5], [1.0], drive=1, steps=3), "drive"),
    ],
)
def test_the_api_refuses_by_name(call, name):
    # A second adversarial round: these raised AttributeError or TypeError from inside, or ran ("no" as True,
    # a negative limit), or named another argument.
    import rnncalc

    with pytest.raises(InvalidArgument) as refused:
        call(rnncalc)
    assert refused.value.name == name
