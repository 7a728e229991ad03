"""Whole-process time of `rnncalc params` against `python -c "import typer"`.

The two commands run ROUNDS times each, interleaved, so that machine noise
hits both alike; medians and their ratio are printed (target: ≤ 1.25). For
reference, the PyTorch one-liner a user would otherwise write, if torch is here.

    python benchmarks/startup.py
"""

import shutil
import statistics
import subprocess
import sys
import time

ROUNDS = 30


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    exe = shutil.which("rnncalc") or sys.exit("install rnncalc first: pip install -e .")
    baseline = [sys.executable, "-c", "import typer"]
    ours = [exe, "params", "--hidden", "128", "--in", "28", "--out", "10"]
    wall(baseline), wall(ours)  # warm the file cache
    times: dict[str, list[float]] = {"baseline": [], "params": []}
    for _ in range(ROUNDS):
        times["baseline"].append(wall(baseline))
        times["params"].append(wall(ours))
    base, mine = statistics.median(times["baseline"]), statistics.median(times["params"])
    print(f'python -c "import typer"                          {base * 1000:7.1f} ms (median of {ROUNDS})')
    print(f"rnncalc params --hidden 128 --in 28 --out 10      {mine * 1000:7.1f} ms")
    print(f"ratio                                             {mine / base:7.2f}  (target ≤ 1.25)")
    try:
        import torch  # noqa: F401
    except ImportError:
        return
    one_liner = [sys.executable, "-c", "import torch; m = torch.nn.RNN(28, 128); "
                 "print(sum(p.numel() for p in m.parameters()))"]
    print(f"PyTorch one-liner, for reference                  {wall(one_liner) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
