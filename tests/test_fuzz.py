"""The CLI contract, fuzzed: whatever is typed, in whatever terminal, a complete answer or one clean error line.

Two fuzzers. The grammar fuzzer (in-process) draws argument lists from valid and invalid values of every
option of every command: a list with no invalid piece must succeed, one with an invalid piece must fail with
exit 2, one stderr line and nothing on stdout. The adversarial fuzzer runs the real console script on inputs
from the classes users break tools with (extreme floats, huge sizes and ranges, encodings, broken streams and
paths, Ctrl-C at random moments) and checks each within 10 s and 1 GiB: a documented exit code, no traceback,
at most one stderr line, stdout empty or complete and parseable.
"""

import csv
import io
import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

BAD_NUMBERS = [
    "nan",
    "inf",
    "-inf",
    "-1",
    "abc",
    "",
    "1e400",
    "0x10",
    "9" * 60,
    "1_000",
    "١٢٨",
    "1e-400",
    "1.7976931348623159e308",
    "-1.8e308",
]  # the last two: past the largest float, below 2¹⁰²⁴
BAD_INTS = BAD_NUMBERS + ["0", "2.5"]


@pytest.mark.parametrize("text", ["1.7976931348623159e308", "-1.8e308", "1e309", "1e-400"])
def test_reals_beyond_float_are_refused_by_name(text):
    from rnncalc import InvalidArgument
    from rnncalc.numbers import parse_real

    with pytest.raises(InvalidArgument, match="flows"):
        parse_real("radius", text)


FUZZ = settings(settings.get_profile("simulated"))
LIMITS = {"RNNCALC_MAX_SECONDS": "3", "RNNCALC_MAX_MEMORY": "0.5"}  # what is accepted stays small


def option(name, valid, invalid):
    """(args, is_valid) for one option: absent, a valid value or an invalid one."""
    return st.one_of(
        st.just(([], True)),
        valid.map(lambda v: ([name, str(v)], True)),
        st.sampled_from(invalid).map(lambda v: ([name, v], False)),
    )


def combine(draw, head, pieces):
    args, valid = list(head), True
    for piece in pieces:
        a, ok = draw(piece)
        args += a
        valid &= ok
    return args, valid


@st.composite
def params_args(draw):
    args, valid = combine(
        draw,
        ["params", "--hidden", "16"],
        [
            option("--hidden", st.integers(1, 10**12), BAD_INTS + ["1000000000001"]),
            option("--in", st.integers(1, 500), BAD_INTS),
            option("--out", st.integers(0, 50), BAD_NUMBERS),
            option("--layers", st.integers(1, 4), BAD_INTS + ["1001"]),
            option("--seq-len", st.integers(1, 10**6), BAD_INTS),
            option("--batch", st.integers(1, 512), BAD_INTS),
            option("--dtype", st.sampled_from(["float32", "float16", "bfloat16", "float64"]), ["int4", ""]),
            option("--format", st.sampled_from(["table", "json", "csv", "markdown", "latex"]), ["xml", ""]),
        ],
    )
    valid &= "--in" in args
    cell = draw(
        st.sampled_from(["rnn", "lstm", "gru", "peephole", "cifg", "mgu", "indrnn", "second-order", "all", "bogus"])
    )
    convention = draw(st.sampled_from(["textbook", "pytorch", "keras", "jax"]))
    args += ["--cell", cell, "--convention", convention]
    valid &= (
        cell != "bogus" and convention != "jax" and (convention == "textbook" or cell in ("rnn", "lstm", "gru", "all"))
    )
    args += draw(st.sampled_from([[], ["--bidirectional"], ["--bias"], ["--no-bias"], ["-q"]]))
    return args, valid


