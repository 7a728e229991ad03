"""A 50 × 200 sweep at hidden 128: one batched grid against 50 separate gradflow runs.

Both compute the same numbers (each grid row equals the single run bit for bit,
which this script checks); the batched grid shares every step's Python work.
Interleaved, median of REPEAT; prints both times and their ratio.

    python benchmarks/sweep.py
"""

import shutil
import statistics
import subprocess
import time

from rnncalc.gradflow import Config, simulate, simulate_grid

REPEAT = 3
RADII = [0.5 + 0.02 * i for i in range(50)]
BASE = dict(cell="rnn", hidden=128, steps=199, trials=4, seed=0)


def main() -> None:
    configs = [Config(radius=r, **BASE) for r in RADII]
    grid_times, loop_times = [], []
    for _ in range(REPEAT):
        start = time.perf_counter()
        grid = simulate_grid(configs)
        grid_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        singles = [simulate(c) for c in configs]
        loop_times.append(time.perf_counter() - start)
    assert all(g.log10_norm == s.log10_norm for g, s in zip(grid, singles)), "grid and single runs differ"
    g, s = statistics.median(grid_times), statistics.median(loop_times)
    print(f"50 radii × 200 lags, n=128, 4 trials; median of {REPEAT}, interleaved")
    print(f"batched grid (simulate_grid)        {g:6.2f} s")
    print(f"50 separate runs (simulate)         {s:6.2f} s   ratio grid/separate = {g / s:.2f}")
    exe = shutil.which("rnncalc")
    if exe:
        start = time.perf_counter()
        subprocess.run(
            [exe, "sweep", "--radius", "0.5:1.48:0.02", "--steps", "199", "--hidden", "128", "-q"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"whole `rnncalc sweep` process       {time.perf_counter() - start:6.2f} s")


if __name__ == "__main__":
    main()
