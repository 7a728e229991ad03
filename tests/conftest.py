"""Shared test set-up: Rich renders the same everywhere, and torch is required in CI."""

import os

import pytest

# CI may set colour variables that make Rich emit ANSI codes into captured output;
# pin terminal detection and width so tables render as on a developer's terminal.
for var in ("FORCE_COLOR", "CLICOLOR_FORCE", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "GITHUB_ACTIONS", "JUPYTER_COLUMNS"):
    os.environ.pop(var, None)
os.environ["NO_COLOR"] = "1"
os.environ["COLUMNS"] = "100"
os.environ["TERM"] = "dumb"


@pytest.fixture(scope="session")
def torch():
    """Real PyTorch, the oracle. Skips on a developer machine without it; fails in CI."""
    try:
        import torch as _torch
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("PyTorch is required in CI (pip install torch==2.13.0)")
        pytest.skip("PyTorch not installed (pip install torch==2.13.0)")
    _torch.set_default_dtype(_torch.float64)
    return _torch


@pytest.fixture
def run():
    """Invoke the CLI in-process; returns (exit_code, stdout, stderr)."""
    from typer.testing import CliRunner

    from rnncalc.cli import app

    runner = CliRunner()

    def invoke(*args: str):
        result = runner.invoke(app, list(args))
        return result.exit_code, result.stdout, result.stderr

    return invoke