@st.composite
def gradflow_args(draw):
    cell = draw(st.sampled_from(["rnn", "lstm", "gru"]))
    gate = {"rnn": "--radius", "lstm": "--forget", "gru": "--update"}[cell]
    values = st.floats(0, 3) if cell == "rnn" else st.floats(0, 1)
    args, valid = combine(
        draw,
        ["gradflow", "--cell", cell],
        [
            option("--hidden", st.integers(1, 16), BAD_INTS + ["100000"]),
            option("--steps", st.integers(1, 40), BAD_INTS + ["100000000000"]),
            option("--trials", st.integers(1, 3), BAD_INTS),
            option("--seed", st.integers(0, 2**32), ["-5", "x"]),
            option("--drive", st.floats(0, 5), ["nan", "inf", "-0.5", "x", "1e200"]),
            option("--tol", st.floats(1e-300, 1), ["0", "-1", "nan"]),
            option("--every", st.integers(1, 10), ["0", "-2"]),
            option("--burn-in", st.integers(0, 20), ["-1", "1000000000"]),
            option(gate, values, ["nan", "-0.1", "1e308"] + (["1.5"] if cell != "rnn" else [])),
            option("--format", st.sampled_from(["table", "json", "csv", "markdown"]), ["yaml"]),
        ],
    )
    if cell == "rnn":
        args += draw(
            st.sampled_from([[], ["--init", "orthogonal"], ["--activation", "relu"], ["--activation", "linear"]])
        )
    else:
        args += draw(st.sampled_from([[], ["--path", "carry"], ["--path", "both"], ["--path", "full"]]))
    if draw(st.integers(0, 7)) == 0:  # an option of another cell, or no such option
        wrong = {"rnn": ["--forget", "0.5"], "lstm": ["--radius", "1"], "gru": ["--init", "gaussian"]}[cell]
        args += draw(st.sampled_from([wrong, ["--path", "sideways"], ["--cell", "transformer"], ["--steps"]]))
        valid = False
    return args + draw(st.sampled_from([[], ["-q"]])), valid


@st.composite
def gates_args(draw):
    return combine(
        draw,
        ["gates"],
        [
            option("--hidden", st.integers(1, 10**6), BAD_INTS),
            option("--steps", st.integers(1, 30), BAD_INTS + ["690000"]),
            option("--gate", st.floats(0.01, 0.99), ["0", "1", "nan"]),
            option(
                "--cells", st.sampled_from(["lstm", "gru,mgu", "rnn,indrnn,second-order"]), ["lstm,transformer", ","]
            ),
            option("--convention", st.sampled_from(["textbook", "pytorch", "keras"]), ["tf"]),
            option("--format", st.sampled_from(["table", "json", "csv", "latex"]), ["md"]),
        ],
    )


@st.composite
def solve_args(draw):
    args, valid = combine(
        draw,
        ["solve", "--in", "28"],
        [
            option(
                "--budget",
                st.sampled_from(["100000", "100k", "1.5M", "2G", "1e6", "5e4"]),
                ["-1", "0", "x", "1.5", "nan", "", "1e31"],
            ),
            option("--out", st.integers(0, 50), BAD_NUMBERS),
            option("--layers", st.integers(1, 3), BAD_INTS),
            option("--format", st.sampled_from(["table", "json", "csv"]), ["xml"]),
        ],
    )
    valid &= "--budget" in args
    return args + ["--cell", draw(st.sampled_from(["rnn", "lstm", "gru", "all"]))], valid


@st.composite
def sweep_args(draw):
    mode, good = draw(
        st.sampled_from(
            [("radius", ["0.5:1.5:0.25", "1", "0:2:0.5"]), ("forget", ["0.5:0.9:0.2", "0.9", "0:1:0.5"]),
             ("update", ["0:1:0.5", "0.95"]), ("forget-bias", ["-2:6:1", "0", "-100:100:50"])]
        )
    )  # fmt: skip
    value, ok = draw(
        option("", st.sampled_from(good), ["1:0:0.1", "nan:1:1", "0:1:0", "0:100000:1", "x", "0:1e9999999:1"])
    )
    args, valid = ["sweep", mode, *value[1:]], ok and bool(value)
    if mode != "forget-bias":
        more, fine = combine(
            draw,
            [],
            [option("--hidden", st.integers(1, 12), BAD_INTS), option("--steps", st.integers(1, 30), BAD_INTS),
             option("--trials", st.integers(1, 3), BAD_INTS)],
        )  # fmt: skip
        args, valid = args + more, valid and fine
    return args + draw(st.sampled_from([[], ["-q"], ["-f", "json"]])), valid


def check_contract(args, valid, code, out, err, seconds):
    assert seconds < 10, f"{args} took {seconds:.1f} s"
    assert "Traceback" not in err + out
    if not valid:
        assert (code, out) == (2, ""), f"{args}: exit {code}, stderr {err!r}"
        assert err.startswith("rnncalc: error:") and err.count("\n") == 1, err
        return
    if code == 2 and "at this machine's load" in err:  # valid, but over the 3 s limit on a busy machine: refused
        assert out == "" and err.count("\n") == 1, err
        return
    assert code == 0, f"{args}: exit {code}, stderr {err!r}"
    assert complete(args, out)


