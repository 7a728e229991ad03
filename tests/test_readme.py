"""The README is the front door: every example in it works as written."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BASH_BLOCKS = re.findall(r"```bash\n(.*?)```", README, flags=re.S)


@pytest.mark.parametrize("block", BASH_BLOCKS, ids=[b.splitlines()[0][:50] for b in BASH_BLOCKS])
def test_example_runs(block, tmp_path):
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    done = subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", block],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    if "test $? -eq 2" in block:  # the error examples: one stderr line each, no data
        assert done.stdout == "" and done.stderr.count("rnncalc: error:") == block.count("test $? -eq 2")
    else:
        assert done.stdout.strip()


def test_commented_results_are_what_the_commands_print(tmp_path):
    # Lines like `rnncalc … -q   # 21514` state their output; check each one.
    claims = re.findall(r"^(rnncalc [^#\n]*-q)\s+#\s*(?:.*= )?([\d]+)\s*$", README, flags=re.M)
    assert claims
    for command, expected in claims:
        done = subprocess.run(
            ["bash", "-c", command],
            capture_output=True,
            text=True,
            timeout=60,
            env=dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"),
        )
        assert done.stdout.strip() == expected, command


def test_quick_start_is_two_commands_and_ci_runs_the_test_command():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```\n(.*?)\n```", quick, flags=re.S)
    assert len(commands) == 2
    install_and_run, test_command = commands
    assert install_and_run.startswith("pip install . && rnncalc params")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci
