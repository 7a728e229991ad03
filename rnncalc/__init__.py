"""rnncalc: a calculator and analyser for recurrent neural networks.

The same numbers the command line prints, from Python::

    >>> from rnncalc import count_params
    >>> count_params("lstm", hidden=128, input_size=28, convention="pytorch").total
    80896

Every name below loads its module on first use, so `import rnncalc` (and
`rnncalc params`) never loads NumPy; the simulating ones load it when called.
Bad arguments raise :class:`InvalidArgument` (a ``ValueError``) naming the argument.
Results are typed (NamedTuples and frozen dataclasses, listed below the functions);
in a notebook the main ones show as the tables their command prints.
"""

from .errors import InvalidArgument

__version__ = "0.2.0"

_API = {  # name: the module that defines it
    # rnncalc params
    "count_params": "counting.params",
    "compare_conventions": "counting.params",
    "every_cell": "counting.params",
    "costs": "counting.workload",
    "describe": "counting.network",
    "compare_cells": "counting.network",
    "check_answer": "counting.expect",
    "read_network": "fromcode",
    "read_model": "fromcode",
    "analyse_model": "counting.modelreport",
    "read_weights": "weights",
    # rnncalc solve
    "solve_hidden": "counting.solve",
    "solve_every_cell": "counting.solve",
    # rnncalc gradflow
    "RNNConfig": "simulation.config",
    "LSTMConfig": "simulation.config",
    "GRUConfig": "simulation.config",
    "config_for": "simulation.config",
    "simulate": "simulation.gradflow",
    "simulate_many": "simulation.gradflow",
    "trained_flow": "weights.flow",
    # rnncalc gates
    "gate_costs": "simulation.gates",
    "gate_retention": "simulation.gates",
    # rnncalc sweep
    "lag_sweep": "simulation.sweep",
    "phase_sweep": "simulation.sweep",
    "forget_bias_table": "simulation.sweep",
    # rnncalc fsm
    "load_machine": "fsm.dfa",
    "analyse_machine": "fsm.analysis",
    # what they return (each shows itself in a notebook as its command's tables, where it has one)
    "ParamCount": "counting.params",
    "TensorCount": "counting.params",
    "Unavailable": "counting.params",
    "Costs": "counting.workload",
    "Description": "counting.network",
    "Comparison": "counting.network",
    "CellRow": "counting.network",
    "Check": "counting.expect",
    "Solution": "counting.solve",
    "Model": "fromcode.model",
    "ModelReport": "counting.modelreport",
    "FileModel": "weights.infer",
    "Run": "simulation.gradflow",
    "TrainedFlow": "weights.flow",
    "GateCost": "simulation.gates",
    "Retention": "simulation.gates",
    "LagSweep": "simulation.sweep",
    "PhaseSweep": "simulation.sweep",
    "BiasRow": "simulation.sweep",
    "DFA": "fsm.dfa",
    "Analysis": "fsm.analysis",
    "Limits": "guard",
}

__all__ = ["InvalidArgument", "__version__", *_API]


def __dir__() -> list[str]:
    """What a notebook's tab completion offers: the whole API, though each name loads only when used."""
    return sorted(__all__)


def __getattr__(name: str):
    if name not in _API:
        raise AttributeError(f"module 'rnncalc' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{_API[name]}", __name__), name)