def complete(args, out: str) -> bool:
    """Output is whole: it ends with a newline and parses in the format asked for."""
    if not out.endswith("\n") or not out.strip():
        return False
    if "-q" in args:
        return all(
            line.split("\t")[-1] in ("", "-inf") or float(line.split("\t")[-1]) == float(line.split("\t")[-1])
            for line in out.splitlines()
        )
    fmt = (
        args[args.index("--format") + 1]
        if "--format" in args
        else args[args.index("-f") + 1]
        if "-f" in args
        else "table"
    )
    if fmt == "json":
        json.loads(out, parse_constant=lambda c: pytest.fail(f"{c} in JSON"))
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert len({len(r) for r in rows}) == 1 and not {"nan", "inf", "-inf"} & {c for r in rows for c in r}
    return True


def run_timed(run, args):
    start = time.perf_counter()
    code, out, err = run(*args, **LIMITS)
    return code, out, err, time.perf_counter() - start


@pytest.mark.parametrize("grammar", [params_args, gradflow_args, gates_args, solve_args, sweep_args])
def test_grammar(run, grammar):
    @FUZZ
    @given(grammar())
    def check(case):
        args, valid = case
        check_contract(args, valid, *run_timed(run, args))

    check()


# ---- adversarial classes, through the real console script ----------------------------------------------------

