"""Shared test set-up: the same rendering everywhere, reproducible Hypothesis in CI, the oracles required in CI."""

import os
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# CI may set colour variables that make Rich emit ANSI codes into captured output;
# pin terminal detection and width so tables render as on a developer's terminal.
for var in ("FORCE_COLOR", "CLICOLOR_FORCE", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "GITHUB_ACTIONS", "JUPYTER_COLUMNS"):
    os.environ.pop(var, None)
os.environ["NO_COLOR"] = "1"
os.environ["COLUMNS"] = "100"
os.environ["TERM"] = "dumb"
os.environ.pop("RNNCALC_MAX_SECONDS", None)
os.environ.pop("RNNCALC_MAX_MEMORY", None)

# Parallel workers (pytest-xdist) each run their oracles on one OpenMP thread: torch's threads spin while they wait,
# and two workers' spinning threads on two cores made a 2 s test take 50 s. OpenBLAS keeps its own default (one
# thread a core), so rnncalc's thread policy is what is tested.
if int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")) > 1:
    os.environ.setdefault("OPENBLAS_NUM_THREADS", str(os.cpu_count() or 1))
    os.environ.setdefault("OMP_NUM_THREADS", "1")

# Hypothesis is set only here, through profiles. In CI a failure must reproduce: no randomness across runs, and the
# failing example printed. HYPOTHESIS_PROFILE=thorough runs ten times the examples (a search for new failures).
QUIET = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]}
settings.register_profile("ci", derandomize=True, print_blob=True, **QUIET)
settings.register_profile("dev", **QUIET)
settings.register_profile("thorough", **QUIET)
ACTIVE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
settings.load_profile(ACTIVE)

# A property's examples, by what one costs; a test takes its tier: @settings(settings.get_profile("simulated")).
EXAMPLES = {
    "pure": 200,  # a pure function: counts, solutions
    "simulated": 150,  # a short simulation, a CLI call in-process, a small framework module
    "repeated": 30,  # a simulation run twice, a DFA's checks, a Keras model built
    "built": 12,  # several framework models built, or a child process measured
}
for tier, count in EXAMPLES.items():
    settings.register_profile(
        tier, settings.get_profile(ACTIVE), max_examples=count * (10 if ACTIVE == "thorough" else 1)
    )

IN_CI = bool(os.environ.get("CI"))
ROOT = Path(__file__).resolve().parent.parent


def oracle(module: str, install: str):
    """Import a test oracle; skip on a developer machine without it, fail in CI (where it must run)."""
    try:
        return __import__(module)
    except ImportError:
        if IN_CI:
            pytest.fail(f"{module} is required in CI ({install})")
        pytest.skip(f"{module} not installed ({install})")


@pytest.fixture(scope="session")
def torch():
    """Real PyTorch, the oracle."""
    module = oracle("torch", "pip install --group test")
    module.set_default_dtype(module.float64)
    return module


@pytest.fixture(scope="session")
def keras():
    """Real Keras 3 on the JAX CPU backend, the oracle."""
    os.environ.setdefault("KERAS_BACKEND", "jax")
    os.environ.setdefault("JAX_PLATFORMS", "cpu")
    return oracle("keras", "pip install --group test")


@pytest.fixture(scope="session")
def exe():
    """The installed console script (its entry point is part of what is tested)."""
    path = shutil.which("rnncalc") or str(Path(sys.executable).parent / "rnncalc")
    assert Path(path).exists(), "the rnncalc console script is not installed"
    return path


@pytest.fixture
def run():
    """Invoke the CLI in-process; returns (exit_code, stdout, stderr)."""
    from typer.testing import CliRunner

    from rnncalc.cli.app import build

    runner = CliRunner()

    def invoke(*args: str, **env):
        result = runner.invoke(build(), list(args), env=env or None)
        return result.exit_code, result.stdout, result.stderr

    return invoke
