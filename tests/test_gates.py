"""`rnncalc gates`: every number comes from the params and gradflow cores."""

import json
import math
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnncalc import count_params, gate_rows, simulate
from rnncalc.gates import SIM_HIDDEN, SIM_TRIALS
from rnncalc.gradflow import Config

SNAPSHOTS = Path(__file__).parent / "snapshots"


@settings(max_examples=40, deadline=None)
@given(
    st.integers(1, 10**6),
    st.integers(1, 10**6),
    st.integers(0, 1000),
    st.sampled_from(["textbook", "pytorch", "keras"]),
)
def test_params_column_equals_the_params_core(n, m, k, convention):
    for row in gate_rows(n, m, k, convention=convention, steps=2):
        try:
            expected = count_params(
                row["cell"], n, m, k, bidirectional=row["bidirectional"], convention=convention
            ).total
        except ValueError:
            expected = None
        assert row["params"] == expected


def test_lstm_and_gru_cost_four_and_three_vanilla_rnns():
    rows = {r["cell"]: r for r in gate_rows(128, 128, steps=2) if not r["bidirectional"]}
    assert rows["lstm"]["ratio_to_rnn"] == 4.0 and rows["gru"]["ratio_to_rnn"] == 3.0


@settings(max_examples=10, deadline=None)
@given(st.integers(1, 60), st.integers(0, 1000), st.floats(0.05, 0.99))
def test_retention_equals_a_direct_gradflow_call(steps, seed, gate):
    rows = {
        r["cell"]: r
        for r in gate_rows(steps=steps, seed=seed, gate=gate, cells=["rnn", "lstm", "gru", "mgu"])
        if not r["bidirectional"]
    }
    common = dict(hidden=SIM_HIDDEN, steps=steps, trials=SIM_TRIALS, seed=seed)
    assert rows["rnn"]["retention"]["full"] == simulate(Config(cell="rnn", radius=1.0, **common)).log10_norm[-1]
    assert rows["lstm"]["retention"]["full"] == simulate(Config(cell="lstm", forget=gate, **common)).log10_norm[-1]
    assert rows["gru"]["retention"]["full"] == simulate(Config(cell="gru", update=gate, **common)).log10_norm[-1]
    # The carry paths are gate^T, exactly, for every cell that has one.
    assert rows["mgu"]["retention"]["carry"] == pytest.approx(steps * math.log10(gate), abs=1e-9)
    assert rows["rnn"]["retention"]["carry"] is None


def test_gates_by_name_and_state():
    rows = {r["cell"]: r for r in gate_rows(steps=2) if not r["bidirectional"]}
    assert rows["rnn"]["gates"] == [] and rows["rnn"]["state"] == "h"
    assert rows["lstm"]["gates"] == ["input", "forget", "output"] and rows["lstm"]["state"] == "h, c"
    assert rows["gru"]["gates"] == ["reset", "update"]
    assert rows["cifg"]["gates"] == ["forget", "output"]
    assert rows["mgu"]["gates"] == ["forget"]


def test_json_params_equal_what_params_prints(run):
    sizes = "--hidden 40 --in 7 --out 3 --convention pytorch".split()
    rows = json.loads(run("gates", *sizes, "--steps", "5", "-f", "json")[1])
    for row in rows:
        bidirectional = ["--bidirectional"] if row["bidirectional"] else []
        code, out, _ = run("params", *sizes, "--cell", row["cell"], *bidirectional, "-q")
        assert (row["params"] is None and code == 2) or out == f"{row['params']}\n"


def test_cells_subset_accepts_commas_and_repeats(run):
    rows = json.loads(
        run("gates", "--cells", "lstm,gru", "--cells", "rnn", "--no-bidirectional", "-f", "json", "--steps", "5")[1]
    )
    assert [r["cell"] for r in rows] == ["lstm", "gru", "rnn"]


@pytest.mark.parametrize(
    "args,option",
    [
        (("--cells", "transformer"), "--cells"),
        (("--gate", "1"), "--gate"),
        (("--gate", "nan"), "--gate"),
        (("--hidden", "0"), "--hidden"),
        (("--steps", "0"), "--steps"),
    ],
)
def test_bad_input(run, args, option):
    code, out, err = run("gates", *args)
    assert (code, out) == (2, "") and option in err and err.count("\n") == 1


def test_equations_use_the_tools_notation(run):
    out = run("gates", "--cells", "gru", "--equations", "--steps", "5")[1]
    assert "h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1}" in out
    assert "W_hz" in out  # the tensor names `rnncalc params` prints


def test_table_folds_to_80_columns_without_truncating(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = run("gates", "--steps", "5")[1]
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "…" not in out


def test_table_snapshot(run):
    """Pins the layout; the numbers in it are checked above against the cores."""
    out = run("gates", "--cells", "rnn,lstm,gru", "--no-bidirectional", "--steps", "20")[1]
    snapshot = SNAPSHOTS / "gates_rnn_lstm_gru.txt"
    if os.environ.get("RNNCALC_UPDATE_SNAPSHOTS"):
        snapshot.write_text(out, encoding="utf-8")
    assert out == snapshot.read_text(encoding="utf-8")