EXTREME = [
    ["gradflow", "--radius", "1e308"], ["gradflow", "--radius", "1e200", "--activation", "relu"], ["gradflow", "--drive", "1e200"],
    ["gradflow", "--activation", "linear", "--radius", "0.9999999999999999", "--drive", "1e150", "-f", "json"],
    ["gradflow", "--activation", "relu", "--radius", "50", "--steps", "2000", "-q"], ["gradflow", "--radius", "5e-324"],
    ["gradflow", "--radius", "1e-300", "--activation", "linear", "--init", "orthogonal", "--steps", "3", "-q"],
    ["gradflow", "--cell", "lstm", "--path", "carry", "--forget", "2.2250738585072014e-308", "-q"],
    ["sweep", "radius", "0.5:1:0.5", "--drive", "0:1e160:1e160"], ["sweep", "forget-bias", "0:1e9999999:1"],
    ["sweep", "radius", "-1e308:1e308:1e307"],
]  # fmt: skip
HUGE = [
    ["gradflow", "--trials", "20000000", "--hidden", "1", "--steps", "1"], ["gradflow", "--burn-in", "1000000000"],
    ["gradflow", "--hidden", "1", "--steps", "10000000"], ["gradflow", "--hidden", "4096", "--steps", "1", "--trials", "1"],
    ["gradflow", "--hidden", "20000"], ["gates", "--steps", "690000"], ["sweep", "radius", "1", "--burn-in", "1000000000"],
    ["sweep", "radius", "0.01:5:0.01", "--drive", "0.01:2:0.01", "--steps", "1"],
    ["params", "--hidden", "1e12", "--in", "1e12", "--out", "1e12", "--layers", "1000", "--cell", "lstm", "--proj", "999999999999", "--bidirectional"],
    ["params", "--hidden", "1e12", "--in", "1e12", "--layers", "1000", "--bidirectional", "-f", "json"],
    ["solve", "--budget", "1e30", "--cell", "lstm", "--layers", "1000", "--bidirectional", "--in", "1"],
    ["params", "--hidden", "9" * 100_000, "--in", "3"], ["params", "--hidden", "3", "--in", "3", "--from", "nn.LSTM(" + "1," * 20000 + ")"],
    ["fsm", "parity", "--length", "64"], ["fsm", "parity", "--random", "10000"],
]  # fmt: skip
ENCODINGS = [
    ({"PYTHONIOENCODING": "ascii"}, ["gates", "--steps", "5"]), ({"PYTHONIOENCODING": "ascii"}, ["params", "-n", "7", "-m", "3"]),
    ({"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}, ["gradflow", "--steps", "5", "--hidden", "4"]),
    ({"PYTHONIOENCODING": "latin-1"}, ["sweep", "radius", "0.9:1.1:0.1", "--steps", "5", "--hidden", "4"]),
    ({"COLUMNS": "0"}, ["params", "-n", "0", "-m", "3"]), ({"COLUMNS": "-7"}, ["gates", "--steps", "3"]),
    ({"HOME": "/nonexistent"}, ["gradflow", "--steps", "5", "--hidden", "4", "--plot", "{tmp}/p.png", "-q"]),
]  # fmt: skip


# Runs the command and reports its peak memory (wait4's rusage) on the pipe whose fd is its first argument. The launcher is a fresh, small
# interpreter: a child forked straight from the test process would start its peak at the test process's size
# (torch and Keras loaded by the oracle tests), whatever it used itself.
LAUNCHER = """
import os, signal, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
os.write(int(sys.argv[1]), str(usage.ru_maxrss).encode())
sys.exit(os.waitstatus_to_exitcode(status) % 256)
"""


def run_child(args, env=None, stdout=subprocess.PIPE, interrupt_after=None, exe="rnncalc"):
    """Run the console script; returns (exit, stdout, stderr, seconds, peak memory in bytes): the command's own.

    With `interrupt_after`, the signal goes to the command itself, started directly; its peak is not measured.
    """
    start = time.perf_counter()
    if interrupt_after is not None:
        proc = subprocess.Popen(
            [exe, *args], stdout=stdout, stderr=subprocess.PIPE, env={**os.environ, **LIMITS, **(env or {})}
        )
        time.sleep(interrupt_after)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
        return proc.returncode, out or b"", err, time.perf_counter() - start, None
    report, write_end = os.pipe()
    proc = subprocess.Popen(
        [sys.executable, "-S", "-c", LAUNCHER, str(write_end), exe, *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env={**os.environ, **LIMITS, **(env or {})},
        pass_fds=(write_end,),
    )
    os.close(write_end)
    out, err = proc.communicate(timeout=30)
    with os.fdopen(report, "rb") as f:
        peak = int(f.read() or 0) * 1024
    return proc.returncode, out or b"", err, time.perf_counter() - start, peak


def assert_clean(args, code, out, err, seconds, memory, codes=(0, 1, 2)):
    assert seconds < 10, f"{args}: {seconds:.1f} s"
    assert memory < 2**30, f"{args}: {memory / 2**20:.0f} MiB"
    assert code in codes, f"{args}: exit {code}: {err!r}"
    assert b"Traceback" not in err and err.count(b"\n") <= 1, err
    if code != 0:
        assert out == b""
    else:
        assert complete(args, out.decode("utf-8", "replace"))


@pytest.mark.parametrize("args", EXTREME + HUGE, ids=lambda a: " ".join(a)[:60])
def test_extreme_values_and_sizes_end_cleanly_within_seconds(exe, args):
    code, out, err, seconds, memory = run_child(args, exe=exe)
    assert_clean(args, code, out, err, seconds, memory)


@pytest.mark.parametrize("env,args", ENCODINGS, ids=lambda x: str(x)[:40])
def test_any_terminal(exe, env, args, tmp_path):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    code, out, err, seconds, memory = run_child(args, env=env, exe=exe)
    assert_clean(args, code, out, err, seconds, memory)
    assert err == b"" or err.startswith(b"rnncalc: error:")  # no third-party warning on a successful run


def test_a_full_disk_and_a_closed_stdout_are_one_line_and_exit_1(exe):
    with open("/dev/full", "w") as full:
        code, out, err, *_ = run_child(["params", "-n", "8", "-m", "4"], stdout=full, exe=exe)
    assert code == 1 and err.decode() == "rnncalc: error: cannot write the output: No space left on device\n"
    done = subprocess.run(f"'{exe}' params -n 8 -m 4 >&-", shell=True, capture_output=True, timeout=30)
    assert done.returncode == 1 and done.stderr.count(b"\n") == 1 and b"cannot write the output" in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["gates", "--equations", "--no-retention"],
        ["gradflow", "--steps", "20000", "--hidden", "4", "--trials", "1", "-f", "csv"],
    ],
)
def test_a_closed_pipe_ends_quietly_with_0(exe, args):
    done = subprocess.run(
        f"set -o pipefail; '{exe}' {' '.join(args)} | head -1",
        shell=True,
        capture_output=True,
        timeout=60,
        executable="/bin/bash",
    )
    assert (done.returncode, done.stderr) == (0, b"")


def plot_targets(tmp_path):
    (tmp_path / "folder").mkdir()
    (tmp_path / "dangling.png").symlink_to(tmp_path / "missing" / "x.png")
    return [str(tmp_path / "folder"), "/dev/full", str(tmp_path / "dangling.png"),
            str(tmp_path / "missing" / "x.png"), str(tmp_path / ("a" * 300 + ".png")), "/proc/rnncalc.png", str(tmp_path / "x.txt"),
            str(tmp_path / "x.png") + "/"]  # fmt: skip


def test_plot_targets_that_cannot_be_written_are_refused_before_the_run(exe, tmp_path):
    for target in plot_targets(tmp_path):
        code, out, err, seconds, _ = run_child(
            ["gradflow", "--steps", "100000", "--hidden", "64", "--plot", target], exe=exe
        )
        assert (code, out) == (2, b"") and err.startswith(b"rnncalc: error:") and b"--plot" in err, (target, err)
        assert seconds < 5  # refused before the (long) run


@pytest.mark.parametrize("answer", [["params", "-n", "128", "-m", "28", "-k", "10", "--expect", "20224"],
                                    ["solve", "--budget", "100k", "--cell", "gru", "--in", "28", "--out", "10",
                                     "--expect", "168"]])  # fmt: skip
def test_a_wrong_answer_exits_3_even_when_the_reader_stops_early(exe, answer):
    import os

    read, write = os.pipe()
    os.close(read)  # `… | head -c 0`: nobody reads
    done = subprocess.run([exe, *answer], stdout=write, stderr=subprocess.PIPE, timeout=60)
    os.close(write)
    assert (done.returncode, done.stderr) == (3, b"")


def test_a_disk_that_fills_up_mid_output_is_an_error_not_a_short_file(tmp_path, monkeypatch):
    # The first write gets 10 bytes out, the next finds the disk full: that must fail, not pass as done.
    import os

    from rnncalc.errors import OutputFailed
    from rnncalc.output import emit as output

    real_write, calls = os.write, []

    def filling(fd, data):
        calls.append(len(data))
        if len(calls) > 1:
            raise OSError(28, "No space left on device")
        return real_write(fd, bytes(data[:10]))

    monkeypatch.setattr(os, "write", filling)
    with open(tmp_path / "out.json", "w") as stream, pytest.raises(OutputFailed, match="No space left"):
        output.write("x" * 1000, stream)
    assert calls[:2] == [1000, 990]


def test_a_plot_file_gets_the_mode_any_new_file_would(tmp_path):
    import os

    from rnncalc.output import plot
    from rnncalc.output.report import Chart

    old = os.umask(0o022)
    try:
        plot.write(plot.check_target(str(tmp_path / "chart.png")), Chart([("a", [0.0, -1.0])], "lag", "log"))
    finally:
        os.umask(old)
    written = tmp_path / "chart.png"
    assert written.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and written.stat().st_mode & 0o777 == 0o644


def test_a_plot_through_a_link_writes_the_file_it_names(tmp_path):
    from rnncalc.output import plot
    from rnncalc.output.report import Chart

    (tmp_path / "real.png").write_bytes(b"old")
    (tmp_path / "link.png").symlink_to(tmp_path / "real.png")
    plot.write(plot.check_target(str(tmp_path / "link.png")), Chart([("a", [0.0, -1.0])], "lag", "log"))
    assert (tmp_path / "link.png").is_symlink() and (tmp_path / "real.png").read_bytes()[:4] == b"\x89PNG"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.png", "real.png"]


def test_a_failed_plot_never_leaves_half_a_file(tmp_path, monkeypatch):
    # A full disk in the middle of savefig: the old picture stays whole and no temporary file is left.
    from matplotlib.figure import Figure

    from rnncalc.output import plot
    from rnncalc.output.report import Chart

    def half_then_full(self, path, **kwargs):
        with open(path, "wb") as f:
            f.write(b"\x89PNG half")
        raise OSError(28, "No space left on device")

    target = tmp_path / "old.png"
    target.write_bytes(b"the old picture")
    monkeypatch.setattr(Figure, "savefig", half_then_full)
    with pytest.raises(plot.PlotFailed, match="No space left on device"):
        plot.write(plot.check_target(str(target)), Chart([("a", [0.0, -1.0])], "lag", "log"))
    assert target.read_bytes() == b"the old picture" and [p.name for p in tmp_path.iterdir()] == ["old.png"]


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(8))
def test_ctrl_c_at_any_moment_exits_130_without_a_traceback(exe, seed):
    delay = random.Random(seed).uniform(0.0, 1.2)
    long_run = ["gradflow", "--steps", "40000", "--hidden", "32", "--trials", "2", "-f", "json"]  # about 3 s
    code, out, err, *_ = run_child(long_run, env={"RNNCALC_MAX_SECONDS": "600"}, interrupt_after=delay, exe=exe)
    assert code in (130, -2), (delay, code, err)  # -2: the signal came before Python could install its handler
    assert b"Traceback" not in err
    # Ctrl-C is held back while the answer is written: stdout holds nothing, or the whole answer (then exit 130)
    assert out == b"" or json.loads(out)["runs"]


