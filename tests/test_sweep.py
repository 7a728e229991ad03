"""`rnncalc sweep`: grids equal single gradflow runs; the edge of chaos; the forget-bias table; bad ranges."""

import csv
import io
import json
import math

import pytest

from rnncalc import InvalidArgument, simulate
from rnncalc.gradflow import Config
from rnncalc.sweep import edge_of_chaos, forget_bias_table, parse_range
from rnncalc.theory import mean_field


def test_ranges_include_both_ends_without_float_drift():
    assert parse_range("radius", "0.5:1.5:0.05") == [round(0.5 + 0.05 * i, 2) for i in range(21)]
    assert parse_range("forget", "0.9") == [0.9]


@pytest.mark.parametrize(
    "text", ["", "a:b:c", "1:0:0.1", "nan:1:0.1", "0:inf:1", "0:1:0", "0:1:-0.1", "0:1000:0.001", "1:2", "1:2:3:4"]
)
def test_bad_ranges(text):
    with pytest.raises(InvalidArgument) as err:
        parse_range("radius", text)
    assert err.value.name == "radius"


@pytest.mark.parametrize(
    "option,cell,values",
    [("--radius", "rnn", "0.8:1.2:0.2"), ("--forget", "lstm", "0.5:1:0.25"), ("--update", "gru", "0:0.9:0.45")],
)
def test_every_row_equals_a_single_gradflow_run_with_the_same_seed(run, option, cell, values):
    out = run("sweep", option, values, "--steps", "40", "--hidden", "12", "--seed", "3", "-f", "json")[1]
    data = json.loads(out)
    name = option[2:]
    for row in data["rows"]:
        single = simulate(Config(cell=cell, hidden=12, steps=40, trials=4, seed=3, **{name: row["value"]}))
        assert row["log10_norm"] == single.log10_norm


def test_lag_sweep_csv_is_long_format(run):
    out = run("sweep", "--forget", "0.5:1:0.5", "--steps", "3", "--hidden", "4", "--path", "carry", "-f", "csv")[1]
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["forget"], r["step"]) for r in rows][:5] == [
        ("0.5", "0"),
        ("0.5", "1"),
        ("0.5", "2"),
        ("0.5", "3"),
        ("1.0", "0"),
    ]
    assert float(rows[3]["log10_norm"]) == pytest.approx(3 * math.log10(0.5))  # the carry path: f^s


def test_mean_field_edge_of_chaos():
    assert edge_of_chaos(0.0) == pytest.approx(1.0, abs=1e-6)  # q* = 0 up to ρ = 1, where χ = ρ² reaches 1
    for drive in (0.1, 0.5, 1.0):
        rho = edge_of_chaos(drive)
        assert rho > 1 and mean_field(rho, drive, "tanh")["chi"] == pytest.approx(1.0, abs=1e-9)


def test_phase_sweep_marks_both_boundaries(run):
    out = run(
        "sweep", "--radius", "0.8:2:0.2", "--drive", "0:0.5:0.5", "--steps", "60", "--hidden", "32", "-f", "json"
    )[1]
    data = json.loads(out)
    assert data["mode"] == "phase" and data["drive"] == [0.0, 0.5]
    assert data["critical_radius_mean_field"] == [pytest.approx(edge_of_chaos(d)) for d in (0.0, 0.5)]
    measured = data["critical_radius_measured"]
    assert all(m is None or 0.8 <= m <= 2 for m in measured)
    assert len(data["decay_per_step"]) == 2 and len(data["decay_per_step"][0]) == 7


def test_forget_bias_table():
    rows = forget_bias_table([0.0, 1.0, 40.0], steps=100)
    assert rows[0].forget == 0.5 and rows[0].timescale == pytest.approx(1 / math.log(2))
    assert rows[1].log10_retained == pytest.approx(100 * math.log10(1 / (1 + math.exp(-1))))
    assert math.isfinite(rows[2].timescale) and rows[2].timescale == pytest.approx(math.exp(40), rel=1e-9)


def test_forget_bias_cli_notes_pytorchs_doubled_bias(run):
    code, out, _ = run("sweep", "--forget-bias", "-1:3:1")
    assert code == 0 and "effective bias 2b" in out


@pytest.mark.parametrize(
    "args,option",
    [
        (("--radius", "1.5:0.5:0.1"), "--radius"),
        (("--radius", ""), "--radius"),
        (("--forget", "0.5:1.5:0.1"), "--forget"),
        (("--update", "nan:1:0.1"), "--update"),
        (("--radius", "0:10:0.001"), "--radius"),
        (("--radius", "0.5:1.5:0.01", "--steps", "5000"), "--steps"),
        (("--radius", "1", "--forget", "0.5"), "--forget"),
        ((), "--radius"),
        (("--forget", "0.9", "--drive", "0:1:0.5"), "--drive"),
        (("--forget-bias", "-200:0:100"), "--forget-bias"),
        (("--forget-bias", "0:1:1", "--hidden", "8"), "--hidden"),
        (("--forget", "0.9", "--init", "orthogonal"), "--init"),
        (("--radius", "1", "--path", "carry"), "--path"),
        (("--radius", "1", "--hidden", "0"), "--hidden"),
        (("--radius", "1", "--trials", "0"), "--trials"),
        (("--radius", "1:2:0.5", "--drive", "0:1:0.5", "--activation", "relu"), "--activation"),
    ],
)
def test_bad_sweeps_exit_2(run, args, option):
    code, out, err = run("sweep", *args)
    assert (code, out) == (2, ""), err
    assert option in err and err.count("\n") == 1


def test_heatmap_plot(run, tmp_path):
    target = tmp_path / "sweep.png"
    assert run("sweep", "--radius", "0.8:1.2:0.2", "--steps", "20", "--plot", str(target), "-q")[0] == 0
    assert target.read_bytes().startswith(b"\x89PNG")
