"""What a gradient-flow run is, before anything runs: configurations, checks and cost. No NumPy.

One configuration type per simulated cell, holding exactly the settings that
apply to it, with their defaults; each checks itself when built, so a bad
value is refused the same way from Python and from the command line.

RNNConfig    vanilla RNN h_t = φ(ρ·W h_{t−1} + x_t): radius ρ, init, activation
LSTMConfig   PyTorch's LSTMCell with the forget gate held at ``forget``
GRUConfig    PyTorch's GRUCell with the update gate held at ``update``

Shared: hidden size n, steps T (lags measured), trials, seed, drive (the
standard deviation of x_t) and burn-in. The automatic burn-in runs
``BURN_IN_TIMESCALES`` times the cell's memory timescale 1/(1 − gate), at least
``MIN_BURN_IN`` and at most ``MAX_AUTO_BURN_IN`` steps, so that the measured
window starts from a stationary state; a window that cannot is flagged.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import ClassVar, Sequence, Union

from ..choices import (
    ACTIVATIONS,
    BURN_IN_TIMESCALES,
    INITS,
    MAX_AUTO_BURN_IN,
    MAX_DRIVE,
    MAX_RADIUS,
    MIN_BURN_IN,
    PATHS,
    RNN_DEFAULTS,
    RUN_DEFAULTS,
    SIMULATED,
    VARIED_DEFAULTS,
)
from ..counting.cells import CELLS as CELL_FACTS
from ..counting.cells import Carry
from ..errors import InvalidArgument, check_choice, check_float, check_int, shown
from ..guard import Cost

MAX_HIDDEN = 10**6
MAX_STEPS = 10**9
MAX_TRIALS = 10**9
MAX_SEED = 2**63 - 1
MAX_RUNS = 500  # runs in one call: a table of more is unreadable, and its text takes longer than the runs
MIN_RADIUS = 1e-300  # a nonzero radius below this would leave float64's normal range


@dataclass(frozen=True)
class _Shared:
    hidden: int = RUN_DEFAULTS["hidden"]
    steps: int = RUN_DEFAULTS["steps"]
    trials: int = RUN_DEFAULTS["trials"]
    seed: int = RUN_DEFAULTS["seed"]
    drive: float = RUN_DEFAULTS["drive"]
    burn_in: int | None = None  # None: automatic (see the module docstring)

    cell: ClassVar[str]
    varies: ClassVar[str]  # the setting a run list or a sweep varies

    def __post_init__(self) -> None:
        check_int("hidden", self.hidden, 1, MAX_HIDDEN)
        check_int("steps", self.steps, 1, MAX_STEPS)
        check_int("trials", self.trials, 1, MAX_TRIALS)
        check_int("seed", self.seed, 0, MAX_SEED)
        _set(self, "drive", check_float("drive", self.drive, 0, MAX_DRIVE))
        if self.burn_in is not None:
            check_int("burn_in", self.burn_in, 0, MAX_STEPS)

    @classmethod
    def defaults(cls) -> tuple[float, ...]:
        """The varied setting's values when none are given."""
        return VARIED_DEFAULTS[cls.varies]

    @property
    def value(self) -> float:
        return getattr(self, self.varies)

    @property
    def timescale(self) -> float:
        """Steps over which the state forgets its past: 1/(1 − gate) for a gated cell."""
        return 1.0


@dataclass(frozen=True)
class RNNConfig(_Shared):
    radius: float = 1.0
    init: str = RNN_DEFAULTS["init"]
    activation: str = RNN_DEFAULTS["activation"]

    varies: ClassVar[str] = "radius"
    path: ClassVar[str] = "full"  # a vanilla RNN has one path

    def __post_init__(self) -> None:
        super().__post_init__()
        radius = check_float("radius", self.radius, 0, MAX_RADIUS)
        if 0 < radius < MIN_RADIUS:
            raise InvalidArgument("radius", f"must be 0 or at least {MIN_RADIUS:g}, got {radius:g}")
        _set(self, "radius", radius)
        check_choice("init", self.init, INITS)
        check_choice("activation", self.activation, ACTIVATIONS)


@dataclass(frozen=True)
class GatedConfig(_Shared):
    """What the LSTM's and the GRU's runs share: a held gate, and the path followed (full or carry)."""

    path: str = "full"

    def __post_init__(self) -> None:
        super().__post_init__()
        _set(self, self.varies, check_float(self.varies, self.value, 0, 1))
        check_choice("path", self.path, PATHS)

    @property
    def gate(self) -> float:
        return self.value

    @property
    def carry(self) -> Carry:
        """The cell's carry path: the state it carries and the gate that keeps it."""
        carry = CELL_FACTS[self.cell].carry
        assert carry is not None, "every simulated gated cell has a carry path"
        return carry

    @property
    def timescale(self) -> float:
        return math.inf if self.gate == 1 else 1 / (1 - self.gate)


