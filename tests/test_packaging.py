"""The package as installed: the wheel under test, its doctests, its entry points, its start-up."""

import doctest
import importlib
import os
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import rnncalc

ROOT = Path(__file__).resolve().parent.parent
MODULES = [m.name for m in pkgutil.walk_packages(rnncalc.__path__, "rnncalc.") if not m.name.endswith("__main__")]


def test_ci_tests_the_installed_wheel_not_the_checkout():
    # .ci/run installs the wheel and sets PYTHONSAFEPATH, so `import rnncalc` cannot pick up the source tree.
    if os.environ.get("CI"):
        assert ROOT not in Path(rnncalc.__file__).resolve().parents, rnncalc.__file__


@pytest.mark.parametrize("name", ["rnncalc", *MODULES])
def test_doctests(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_python_dash_m_and_version():
    done = subprocess.run([sys.executable, "-m", "rnncalc", "--version"], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (0, f"rnncalc {rnncalc.__version__}\n")


def test_console_script(exe):
    done = subprocess.run(
        [exe, "params", "-n", "128", "-m", "28", "-k", "10", "-q"], capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "21248\n", "")


@pytest.mark.parametrize(
    "words, offered",
    [
        ("rnncalc sw", ["sweep"]),
        ("rnncalc params --convention ", ["textbook", "pytorch", "keras"]),
        ("rnncalc sweep forget 0.5 --path ", ["full", "carry"]),  # a sweep follows one path
        ("rnncalc gradflow --path ", ["full", "carry", "both"]),
    ],
)
def test_shell_completion_offers_commands_and_choices(exe, words, offered):
    script = subprocess.run([exe, "--show-completion", "bash"], capture_output=True, text=True, timeout=60)
    assert script.returncode == 0 and "_RNNCALC_COMPLETE=complete_bash" in script.stdout
    env = {**os.environ, "_RNNCALC_COMPLETE": "complete_bash", "COMP_WORDS": words}
    env["COMP_CWORD"] = str(len(words.split(" ")) - 1)
    done = subprocess.run([exe], env=env, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout.split(), done.stderr) == (0, offered, "")


@pytest.mark.parametrize(
    "args", [["params", "-n", "8", "-m", "8", "-q"], ["solve", "--budget", "1k", "--in", "3", "-q"], ["--help"]]
)
def test_counting_commands_do_not_import_numpy(args):
    code = (
        "import sys, atexit; atexit.register(lambda: print('numpy' in sys.modules, file=sys.stderr))\n"
        f"sys.argv = ['rnncalc', *{args!r}]\nfrom rnncalc.cli import main\nmain()"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stderr.strip().splitlines()[-1] == "False"


def test_import_rnncalc_is_light():
    code = "import sys, rnncalc; rnncalc.count_params; print([m for m in ('numpy', 'rich') if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]"


def test_license_matches_the_declared_license():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    assert 'license = "MIT"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_a_notebook_discovers_the_api():
    # Issue 17: dir(rnncalc) showed only InvalidArgument and errors (the names load lazily); no py.typed.
    import importlib.resources

    import rnncalc

    assert {"count_params", "simulate", "read_weights", "trained_flow", "analyse_machine"} <= set(dir(rnncalc))
    assert all(callable(getattr(rnncalc, name)) for name in dir(rnncalc) if name != "__version__")
    assert importlib.resources.files("rnncalc").joinpath("py.typed").is_file()


def test_hypothesis_is_set_only_through_the_profiles_in_conftest():
    # Issue 17: pinned max_examples overrode the profiles, so neither CI's nor a thorough run's settings held.
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        for arguments in re.findall(r"\bsettings\(([^)]*)\)", path.read_text()):
            assert arguments.startswith('settings.get_profile("'), (path.name, arguments)
