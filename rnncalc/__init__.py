"""rnncalc: a calculator and analyser for recurrent neural networks.

The same numbers the command line prints, from Python::

    >>> from rnncalc import count_params
    >>> count_params("lstm", hidden=128, input_size=28, convention="pytorch").total
    80896

Public functions: :func:`count_params`, :func:`compare_conventions`,
:func:`solve_hidden`, :func:`simulate` (gradient flow, needs NumPy) and :func:`gate_rows`.
"""

from .errors import InvalidArgument
from .params import compare_conventions, count_params

__version__ = "0.1.0"

__all__ = [
    "InvalidArgument",
    "compare_conventions",
    "count_params",
    "solve_hidden",
    "simulate",
    "gate_rows",
    "__version__",
]


def __getattr__(name):
    # The other commands' cores load on first use, so `import rnncalc` (and `rnncalc params`) stays light.
    if name == "solve_hidden":
        from .solve import solve_hidden

        return solve_hidden
    if name == "simulate":
        from .gradflow import simulate

        return simulate
    if name == "gate_rows":
        from .gates import gate_rows

        return gate_rows
    raise AttributeError(f"module 'rnncalc' has no attribute {name!r}")
