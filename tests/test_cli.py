"""The command line's contracts: JSON and CSV documents, -q, exit codes, --expect and --from, every command."""

import csv
import io
import json

import pytest

SMALL = ("params", "-n", "3", "-m", "2", "-k", "1")


def test_params_json_is_the_documented_document(run):
    code, out, err = run(*SMALL, "-f", "json", "--seq-len", "5", "--batch", "2")
    assert (code, err) == (0, "")
    # Hand-computed: W_hh 3×3 = 9, W_xh 3×2 = 6, W_hy 1×3 = 3, weights only. PyTorch adds bias_ih + bias_hh (3 + 3)
    # and output.bias (1); Keras one bias (3) and dense/bias (1). Without the output layer: 15, 21, 18.
    # 18 MACs a step; BPTT keeps x (2), h (3), y (1) per step: 6 floats × 5 steps × 2 sequences × 4 bytes.
    assert json.loads(out) == {
        "cell": "rnn", "convention": "textbook", "hidden": 3, "input_size": 2, "output_size": 1, "layers": 1,
        "bidirectional": False, "proj": 0, "bias": False, "reset_after": None,
        "total": 18, "weights": 18, "biases": 0, "formula": "n² + nm + kn", "substituted": "3² + 3×2 + 1×3",
        "tensors": [
            {"name": "W_hh", "shape": [3, 3], "count": 9, "formula": "n × n", "role": "weight"},
            {"name": "W_xh", "shape": [3, 2], "count": 6, "formula": "n × m", "role": "weight"},
            {"name": "W_hy", "shape": [1, 3], "count": 3, "formula": "k × n", "role": "weight"},
        ],
        "conventions": {
            "textbook": {"total": 18, "bias": False, "total_without_output": 15},
            "pytorch": {"total": 25, "bias": True, "total_without_output": 21},
            "keras": {"total": 22, "bias": True, "total_without_output": 18},
        },
        "costs": {
            "seq_len": 5, "batch": 2, "dtype": "float32", "macs_per_step": 18, "macs_per_sequence": 90,
            "param_bytes": 72, "activation_bytes": 240, "saved": ["h"], "floats_per_step": 6,
        },
    }  # fmt: skip


def test_params_csv_has_one_row_per_tensor(run):
    assert run(*SMALL, "-f", "csv")[1] == (
        "cell,convention,hidden,input_size,output_size,tensor,shape,count,formula,role\n"
        "rnn,textbook,3,2,1,W_hh,3x3,9,n × n,weight\n"
        "rnn,textbook,3,2,1,W_xh,3x2,6,n × m,weight\n"
        "rnn,textbook,3,2,1,W_hy,1x3,3,k × n,weight\n"
    )


def test_params_quiet_prints_the_total_alone(run):
    assert run("params", "-n", "128", "-m", "28", "-k", "10", "-q") == (0, "21248\n", "")


N, M, K = 128, 28, 10
WEIGHTS = N * N + N * M  # one block's recurrent and input matrices
HEAD = K * N
# The course's question at every cell and convention, from the closed forms: the recurrent layer alone (weights,
# then each framework's biases); the output layer is added below.
COURSE = {
    "textbook": {
        "rnn": WEIGHTS,
        "lstm": 4 * WEIGHTS,
        "gru": 3 * WEIGHTS,
        "peephole": 4 * WEIGHTS + 3 * N,
        "cifg": 3 * WEIGHTS,
        "mgu": 2 * WEIGHTS,
        "indrnn": N + N * M,
        "second-order": N * N * M,
    },
    "pytorch": {"rnn": WEIGHTS + 2 * N, "lstm": 4 * (WEIGHTS + 2 * N), "gru": 3 * (WEIGHTS + 2 * N)},
    "keras": {"rnn": WEIGHTS + N, "lstm": 4 * (WEIGHTS + N), "gru": 3 * (WEIGHTS + 2 * N)},  # GRU: reset_after
}


@pytest.mark.parametrize("convention", COURSE)
def test_the_course_question_for_every_cell_and_convention(run, convention):
    code, out, err = run("params", "--cell", "all", "-n", str(N), "-m", str(M), "-k", str(K),
                         "--convention", convention, "-q")  # fmt: skip
    head = HEAD + (K if convention != "textbook" else 0)  # the frameworks' Linear/Dense keeps its bias
    expected = {cell: layer + head for cell, layer in COURSE[convention].items()}
    counts = dict(line.split("\t") for line in out.splitlines())
    assert (code, err) == (0, "")
    assert {cell: int(v) for cell, v in counts.items() if v} == expected
    assert all(counts[cell] == "" for cell in counts.keys() - expected.keys())  # not a layer of that framework


