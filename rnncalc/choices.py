"""The words options take, and the defaults and bounds the help shows: each written once, light to import (the
command line builds its choices and help from here, the cores their checks; no NumPy)."""

from typing import TypedDict

CONVENTIONS = ("textbook", "pytorch", "keras")  # whose count: the course's formula, PyTorch, Keras 3
DTYPE_BYTES = {"float32": 4, "float16": 2, "bfloat16": 2, "float64": 8}  # number formats, for memory
INITS = ("gaussian", "orthogonal")  # the vanilla RNN's W
ACTIVATIONS = ("tanh", "linear", "relu")  # the vanilla RNN's φ
PATHS = ("full", "carry")  # the gated cells' paths through time

SIMULATED = (
    "rnn",
    "lstm",
    "gru",
)  # the cells gradflow simulates: a configuration class each (simulation.config)
TYPICAL_GATE = 0.95  # gates: the fraction of the carried state kept per step, by default

# A gradient-flow run: its settings when none are given, and the values each cell varies by default.


class RunDefaults(TypedDict):
    hidden: int
    steps: int
    trials: int
    seed: int
    drive: float


RUN_DEFAULTS: RunDefaults = {"hidden": 64, "steps": 100, "trials": 8, "seed": 0, "drive": 0.1}
RNN_DEFAULTS = {"init": "gaussian", "activation": "tanh"}  # the vanilla RNN's own settings
SWEEP_TRIALS = 4  # a sweep runs many points, so fewer trials at each
VARIED_DEFAULTS = {"radius": (0.9, 1.0, 1.1), "forget": (0.9, 0.99), "update": (0.9, 0.99)}
MAX_RADIUS = 50.0  # the mean-field theory is checked to 1e-8 up to here (q* ≤ 5,000)
MAX_DRIVE = 50.0
# The automatic burn-in: this many memory timescales 1/(1 − gate), within these bounds.
BURN_IN_TIMESCALES, MIN_BURN_IN, MAX_AUTO_BURN_IN = 5, 50, 5000

# The finite-state machine check (`rnncalc fsm`).
MAX_STRENGTH = 1000.0  # the weight strength H
MAX_STRING = 10_000  # the longest random string, and the longest string to classify
MAX_RANDOM = 10_000  # random strings checked, at most
RANDOM_STRINGS = 100  # random strings checked by default
EXHAUSTIVE = 4096  # strings checked exhaustively by default: every string up to the longest length that fits
MAX_EXHAUSTIVE_LENGTH = 64
