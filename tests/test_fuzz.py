"""The CLI contract, fuzzed: whatever is typed, a complete answer or one clean error line.

Argument lists come from a grammar of valid and invalid values for every option.
A list with no invalid piece must succeed; one with an invalid piece must fail
with exit code 2, one stderr line naming an option, and nothing on stdout.
Most cases run in-process; a sample runs through the real console script.
"""

import csv
import io
import json
import shutil
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rnncalc.output import Format

BAD_NUMBERS = ["nan", "inf", "-inf", "-1", "abc", "", "1e400", "0x10", "9" * 60]
BAD_INTS = BAD_NUMBERS + ["0", "2.5"]
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def option(name, valid, invalid):
    """(args, is_valid) for one option: absent, a valid value or an invalid one."""
    return st.one_of(
        st.just(([], True)),
        valid.map(lambda v: ([name, str(v)], True)),
        st.sampled_from(invalid).map(lambda v: ([name, v], False)),
    )


@st.composite
def params_args(draw):
    pieces = [
        option("--hidden", st.integers(1, 10**12), BAD_INTS + ["1000000000001"]),
        option("--in", st.integers(1, 500), BAD_INTS),
        option("--out", st.integers(0, 50), BAD_NUMBERS),
        option("--layers", st.integers(1, 4), BAD_INTS + ["1001"]),
        option("--seq-len", st.integers(1, 10**6), BAD_INTS),
        option("--batch", st.integers(1, 512), BAD_INTS),
        option("--dtype", st.sampled_from(["float32", "float16", "bfloat16", "float64"]), ["int4", ""]),
        option("--format", st.sampled_from(["table", "json", "csv"]), ["xml", ""]),
    ]
    args, valid = ["params"], True
    hidden_given = False
    for piece in pieces:
        a, ok = draw(piece)
        hidden_given |= a[:1] == ["--hidden"] and ok
        args += a
        valid &= ok
    if "--hidden" not in args:
        args += ["--hidden", "16"]
    if "--in" not in args:
        valid = False  # --in is required
    cell = draw(
        st.sampled_from(["rnn", "lstm", "gru", "peephole", "cifg", "mgu", "indrnn", "second-order", "all", "bogus"])
    )
    convention = draw(st.sampled_from(["textbook", "pytorch", "keras", "jax"]))
    args += ["--cell", cell, "--convention", convention]
    valid &= cell != "bogus" and convention != "jax"
    framework_cells = {"rnn", "lstm", "gru", "all"}
    valid &= convention == "textbook" or cell in framework_cells
    args += draw(st.sampled_from([[], ["--bidirectional"], ["--bias"], ["--no-bias"], ["-q"]]))
    if draw(st.booleans()) and cell == "lstm" and convention != "keras" and hidden_given:
        hidden = int(args[args.index("--hidden") + 1])
        if hidden > 1:
            args += ["--proj", str(draw(st.integers(1, hidden - 1)))]
    if draw(st.integers(0, 9)) == 0:
        extra = draw(st.sampled_from([["--proj", "-3"], ["--reset-after"], ["--nope"], ["--hidden"]]))
        args += extra
        # --reset-after is the Keras GRU's bias layout: valid there (and for every cell, where the GRU takes it)
        valid = valid and extra == ["--reset-after"] and convention == "keras" and cell in ("gru", "all")
    return args, valid


@st.composite
def gradflow_args(draw):
    cell = draw(st.sampled_from(["rnn", "lstm", "gru"]))
    gate_name = {"rnn": "--radius", "lstm": "--forget", "gru": "--update"}[cell]
    gate_values = st.floats(0, 3) if cell == "rnn" else st.floats(0, 1)
    pieces = [
        option("--hidden", st.integers(1, 24), BAD_INTS + ["100000"]),
        option("--steps", st.integers(1, 60), BAD_INTS + ["100000000000"]),
        option("--trials", st.integers(1, 4), BAD_INTS),
        option("--seed", st.integers(0, 2**32), ["-5", "x"]),
        option("--drive", st.floats(0, 5), ["nan", "inf", "-0.5", "x"]),
        option("--tol", st.floats(1e-300, 1), ["0", "-1", "nan", "inf"]),
        option("--every", st.integers(1, 10), ["0", "-2", "x"]),
        option("--burn-in", st.integers(0, 20), ["-1", "x"]),
        option(gate_name, gate_values, ["nan", "inf", "-0.1", "x"] + (["1.5"] if cell != "rnn" else [])),
        option("--format", st.sampled_from(["table", "json", "csv"]), ["yaml"]),
    ]
    args, valid = ["gradflow", "--cell", cell], True
    for piece in pieces:
        a, ok = draw(piece)
        args += a
        valid &= ok
    if cell == "rnn":
        args += draw(
            st.sampled_from([[], ["--init", "orthogonal"], ["--activation", "relu"], ["--activation", "linear"]])
        )
    else:
        args += draw(st.sampled_from([[], ["--path", "carry"], ["--path", "both"], ["--path", "full"]]))
    if draw(st.integers(0, 7)) == 0:  # an option that does not apply to the cell, or an unknown one
        wrong = {"rnn": ["--forget", "0.5"], "lstm": ["--radius", "1"], "gru": ["--init", "gaussian"]}[cell]
        args += draw(st.sampled_from([wrong, ["--path", "sideways"], ["--cell", "transformer"], ["--steps"]]))
        valid = False
    args += draw(st.sampled_from([[], ["-q"]]))
    return args, valid


