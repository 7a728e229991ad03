"""`rnncalc solve`: the largest hidden size within a budget, exact by construction and by check."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnncalc import InvalidArgument, count_params
from rnncalc.params import MAX_SIZE
from rnncalc.solve import parse_budget, solve_hidden


@pytest.mark.parametrize(
    "text,value",
    [
        ("100000", 100_000),
        ("100k", 100_000),
        ("1.5M", 1_500_000),
        ("2G", 2 * 10**9),
        ("1e5", 100_000),
        ("0.25k", 250),
        (" 7 ", 7),
        ("3T", 3 * 10**12),
    ],
)
def test_budgets_people_type(text, value):
    assert parse_budget(text) == value


@pytest.mark.parametrize("text", ["", "abc", "-5", "0", "1.2345k", "1e400", "10q", "nan", "inf", "1,000"])
def test_budgets_that_are_not_a_whole_positive_number(text):
    with pytest.raises(InvalidArgument) as err:
        parse_budget(text)
    assert err.value.name == "budget"


def test_gru_in_a_hundred_thousand():
    # Textbook GRU with m=28, k=10: 3n² + 3·28n + 10n = 3n² + 94n; 99,365 at n=167, 100,464 at n=168.
    solution = solve_hidden(100_000, "gru", 28, 10)
    assert (solution.hidden, solution.result.total, solution.slack, solution.next_total) == (167, 99_365, 635, 100_464)


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


@settings(max_examples=200, deadline=None)
@given(configs, st.integers(1, 10**15))
def test_the_answer_fits_and_one_more_unit_does_not(cfg, budget):
    cell, m, k = cfg.pop("cell"), cfg.pop("input_size"), cfg.pop("output_size")
    try:
        solution = solve_hidden(budget, cell, m, k, **cfg)
    except InvalidArgument as e:  # only when one unit is over budget, or 10^12 units are under it
        assert e.name == "budget"
        assert (
            count_params(cell, 1, m, k, **cfg).total > budget
            or count_params(cell, MAX_SIZE, m, k, **cfg).total <= budget
        )
        return
    assert count_params(cell, solution.hidden, m, k, **cfg).total == solution.result.total <= budget
    assert count_params(cell, solution.hidden + 1, m, k, **cfg).total == solution.next_total > budget


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 200), st.integers(10**3, 10**9), st.sampled_from(["pytorch", "keras"]))
def test_frameworks_and_projections(p, budget, convention):
    proj = p if convention == "pytorch" else 0
    try:
        solution = solve_hidden(budget, "lstm", 32, 10, convention=convention, proj=proj)
    except InvalidArgument:
        assert count_params("lstm", proj + 1, 32, 10, convention=convention, proj=proj).total > budget
        return
    assert solution.hidden > proj
    assert count_params("lstm", solution.hidden + 1, 32, 10, convention=convention, proj=proj).total > budget


def test_cli_quiet_prints_the_hidden_size(run):
    assert run("solve", "--budget", "100k", "--cell", "gru", "--in", "28", "--out", "10", "-q")[1] == "167\n"


def test_cli_matched_budget_table_of_every_cell(run):
    code, out, _ = run(
        "solve",
        "--budget",
        "1.5M",
        "--cell",
        "all",
        "--in",
        "28",
        "--out",
        "10",
        "--convention",
        "pytorch",
        "-f",
        "json",
    )
    data = json.loads(out)
    assert code == 0 and data["budget"] == 1_500_000
    rows = {r["cell"]: r for r in data["cells"]}
    for cell in ("rnn", "lstm", "gru"):
        r = rows[cell]
        assert count_params(cell, r["hidden"], 28, 10, convention="pytorch").total == r["params"] <= 1_500_000
        assert r["slack"] == 1_500_000 - r["params"] and r["next_params"] > 1_500_000
    assert rows["mgu"]["hidden"] is None and "PyTorch has no" in rows["mgu"]["reason"]


@pytest.mark.parametrize(
    "args,option",
    [
        (("--budget", "lots", "--in", "28"), "--budget"),
        (("--budget", "10", "--in", "28", "--cell", "lstm"), "--budget"),  # below one hidden unit
        (("--budget", "1M", "--in", "0"), "--in"),
        (("--budget", "1M", "--in", "28", "--cell", "mgu", "--convention", "keras"), "--cell"),
        (("--budget", "1M", "--in", "28", "--cell", "gru", "--proj", "4", "--convention", "pytorch"), "--proj"),
    ],
)
def test_cli_bad_input(run, args, option):
    code, out, err = run("solve", *args)
    assert (code, out) == (2, "") and option in err and err.count("\n") == 1
