"""`rnncalc gradflow` from the command line: formats, options that do not apply, plots."""

import csv
import io
import json
import math

import pytest

ORTHO = ("gradflow", "--init", "orthogonal", "--activation", "linear", "--hidden", "8", "--steps", "10")


def test_json_runs_hold_points_and_theory(run):
    code, out, err = run(*ORTHO, "--radius", "0.5", "--radius", "1", "-f", "json")
    assert (code, err) == (0, "")
    runs = json.loads(out)["runs"]
    assert [r["radius"] for r in runs] == [0.5, 1.0]
    half = runs[0]
    assert [p["step"] for p in half["points"]] == list(range(11))  # json keeps every lag by default
    assert half["points"][10]["log10_norm"] == pytest.approx(10 * math.log10(0.5), abs=1e-9)
    assert half["theory"]["radius_power"] == pytest.approx(math.log10(0.5))
    assert half["horizon"] is None and runs[1]["verdict"] == "preserved"
    assert {"cell", "hidden", "steps", "trials", "seed", "drive", "init", "activation", "decay_per_step"} <= set(half)


def test_every_samples_lags_and_keeps_the_last(run):
    out = run(*ORTHO, "--radius", "0.5", "-f", "json", "--every", "4")[1]
    assert [p["step"] for p in json.loads(out)["runs"][0]["points"]] == [0, 4, 8, 10]


def test_zero_gradient_is_null_in_json_and_empty_in_csv(run):
    args = ("gradflow", "--cell", "lstm", "--path", "carry", "--forget", "0", "--steps", "3", "--hidden", "4")
    points = json.loads(run(*args, "-f", "json")[1])["runs"][0]["points"]
    assert [p["log10_norm"] for p in points] == [0.0, None, None, None]
    rows = list(csv.DictReader(io.StringIO(run(*args, "-f", "csv")[1])))
    assert [r["log10_norm"] for r in rows] == ["0.0", "", "", ""]
    assert {r["horizon"] for r in rows} == {"1"}


def test_csv_has_a_row_per_run_and_lag_with_never_reached_horizon_empty(run):
    code, out, _ = run(*ORTHO, "--radius", "1", "--radius", "0.9", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 2 * 11
    assert list(rows[0]) == [
        "run",
        "cell",
        "path",
        "radius",
        "forget",
        "update",
        "step",
        "log10_norm",
        "log10_spread",
        "decay_per_step",
        "horizon",
    ]
    assert rows[0]["horizon"] == "" and rows[0]["forget"] == ""
    assert "nan" not in out and "inf" not in out


def test_both_paths_side_by_side(run):
    out = run("gradflow", "--cell", "gru", "--update", "0.9", "--path", "both", "--steps", "20", "-f", "json")[1]
    runs = json.loads(out)["runs"]
    assert [(r["update"], r["path"]) for r in runs] == [(0.9, "full"), (0.9, "carry")]


def test_table_shows_lags_summary_theory_and_chart(run):
    code, out, _ = run("gradflow", "--steps", "40", "--hidden", "16")
    assert code == 0
    for text in ("Lag s", "ρ=0.9", "mean field", "bound (γ·σ_max)^s", "horizon", "verdict", "log₁₀‖∇‖"):
        assert text in out


def test_quiet_prints_each_runs_final_log10_norm(run):
    out = run(*ORTHO, "--radius", "0.1", "--radius", "1", "-q")[1]
    assert [float(x) for x in out.split()] == pytest.approx([-10.0, 0.0], abs=1e-9)


@pytest.mark.parametrize(
    "args,option",
    [
        (("--cell", "lstm", "--radius", "1"), "--radius"),
        (("--cell", "rnn", "--forget", "0.5"), "--forget"),
        (("--cell", "gru", "--init", "orthogonal"), "--init"),
        (("--cell", "rnn", "--path", "carry"), "--path"),
        (("--radius", "nan"), "--radius"),
        (("--radius", "-1"), "--radius"),
        (("--drive", "inf"), "--drive"),
        (("--cell", "lstm", "--forget", "1.01"), "--forget"),
        (("--tol", "0"), "--tol"),
        (("--every", "0"), "--every"),
        (("--hidden", "100000"), "--hidden"),
        (("--steps", "100000000000"), "--steps"),
        (("--plot", "chart.txt"), "--plot"),
        (("--trials", "0"), "--trials"),
    ],
)
def test_bad_input_is_one_line_on_stderr_with_exit_2(run, args, option):
    code, out, err = run("gradflow", "--steps", "5", *args)
    assert code == 2, err
    assert out == ""
    assert err.count("\n") == 1 and option in err


@pytest.mark.parametrize("suffix,magic", [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")])
def test_plot_files_by_suffix(run, tmp_path, suffix, magic):
    target = tmp_path / f"chart{suffix}"
    code, _, _ = run("gradflow", "--steps", "20", "--hidden", "8", "--plot", str(target), "-q")
    assert code == 0
    assert target.read_bytes().startswith(magic)
