"""One guard for every run: refuse, before anything is allocated, what would take too long or too much memory.

Each simulating core estimates its whole cost (set-up, burn-in, every step of
every trial and grid value, and the result it hands back) with conservative
constants measured on a 2-core machine (``benchmarks/guard.py`` checks them),
and calls :func:`check`. The limits default to a minute and 2 GiB; raise them
with ``max_seconds`` / ``max_memory`` (GiB) or the environment variables
``RNNCALC_MAX_SECONDS`` / ``RNNCALC_MAX_MEMORY``.
"""

import math
import os
import sys
from typing import NamedTuple

from .errors import InvalidArgument, check_float, shown

DEFAULT_SECONDS = 60.0
DEFAULT_GIB = 2.0
MAX_SECONDS = 7 * 24 * 3600.0  # the largest limit one may ask for: a week
MAX_GIB = 4096.0
ENV_SECONDS = "RNNCALC_MAX_SECONDS"
ENV_MEMORY = "RNNCALC_MAX_MEMORY"
GIB = 2**30


class Limits(NamedTuple):
    seconds: float = DEFAULT_SECONDS
    memory: int = int(DEFAULT_GIB * GIB)  # bytes

    @classmethod
    def resolve(cls, seconds: float | None = None, memory_gib: float | None = None) -> "Limits":
        """Explicit values first, then the environment variables, then the defaults."""
        return cls(
            _limit("max_seconds", seconds, ENV_SECONDS, DEFAULT_SECONDS, MAX_SECONDS),
            int(_limit("max_memory", memory_gib, ENV_MEMORY, DEFAULT_GIB, MAX_GIB) * GIB),
        )


def _limit(name: str, value: float | None, variable: str, default: float, high: float) -> float:
    if value is None:
        text = os.environ.get(variable, "").strip()
        if not text:
            return default
        from .numbers import parse_real

        name, value = variable, parse_real(variable, text)
    if check_float(name, value, 0, high) <= 0:
        raise InvalidArgument(name, f"must be positive, got {value}")
    return value


class Cost(NamedTuple):
    """What a run will take, and which argument drives it most (the one to lower)."""

    seconds: float
    memory: int  # bytes
    time_culprit: str
    memory_culprit: str


def check(cost: Cost, limits: Limits | None = None) -> None:
    if limits is not None and not isinstance(limits, Limits):  # 0 or False must not mean "the defaults"
        raise InvalidArgument("limits", f"give a Limits (or None for the defaults), got {shown(limits)}")
    limits = limits or Limits.resolve()
    if not all(isinstance(x, (int, float)) and not isinstance(x, bool) and 0 < x < math.inf for x in limits):
        raise InvalidArgument("limits", f"seconds and bytes must be positive numbers, got {shown(limits)}")
    share, load, cores = load_factor()
    seconds = cost.seconds * share  # wall time: on a busy machine the run gets only its share of the cores
    if seconds <= limits.seconds and cost.memory <= limits.memory:
        check_room_for(cost.memory)
        return
    culprit = cost.time_culprit if seconds > limits.seconds else cost.memory_culprit
    advice = "raise it" if culprit in LIMITS else "lower it, or raise max_seconds / max_memory"
    busy = f" at this machine's load ({load:.1f} on {cores} cores)" if share > 1 else ""
    raise InvalidArgument(
        culprit,
        f"this would take about {duration(seconds)}{busy} and {human_bytes(cost.memory)} "
        f"(limits {duration(limits.seconds)}, {human_bytes(limits.memory)}); {advice}",
        mentions=LIMITS,
    )


class NoRoom(MemoryError):
    """Out of memory before the run starts, for a reason its options cannot change (said in the message)."""


class Room(NamedTuple):
    """What the operating system's limits leave this process to map."""

    free: int  # bytes
    limit: int  # bytes: the limit that binds
    name: str  # how a shell sets it: "ulimit -v" (address space) or "ulimit -d" (data)
    kind: str  # "address-space" or "data"

    def __str__(self) -> str:
        return f"the {self.kind} limit ({self.name}) of {human_bytes(self.limit)} leaves {human_bytes(self.free)}"


