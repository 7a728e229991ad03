"""How a result shows itself in a notebook: as the table its command prints, from the same report declaration.

A core marks its result type with :func:`shows_as_table`; the view is found by the type's name when a notebook
asks (``_repr_markdown_``, ``_repr_html_``), so the cores load no view and `import rnncalc` stays light.

    >>> from rnncalc import count_params
    >>> print(count_params("rnn", 128, 28, 10)._repr_markdown_().splitlines()[0])
    **Elman RNN · textbook convention · weights only · n=128, m=28, k=10, L=1, D=1**
"""

from importlib import import_module
from typing import Any, TypeVar

T = TypeVar("T", bound=type)

# A result type: the view that makes its command's report (module of rnncalc.views, function).
VIEWS = {
    "ParamCount": ("params", "count_report"),
    "Description": ("params", "params_report"),
    "Comparison": ("params", "cells_report"),
    "ModelReport": ("model", "model_report"),
    "TrainedFlow": ("trained", "trained_report"),
    "LagSweep": ("sweep", "lag_report"),
    "PhaseSweep": ("sweep", "phase_report"),
    "Analysis": ("fsm", "fsm_report"),
}


def shows_as_table(cls: T) -> T:
    """Class decorator: the result type renders in a notebook as its command's tables."""
    cls._repr_markdown_ = _markdown  # type: ignore[attr-defined]
    cls._repr_html_ = _html  # type: ignore[attr-defined]
    return cls


def report(result: Any) -> Any:
    """The rnncalc.output.report.Report a command would print for this result."""
    module, function = VIEWS[type(result).__name__]
    return getattr(import_module(f".views.{module}", __package__), function)(result)


def _markdown(self: Any) -> str:
    from .output.emit import Format, compose

    return compose(report(self), Format.markdown)


def _html(self: Any) -> str:
    from .output.documents import html

    return html(report(self).sections)
