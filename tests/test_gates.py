"""`gates`: costs are exact integers (hand formulas), retention is the gradflow simulation, blocks are named."""

import math
import statistics

import pytest

from rnncalc import InvalidArgument, LSTMConfig, RNNConfig, gate_costs, gate_retention, simulate
from rnncalc.simulation.gates import SIM_DRAWS, SIM_HIDDEN, SIM_TRIALS


def test_costs_by_hand_at_the_course_sizes():
    # n = 128, m = 28: one block is n² + nm = 19,968 weights.
    rows = {r.cell: r for r in gate_costs(128, 28)}
    block = 128 * 128 + 128 * 28
    expected = {
        "rnn": block,
        "lstm": 4 * block,
        "gru": 3 * block,
        "peephole": 4 * block + 3 * 128,
        "cifg": 3 * block,
        "mgu": 2 * block,
        "indrnn": 128 * 28 + 128,
        "second-order": 128 * 128 * 28,
    }
    assert {cell: r.params for cell, r in rows.items()} == expected
    assert rows["lstm"].ratio_to_rnn == 4.0 and rows["gru"].ratio_to_rnn == 3.0


def test_the_lstm_has_three_gates_and_a_candidate_block():
    lstm = next(r for r in gate_costs(cells=["lstm"]))
    assert lstm.spec.gates == ("input", "forget", "output")
    assert [(b.letter, b.role) for b in lstm.spec.blocks] == [
        ("i", "input gate"), ("f", "forget gate"), ("g", "candidate"), ("o", "output gate"),
    ]  # fmt: skip


def test_bidirectional_rows_only_when_asked_and_only_for_framework_cells():
    assert [r.cell for r in gate_costs(cells=["lstm", "gru", "mgu"])] == ["lstm", "gru", "mgu"]
    both = [(r.cell, r.bidirectional) for r in gate_costs(cells=["lstm", "mgu"], bidirectional=True)]
    assert both == [("lstm", False), ("mgu", False), ("lstm", True)]


def test_a_convention_without_the_cell_says_why():
    mgu = next(r for r in gate_costs(cells=["mgu"], convention="pytorch"))
    assert mgu.params is None and "PyTorch has no MGU" in mgu.reason


def test_carry_retention_is_gate_to_the_steps_for_every_gated_cell():
    kept = gate_retention(steps=40, gate=0.9)
    for cell in ("lstm", "gru", "peephole", "cifg", "mgu"):
        assert kept[cell].carry == pytest.approx(40 * math.log10(0.9), abs=1e-9)
    for cell in ("rnn", "indrnn", "second-order"):
        assert kept[cell].carry is None


def test_full_retention_is_the_gradflow_run_it_says_it_is():
    # Issue 18: one seed is one network, not the cell: the mean over SIM_DRAWS weight draws, with their spread.
    kept = gate_retention(["rnn", "lstm"], steps=30, gate=0.9, seed=3)
    common = dict(hidden=SIM_HIDDEN, steps=30, trials=SIM_TRIALS)
    for cell, config in (("rnn", lambda s: RNNConfig(radius=1.0, seed=s, **common)),
                         ("lstm", lambda s: LSTMConfig(forget=0.9, seed=s, **common))):  # fmt: skip
        ends = [simulate(config(s)).log10_norm[-1] for s in range(3, 3 + SIM_DRAWS)]
        assert kept[cell].full == pytest.approx(statistics.fmean(ends), abs=1e-12)
        assert kept[cell].full_spread == pytest.approx(statistics.stdev(ends), abs=1e-12)
        assert kept[cell].full_range == (min(ends), max(ends))


@pytest.mark.parametrize(
    "call,name",
    [
        (lambda: gate_costs(cells=["transformer"]), "cells"),
        (lambda: gate_costs(cells=[]), "cells"),
        (lambda: gate_costs(bidirectional="yes"), "bidirectional"),
        (lambda: gate_retention(gate=1.0), "gate"),
        (lambda: gate_retention(steps=0), "steps"),
        (lambda: gate_retention(steps=690_000), "steps"),  # 600 s and 11.6 GB before: refused up front
    ],
)
def test_bad_arguments(call, name):
    with pytest.raises(InvalidArgument) as err:
        call()
    assert err.value.name == name


def test_a_single_name_is_one_cell():
    assert [r.cell for r in gate_costs(cells="lstm")] == ["lstm"]