# What a library takes of the room to load and first run, with one BLAS thread (measured on x86-64, with margin).
# Below it, each fails in its own words: OpenBLAS ends the process from C ("Memory allocation still failed…"),
# NumPy can crash raising MemoryError without the GIL, torch fails in a cascade of MemoryErrors.
LOADING = {
    "numpy": 136 * 2**20,  # import and a first product: 115–134 MiB
    "matplotlib": 112 * 2**20,  # import and a PNG, PDF and SVG saved: 93 MiB
    "torch": 640 * 2**20,  # import and a first torch.load: 583 MiB
}
_LIBRARY_NAMES = {"numpy": "NumPy", "matplotlib": "matplotlib", "torch": "PyTorch"}
_ROOM_LIMITS = (("RLIMIT_AS", "VmSize:", "ulimit -v", "address-space"), ("RLIMIT_DATA", "VmData:", "ulimit -d", "data"))


def limited() -> bool:
    """Whether a limit on the address space or the data segment is set (the cheap question: no /proc read)."""
    try:
        import resource

        return any(resource.getrlimit(getattr(resource, r))[0] != resource.RLIM_INFINITY for r, *_ in _ROOM_LIMITS)
    except (ImportError, OSError, AttributeError, ValueError):  # no such limits on this platform
        return False


def room() -> Room | None:
    """The tightest of the limits set, with what is left of it; None when none is set (or none can be read)."""
    if not limited():
        return None
    import resource

    try:
        with open("/proc/self/status") as status:
            used = {line.split(":")[0] + ":": int(line.split()[1]) * 1024 for line in status if line.startswith("Vm")}
    except (OSError, ValueError, IndexError):
        return None  # nothing to read on this platform: the libraries may still speak for themselves
    rooms = []
    for rlimit, measure, name, kind in _ROOM_LIMITS:
        limit = resource.getrlimit(getattr(resource, rlimit))[0]
        if limit != resource.RLIM_INFINITY and measure in used:
            rooms.append(Room(max(0, limit - used[measure]), limit, name, kind))
    return min(rooms, default=None)


def check_loadable(*modules: str) -> None:
    """Refuse in rnncalc's words libraries the room cannot load (those not loaded yet)."""
    left = room()
    missing = [m for m in modules if m not in sys.modules]
    need = sum(LOADING[m] for m in missing)
    if left is not None and need > left.free:
        names = " and ".join(_LIBRARY_NAMES[m] for m in missing)
        verb = "needs" if len(missing) == 1 else "need"
        raise NoRoom(f"{left}, and {names} {verb} about {human_bytes(need)} to load; raise {left.name}")


def check_room_for(memory: int) -> None:
    """Refuse a run the room cannot hold, with NumPy when it is still to load."""
    left = room()
    need = memory + (0 if "numpy" in sys.modules else LOADING["numpy"])
    if left is not None and need > left.free:
        with_numpy = "" if "numpy" in sys.modules else " with NumPy"
        raise NoRoom(
            f"{left}, and this run needs about {human_bytes(need)}{with_numpy}; raise {left.name} or ask for less"
        )


def load_factor() -> tuple[float, float, int]:
    """How much longer than its estimate (one idle machine's) a run takes now: (load + 1) / cores when the
    runnable processes outnumber the cores, else 1; with the load and the cores it came from."""
    cores = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except (OSError, AttributeError):
        return 1.0, 0.0, cores
    return max(1.0, (load + 1) / cores), load, cores


LIMITS = ("max_seconds", "max_memory")  # the arguments that set the limits, named when nothing else drives the cost


def duration(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds:.2g} s"
    if seconds < 120:
        return f"{seconds:,.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:,.0f} min"
    if seconds < 3 * 86400:
        return f"{seconds / 3600:,.0f} h"
    return f"{seconds / 86400:,.0f} days"


_BYTE_UNITS = ("B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB")


def human_bytes(n: float) -> str:
    """Binary units, exact below 1 KiB: 81152 → "79.2 KiB"."""
    if n < 1024:
        return f"{int(n)} B"
    value, unit = float(n), 0
    while value >= 1024 and unit < len(_BYTE_UNITS) - 1:
        value /= 1024
        unit += 1
    return f"{value:,.1f} {_BYTE_UNITS[unit]}"