def test_every_cell_keeps_the_sizes_and_says_why_a_cell_is_missing(run):
    data = json.loads(
        run("params", "-n", "4", "-m", "2", "--cell", "all", "--convention", "pytorch", "--proj", "3", "-f", "json")[1]
    )
    assert (data["hidden"], data["input_size"], data["proj"]) == (4, 2, 3)
    cells = {c["cell"]: c for c in data["cells"]}
    # torch.nn.LSTM(2, 4, proj_size=3): 16×2 + 16×3 + 16 + 16 + 3×4 = 124
    assert cells["lstm"]["total"] == 124 and cells["rnn"]["total"] is None and "LSTM family" in cells["rnn"]["reason"]
    quiet = run("params", "-n", "4", "-m", "2", "--cell", "all", "-q")[1].splitlines()
    assert quiet[:2] == ["rnn\t24", "lstm\t96"]


@pytest.mark.parametrize(
    "args,expected,reading",
    [
        # The course's answer key: PyTorch's nn.RNN(28, 128) alone, n² + nm + 2n.
        (("-n", "128", "-m", "28", "-k", "10"), "20224", ("PyTorch convention", "without the output layer")),
        # The head forgotten: n² + nm.
        (("-n", "128", "-m", "28", "-k", "10"), "19968", ("without the output layer",)),
        # A bias counted once per gate (and for the output): 4(n² + nm + n) + kn + k, Keras's count too.
        (("-n", "128", "-m", "28", "-k", "10", "--cell", "lstm"), "81674", ("with bias vectors",)),
        (("-n", "128", "-m", "28", "-k", "10", "--cell", "lstm"), "81674", ("Keras convention",)),
        # Input and output swapped: PyTorch n² + n·10 + 2n + 28n + 28.
        (
            ("-n", "128", "-m", "28", "-k", "10", "--convention", "pytorch"),
            "21532",
            ("input and output sizes swapped",),
        ),
        # A bidirectional layer counted once: 4(nm + n² + 2n) = 20,992.
        (
            ("-n", "64", "-m", "16", "--cell", "lstm", "--bidirectional", "--convention", "pytorch"),
            "20992",
            ("one direction",),
        ),
        # Keras's single bias per block (reset_after=False): 3n(n + m + 1).
        (
            ("-n", "64", "-m", "16", "--cell", "gru", "--convention", "pytorch"),
            "15552",
            ("Keras convention", "reset_after=False"),
        ),
        # Hidden and input swapped: 128² + 128·28.
        (("-n", "28", "-m", "128"), "19968", ("hidden and input sizes swapped",)),
    ],
)
def test_expect_names_the_reading_that_gives_the_answer(run, args, expected, reading):
    code, out, _ = run("params", *args, "--expect", expected, "-f", "json")
    data = json.loads(out)
    assert (code, data["expected"], data["match"]) == (3, int(expected), False)
    assert reading in [tuple(r["changes"]) for r in data["readings"]]
    assert all(r["total"] == int(expected) for r in data["readings"])


def test_expect_spells_out_the_formula_with_the_numbers(run):
    out = run("params", "-n", "128", "-m", "28", "-k", "10", "--expect", "20224")[1]
    assert "PyTorch nn.RNN(28, 128)\n  changed from the question: PyTorch convention, without the output layer" in out
    assert "nm + n² + 2n = 128×28 + 128² + 2×128 = 20,224" in out


def test_expect_exits_0_on_the_right_answer_and_explains_a_near_miss(run):
    assert run("params", "-n", "128", "-m", "28", "-k", "10", "--expect", "21248", "-q") == (0, "21248\n", "")
    # An LSTM with n = 128, m = 28: 4(n² + nm) = 79,872; no reading gives 80,000, the nearest is 128 = n below it.
    code, out, _ = run("params", "-n", "128", "-m", "28", "--cell", "lstm", "--expect", "80000", "-f", "json")
    data = json.loads(out)
    assert (code, data["readings"], data["nearest"][0]["total"]) == (3, [], 79872)
    assert data["nearest"][0]["explanation"] == "off by 128 = n: one bias vector (the answer counts more)"


def test_expect_checks_a_hidden_size_in_solve(run):
    args = ("solve", "--budget", "100k", "--cell", "gru", "--in", "28", "--out", "10")
    assert run(*args, "--expect", "167", "-q")[0] == 0
    code, out, _ = run(*args, "--expect", "170")
    assert code == 3 and "hidden size 170 (102,680 parameters) is over the budget: the answer is 167" in out