@dataclass(frozen=True)
class LSTMConfig(GatedConfig):
    forget: float = 0.9

    varies: ClassVar[str] = "forget"


@dataclass(frozen=True)
class GRUConfig(GatedConfig):
    update: float = 0.9

    varies: ClassVar[str] = "update"


Config = Union[RNNConfig, LSTMConfig, GRUConfig]
CONFIGS: dict[str, type[RNNConfig] | type[LSTMConfig] | type[GRUConfig]] = dict(
    zip(SIMULATED, (RNNConfig, LSTMConfig, GRUConfig))
)
for _name, _kind in CONFIGS.items():
    _kind.cell = _name


def _set(cfg, name: str, value) -> None:
    object.__setattr__(cfg, name, value)  # a frozen dataclass normalising its own field (int → float)


def settings_of(cell: str) -> tuple[str, ...]:
    return tuple(f.name for f in fields(CONFIGS[cell]))


def config_for(cell: str, **settings) -> Config:
    """A configuration from a cell name; a setting that does not apply to the cell is refused by name.

    >>> config_for("lstm", forget=0.5, steps=3).timescale
    2.0
    """
    kind = CONFIGS[check_choice("cell", cell, SIMULATED)]
    for name in settings:
        if name not in settings_of(cell):
            owners = [c for c in SIMULATED if name in settings_of(c)]
            where = f"applies to cell {' / '.join(owners)}, not {cell}" if owners else "is not a gradflow setting"
            raise InvalidArgument(name, where)
    return kind(**settings)


def run_list(cell: str, paths: Sequence[str] | None = None, **settings) -> list[Config]:
    """The runs `rnncalc gradflow` makes: one per value of the cell's varied setting (a list; its defaults when
    absent) and per path (``both`` for full and carry side by side). Settings of another cell are refused.

    >>> [(c.forget, c.path) for c in run_list("lstm", ["both"], forget=[0.9])]
    [(0.9, 'full'), (0.9, 'carry')]
    """
    kind = CONFIGS[check_choice("cell", cell, SIMULATED)]
    values = settings.pop(kind.varies, None)
    if values is not None and (isinstance(values, (str, bytes)) or not isinstance(values, Sequence) or not values):
        raise InvalidArgument(kind.varies, f"give a non-empty list of values, got {shown(values)}")
    if paths is not None and cell == "rnn":
        raise InvalidArgument("path", "a vanilla RNN has one path, the full Jacobian (paths are for lstm and gru)")
    for name, value in settings.items():  # another cell's setting: refused by name before anything else
        if name not in settings_of(cell):
            config_for(cell, **{name: value})
    chosen = [{}] if paths is None else [{"path": p} for p in _expand(paths)]
    varied = values or kind.defaults()
    if len(varied) * len(chosen) > MAX_RUNS:
        raise InvalidArgument(kind.varies, f"{len(varied) * len(chosen):,} runs; at most {MAX_RUNS} in one call")
    return [config_for(cell, **settings, **{kind.varies: v}, **p) for v in varied for p in chosen]


def _expand(paths: Sequence[str]) -> list[str]:
    named = [check_choice("path", p, PATHS + ("both",)) for p in paths]
    return list(dict.fromkeys(q for p in named for q in (PATHS if p == "both" else (p,))))


def burn_in(cfg: Config) -> int:
    """The steps run before the measured window: the configured number, or the automatic rule."""
    if cfg.burn_in is not None:
        return cfg.burn_in
    wanted = BURN_IN_TIMESCALES * cfg.timescale
    return int(min(MAX_AUTO_BURN_IN, max(MIN_BURN_IN, math.ceil(wanted - 1e-9) if math.isfinite(wanted) else math.inf)))


def stationary(cfg: Config, used: int) -> bool | None:
    """Whether `used` burn-in steps let a gated cell's state forget its start (None: not a gated cell)."""
    if cfg.cell == "rnn":
        return None
    return used >= BURN_IN_TIMESCALES * cfg.timescale - 1e-6


def check_grid(configs: Sequence[Config]) -> None:
    """A grid runs as one batch: its configurations may differ only in the value they vary and the drive."""
    if not configs:
        raise InvalidArgument("configs", "give at least one configuration")
    first = configs[0]
    for cfg in configs:
        if not isinstance(cfg, tuple(CONFIGS.values())):
            raise InvalidArgument("configs", f"expected RNNConfig, LSTMConfig or GRUConfig, got {shown(cfg)}")
        if type(cfg) is not type(first) or _shared(cfg) != _shared(first):
            raise InvalidArgument("configs", f"a grid may vary only {first.varies} and drive; got {shown(cfg)}")