def test_bare_commands_show_their_help_as_a_usage_mistake(exe):
    for words, shown in (([], "params"), (["sweep"], "forget-bias")):
        done = subprocess.run([exe, *words], capture_output=True, text=True, timeout=60)
        assert (done.returncode, done.stdout) == (2, "") and "Usage:" in done.stderr and shown in done.stderr


def test_help_meets_the_same_streams_as_data(exe):
    full = subprocess.run([exe, "--help"], stdout=open("/dev/full", "w"), stderr=subprocess.PIPE, timeout=60)
    assert full.returncode == 1 and full.stderr.decode().count("\n") == 1 and b"cannot write" in full.stderr
    closed = subprocess.run([exe, "--version"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60,
                            preexec_fn=lambda: os.close(1))  # fmt: skip
    assert closed.returncode == 1 and b"standard output is closed" in closed.stderr
    read, write = os.pipe()
    os.close(read)  # `rnncalc --help | head -c 0`
    piped = subprocess.run([exe, "--help"], stdout=write, stderr=subprocess.PIPE, timeout=60)
    os.close(write)
    assert (piped.returncode, piped.stderr) == (0, b"")


def test_an_unknown_subcommand_lists_the_group_it_was_looked_up_in(exe):
    done = subprocess.run([exe, "sweep", "nosuch", "1"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Commands: radius, forget, update, forget-bias" in done.stderr


MEMORY_CHECK = settings(settings.get_profile("built"))


@MEMORY_CHECK
@given(
    runs=st.integers(1, 60),
    steps=st.sampled_from([50, 400, 1500]),
    hidden=st.sampled_from([1, 8, 64]),
    fmt=st.sampled_from([["-q"], ["-f", "json"], ["-f", "csv"], ["-f", "table"]]),
    limit=st.sampled_from(["0.1", "0.15", "0.25"]),
)
@pytest.mark.slow
def test_an_accepted_run_stays_within_the_memory_it_was_allowed(exe, runs, steps, hidden, fmt, limit):
    """Issue 19: the guard omitted what printing holds. Whatever it accepts under a memory limit must stay under
    that limit, measured from outside (the command's own peak), and print the same numbers in every format."""
    radii = [arg for i in range(runs) for arg in ("--radius", f"{0.6 + i * 0.01:g}")]
    args = ["gradflow", *radii, "--hidden", str(hidden), "--trials", "2", "--steps", str(steps), *fmt]
    code, out, err, _, peak = run_child(args, env={"RNNCALC_MAX_MEMORY": limit, "RNNCALC_MAX_SECONDS": "20"}, exe=exe)
    assert code in (0, 2) and b"Traceback" not in err and err.count(b"\n") <= 1, err
    if code == 0:
        assert peak <= float(limit) * 2**30, f"{peak / 2**20:.0f} MiB accepted under {limit} GiB"
        last = [float(x) for x in run_child(args[: -len(fmt)] + ["-q"], exe=exe)[1].split()]
        if fmt == ["-f", "json"]:
            assert [r["points"][-1]["log10_norm"] for r in json.loads(out)["runs"]] == pytest.approx(last, rel=1e-12)
        if fmt == ["-f", "csv"]:
            rows = list(csv.DictReader(io.StringIO(out.decode())))
            ends = [float(r["log10_norm"]) for r in rows if r["step"] == str(steps)]
            assert ends == pytest.approx(last, rel=1e-12)