@pytest.mark.parametrize(
    "code,expected",
    [
        ("nn.LSTM(28, 128, num_layers=2)", "212992"),  # 4(28·128 + 128² + 256) + 4(128² + 128² + 256)
        ("torch.nn.GRU(input_size=10, hidden_size=20, bias=False)", "1800"),  # 3(20·10 + 20²)
        (
            "rnn = nn.RNN(10, 20, 2)\ninput = torch.randn(5, 3, 10)\nh0 = torch.randn(2, 3, 20)\noutput, hn = rnn(input, h0)",
            "1480",
        ),
        (
            "model = keras.Sequential([keras.Input((None, 28)), keras.layers.LSTM(128), keras.layers.Dense(10)])",
            "81674",
        ),
    ],
)
def test_from_reads_the_constructor(run, code, expected):
    assert run("params", "--from", code, "-q") == (0, expected + "\n", "")


@pytest.mark.parametrize(
    "args,named",
    [
        (("--from", "nn.LSTM(28, 128)", "--hidden", "64"), "--hidden"),  # a conflict names both
        (("--from", "nn.LSTM(28, 128)", "--convention", "keras"), "--convention"),
        (("--from", "nn.LSTM(28, n)"), "--set n=VALUE"),  # an open name: where it is, and what answers it
        (("--from", "nn.Transformer(64)"), "nn.Transformer is not a module rnncalc counts"),
        (("--from", "import os; os.system('true')"), "no model found"),
        (("--from", "layers.LSTM(64)"), "--in"),  # Keras needs the input size
        (("--from", "Sequential([LSTM(64)])"), "'from keras.layers import LSTM' or 'from torch.nn import LSTM'"),
        (("--from", "nn.LSTM(28, 128)", "--layers", "2"), "--layers"),  # the code says the model
        (("--from", "nn.LSTM(28, 128"), "not valid Python"),
    ],
)
def test_from_refuses_what_it_cannot_read_in_one_line(run, args, named):
    code, out, err = run("params", *args)
    assert (code, out) == (2, "") and err.count("\n") == 1 and named in err
    assert "--from" in err or named in ("--in", "--hidden", "--convention", "--layers")


def test_gradflow_json_names_what_each_run_measures(run):
    out = run(
        "gradflow", "--cell", "lstm", "--forget", "0.9", "--path", "both", "--steps", "5", "--hidden", "4", "-f", "json"
    )[1]
    runs = json.loads(out)["runs"]
    assert [(r["path"], r["quantity"]) for r in runs] == [("full", "‖∂L/∂h‖"), ("carry", "‖∂L/∂c‖ via diag(f)")]
    assert runs[0]["burn_in"] == 50 and runs[0]["stationary"] is True and "radius" not in runs[0]


def test_gradflow_json_theory_carries_the_weight_scale(run):
    out = run("gradflow", "--radius", "1", "--init", "orthogonal", "--steps", "3", "--hidden", "8", "-f", "json")[1]
    theory = json.loads(out)["runs"][0]["theory"]
    assert set(theory) == {"radius_power", "pascanu_bound", "mean_field", "sigma_max", "sigma_w", "q_star", "chi"}
    assert theory["sigma_w"] == pytest.approx(1.0)


def test_gradflow_csv_has_a_row_per_run_and_lag(run):
    out = run("gradflow", "--init", "orthogonal", "--activation", "linear", "--radius", "1", "--radius", "0.1",
              "--steps", "4", "--hidden", "4", "-f", "csv")[1]  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(out)))
    assert (
        list(rows[0])
        == "run cell path radius forget update step log10_norm log10_spread decay_per_step horizon".split()
    )
    assert len(rows) == 10 and float(rows[9]["log10_norm"]) == pytest.approx(-4.0, abs=1e-12)
    assert rows[0]["horizon"] == "" and rows[5]["horizon"] == ""


def test_gradflow_quiet_and_zero(run):
    assert (
        run("gradflow", "--cell", "lstm", "--path", "carry", "--forget", "0", "--steps", "3", "--hidden", "4", "-q")[1]
        == "-inf\n"
    )


def test_gates_documents(run):
    rows = json.loads(run("gates", "--cells", "lstm,mgu", "--steps", "5", "-f", "json")[1])
    assert [r["cell"] for r in rows] == ["lstm", "mgu"]
    assert rows[0]["carry_jacobian"] == "diag(f_t)" and rows[0]["blocks"][2] == {"letter": "g", "role": "candidate"}
    assert rows[0]["retention"]["steps"] == 5 and rows[1]["retention"]["full"] is None
    header = run("gates", "--cells", "lstm", "--no-retention", "-f", "csv")[1].splitlines()[0]
    assert (
        header
        == "cell,title,bidirectional,gates,state,params,ratio_to_rnn,carry_jacobian,carry_path,retention_full_log10,"
        "retention_full_spread,retention_carry_log10,retention_verdict,steps,use_when"
    )
    assert run("gates", "--cells", "lstm", "--no-retention", "-q")[1] == "lstm\t79872\n"


