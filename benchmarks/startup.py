"""Whole-process time of `rnncalc params` against `python -c "import typer"`.

The commands run ROUNDS times each, interleaved, so that machine noise hits
all alike; medians and their ratios to the baseline are printed (target:
≤ 1.25). The package's bytecode is compiled first, as `pip install` does (this
machine sets PYTHONDONTWRITEBYTECODE, which would otherwise time the compiler).
For reference, the PyTorch one-liner a user would otherwise write, if torch is here.

    python benchmarks/startup.py
"""

import compileall
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROUNDS = 30


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    import rnncalc

    compileall.compile_dir(Path(rnncalc.__file__).parent, quiet=1)
    exe = shutil.which("rnncalc") or sys.exit("install rnncalc first: pip install -e .")
    params = [exe, "params", "--hidden", "128", "--in", "28", "--out", "10"]
    commands = {
        'python -c "import typer"': [sys.executable, "-c", "import typer"],
        "rnncalc params … -q": params + ["-q"],
        "rnncalc params … --format json": params + ["--format", "json"],
        "rnncalc params … (Rich table)": params,
    }
    for cmd in commands.values():
        wall(cmd)  # warm the file cache
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(ROUNDS):
        for name, cmd in commands.items():
            times[name].append(wall(cmd))
    medians = {name: statistics.median(t) for name, t in times.items()}
    base = medians['python -c "import typer"']
    print(f"median of {ROUNDS} interleaved runs; params is --hidden 128 --in 28 --out 10")
    for name, median in medians.items():
        print(f"{name:34} {median * 1000:7.1f} ms   ratio {median / base:4.2f}  (target ≤ 1.25)")
    try:
        import torch  # noqa: F401
    except ImportError:
        return
    one_liner = [
        sys.executable,
        "-c",
        "import torch; m = torch.nn.RNN(28, 128); print(sum(p.numel() for p in m.parameters()))",
    ]
    print(f"{'PyTorch one-liner, for reference':34} {wall(one_liner) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
