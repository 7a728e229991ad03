"""The README is the front door: every example in it works as written, and says what it prints."""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BASH_BLOCKS = re.findall(r"```bash\n(.*?)```", README, flags=re.S)
PYTHON_BLOCKS = re.findall(r"```python\n(.*?)```", README, flags=re.S)
ENV = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")


@pytest.mark.parametrize("block", BASH_BLOCKS, ids=[b.splitlines()[0][:50] for b in BASH_BLOCKS])
def test_example_runs(block, tmp_path):
    done = subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", block],
        cwd=tmp_path,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    if "test $? -eq 2" in block:  # the error examples: one stderr line each, no data
        assert done.stdout == "" and done.stderr.count("rnncalc: error:") == block.count("test $? -eq 2")
    else:
        assert done.stdout.strip() or "> " in block  # either it prints, or it writes a file
        assert done.stderr == ""


def test_commented_results_are_what_the_commands_print():
    # Lines like `rnncalc … -q   # 21514` or `# 3·64·(64+16+2) = 15744` state their output exactly; `≈ x` states
    # it to the digits given. Check each one.
    claims = re.findall(r"^(rnncalc [^#\n]*-q)\s+#\s*(?:.*([=≈]) )?(\S+)\s*$", README, flags=re.M)
    assert len(claims) >= 9
    for command, relation, expected in claims:
        done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60, env=ENV)
        printed = done.stdout.strip()
        if relation == "≈":
            digits = len(expected.split(".")[1])
            assert round(float(printed), digits) == float(expected), command
        else:
            assert printed == expected, command


def test_the_expect_sample_is_what_the_command_prints():
    sample = README.split("### `--expect N`")[1].split("```\n")[1]
    done = subprocess.run(["rnncalc", "params", "-n", "128", "-m", "28", "-k", "10", "--expect", "20224"],
                          capture_output=True, text=True, timeout=60, env=dict(ENV, COLUMNS="200"))  # fmt: skip
    assert done.returncode == 3 and sample in done.stdout


def test_the_python_examples_give_what_their_comments_say():
    namespace: dict = {}
    for block in PYTHON_BLOCKS:
        for line in block.splitlines():
            code, _, comment = line.partition("  # ")
            if not code.strip():
                continue
            if code.startswith(("from ", "import ")):
                exec(code, namespace)  # noqa: S102 - the README's own example
                continue
            value = eval(code, namespace)  # noqa: S307 - the README's own example
            expected = comment.split(" (")[0].strip()
            assert value == ast.literal_eval(expected), line


def test_quick_start_is_two_commands_and_ci_runs_the_test_command():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```\n(.*?)\n```", quick, flags=re.S)
    assert len(commands) == 2
    install_and_run, test_command = commands
    assert install_and_run.startswith("pip install . && rnncalc params")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci
    assert "download.pytorch.org/whl/cpu" in quick  # how to get the CPU wheel elsewhere