def test_solve_documents(run):
    data = json.loads(run("solve", "--budget", "100k", "--in", "28", "--out", "10", "--cell", "all", "-f", "json")[1])
    assert data["budget"] == 100_000 and {c["cell"]: c["hidden"] for c in data["cells"]}["gru"] == 167
    one = json.loads(run("solve", "--budget", "100k", "--in", "28", "--out", "10", "--cell", "gru", "-f", "json")[1])
    assert (one["hidden"], one["params"], one["slack"], one["next_params"], one["input_size"]) == (
        167,
        99365,
        635,
        100464,
        28,
    )


def test_sweep_modes_are_subcommands(run):
    code, out, _ = run("sweep", "--help")
    assert code == 0 and all(mode in out for mode in ("radius", "forget", "update", "forget-bias"))
    # An option of another mode is Click's own error.
    code, out, err = run("sweep", "forget", "0.9", "--init", "orthogonal")
    assert (code, out) == (2, "") and "No such option: --init" in err


def test_sweep_documents(run):
    data = json.loads(
        run("sweep", "forget", "0.5:0.9:0.4", "--steps", "3", "--hidden", "4", "--path", "carry", "-f", "json")[1]
    )
    assert (data["mode"], data["parameter"], data["burn_in"]) == ("lag", "forget", 50)
    assert list(data) == ["mode", "cell", "parameter", "hidden", "steps", "trials", "seed", "drive", "path",
                          "burn_in", "rows"]  # fmt: skip
    assert [r["value"] for r in data["rows"]] == [0.5, 0.9]
    rows = list(
        csv.DictReader(io.StringIO(run("sweep", "forget", "0.5", "--steps", "2", "--hidden", "4", "-f", "csv")[1]))
    )
    assert [r["step"] for r in rows] == ["0", "1", "2"]
    phase = json.loads(
        run("sweep", "radius", "0.8:1.2:0.4", "--drive", "0:0.5:0.5", "--steps", "10", "--hidden", "8", "-f", "json")[1]
    )
    assert phase["mode"] == "phase" and len(phase["sigma_w"]) == len(phase["radius"]) == 2
    assert run("sweep", "forget-bias", "0", "-q")[1] == "0.0\t0.5\n"


@pytest.mark.parametrize(
    "sweep",
    [
        ("sweep", "forget", "0.6:0.9:0.3", "--path", "carry", "--hidden", "6", "--steps", "12"),
        ("sweep", "radius", "0.7:1.1:0.4", "--drive", "0.3", "--activation", "relu", "--trials", "2", "--hidden", "5"),
        ("sweep", "update", "0.95", "--seed", "9", "--steps", "7", "--hidden", "3"),
    ],
)
def test_the_command_a_sweep_names_reproduces_its_rows(run, sweep):
    import shlex

    table = " ".join(run(*sweep, COLUMNS="1000")[1].split())
    command = shlex.split(table.split("Every row is `")[1].split("`")[0])[1:]  # without the program name
    data = json.loads(run(*sweep, "-f", "json")[1])
    for row in data["rows"]:
        args = [str(row["value"]) if a == "VALUE" else a for a in command]
        alone = json.loads(run(*args, "-f", "json")[1])["runs"][0]
        assert [p["log10_norm"] for p in alone["points"]] == row["log10_norm"]


def test_fsm_documents(run, tmp_path):
    data = json.loads(run("fsm", "parity", "--random", "5", "--no-search", "--classify", "0110", "-f", "json")[1])
    assert (data["machine"], data["states"], data["agreement"], data["strength"]) == ("parity", 2, 1.0, 8.0)
    assert data["results"] == [{"string": "0110", "dfa": False, "network": False}]
    assert run("fsm", "parity", "--random", "5", "--no-search", "-q")[1] == "1.0\n"
    machine = tmp_path / "m.json"
    machine.write_text(
        json.dumps({"alphabet": ["a"], "states": ["q"], "start": "q", "accept": ["q"], "delta": {"q": {"a": "q"}}})
    )
    assert run("fsm", "--dfa", str(machine), "--random", "2", "--no-search", "-q")[1] == "1.0\n"
    code, out, err = run("fsm", "--dfa", str(tmp_path / "none.json"))
    assert (code, out) == (2, "") and "--dfa" in err and "cannot read" in err


