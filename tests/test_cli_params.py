"""`rnncalc params` from the command line: the contracts of each output format."""

import json
import shutil
import subprocess
import sys

import pytest

SMALL = ("params", "--hidden", "3", "--in", "2", "--out", "1")


def test_quiet_prints_the_total_alone(run):
    code, out, err = run("params", "--hidden", "128", "--in", "28", "--out", "10", "-q")
    assert (code, out, err) == (0, "21248\n", "")


def test_json_is_the_documented_document(run):
    code, out, _ = run(*SMALL, "--format", "json", "--seq-len", "5", "--batch", "2")
    assert code == 0
    # Hand-computed: W_hh 3×3 = 9, W_xh 3×2 = 6, W_hy 1×3 = 3; weights only.
    # PyTorch adds bias_ih + bias_hh (3 + 3) and output.bias (1); Keras one bias (3) and dense/bias (1).
    # MACs/step = 18; activations: one 3-vector h and the 1-vector y per step: 4 floats × 5 × 2 × 4 bytes.
    assert json.loads(out) == {
        "cell": "rnn",
        "convention": "textbook",
        "hidden": 3,
        "input_size": 2,
        "output_size": 1,
        "layers": 1,
        "bidirectional": False,
        "proj": 0,
        "bias": False,
        "reset_after": None,
        "total": 18,
        "weights": 18,
        "biases": 0,
        "formula": "n² + nm + kn",
        "substituted": "3² + 3×2 + 1×3",
        "tensors": [
            {"name": "W_hh", "shape": [3, 3], "count": 9, "formula": "n × n", "role": "weight"},
            {"name": "W_xh", "shape": [3, 2], "count": 6, "formula": "n × m", "role": "weight"},
            {"name": "W_hy", "shape": [1, 3], "count": 3, "formula": "k × n", "role": "weight"},
        ],
        "conventions": {
            "textbook": {"total": 18, "bias": False},
            "pytorch": {"total": 25, "bias": True},
            "keras": {"total": 22, "bias": True},
        },
        "costs": {
            "seq_len": 5,
            "batch": 2,
            "dtype": "float32",
            "macs_per_step": 18,
            "macs_per_sequence": 90,
            "param_bytes": 72,
            "activation_bytes": 160,
        },
    }


def test_csv_has_one_row_per_tensor(run):
    code, out, _ = run(*SMALL, "--format", "csv")
    assert code == 0
    assert out == (
        "cell,convention,hidden,input_size,output_size,tensor,shape,count,formula,role\n"
        "rnn,textbook,3,2,1,W_hh,3x3,9,n × n,weight\n"
        "rnn,textbook,3,2,1,W_xh,3x2,6,n × m,weight\n"
        "rnn,textbook,3,2,1,W_hy,1x3,3,k × n,weight\n"
    )


def test_table_explains_the_framework_difference(run):
    code, out, _ = run("params", "--hidden", "128", "--in", "28", "--out", "10", "--cell", "lstm")
    assert code == 0
    assert "4×128² + 4×128×28 + 10×128" in out
    assert "Why they differ: bias vectors only" in out
    assert "\x1b[" not in out


def test_sequence_length_changes_compute_never_the_count(run):
    outs = [json.loads(run(*SMALL, "-f", "json", "--seq-len", t)[1]) for t in ("1", "1000")]
    assert outs[0]["total"] == outs[1]["total"]
    assert outs[1]["costs"]["macs_per_sequence"] == 1000 * outs[0]["costs"]["macs_per_sequence"]


def test_bias_flag_applies_to_every_convention(run):
    data = json.loads(run(*SMALL, "-f", "json", "--no-bias", "--convention", "pytorch")[1])
    assert data["total"] == 18
    assert {c["total"] for c in data["conventions"].values()} == {18}


def test_all_cells_table_as_json(run):
    code, out, _ = run("params", "--hidden", "4", "--in", "2", "--cell", "all", "--convention", "pytorch", "-f", "json")
    assert code == 0
    cells = {c["cell"]: c for c in json.loads(out)["cells"]}
    assert cells["lstm"]["total"] == 4 * 4 * (4 + 2) + 2 * 4 * 4
    assert cells["lstm"]["ratio_to_rnn"] == 4.0
    assert cells["peephole"]["total"] is None and "PyTorch has no" in cells["peephole"]["reason"]


@pytest.mark.parametrize(
    "args,option",
    [
        (("--hidden", "0", "--in", "3"), "--hidden"),
        (("--hidden", "abc", "--in", "3"), "--hidden"),
        (("--hidden", "3", "--in", "3", "--cell", "lstm", "--proj", "3"), "--proj"),
        (("--hidden", "3", "--in", "3", "--cell", "gru", "--proj", "1", "--convention", "pytorch"), "--proj"),
        (("--hidden", "3", "--in", "3", "--cell", "peephole", "--convention", "pytorch"), "--cell"),
        (("--hidden", "3", "--in", "3", "--reset-after"), "--reset-after"),
        (("--hidden", "3", "--in", "3", "--convention", "jax"), "--convention"),
        (("--hidden", "3", "--in", "3", "--format", "xml"), "--format"),
        (("--hidden", "3", "--in", "3", "--seq-len", "0"), "--seq-len"),
        (("--hidden", "3"), "--in"),
    ],
)
def test_bad_input_is_one_line_on_stderr_with_exit_2(run, args, option):
    code, out, err = run("params", *args)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and option in err
    assert "Traceback" not in err


def test_installed_console_script_runs():
    exe = shutil.which("rnncalc")
    assert exe, "the rnncalc console script is not installed"
    done = subprocess.run(
        [exe, "params", "--hidden", "128", "--in", "28", "--out", "10", "-q"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout) == (0, "21248\n")


def test_params_does_not_import_numpy():
    code = (
        "import sys, rnncalc.cli as c; sys.argv=['rnncalc','params','-n','8','-m','8','-q'];\n"
        "import atexit; atexit.register(lambda: print('numpy' in sys.modules, file=sys.stderr))\nc.main()"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout == "128\n"  # 8² + 8·8
    assert done.stderr.strip() == "False"


def test_python_dash_m_and_version():
    done = subprocess.run([sys.executable, "-m", "rnncalc", "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("rnncalc ")
