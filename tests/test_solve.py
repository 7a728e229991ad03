"""`solve`: the largest hidden size within a budget, exact by construction and by check; budgets read exactly."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnncalc import InvalidArgument, count_params, solve_every_cell, solve_hidden
from rnncalc.counting.params import MAX_SIZE, Unavailable
from rnncalc.counting.solve import check_hidden
from rnncalc.numbers import MAX_BUDGET, parse_budget


@pytest.mark.parametrize(
    "text,value",
    [("100000", 100_000), ("100k", 100_000), ("1.5M", 1_500_000), ("2G", 2 * 10**9), ("2B", 2 * 10**9),
     ("1e5", 100_000), ("0.25k", 250), (" 7 ", 7), ("3T", 3 * 10**12), ("999999999999999999999999999999", 10**30 - 1)],
)  # fmt: skip
def test_budgets_people_type(text, value):
    assert parse_budget("budget", text, MAX_BUDGET) == value


@pytest.mark.parametrize(
    "text",
    ["", "abc", "-5", "0", "1.2345k", "1e400", "10q", "nan", "inf", "1,000", "1_000", "١٢٨",
     "1.0000000000000000000000000001T", "2e30", "9" * 100_000],
)  # fmt: skip
def test_budgets_that_are_not_a_whole_positive_number_in_range(text):
    with pytest.raises(InvalidArgument) as err:
        parse_budget("budget", text, MAX_BUDGET)
    assert err.value.name == "budget" and len(err.value.message) < 200


def test_gru_in_a_hundred_thousand():
    # Textbook GRU with m=28, k=10: 3n² + 3·28n + 10n = 3n² + 94n; 99,365 at n=167, 100,464 at n=168.
    s = solve_hidden(100_000, "gru", 28, 10)
    assert (s.hidden, s.result.total, s.slack, s.next_total) == (167, 99_365, 635, 100_464)


def test_a_budget_past_28_digits_is_not_rounded():
    # n²m = 10¹²·n² ≤ 10³⁰ − 1 ⇒ n = 10⁹ − 1; n = 10⁹ would need exactly 10³⁰, one over the budget
    # (rounded to 28 digits, the budget became 10³⁰ and the answer one unit too many).
    s = solve_hidden(10**30 - 1, "second-order", 10**12)
    assert (s.hidden, s.result.total, s.next_total) == (10**9 - 1, (10**9 - 1) ** 2 * 10**12, 10**30)


def test_every_cell_keras_without_reset_after_is_accepted_as_params_accepts_it():
    cells = solve_every_cell(100_000, 28, 10, convention="keras", reset_after=False)
    assert cells["gru"].result.reset_after is False and isinstance(cells["mgu"], Unavailable)


def test_checking_an_answer():
    s = solve_hidden(100_000, "gru", 28, 10)
    assert check_hidden(167, s).match
    wrong = check_hidden(170, s)
    assert (wrong.match, wrong.params) == (False, 3 * 170**2 + 94 * 170)


@pytest.mark.parametrize("budget", [float("nan"), 1.5, True, "100k", 0, MAX_BUDGET + 1])
def test_the_api_refuses_a_budget_that_is_not_a_whole_number_in_range(budget):
    with pytest.raises(InvalidArgument) as err:
        solve_hidden(budget, "gru", 28)
    assert err.value.name == "budget"


configs = st.fixed_dictionaries(
    {
        "cell": st.sampled_from(["rnn", "lstm", "gru", "peephole", "cifg", "mgu", "indrnn", "second-order"]),
        "input_size": st.integers(1, 1000),
        "output_size": st.integers(0, 100),
        "layers": st.integers(1, 3),
        "bidirectional": st.booleans(),
        "bias": st.booleans(),
    }
)


@settings(settings.get_profile("pure"))
@given(configs, st.integers(1, 10**15))
def test_the_answer_fits_and_one_more_unit_does_not(cfg, budget):
    cell, m, k = cfg.pop("cell"), cfg.pop("input_size"), cfg.pop("output_size")
    try:
        s = solve_hidden(budget, cell, m, k, **cfg)
    except InvalidArgument as e:  # only when one unit is over budget, or 10^12 units are under it
        assert e.name == "budget"
        assert (
            count_params(cell, 1, m, k, **cfg).total > budget
            or count_params(cell, MAX_SIZE, m, k, **cfg).total <= budget
        )
        return
    assert count_params(cell, s.hidden, m, k, **cfg).total == s.result.total <= budget
    assert count_params(cell, s.hidden + 1, m, k, **cfg).total == s.next_total > budget


def test_the_largest_hidden_size_is_an_answer_too():
    # count(n) = n² + n·1 for an Elman RNN on one input: n = 10¹² fits exactly its own count and up to one
    # below count(10¹² + 1); only a budget that fits 10¹² + 1 is refused.
    n = MAX_SIZE
    assert solve_hidden(n * n + n, "rnn", 1).hidden == n
    assert solve_hidden((n + 1) ** 2 + (n + 1) - 1, "rnn", 1).hidden == n
    with pytest.raises(InvalidArgument, match="fits more than"):
        solve_hidden((n + 1) ** 2 + (n + 1), "rnn", 1)
