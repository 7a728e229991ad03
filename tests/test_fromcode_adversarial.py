"""Never a silently wrong count: model definitions written to break a static reader (clones, subclassed
containers, configs, tied and deleted parameters, container arithmetic, unusual statements, Keras arguments that
change a layer's weights). Each is built in real PyTorch or Keras from its `# TRUTH:` expression; rnncalc must
give the framework's count or refuse in one line, never print another number and never fail inside."""

import warnings
from pathlib import Path

import pytest

from rnncalc.errors import InvalidArgument
from rnncalc.fromcode import read_model

CASES = sorted((Path(__file__).parent / "models" / "adversarial").glob("*.py"))


def framework_count(code: str, torch, keras):
    """The framework's count of the `# TRUTH:` expression, or None where the framework itself rejects the code.

    PyTorch builds on its meta device first (real modules and shapes, no weights drawn: the count is the same and
    a large model costs nothing), and on the CPU where the code needs real values."""
    try:
        with torch.device("meta"):
            return _count(code, keras)
    except Exception:
        try:
            return _count(code, keras)
        except Exception:
            return None


def _count(code: str, keras):
    expression = code.split("# TRUTH:", 1)[1].strip().splitlines()[0]
    # No keras.backend.clear_session() (0.16 s a call, a third of the file's time): it resets layer names, and
    # counts do not depend on names.
    namespace: dict = {"__name__": "__main__"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(compile(code, "case", "exec"), namespace)
        model = eval(expression, namespace)
        if hasattr(model, "count_params"):
            return model.count_params()
        return sum(p.numel() for p in model.parameters())


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_the_count_is_the_frameworks_or_a_refusal(torch, keras, case):
    code = case.read_text()
    truth = framework_count(code, torch, keras)
    try:
        total = read_model(code).total
    except InvalidArgument as e:
        assert e.name == "code" and "\n" not in str(e)
        return
    assert total == truth, f"rnncalc counted {total:,}; the framework {truth}"