@st.composite
def gates_args(draw):
    pieces = [
        option("--hidden", st.integers(1, 10**6), BAD_INTS),
        option("--in", st.integers(1, 10**6), BAD_INTS),
        option("--out", st.integers(0, 100), BAD_NUMBERS),
        option("--steps", st.integers(1, 30), BAD_INTS + ["100000000000"]),
        option("--gate", st.floats(0.01, 0.99), ["0", "1", "nan", "-0.5", "x"]),
        option("--cells", st.sampled_from(["lstm", "gru,mgu", "rnn,indrnn,second-order"]), ["lstm,transformer", ","]),
        option("--convention", st.sampled_from(["textbook", "pytorch", "keras"]), ["tf"]),
        option("--format", st.sampled_from(["table", "json", "csv"]), ["md"]),
    ]
    args, valid = ["gates"], True
    for piece in pieces:
        a, ok = draw(piece)
        args += a
        valid &= ok
    args += draw(st.sampled_from([[], ["--equations"], ["--no-bidirectional"], ["-q"]]))
    return args, valid


@st.composite
def solve_args(draw):
    pieces = [
        option(
            "--budget",
            st.sampled_from(["100000", "100k", "1.5M", "2G", "1e6", "5e4"]),
            ["-1", "0", "x", "1.5", "nan", ""],
        ),
        option("--in", st.integers(1, 500), BAD_INTS),
        option("--out", st.integers(0, 50), BAD_NUMBERS),
        option("--layers", st.integers(1, 3), BAD_INTS),
        option("--format", st.sampled_from(["table", "json", "csv"]), ["xml"]),
    ]
    args, valid = ["solve"], True
    for piece in pieces:
        a, ok = draw(piece)
        args += a
        valid &= ok
    valid &= "--budget" in args and "--in" in args  # both required
    cell = draw(st.sampled_from(["rnn", "lstm", "gru", "all"]))
    args += ["--cell", cell, *draw(st.sampled_from([[], ["--bidirectional"], ["--convention", "pytorch"], ["-q"]]))]
    return args, valid


@st.composite
def sweep_args(draw):
    name, good = draw(
        st.sampled_from(
            [
                ("--radius", ["0.5:1.5:0.25", "1", "0:2:0.5"]),
                ("--forget", ["0.5:1:0.25", "0.9", "0:1:0.5"]),
                ("--update", ["0:1:0.5", "0.95"]),
                ("--forget-bias", ["-2:6:1", "0", "-100:100:50"]),
            ]
        )
    )
    value, ok = draw(option(name, st.sampled_from(good), ["1:0:0.1", "", "nan:1:1", "0:1:0", "0:100000:1", "x"]))
    args, valid = ["sweep", *value], ok and bool(value)
    for piece in (
        option("--hidden", st.integers(1, 16), BAD_INTS + ["100000"]),
        option("--steps", st.integers(1, 40), BAD_INTS + ["100000000000"]),
        option("--trials", st.integers(1, 3), BAD_INTS),
        option("--format", st.sampled_from(["table", "json", "csv"]), ["xml"]),
    ):
        a, ok = draw(piece)
        args += a
        valid &= ok
        if name == "--forget-bias" and a[:1] in (["--hidden"], ["--trials"]):
            valid = False  # simulation options do not apply to the bias table
    if name == "--radius" and draw(st.booleans()):
        args += ["--drive", draw(st.sampled_from(["0:1:0.5", "0.3"]))]
    args += draw(st.sampled_from([[], ["-q"]]))
    return args, valid


def output_format(args) -> Format | None:
    if "-q" in args:
        return None
    return Format(args[args.index("--format") + 1]) if "--format" in args else Format.table


