"""The guard's estimates against what runs really take: each estimate should be above the measurement.

For a spread of runs (cells, paths, sizes, grids), prints the estimated and measured seconds and peak
memory and their ratios. An estimate below its measurement (ratio < 1) means a run could slip past the
limits; far above (ratio > 20) means reasonable runs are refused.

    python benchmarks/guard.py [--fsm]     (--fsm: the fsm runs only)
"""

import json
import subprocess
import sys

from rnncalc.simulation.config import run_list
from rnncalc.simulation.gradflow import cost_of

CASES = [
    ("rnn", {"hidden": 64, "steps": 2000}),
    ("rnn", {"hidden": 512, "steps": 2000, "trials": 16}),
    ("rnn", {"hidden": 1024, "steps": 200, "trials": 4}),
    ("rnn", {"hidden": 8, "steps": 200_000, "trials": 1}),
    ("rnn", {"hidden": 32, "steps": 500, "radius": [0.5 + 0.01 * i for i in range(100)]}),
    ("lstm", {"hidden": 64, "steps": 2000}),
    ("lstm", {"hidden": 256, "steps": 500, "trials": 16}),
    ("gru", {"hidden": 128, "steps": 2000}),
    ("gru", {"hidden": 8, "steps": 50_000, "trials": 2}),
    ("lstm", {"hidden": 1500, "steps": 100, "trials": 1, "forget": [0.99]}),  # one row: the matrix is streamed
    ("gru", {"hidden": 2000, "steps": 100, "trials": 2, "update": [0.99]}),
]


def measure(cell: str, settings: dict) -> tuple[float, int]:
    code = (
        "import time, resource\nfrom rnncalc.simulation.config import run_list\n"
        "from rnncalc.simulation.gradflow import simulate_many\n"
        f"configs = run_list({cell!r}, **{settings!r})\nstart = time.perf_counter()\nsimulate_many(configs)\n"
        "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)"
    )
    baseline = "import resource, numpy, threadpoolctl; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)"
    before = subprocess.run([sys.executable, "-c", baseline], capture_output=True, text=True).stdout
    seconds, peak = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(seconds), int(peak) - int(before)


# rnncalc fsm: (machine, analyse's keywords); "ringN" is an N-state machine over {0, 1}, "randNxM" a random
# (seeded) N-state machine over M symbols.
FSM_CASES = [
    ("parity", {}),
    ("tomita4", {}),
    ("parity", {"random": 1000}),
    ("parity", {"random": 4000, "search": False}),
    ("parity", {"length": 16}),
    ("ring30", {"random": 100}),
    ("ring300", {"random": 30, "search": False}),
    ("ring300", {"random": 0, "search": False, "classify": ["01" * 5000] * 3}),
    ("rand8x4", {}),
    ("rand30x16", {}),
    ("rand100x16", {}),
    ("rand300x16", {}),
    ("rand300x16", {"search": False}),
]
FSM_RUN = """
import json, resource, sys, time
from rnncalc.fsm.dfa import BUILTINS, from_json
from rnncalc.fsm.analysis import analyse_machine, cost_of
from rnncalc.guard import Limits

name, kw = sys.argv[1], json.loads(sys.stdin.read())
if name in BUILTINS:
    dfa = BUILTINS[name]
elif name.startswith("rand"):
    import random
    n, m = map(int, name[4:].split("x"))
    r, states, alphabet = random.Random(1), [f"q{i}" for i in range(n)], [chr(97 + k) for k in range(m)]
    dfa = from_json(json.dumps({"alphabet": alphabet, "states": states, "start": "q0",
                                "accept": [q for q in states if r.random() < 0.5],
                                "delta": {q: {a: r.choice(states) for a in alphabet} for q in states}}))
else:
    states = [f"s{i}" for i in range(int(name[4:]))]
    delta = {s: {"0": states[(i + 1) % len(states)], "1": states[2 * i % len(states)]} for i, s in enumerate(states)}
    dfa = from_json(json.dumps({"alphabet": ["0", "1"], "states": states, "start": "s0", "accept": ["s0"],
                                "delta": delta}))
cost = cost_of(dfa, kw.get("length"), kw.get("random", 100), kw.get("search", True), kw.get("classify", ()))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
analyse_machine(dfa, **kw, limits=Limits(1e9, 2**40))
seconds = time.perf_counter() - start
print(cost.seconds, cost.memory, seconds, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024)
"""


def main() -> None:
    print(f"{'run':60} {'est. s':>8} {'meas. s':>8} {'ratio':>6}  {'est. MiB':>9} {'meas. MiB':>9} {'ratio':>6}")
    for cell, settings in [] if "--fsm" in sys.argv else CASES:
        configs = run_list(cell, **settings)
        cost = cost_of(configs)
        seconds, memory = measure(cell, settings)
        label = f"{cell} " + " ".join(
            f"{k}={v if not isinstance(v, list) else f'{len(v)} values'}" for k, v in settings.items()
        )
        print(f"{label:60} {cost.seconds:8.2f} {seconds:8.2f} {cost.seconds / seconds:6.1f}  "
              f"{cost.memory / 2**20:9.1f} {memory / 2**20:9.1f} {cost.memory / max(memory, 1):6.1f}")  # fmt: skip
    for name, kw in FSM_CASES:
        done = subprocess.run([sys.executable, "-c", FSM_RUN, name], input=json.dumps(kw), capture_output=True,
                              text=True, check=True)  # fmt: skip
        est_s, est_m, seconds, memory = map(float, done.stdout.split())
        label = f"fsm {name} " + " ".join(f"{k}={v if k != 'classify' else f'{len(v)} strings'}" for k, v in kw.items())
        print(f"{label:60} {est_s:8.2f} {seconds:8.2f} {est_s / seconds:6.1f}  "
              f"{est_m / 2**20:9.1f} {memory / 2**20:9.1f} {est_m / max(memory, 1):6.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
