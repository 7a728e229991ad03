"""A 50-value sweep at n = 128: one batched grid against 50 separate runs, and on a busy machine.

1. Grid against separate runs: both compute the same numbers (checked here, bit for bit); the grid shares
   each step's Python work across the 50 values.
2. A busy machine: the same sweep while another process keeps every core busy, with rnncalc's thread
   choice against BLAS forced to one thread (OPENBLAS_NUM_THREADS=1): rnncalc must be no slower.

    python benchmarks/sweep.py
"""

import os
import shutil
import statistics
import subprocess
import sys
import time

from rnncalc import RNNConfig, simulate, simulate_many

REPEAT = 3
RADII = [round(0.5 + 0.02 * i, 2) for i in range(50)]
BASE = dict(hidden=128, steps=199, trials=4, seed=0)
SWEEP = ["sweep", "radius", "0.5:1.48:0.02", "--steps", "199", "--hidden", "128", "-q"]


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def main() -> None:
    configs = [RNNConfig(radius=r, **BASE) for r in RADII]
    grid = simulate_many(configs)
    assert all(g.log10_norm == simulate(c).log10_norm for g, c in zip(grid, configs)), "grid and single runs differ"
    grid_times = [timed(lambda: simulate_many(configs)) for _ in range(REPEAT)]
    loop_times = [timed(lambda: [simulate(c) for c in configs]) for _ in range(REPEAT)]
    g, s = statistics.median(grid_times), statistics.median(loop_times)
    print(f"50 radii × 200 lags, n=128, 4 trials; median of {REPEAT}")
    print(f"one batched grid (simulate_many)      {g:6.2f} s")
    print(f"50 separate runs (simulate)           {s:6.2f} s   ratio {g / s:.2f}")

    exe = shutil.which("rnncalc") or sys.exit("install rnncalc first: pip install .")
    spin = "import time\nend = time.time() + 600\nwhile time.time() < end: pass"
    hogs = [subprocess.Popen([sys.executable, "-c", spin]) for _ in range(os.cpu_count() or 1)]
    try:
        time.sleep(2)  # let the load average see them
        ours = statistics.median(
            timed(lambda: subprocess.run([exe, *SWEEP], check=True, stdout=subprocess.DEVNULL)) for _ in range(REPEAT)
        )
        single = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
        forced = statistics.median(
            timed(lambda: subprocess.run([exe, *SWEEP], check=True, stdout=subprocess.DEVNULL, env=single))
            for _ in range(REPEAT)
        )
    finally:
        for hog in hogs:
            hog.kill()
    print(f"busy machine ({len(hogs)} spinning processes): rnncalc sweep {ours:6.2f} s, forced to one BLAS thread "
          f"{forced:6.2f} s, ratio {ours / forced:.2f} (target ≤ 1)")  # fmt: skip


if __name__ == "__main__":
    main()
