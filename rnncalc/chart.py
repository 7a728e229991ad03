"""Charts of log10‖gradient‖ against lag: plain-text for the terminal, matplotlib for files."""

from __future__ import annotations

from pathlib import Path

MARKERS = "●×+o*#@%"
PLOT_SUFFIXES = (".png", ".svg", ".pdf")


def text_chart(series: list[tuple[str, list[float | None]]], width: int = 60, height: int = 14) -> str:
    """A scatter of every series on one grid; lags on x, log10 norm on y. Zeros are not drawn."""
    values = [y for _, ys in series for y in ys if y is not None]
    if not values:
        return "(every gradient is exactly zero: nothing to chart)"
    top, bottom = max(values), min(values)
    if top - bottom < 1e-12:
        top, bottom = top + 0.5, bottom - 0.5
    lags = max(len(ys) for _, ys in series) - 1
    grid = [[" "] * width for _ in range(height)]
    for marker, (_, ys) in zip(MARKERS * 4, series):
        for lag, y in enumerate(ys):
            if y is None:
                continue
            col = round(lag / max(lags, 1) * (width - 1))
            row = round((top - y) / (top - bottom) * (height - 1))
            grid[row][col] = marker
    labels = {0: _axis(top), (height - 1) // 2: _axis((top + bottom) / 2), height - 1: _axis(bottom)}
    pad = max(len(v) for v in labels.values())
    lines = ["log₁₀‖∇‖"]
    lines += [f"{labels.get(r, ''):>{pad}} ┤{''.join(row)}" for r, row in enumerate(grid)]
    lines.append(" " * pad + " └" + "─" * width)
    lines.append(" " * pad + f"  0{'lag s (steps back from T)':^{width - 2 - len(str(lags))}}{lags}")
    legend = "   ".join(f"{m} {label}" for m, (label, _) in zip(MARKERS * 4, series))
    lines.append(" " * pad + "  " + legend)
    return "\n".join(lines)


def _axis(value: float) -> str:
    return f"{value:.3g}"


def write_plot(
    path: Path, measured: list[tuple[str, list[float | None]]], theory: list[tuple[str, list[float], int]], title: str
) -> None:
    """Save the chart with matplotlib (the optional `plot` extra): measured lines, theory dashed."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=120)
    for i, (label, ys) in enumerate(measured):
        xs = [s for s, y in enumerate(ys) if y is not None]
        ax.plot(xs, [ys[s] for s in xs], color=f"C{i % 10}", label=label)
    for label, ys, run in theory:  # dashed, in the colour of the run it predicts
        ax.plot(range(len(ys)), ys, linestyle="--", linewidth=1, color=f"C{run % 10}", label=label)
    ax.set_xlabel("lag s (steps back from T)")
    ax.set_ylabel("log₁₀ ‖∂L/∂h(T−s)‖")
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def write_heatmap(
    path: Path,
    values: list[list[float | None]],
    xs: list[float],
    ys: list[float],
    labels: tuple[str, str, str],
    title: str,
    lines: list[tuple[str, list[float | None]]] = (),
) -> None:
    """Save a grid as a heatmap centred on zero (blue shrinks, red grows); `lines` are x per row."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    grid = np.array([[np.nan if v is None else v for v in row] for row in values])
    limit = np.nanmax(np.abs(grid)) if np.isfinite(grid).any() else 1.0
    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=120)
    mesh = ax.pcolormesh(xs, ys, grid, cmap="RdBu_r", vmin=-limit, vmax=limit, shading="nearest")
    fig.colorbar(mesh, ax=ax, label=labels[2])
    for (label, x_per_row), style in zip(lines, ("k-", "k--")):
        points = [(x, y) for x, y in zip(x_per_row, ys) if x is not None]
        if points:
            ax.plot(*zip(*points), style, linewidth=1.5, label=label)
    if lines:
        ax.legend(fontsize="small")
    ax.set_xlabel(labels[0])
    ax.set_ylabel(labels[1])
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