def check_contract(args, valid, code, out, err, seconds):
    assert seconds < 20, f"{args} took {seconds:.1f} s"
    assert "Traceback" not in err and "Traceback" not in out
    if not valid:
        assert code == 2, f"{args}: exit {code}, stderr {err!r}"
        assert out == "", f"{args}: partial output on stdout"
        assert err.startswith("rnncalc: error:") and err.count("\n") == 1, err
        assert "--" in err or "Commands: params, gradflow, gates, solve, sweep" in err, err
        return
    assert code == 0, f"{args}: exit {code}, stderr {err!r}"
    assert out.endswith("\n") and out.strip()
    fmt = output_format(args)
    if fmt is Format.json:
        json.loads(out, parse_constant=lambda c: pytest.fail(f"{c} in JSON of {args}"))
    elif fmt is Format.csv:
        rows = list(csv.reader(io.StringIO(out)))
        assert len({len(r) for r in rows}) == 1
        assert not {"nan", "inf", "-inf"} & {cell for row in rows for cell in row}
    elif fmt is None:  # -q: a number a line (after the cell's name for several cells); "" where n/a
        for line in out.splitlines():
            number = line.split("\t")[-1]
            assert number in ("", "-inf") or float(number) == float(number), line


def run_timed(run, args):
    start = time.perf_counter()
    code, out, err = run(*args)
    return code, out, err, time.perf_counter() - start


@FUZZ
@given(params_args())
def test_params_contract(run, case):
    args, valid = case
    check_contract(args, valid, *run_timed(run, args))


@FUZZ
@given(gradflow_args())
def test_gradflow_contract(run, case):
    args, valid = case
    check_contract(args, valid, *run_timed(run, args))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(gates_args())
def test_gates_contract(run, case):
    args, valid = case
    check_contract(args, valid, *run_timed(run, args))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(solve_args())
def test_solve_contract(run, case):
    args, valid = case
    check_contract(args, valid, *run_timed(run, args))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sweep_args())
def test_sweep_contract(run, case):
    args, valid = case
    check_contract(args, valid, *run_timed(run, args))


SAMPLE = [
    (["params", "--hidden", "128", "--in", "28", "--out", "10", "-f", "json"], True),
    (["params", "--hidden", "nan", "--in", "28"], False),
    (["params", "--hidden", "8", "--in", "8", "--cell", "lstm", "--proj", "8"], False),
    (["gradflow", "--steps", "30", "--hidden", "8", "-f", "csv"], True),
    (["gradflow", "--radius", "inf"], False),
    (["gradflow", "--hidden", "100000"], False),
    (["gradflow", "--cell", "gru", "--forget", "0.5"], False),
    (["gates", "--steps", "10", "-f", "json"], True),
    (["gates", "--cells", "transformer"], False),
    (["solve", "--budget", "100k", "--in", "28", "--cell", "all", "-f", "csv"], True),
    (["solve", "--budget", "lots", "--in", "28"], False),
    (["sweep", "--radius", "0.5:1.5:0.25", "--steps", "20", "-f", "json"], True),
    (["sweep", "--radius", "1.5:0.5:0.1"], False),
    (["frobnicate"], False),
]


@pytest.mark.parametrize("args,valid", SAMPLE, ids=[" ".join(a) for a, _ in SAMPLE])
def test_console_script_contract(args, valid):
    exe = shutil.which("rnncalc")
    start = time.perf_counter()
    done = subprocess.run([exe, *args], capture_output=True, text=True, timeout=60)
    check_contract(args, valid, done.returncode, done.stdout, done.stderr, time.perf_counter() - start)


def test_closed_pipe_ends_quietly():
    exe = shutil.which("rnncalc")
    done = subprocess.run(
        f"'{exe}' gradflow --steps 20000 --hidden 4 --trials 1 -f csv | head -1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.startswith("run,cell")
    assert done.stderr == ""


def test_ctrl_c_ends_quietly_with_130():
    exe = shutil.which("rnncalc")
    proc = subprocess.Popen(
        [exe, "gradflow", "--steps", "200000", "--hidden", "64", "--trials", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert out == "" and "Traceback" not in err


def test_no_nan_or_inf_in_machine_output_even_at_extremes(run):
    # Exploding (radius 50), dead (radius 0) and saturated (drive 100) in one call.
    args = (
        "gradflow",
        "--radius",
        "50",
        "--radius",
        "0",
        "--radius",
        "1",
        "--drive",
        "100",
        "--steps",
        "200",
        "--hidden",
        "8",
    )
    for fmt in ("json", "csv"):
        code, out, _ = run(*args, "-f", fmt)
        assert code == 0 and "nan" not in out.lower() and "inf" not in out.lower()
    assert sys.float_info.max  # the numbers above are all finite floats or null
