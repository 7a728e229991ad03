"""Whole-process `rnncalc gradflow` against its floor and against the PyTorch script a user would write.

Work: a vanilla tanh RNN, n = 512, T = 2000 lags, 16 trials, radius 1, drive 0.5 (and the default burn-in).

    floor    a Python process that imports NumPy and Typer and runs the same 2T matrix products
             (16 × 512 by 512 × 512): the work no implementation avoids
    rnncalc  `rnncalc gradflow --hidden 512 --steps 2000 --trials 16 --radius 1 --drive 0.5 -q`

Both are timed twice: with one BLAS thread (OPENBLAS_NUM_THREADS=1 etc. for both: the overhead beyond the
products, whatever the machine's load), and with the thread policy rnncalc applies (the floor asks rnncalc's
`blas_threads` for the same product, so on a busy machine both drop to one thread alike).
    torch    a whole Python process: import torch, draw W at spectral radius 1, unroll T + 50 steps,
             torch.autograd.grad to every h_t, log10 norms (float64; float32 underflows to 0 at long lags)

Each runs REPEAT times, interleaved, medians printed with their ratios (targets: rnncalc ≤ 1.5× the
single-thread floor, ≤ 0.6× torch). `python benchmarks/gradflow_vs_torch.py`
"""

import os
import shutil
import statistics
import subprocess
import sys
import time

N, T, TRIALS, REPEAT = 512, 2000, 16, 5

FLOOR = f"""
import numpy, typer
from threadpoolctl import threadpool_limits
from rnncalc.simulation.threads import blas_threads
rng = numpy.random.default_rng(0)
w = rng.standard_normal(({N}, {N})) / {N**0.5}
h = rng.standard_normal(({TRIALS}, {N}))
with threadpool_limits(blas_threads({TRIALS}, {N}), user_api="blas"):
    for _ in range({2 * T}):
        h @ w
"""
FLOOR_NAME, OURS, TORCH_NAME = (
    "floor: NumPy + Typer imports, 2T products",
    "rnncalc gradflow, whole process",
    "PyTorch script, whole process",
)
ONE_THREAD = {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}

TORCH = f"""
import torch
torch.manual_seed(0)
n, steps, trials = {N}, {T}, {TRIALS}
w = torch.randn(n, n, dtype=torch.float64) / n ** 0.5
w /= torch.linalg.eigvals(w).abs().max()
h = torch.zeros(trials, n, dtype=torch.float64)
with torch.no_grad():
    for _ in range(50):
        h = torch.tanh(h @ w.T + 0.5 * torch.randn(trials, n, dtype=torch.float64))
h.requires_grad_(True)
hs = [h]
for _ in range(steps):
    hs.append(torch.tanh(hs[-1] @ w.T + 0.5 * torch.randn(trials, n, dtype=torch.float64)))
u = torch.randn(trials, n, dtype=torch.float64)
grads = torch.autograd.grad(((u / u.norm(dim=1, keepdim=True)) * hs[-1]).sum(), hs)
print(torch.stack([g.norm(dim=1).log10().mean() for g in grads])[-1].item())
"""


def wall(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env={**os.environ, **env})
    return time.perf_counter() - start


def main() -> None:
    exe = shutil.which("rnncalc") or sys.exit("install rnncalc first: pip install .")
    commands = {
        FLOOR_NAME: [sys.executable, "-c", FLOOR],
        OURS: [
            exe,
            "gradflow",
            "--hidden",
            str(N),
            "--steps",
            str(T),
            "--trials",
            str(TRIALS),
            "--radius",
            "1",
            "--drive",
            "0.5",
            "-q",
        ],  # fmt: skip
    }
    try:
        import torch  # noqa: F401

        commands[TORCH_NAME] = [sys.executable, "-c", TORCH]
    except ImportError:
        print("(torch not installed: no PyTorch comparison)")
    modes = {"one BLAS thread": ONE_THREAD, "rnncalc's thread policy": {}}
    times: dict[tuple[str, str], list[float]] = {(mode, name): [] for mode in modes for name in commands}
    for _ in range(REPEAT):
        for mode, env in modes.items():
            for name, cmd in commands.items():
                times[mode, name].append(wall(cmd, env))
    medians = {key: statistics.median(t) for key, t in times.items()}
    print(f"vanilla tanh RNN, n={N}, T={T}, {TRIALS} trials; wall time, median of {REPEAT}, interleaved")
    for mode in modes:
        print(f"{mode}:")
        for name in commands:
            print(f"  {name:44} {medians[mode, name]:6.2f} s")
        floor, ours = medians[mode, FLOOR_NAME], medians[mode, OURS]
        target = " (target ≤ 1.5)" if mode == "one BLAS thread" else ""
        print(f"  rnncalc / floor = {ours / floor:.2f}{target}")
        if (mode, TORCH_NAME) in medians:
            print(f"  rnncalc / PyTorch script = {ours / medians[mode, TORCH_NAME]:.2f} (target ≤ 0.6)")


if __name__ == "__main__":
    main()
