"""Whole-process `rnncalc gradflow` against its floor and against the PyTorch script a user would write.

Work: a vanilla tanh RNN, n = 512, T = 2000 lags, 16 trials, radius 1, drive 0.5 (and the default burn-in).

    floor    a Python process that imports NumPy and Typer and runs the same 2T matrix products
             (16 × 512 by 512 × 512) with NumPy's default threads: the work no implementation avoids
    rnncalc  `rnncalc gradflow --hidden 512 --steps 2000 --trials 16 --radius 1 --drive 0.5 -q`
    torch    a whole Python process: import torch, draw W at spectral radius 1, unroll T + 50 steps,
             torch.autograd.grad to every h_t, log10 norms (float64; float32 underflows to 0 at long lags)

Each runs REPEAT times, interleaved, medians printed with their ratios (targets: rnncalc ≤ 1.5× the
floor, ≤ 0.6× torch). Run it on an idle machine: `python benchmarks/gradflow_vs_torch.py`.
"""

import shutil
import statistics
import subprocess
import sys
import time

N, T, TRIALS, REPEAT = 512, 2000, 16, 5

FLOOR = f"""
import numpy, typer
rng = numpy.random.default_rng(0)
w = rng.standard_normal(({N}, {N})) / {N**0.5}
h = rng.standard_normal(({TRIALS}, {N}))
for _ in range({2 * T}):
    h @ w
"""

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


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    exe = shutil.which("rnncalc") or sys.exit("install rnncalc first: pip install .")
    commands = {
        "floor: NumPy + Typer imports, 2T products": [sys.executable, "-c", FLOOR],
        "rnncalc gradflow, whole process": [
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

        commands["PyTorch script, whole process"] = [sys.executable, "-c", TORCH]
    except ImportError:
        print("(torch not installed: no PyTorch comparison)")
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(REPEAT):
        for name, cmd in commands.items():
            times[name].append(wall(cmd))
    medians = {name: statistics.median(t) for name, t in times.items()}
    floor, ours = medians["floor: NumPy + Typer imports, 2T products"], medians["rnncalc gradflow, whole process"]
    print(f"vanilla tanh RNN, n={N}, T={T}, {TRIALS} trials; median of {REPEAT}, interleaved")
    for name, median in medians.items():
        print(f"{name:44} {median:6.2f} s")
    print(f"rnncalc / floor = {ours / floor:.2f} (target ≤ 1.5)")
    if "PyTorch script, whole process" in medians:
        print(f"rnncalc / PyTorch script = {ours / medians['PyTorch script, whole process']:.2f} (target ≤ 0.6)")


if __name__ == "__main__":
    main()