@pytest.mark.parametrize(
    "args,option",
    [
        (("params", "-n", "0", "-m", "3"), "--hidden"),
        (("params", "-n", "1_000", "-m", "3"), "--hidden"),
        (("params", "-m", "3"), "--hidden"),
        (("params", "-n", "3", "-m", "3", "--cell", "peephole", "--convention", "pytorch"), "--cell"),
        (("params", "-n", "3", "-m", "3", "--reset-after"), "--reset-after"),
        (("params", "-n", "3", "-m", "3", "--cell", "all", "--expect", "5"), "--expect"),
        (("gradflow", "--forget", "0.9"), "--forget"),
        (("gradflow", "--cell", "lstm", "--radius", "1"), "--radius"),
        (("gradflow", "--radius", "1e-400"), "--radius"),
        (("gradflow", "--every", "0"), "--every"),
        (("gradflow", "--plot", "chart.txt"), "--plot"),
        (("gradflow", "--burn-in", "1000000000"), "--burn-in"),
        (("gates", "--cells", "transformer"), "--cells"),
        (("gates", "--gate", "1"), "--gate"),
        (("solve", "--budget", "1.5", "--in", "3"), "--budget"),
        (("sweep", "radius", "1.5:0.5:0.1"), "RANGE"),
        (("sweep", "forget", "0.5:1.5:0.5"), "RANGE"),
        (("sweep", "forget", "0.9", "--drive", "0:1:0.5"), "--drive"),
        (("fsm", "tomita9"), "MACHINE"),
        (("fsm", "parity", "--classify", "012"), "--classify"),
    ],
)
def test_bad_input_is_one_line_on_stderr_with_exit_2(run, args, option):
    code, out, err = run(*args)
    assert (code, out) == (2, ""), err
    assert err.startswith("rnncalc: error:") and err.count("\n") == 1 and option in err


def test_another_cells_option_says_which_cell_it_belongs_to(run):
    assert "applies to cell lstm, not rnn" in run("gradflow", "--forget", "0.9")[2]


@pytest.mark.parametrize(
    "args,says",
    [
        (("solve", "--budget", "100kk", "--in", "3"), "got '100kk'"),  # not '100k', what was left after the scale
        (("sweep", "forget-bias", "--frmat", "json", "1"), "No such option: --frmat"),  # not a bad RANGE
        (("sweep", "radius", "-1:2:1"), "must be from 0 to 50, got -1.0"),  # not "No such option: -1"
        (("sweep", "update", "-0.5:1:0.5"), "must be from 0 to 1, got -0.5"),
    ],
)
def test_messages_name_the_real_mistake(run, args, says):
    # Issue 19: each of these said something about another argument than the one mistyped.
    code, out, err = run(*args)
    assert code == 2 and out == "" and says in err and len(err.strip().splitlines()) == 1


def test_dfa_files_people_write(run, tmp_path):
    one = tmp_path / "one.json"
    one.write_text(
        '{"alphabet": ["a b"], "states": ["s"], "start": "s", "accept": ["s"], "delta": {"s": {"a b": "s"}}}'
    )
    code, _, err = run("fsm", "--dfa", str(one))
    assert code == 2 and "the symbol 'a b' holds a space" in err and "classify" not in err
    bom = tmp_path / "bom.json"  # as Windows editors save it
    bom.write_bytes(
        b'\xef\xbb\xbf{"alphabet": ["0", "1"], "states": ["a"], "start": "a", "accept": ["a"], "delta": {"a": {"0": "a", "1": "a"}}}'
    )
    code, out, err = run("fsm", "--dfa", str(bom), "--no-search", "--strength", "6")
    assert code == 0, err


def test_sweeps_take_negative_ranges_and_still_know_their_options(run):
    assert run("sweep", "radius", "--help")[0] == 0
    assert run("sweep", "forget-bias", "-2:2:1", "--steps=3", "-q")[0] == 0
    code, _, err = run("sweep", "radius", "0.5:1:0.5", "--frmat", "json")
    assert code == 2 and "No such option: --frmat" in err


