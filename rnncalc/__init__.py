"""rnncalc: a calculator and analyser for recurrent neural networks.

The same numbers the command line prints, from Python::

    >>> from rnncalc import count_params
    >>> count_params("lstm", hidden=128, input_size=28, convention="pytorch").total
    80896

Every name below loads its module on first use, so `import rnncalc` (and
`rnncalc params`) never loads NumPy; the simulating ones load it when called.
Bad arguments raise :class:`InvalidArgument` (a ``ValueError``) naming the argument.
"""

from .errors import InvalidArgument

__version__ = "0.2.0"

_API = {
    # rnncalc params
    "count_params": "params",
    "compare_conventions": "params",
    "every_cell": "params",
    "costs": "workload",
    "describe": "network",
    "compare_cells": "network",
    "check_answer": ("expect", "check"),
    "read_network": "fromcode",
    "read_model": "fromcode",
    "analyse_model": "modelreport",
    "read_weights": "weights",
    # rnncalc solve
    "solve_hidden": "solve",
    "solve_every_cell": "solve",
    # rnncalc gradflow
    "RNNConfig": "config",
    "LSTMConfig": "config",
    "GRUConfig": "config",
    "config_for": "config",
    "simulate": "gradflow",
    "simulate_many": "gradflow",
    "trained_flow": ("weights.flow", "trained_flow"),
    # rnncalc gates
    "gate_costs": "gates",
    "gate_retention": "gates",
    # rnncalc sweep
    "lag_sweep": "sweep",
    "phase_sweep": "sweep",
    "forget_bias_table": "sweep",
    # rnncalc fsm
    "load_machine": ("fsm.dfa", "load"),
    "analyse_machine": ("fsm.analysis", "analyse"),
}

__all__ = ["InvalidArgument", "__version__", *_API]


def __dir__() -> list[str]:
    """What a notebook's tab completion offers: the whole API, though each name loads only when used."""
    return sorted(__all__)


def __getattr__(name: str):
    if name not in _API:
        raise AttributeError(f"module 'rnncalc' has no attribute {name!r}")
    from importlib import import_module

    module, attribute = _API[name] if isinstance(_API[name], tuple) else (_API[name], name)
    return getattr(import_module(f".{module}", __name__), attribute)
