"""Every command's table as a person reads it, at 60 and 80 columns, in Unicode and in ASCII: snapshots.

A change to what a table shows fails here until it is read and accepted: `python -m pytest tests/test_snapshots.py
--snapshot-update` rewrites tests/__snapshots__/, and the diff of that folder is what a reviewer reads. The numbers
themselves are checked against independent oracles elsewhere (test_params_torch, test_gradflow_torch, ...); these
catch what no oracle sees: a column dropped, a word cut, a sentence changed.
"""

import os
import subprocess

import pytest

COMMANDS = {
    "params": ["params", "--hidden", "128", "--in", "28", "--out", "10"],
    "params-lstm-pytorch": ["params", "--hidden", "128", "--in", "28", "--cell", "lstm", "--convention", "pytorch"],
    "params-every-cell": ["params", "--hidden", "64", "--in", "32", "--cell", "all"],
    "params-expect-wrong": ["params", "--hidden", "128", "--in", "28", "--out", "10", "--expect", "20224"],
    "params-from-code": ["params", "--from", "nn.LSTM(28, 128, num_layers=2, bidirectional=True)"],
    "solve": ["solve", "--budget", "100k", "--cell", "all", "--in", "28", "--out", "10"],
    "gates": ["gates", "--hidden", "64", "--in", "16", "--steps", "50", "--equations"],
    "gradflow-rnn": ["gradflow", "--radius", "0.9", "--radius", "1.1", "--hidden", "32", "--steps", "60"],
    "gradflow-lstm": ["gradflow", "--cell", "lstm", "--forget", "0.95", "--path", "both", "--hidden", "16",
                      "--steps", "60"],
    "sweep-radius": ["sweep", "radius", "0.5:1.5:0.25", "--hidden", "16", "--steps", "40"],
    "sweep-forget-bias": ["sweep", "forget-bias", "-2:4:2", "--steps", "40"],
    "fsm": ["fsm", "parity", "--random", "20", "--classify", "0110"],
}  # fmt: skip


@pytest.mark.parametrize("columns", ["60", "80"])
@pytest.mark.parametrize("name", COMMANDS)
def test_tables_read_as_before(run, snapshot, name, columns):
    code, out, err = run(*COMMANDS[name], COLUMNS=columns)
    assert code in (0, 3), err  # 3: the --expect case, whose answer is wrong on purpose
    # a suggested command is printed whole, to be copied; every other line fits
    assert all(len(line) <= int(columns) for line in out.splitlines() if not line.lstrip().startswith("rnncalc "))
    assert out == snapshot


@pytest.mark.parametrize("name", ["params", "gradflow-lstm", "fsm"])
def test_the_ascii_tables_read_as_before(exe, snapshot, name):
    env = {**os.environ, "COLUMNS": "80", "PYTHONIOENCODING": "ascii"}
    out = subprocess.run([exe, *COMMANDS[name]], env=env, capture_output=True, check=True).stdout
    assert out.isascii()
    out = out.decode()
    assert out == snapshot


@pytest.mark.parametrize("fmt", ["markdown", "latex"])
def test_documents_read_as_before(run, snapshot, fmt):
    code, out, err = run(*COMMANDS["params"], "--format", fmt)
    assert code == 0, err
    assert out == snapshot