def test_sigterm_during_savefig_leaves_no_temporary_file(tmp_path):
    # Issue 19: SIGTERM or SIGHUP during savefig left a 0-byte hidden temporary file beside the plot.
    import signal
    import subprocess
    import sys
    import time

    child = (
        "import time, matplotlib.figure as f\n"
        "from rnncalc.cli import _catch_ctrl_c\n"
        "from rnncalc.output.plot import write\n"
        "from rnncalc.output.report import Chart\n"
        "_catch_ctrl_c()\n"
        "f.Figure.savefig = lambda self, *a, **k: (print('saving', flush=True), time.sleep(30))\n"
        f"write(__import__('pathlib').Path({str(tmp_path / 'plot.png')!r}), Chart([('a', [0.0, -1.0])], 'x', 'y'))\n"
    )
    for signum in (signal.SIGTERM, signal.SIGHUP):
        proc = subprocess.Popen([sys.executable, "-c", child], stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "saving"
        time.sleep(0.2)
        proc.send_signal(signum)
        assert proc.wait(timeout=30) == 128 + signum
        assert list(tmp_path.iterdir()) == []


def test_a_run_that_cannot_print_does_not_replace_the_plot(tmp_path, exe):
    import subprocess

    old = tmp_path / "old.png"
    old.write_bytes(b"the plot from before")
    done = subprocess.run(
        f"{exe} sweep radius 0.5:1:0.5 --steps 3 --plot {old} -q >&-", shell=True, capture_output=True, text=True
    )
    assert done.returncode == 1 and "standard output is closed" in done.stderr
    assert old.read_bytes() == b"the plot from before"
    # a full disk is only found when the report is written: the plot waits for it (an adversarial round found it
    # replaced), and no temporary file is left beside it
    full = subprocess.run(f"{exe} gradflow --steps 20 -q --plot {old} >/dev/full", shell=True, capture_output=True)
    assert full.returncode == 1 and old.read_bytes() == b"the plot from before"
    assert [p.name for p in tmp_path.iterdir()] == ["old.png"]
    # a reader that closes the pipe had what it wanted: the run succeeded, and its plot is written
    subprocess.run(f"{exe} gradflow --steps 20 --plot {old} | head -c1", shell=True, capture_output=True)
    assert old.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("kib", [100_000, 140_000, 240_000, 300_000])
def test_an_address_space_limit_gets_rnncalcs_words_never_openblass(exe, kib):
    # Issue 19: under `ulimit -v`, OpenBLAS ended the process from C ("Memory allocation still failed after 10
    # retries"), a thread that could not start was an internal error. Now: the run, or one line and exit 1.
    import resource
    import subprocess

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (kib * 1024, resource.RLIM_INFINITY))

    for args in (["--hidden", "8", "--steps", "5"], ["--hidden", "1024", "--steps", "50", "--trials", "64"]):
        done = subprocess.run([exe, "gradflow", *args, "-q"], capture_output=True, text=True, preexec_fn=limit)
        if done.returncode == 0:
            assert done.stdout.strip() and not done.stderr
        else:
            assert done.returncode == 1, done.stderr
            assert done.stderr.startswith("rnncalc: error: out of memory") and done.stderr.count("\n") == 1
    if kib <= 140_000:  # too small for NumPy itself: said before it loads, with what would answer it
        assert "raise ulimit -v" in done.stderr


@pytest.mark.parametrize(
    "limit,kib,args,said",
    [
        # NumPy crashed (segfault, exit 139) raising MemoryError without the GIL in the gated cells' steps
        ("RLIMIT_AS", 180_000, ["gradflow", "--cell", "gru", "--hidden", "256", "--steps", "300"], "this run needs"),
        # matplotlib's import failed with a traceback, an ImportError or a SystemError as an internal error
        ("RLIMIT_AS", 170_000, ["gradflow", "--steps", "50", "--plot", "PLOT"], "this run needs"),
        ("RLIMIT_AS", 180_000, ["fsm", "tomita4", "--plot", "PLOT"], "NumPy and matplotlib need"),
        # a data-segment limit was not looked at: OpenBLAS's own message
        ("RLIMIT_DATA", 50_000, ["gradflow"], "the data limit (ulimit -d)"),
        ("RLIMIT_DATA", 100_000, ["fsm", "tomita4"], "NumPy needs"),
        # the radius × drive map loaded NumPy before any check: OpenBLAS's message, a segfault or a hang
        ("RLIMIT_AS", 100_000, ["sweep", "radius", "0.6:2:0.1", "--drive", "0:1:0.25", "--plot", "PLOT"], "run needs"),
    ],
)
def test_a_memory_limit_that_cannot_hold_the_run_is_said_before_it_starts(exe, tmp_path, limit, kib, args, said):
    import resource
    import subprocess

    def limited():
        resource.setrlimit(getattr(resource, limit), (kib * 1024, resource.RLIM_INFINITY))

    args = [str(tmp_path / "p.png") if a == "PLOT" else a for a in args]
    done = subprocess.run([exe, *args, "-q"], capture_output=True, text=True, preexec_fn=limited)
    assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("rnncalc: error: out of memory") and said in done.stderr
    assert not (tmp_path / "p.png").exists()


