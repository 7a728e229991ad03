"""Start-up: whole-process CPU time of rnncalc's commands against the imports they cannot avoid.

Each command runs ROUNDS times paired with its baseline (A B A B …, so machine noise hits both alike); the
figure is the median of the per-pair ratios of CPU time (user + system, the child's own), which a busy machine
disturbs far less than wall time. Targets (issue 17):

    rnncalc params … -q, --format json   ≤ 1.15 × python -c "import typer"
    rnncalc params … (the Rich table)    ≤ 1.15 × python -c "import typer, rich.console, rich.table"
    rnncalc --help                       ≤ 1.30 × python -c "import typer"

The package's bytecode is compiled first, as `pip install` does (a machine that sets PYTHONDONTWRITEBYTECODE
would otherwise time the compiler).

    python benchmarks/startup.py [ROUNDS]
"""

import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 30
TYPER = [sys.executable, "-c", "import typer"]
TYPER_RICH = [sys.executable, "-c", "import typer, rich.console, rich.table"]


def cpu(cmd: list[str]) -> float:
    """CPU seconds (user + system) of one run of `cmd`, from the kernel's accounting of the finished child."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env={**os.environ, "COLUMNS": "100"})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def paired_ratio(command: list[str], baseline: list[str]) -> tuple[float, float, float]:
    """Median CPU time of each, and the median of the per-pair ratios."""
    cpu(command), cpu(baseline)  # warm the file cache
    pairs = [(cpu(command), cpu(baseline)) for _ in range(ROUNDS)]
    ratio = statistics.median(a / b for a, b in pairs)
    return statistics.median(a for a, _ in pairs), statistics.median(b for _, b in pairs), ratio


def main() -> None:
    import rnncalc

    compileall.compile_dir(Path(rnncalc.__file__).parent, quiet=1)
    exe = shutil.which("rnncalc") or sys.exit("install rnncalc first: pip install .")
    params = [exe, "params", "--hidden", "128", "--in", "28", "--out", "10"]
    cases = [
        ("rnncalc params … -q", params + ["-q"], TYPER, 1.15),
        ("rnncalc params … --format json", params + ["--format", "json"], TYPER, 1.15),
        ("rnncalc params … (Rich table)", params, TYPER_RICH, 1.15),
        ("rnncalc --help", [exe, "--help"], TYPER, 1.30),
    ]
    print(f"CPU time, median of {ROUNDS} paired runs; params is --hidden 128 --in 28 --out 10")
    for name, command, baseline, target in cases:
        a, b, ratio = paired_ratio(command, baseline)
        base = "import typer" + (", rich" if baseline is TYPER_RICH else "")
        verdict = "meets" if ratio <= target else "misses"
        print(f"{name:32} {a * 1000:6.1f} ms vs {base:19} {b * 1000:6.1f} ms: {ratio:4.2f}× ({verdict} ≤ {target})")


if __name__ == "__main__":
    main()