def _shared(cfg: Config) -> tuple:
    return tuple(getattr(cfg, f.name) for f in fields(cfg) if f.name not in (cfg.varies, "drive", "burn_in"))


# ---- cost ------------------------------------------------------------------------------
# Conservative constants for one core of a small machine (benchmarks/guard.py measures
# them): seconds per multiply-add in a matrix product, per element of an elementwise
# pass, per Python-level step, per random normal, per n³ of a decomposition, per result point.
FLOP = 1 / 1e10
ELEMENT = 1.5e-9
STEP = {"rnn": 80e-6, "lstm": 300e-6, "gru": 250e-6}
NORMAL = 25e-9
BANDWIDTH = 1e10  # bytes per second a matrix-vector product reads
CUBIC = 1e-9
POINT_SECONDS = 6e-6
POINT_BYTES = 700  # a lag of one run: floats, lists, the JSON or CSV text
RUN_SECONDS = 2e-3  # a run's summary and theory (the mean-field fixed point)
LEAD_FLOATS = 2**21  # inputs the drawing thread keeps queued ahead, at most: 16 MiB (256 MiB doubled the peak)
CHUNK_FLOATS = 2**20  # and the most it draws at once (8 MiB); one more in its hand and one being used
BLOCKS = {cell: len(CELL_FACTS[cell].blocks) for cell in CONFIGS}
# n-vectors the engine keeps per step (the GRU keeps its recurrent pre-activation, 3n, for W_hn h + b_hn), and
# what a step's Python objects cost besides.
STORED = {("rnn", "full"): 1, ("lstm", "full"): 8, ("lstm", "carry"): 1, ("gru", "full"): 9, ("gru", "carry"): 1}
STEP_BYTES = 2048
BASE_BYTES = 2**25  # the drawing thread, queues, NumPy's own buffers


def estimate(configs: Sequence[Config]) -> Cost:
    """Seconds and bytes of simulating `configs` (one batched grid), from every part of the work."""
    cfg, variants = configs[0], len(configs)
    n, steps, warm = cfg.hidden, cfg.steps, max(burn_in(c) for c in configs)
    rows = variants * cfg.trials  # vectors pushed through each step
    blocks, full = BLOCKS[cfg.cell], cfg.path == "full"
    products = (2 if cfg.cell != "rnn" else 1) + full  # forward recurrent (+ input projection), backward
    compute = rows * blocks * n * n * products * FLOP
    streamed = products * 8 * blocks * n * n / BANDWIDTH  # few rows: each product reads the whole matrix
    per_step = max(compute, streamed) + rows * blocks * n * 12 * ELEMENT + STEP[cfg.cell]
    setup = CUBIC * n**3 if cfg.cell == "rnn" else 4 * blocks * n * n * ELEMENT
    seconds = (
        setup
        + (warm + steps) * (per_step + cfg.trials * n * NORMAL)
        + variants * (steps + 1) * POINT_SECONDS
        + variants * RUN_SECONDS
    )
    memory = (
        steps * (8 * rows * n * STORED[(cfg.cell, cfg.path)] + STEP_BYTES)  # what the backward pass needs
        + 8 * min((warm + steps) * cfg.trials * n, LEAD_FLOATS + 4 * CHUNK_FLOATS)  # inputs drawn ahead
        + 8 * 8 * blocks * n * n  # weights, and the copies the eigenvalues or the QR work on
        + BASE_BYTES
        + 8 * 16 * rows * n * blocks  # one step's temporaries
        + 16 * rows * (steps + 1)  # the log norms
        + variants * (steps + 1) * POINT_BYTES  # the result and its text
    )
    # The option that drives the cost: the one furthest above its default; none above it: the limit itself.
    drivers = {
        "hidden": (n / RUN_DEFAULTS["hidden"]) ** 3,
        "steps": steps / RUN_DEFAULTS["steps"],
        "burn_in": warm / MIN_BURN_IN,
        "trials": cfg.trials / RUN_DEFAULTS["trials"],
        cfg.varies: variants / len(VARIED_DEFAULTS[cfg.varies]),  # the grid's values: name the list that makes them
    }
    memory_drivers = {k: v for k, v in drivers.items() if k != "burn_in"} | {"hidden": n / RUN_DEFAULTS["hidden"]}

    def culprit(ratios: dict[str, float], limit: str) -> str:
        name = max(ratios, key=lambda k: ratios[k])
        return name if ratios[name] > 1 else limit

    return Cost(seconds, memory, culprit(drivers, "max_seconds"), culprit(memory_drivers, "max_memory"))