def test_help_in_latin_1_is_ascii_and_a_link_to_a_device_is_no_plot(exe, tmp_path):
    # An adversarial round: gradflow --help under PYTHONIOENCODING=latin-1 was an internal error (σ, ρ, −), and
    # under ascii Click wrote UTF-8; --plot through a link to /dev/full was refused for its suffix.
    import os
    import subprocess

    for encoding in ("latin-1", "cp437", "ascii"):
        env = dict(os.environ, PYTHONIOENCODING=encoding)
        done = subprocess.run([exe, "gradflow", "--help"], capture_output=True, env=env)
        assert done.returncode == 0 and done.stdout.isascii() and b"h_t = phi(W h_{t-1}" in done.stdout
    (tmp_path / "full.png").symlink_to("/dev/full")
    done = subprocess.run([exe, "gradflow", "--steps", "5", "--plot", str(tmp_path / "full.png")], capture_output=True,
                          text=True)  # fmt: skip
    assert done.returncode == 2 and "leads to '/dev/full'" in done.stderr and done.stderr.count("\n") == 1


def test_a_checkpoint_under_an_address_space_limit_too_small_for_torch(exe, torch, tmp_path):
    # torch's import under `ulimit -v 600000` failed in a cascade of MemoryErrors and tracebacks; under 300000 the
    # message said torch was not installed.
    import resource
    import subprocess

    torch.save(torch.nn.LSTM(8, 16).state_dict(), tmp_path / "m.pt")

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (300_000 * 1024, resource.RLIM_INFINITY))

    done = subprocess.run([exe, "params", "--from", str(tmp_path / "m.pt")], capture_output=True, text=True,
                          preexec_fn=limit)  # fmt: skip
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert "PyTorch need" in done.stderr and "to load; raise ulimit -v" in done.stderr


@pytest.mark.parametrize("encoding", ["idna", "punycode"])
def test_codecs_that_are_not_streams_get_ascii(exe, encoding):
    # Issue 19: punycode moved ² and × to the end of the output; idna ended every command with exit 1, no output.
    import os
    import subprocess

    env = dict(os.environ, PYTHONIOENCODING=encoding)
    done = subprocess.run([exe, "params", "-n", "8", "-m", "4"], capture_output=True, env=env)
    assert done.returncode == 0 and b"n^2 + nm" in done.stdout and done.stdout.isascii()
    done = subprocess.run([exe, "params", "-n", "8", "-m", "4", "-q"], capture_output=True, env=env)
    assert done.stdout == b"96\n"
    done = subprocess.run([exe, "params", "-n", "0", "-m", "4"], capture_output=True, env=env)
    assert done.returncode == 2 and done.stderr.startswith(b"rnncalc: error:") and done.stderr.count(b"\n") == 1


def test_completion_for_the_shell_named_and_failures_in_one_line(exe, tmp_path):
    # Issue 19: --show-completion fish/zsh printed the bash script; an empty HOME wrote under /, an unwritable
    # target or a .bashrc that is a folder ended in a traceback; a non-numeric COMP_CWORD too.
    import os
    import subprocess

    def call(*args, **env):
        done = subprocess.run([exe, *args], capture_output=True, text=True, env=dict(os.environ, **env))
        return done.returncode, done.stdout, done.stderr

    assert "complete --command rnncalc" in call("--show-completion", "fish")[1]
    assert call("--show-completion", "zsh")[1].startswith("#compdef rnncalc")
    code, _, err = call("--show-completion", "tcsh")
    assert code == 2 and err.count("\n") == 1 and "takes one of bash" in err
    code, _, err = call("--install-completion", "bash", HOME="")
    assert code == 1 and err.count("\n") == 1 and "HOME" in err
    (tmp_path / ".bashrc").mkdir()
    code, _, err = call("--install-completion", "bash", HOME=str(tmp_path))
    assert code == 1 and err.count("\n") == 1 and "cannot write" in err
    code, out, err = call(_RNNCALC_COMPLETE="complete_bash", COMP_WORDS="rnncalc ", COMP_CWORD="x")
    assert (code, out, err) == (0, "", "")
    home = tmp_path / "home"
    home.mkdir()
    code, out, _ = call("--install-completion", "bash", HOME=str(home))
    assert code == 0 and (home / ".bashrc").is_file() and str(home) in out


