"""`sweep`: every row is a gradflow run; the phase map's χ with the drawn scale; the forget-bias table."""

import json
import math
import re

import pytest

from rnncalc import (
    GRUConfig,
    InvalidArgument,
    LSTMConfig,
    RNNConfig,
    forget_bias_table,
    lag_sweep,
    phase_sweep,
    simulate,
)
from rnncalc.numbers import parse_range
from rnncalc.simulation.theory import edge_of_chaos, mean_field


def test_ranges_include_both_ends_without_float_drift():
    assert parse_range("radius", "0.5:1.5:0.05", 500) == [round(0.5 + 0.05 * i, 2) for i in range(21)]
    assert parse_range("forget", "0.9", 500) == [0.9]


@pytest.mark.parametrize(
    "text",
    ["", "a:b:c", "1:0:0.1", "nan:1:0.1", "0:inf:1", "0:1:0", "0:1:-0.1", "0:1000:0.001", "1:2", "1:2:3:4",
     "0:1e9999999:1", "1_0:2:1", "0:1e-400:1"],
)  # fmt: skip
def test_bad_ranges(text):
    with pytest.raises(InvalidArgument) as err:
        parse_range("radius", text, 500)
    assert err.value.name == "radius"


@pytest.mark.parametrize(
    "parameter,kind,values",
    [
        ("radius", RNNConfig, [0.8, 1.0, 1.2]),
        ("forget", LSTMConfig, [0.5, 0.9, 0.99]),
        ("update", GRUConfig, [0.0, 0.9]),
    ],
)
def test_every_row_equals_a_gradflow_run_with_the_same_seed_and_burn_in(parameter, kind, values):
    sweep = lag_sweep(parameter, values, hidden=12, steps=40, trials=4, seed=3)
    for value, run in zip(values, sweep.runs):
        alone = simulate(kind(hidden=12, steps=40, trials=4, seed=3, burn_in=sweep.burn_in, **{parameter: value}))
        assert run.log10_norm == alone.log10_norm


def test_the_sweep_burn_in_is_the_longest_its_values_need():
    assert lag_sweep("forget", [0.5, 0.99], hidden=4, steps=3).burn_in == 500


def test_the_phase_map_uses_the_weight_scale_of_the_w_simulated():
    sweep = phase_sweep([0.8, 1.2, 1.6, 2.0], [0.0, 0.5], hidden=32, steps=60)
    scale = sweep.sigma_w[1] / 1.2
    assert [s / r for s, r in zip(sweep.sigma_w, sweep.radii)] == pytest.approx([scale] * 4, rel=1e-12)
    assert sweep.chi[1][2] == pytest.approx(mean_field(1.6 * scale, 0.5, "tanh")["chi"], rel=1e-12)
    assert sweep.critical_mean_field == [pytest.approx(edge_of_chaos(d, scale)) for d in (0.0, 0.5)]
    assert sweep.critical_mean_field[0] == pytest.approx(1 / scale)  # drive 0: χ = σ_w², one at σ_w = 1
    assert all(m is None or 0.8 <= m <= 2.0 for m in sweep.critical_measured)


def test_forget_bias_table():
    rows = forget_bias_table([0.0, 1.0, 40.0], steps=100)
    assert rows[0].forget == 0.5 and rows[0].timescale == pytest.approx(1 / math.log(2))
    assert rows[1].log10_retained == pytest.approx(100 * math.log10(1 / (1 + math.exp(-1))))
    assert rows[2].timescale == pytest.approx(math.exp(40), rel=1e-9)  # σ(40) rounds to 1; −log1p(e^−40) does not


@pytest.mark.parametrize(
    "call,name",
    [
        (lambda: lag_sweep("forget", [1.5]), "forget"),
        (lambda: lag_sweep("radius", []), "radius"),
        (lambda: lag_sweep("depth", [1]), "parameter"),
        (lambda: phase_sweep([1], [0.1, 0.2], activation="relu"), "activation"),
        (lambda: forget_bias_table([200.0], 10), "forget_bias"),
        (lambda: lag_sweep("radius", [1.0] * 501), "radius"),
    ],
)
def test_bad_sweeps(call, name):
    with pytest.raises(InvalidArgument) as err:
        call()
    assert err.value.name == name


@pytest.mark.parametrize("text,near", [("0.9:0.999:0.02", "0.98 or 1"), ("0:1:0.3", "0.9 or 1.2")])
def test_a_stop_off_the_grid_is_refused_with_the_nearest_stops(text, near):
    # Issue 18: 0.9:0.999:0.02 dropped 0.999 silently, though both ends are included.
    with pytest.raises(InvalidArgument, match=f"stop at {near}"):
        parse_range("forget", text, 500)


def test_the_summary_gives_each_value_one_verdict(run):
    data = json.loads(run("sweep", "radius", "0.5:1.5:0.05", "--steps", "200", "-f", "json")[1])
    said = " ".join(run("sweep", "radius", "0.5:1.5:0.05", "--steps", "200")[1].split())
    summary = re.search(r"The gradient is (.*?)\.(?:\s|$)", said).group(1)
    # every value lies in exactly one span of the summary, and that span's verdict is the row's
    spans = {}
    for part in summary.split("; "):
        verdict, rest = part.split(" for radius ")
        for piece in rest.replace(" and ", ", ").split(", "):
            low, _, high = piece.partition(" to ")
            spans[(float(low), float(high or low))] = verdict
    for row in data["rows"]:
        inside = [v for (low, high), v in spans.items() if low <= row["value"] + 1e-12 and row["value"] <= high + 1e-12]
        assert inside == [row["verdict"]], row["value"]


def test_close_values_keep_their_own_rows_and_labels(run, tmp_path):
    # Issue 19: rows were placed and labelled by values rounded to 6 digits: every row of
    # update 0.9999997:0.9999999:0.0000001 read "1", and radius 0.3:0.3000001:0.00000005 plotted an empty heatmap.
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from rnncalc import lag_sweep
    from rnncalc.output.plot import _heatmap
    from rnncalc.views.sweep import lag_report

    data = json.loads(run("sweep", "update", "0.9999997:0.9999999:0.0000001", "--steps", "5", "-f", "json")[1])
    assert [r["value"] for r in data["rows"]] == [0.9999997, 0.9999998, 0.9999999]
    out = run("sweep", "update", "0.9999997:0.9999999:0.0000001", "--steps", "5")[1]
    assert all(label in out for label in ("0.9999997", "0.9999998", "0.9999999"))
    report = lag_report(lag_sweep("radius", [0.3, 0.30000005, 0.3000001], steps=5, hidden=8))
    assert report.figure.row_labels == ["0.3", "0.30000005", "0.3000001"]
    fig = _heatmap(plt, report.figure)
    cells = fig.axes[0].collections[0].get_array()
    assert cells.count() == 3 * 6  # every row drawn, none collapsed onto another
    plt.close(fig)
    gradflow = run("gradflow", "--radius", "1.0000001", "--radius", "1.0000002", "--steps", "3")[1]
    assert "ρ=1.0000001" in gradflow and "ρ=1.0000002" in gradflow


def test_a_radius_by_drive_map_holds_more_than_a_run_list(run):
    # An adversarial round: 15 radii × 34 drives (510 points, within the documented 10,000) were refused with
    # gradflow's limit of 500 runs, under the name of an option sweep does not have (--cell).
    code, out, err = run(
        "sweep", "radius", "0.6:2:0.1", "--drive", "0:1.65:0.05", "--steps", "3", "--hidden", "2", "-q"
    )
    assert code == 0, err
    assert len(out.splitlines()) == 34  # a line per drive: its measured boundary