def test_a_plot_needs_no_screen_whatever_the_environment_asks(tmp_path, exe):
    # An adversarial round: MPLBACKEND=bogus ended every --plot with an internal error from matplotlib.
    import os
    import subprocess

    # A second round: a matplotlibrc asking for LaTeX text (absent here) or a huge dpi broke or bloated the plot.
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "matplotlibrc").write_text("text.usetex: True\nsavefig.dpi: 100000\n")
    env = {**os.environ, "MPLBACKEND": "bogus", "MPLCONFIGDIR": str(tmp_path / "config")}
    done = subprocess.run([exe, "gradflow", "--steps", "5", "-q", "--plot", str(tmp_path / "p.png")], env=env,
                          capture_output=True)  # fmt: skip
    assert done.returncode == 0 and (tmp_path / "p.png").read_bytes().startswith(b"\x89PNG")
    assert (tmp_path / "p.png").stat().st_size < 1_000_000


@pytest.mark.parametrize(
    "shell_line, code, stdout, stderr",
    [
        ("{exe} --show-completion bash >/dev/full", 1, "", "No space left on device"),
        ("{exe} --show-completion bash >&-", 1, "", "standard output is closed"),
        ("{exe} --show-completion zsh | head -c1 >/dev/null; exit ${{PIPESTATUS[0]}}", 0, "", ""),
        ("_RNNCALC_COMPLETE=complete_bash COMP_WORDS='rnncalc par' {exe}", 0, "", ""),  # no COMP_CWORD
        ("_RNNCALC_COMPLETE=complete_bash COMP_CWORD=1 {exe}", 0, "", ""),  # no COMP_WORDS
        ("_RNNCALC_COMPLETE=bogus {exe}", 2, "", "is not a completion request"),
        ("_RNNCALC_COMPLETE=complete_bash COMP_WORDS='rnncalc --version ' COMP_CWORD=2 {exe}", 0, "params", ""),
    ],
)
def test_completion_meets_the_same_streams_and_requests_as_data(exe, shell_line, code, stdout, stderr):
    # An adversarial round: tracebacks on a full or closed stdout, KeyErrors for a half-set request, and the
    # version offered as a completion.
    import subprocess

    done = subprocess.run(shell_line.format(exe=exe), shell=True, executable="/bin/bash", capture_output=True,
                          text=True)  # fmt: skip
    assert done.returncode == code and "Traceback" not in done.stderr
    assert stdout in done.stdout and "rnncalc 0" not in done.stdout
    assert stderr in done.stderr and len(done.stderr.splitlines()) <= 1


def test_text_typed_in_an_ascii_locale_reads_as_typed(exe):
    # An adversarial round: under LC_ALL=C (Python's ASCII mode) 'é' in --from's code was refused as not UTF-8.
    import os
    import subprocess

    env = {**os.environ, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    done = subprocess.run([exe, "params", "--from", 'name = "é"\nnn.LSTM(4, 8)', "-q"], env=env, capture_output=True)
    assert (done.returncode, done.stdout) == (0, b"448\n")  # 4(4·8 + 8² + 2·8): PyTorch's LSTM(4, 8)


def test_every_cell_checks_the_batch_and_dtype_it_is_given(run):
    # A fuzzer's find: with --cell all, --batch 1e400 was accepted (unused, never checked) and the run exited 0.
    code, out, err = run("params", "--hidden", "16", "--in", "1", "--batch", "1e400", "--cell", "all")
    assert (code, out) == (2, "") and "'--batch'" in err


@pytest.mark.parametrize("words", [["--help"], ["-h"], []])
def test_the_roots_help_lists_what_the_commands_themselves_declare(words):
    # `rnncalc --help` builds no command's options (a third of its start-up), only their names and summaries:
    # what it prints must be what building every command prints.
    from typer.testing import CliRunner

    from rnncalc.cli.app import build

    listed = CliRunner().invoke(build(words), words)
    every = CliRunner().invoke(build(["(every command)"]), words)
    assert listed.output == every.output and "fsm       A second-order RNN" in listed.output  # bare: on stderr


def test_the_numbers_do_not_depend_on_the_blas_threads(exe):
    # An adversarial round: σ_w, q*, χ and the mean field differed in their last digits between
    # OPENBLAS_NUM_THREADS=1 and the default (a norm taken with whatever threads were active).
    import os
    import subprocess

    def json_with(threads: str) -> str:
        env = dict(os.environ, OPENBLAS_NUM_THREADS=threads)
        return subprocess.run([exe, "gradflow", "--hidden", "256", "--steps", "30", "-f", "json"], env=env,
                              capture_output=True, text=True, check=True).stdout  # fmt: skip

    assert json_with("1") == json_with("2")
