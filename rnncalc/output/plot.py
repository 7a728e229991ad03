"""Plot files (the optional `plot` extra, matplotlib): checked before a run, written atomically.

:func:`check_target` refuses, before any work, what cannot become a plot file:
an unknown suffix, a folder, a device, a dangling link, a missing or unwritable
folder, a name too long. :func:`write` draws to a temporary file beside the
target and renames it over the target, so a failed write (a full disk) never
leaves half a file in place of an existing one.
"""

from __future__ import annotations

import os
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

from ..errors import InvalidArgument, PlotFailed, PlotUnavailable, shown
from .report import Activations, Chart, Heatmap
from .scale import CAP, boundaries, colour, level_index

SUFFIXES = (".png", ".svg", ".pdf")


def check_target(text: str) -> Path:
    """The path a plot will be written to, or InvalidArgument('plot') saying why it cannot be."""
    if text.endswith(("/", os.sep)):
        raise InvalidArgument("plot", f"{shown(text)} names a folder; give a file name")
    if Path(text).suffix.lower() not in SUFFIXES:
        raise InvalidArgument("plot", f"the file must end in {', '.join(SUFFIXES)}, got {shown(text)}")
    target = Path(os.path.realpath(text))  # through a link, to the file it names: the link stays a link
    if len(os.fsencode(target.name)) > 255:  # file systems stop at 255 bytes
        raise InvalidArgument("plot", f"the file name is too long ({len(target.name):,} characters)")
    if target.suffix.lower() not in SUFFIXES:  # the format is the written file's, where a link leads
        raise InvalidArgument("plot", f"{shown(text)} leads to {shown(str(target))}, not a .png, .svg or .pdf")
    try:
        if target.exists() and not target.is_file():  # a link to /dev/full: never replace a device or a folder
            raise InvalidArgument("plot", f"{shown(text)} is not a file (it leads to {shown(str(target))})")
        _check_place(target, text)
    except OSError as e:
        raise InvalidArgument("plot", f"cannot write {shown(text)}: {e.strerror or e}") from None
    _matplotlib_available()
    return target


def _check_place(target: Path, text: str) -> None:
    folder = target.parent
    if target.is_symlink() and not target.exists():
        raise InvalidArgument("plot", f"{shown(text)} is a link to a file that does not exist")
    if target.exists():
        mode = os.stat(target).st_mode
        if stat.S_ISDIR(mode):
            raise InvalidArgument("plot", f"{shown(text)} is a folder; give a file name inside it")
        if not stat.S_ISREG(mode):
            raise InvalidArgument("plot", f"{shown(text)} is not a regular file (a device or a pipe)")
        if not os.access(target, os.W_OK):
            raise InvalidArgument("plot", f"{shown(text)} is read-only")
    if not folder.is_dir():
        raise InvalidArgument("plot", f"no such folder: {shown(str(folder))}")
    # The only reliable test of a folder (root, ACLs, read-only or virtual file systems): write into it.
    handle, probe = tempfile.mkstemp(prefix=".rnncalc-", dir=folder)
    os.close(handle)
    os.remove(probe)


def _matplotlib_available() -> None:
    from importlib.util import find_spec

    if find_spec("matplotlib") is None:
        raise PlotUnavailable("--plot needs matplotlib: pip install 'rnncalc[plot]'")


def _pyplot():
    """matplotlib's pyplot, drawing to files, with its cache in a temporary folder if HOME's is not writable."""
    import logging

    if "MPLCONFIGDIR" not in os.environ:
        home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "matplotlib"
        try:
            home.mkdir(parents=True, exist_ok=True)
            usable = os.access(home, os.W_OK)
        except OSError:
            usable = False
        if not usable:
            os.environ["MPLCONFIGDIR"] = tempfile.mkdtemp(prefix="rnncalc-matplotlib-")
    logging.getLogger("matplotlib").setLevel(logging.ERROR)
    os.environ.pop("MPLBACKEND", None)  # files need no screen: Agg, whatever the environment asks (a bad one fails)
    import matplotlib

    matplotlib.rcdefaults()  # the same picture whatever a matplotlibrc says (text.usetex without LaTeX failed)
    matplotlib.use("Agg")
    matplotlib.rcParams["text.parse_math"] = False  # text is text: a $ in a DFA's name is a dollar, not mathtext
    import matplotlib.pyplot as plt

    return plt


def write(target: Path, figure: Chart | Heatmap | Activations) -> None:
    """Draw `figure` into `target` atomically (temporary file, then rename)."""
    with staged(target, figure) as commit:
        commit()


@contextmanager
def staged(target: Path, figure: Chart | Heatmap | Activations) -> Iterator[Callable[[], None]]:
    """Draw `figure` into a temporary file beside `target` and yield the function that renames it into place; a
    plot not committed when the block ends (its run failed) is removed, and an old one stays as it was."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plt = _pyplot()
        drawers: dict[type, Callable[[Any, Any], Any]] = {Chart: _chart, Heatmap: _heatmap, Activations: _activations}
        fig = drawers[type(figure)](plt, figure)
        handle, temporary = tempfile.mkstemp(prefix=".rnncalc-", suffix=target.suffix, dir=target.parent)
        os.close(handle)
        try:
            try:
                fig.savefig(temporary, format=target.suffix[1:].lower())
                os.chmod(temporary, _new_file_mode())  # mkstemp makes it private; a plot is a file like any other
            except OSError as e:
                raise PlotFailed(f"cannot write {shown(str(target))}: {e.strerror or e}") from None
            finally:
                plt.close(fig)

            def commit() -> None:
                try:
                    os.replace(temporary, target)
                except OSError as e:
                    raise PlotFailed(f"cannot write {shown(str(target))}: {e.strerror or e}") from None

            yield commit
        finally:
            if os.path.exists(temporary):
                os.remove(temporary)


def _new_file_mode() -> int:
    """0o666 less the umask: the mode open() would have given the file."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _chart(plt, chart: Chart):
    """One colour per run and a line style per path (measured curves solid or dashed, each theory line dotted
    in its run's colour), a panel per quantity; never a curve hidden."""
    styles = chart.styles or [(i, "-", 0) for i in range(len(chart.series))]
    labels = chart.panel_labels or [chart.y_label]
    fig, axes = plt.subplots(len(labels), 1, figsize=(8, 4.5 if len(labels) == 1 else 6.5), dpi=120, sharex=True,
                             squeeze=False)  # fmt: skip
    axes = [row[0] for row in axes]
    for (label, ys), (group, line, panel) in zip(chart.series, styles):
        xs = [s for s, y in enumerate(ys) if y is not None]
        axes[panel].plot(xs, [ys[s] for s in xs], color=f"C{group % 10}", linestyle=line, linewidth=1.8,
                         label=f"{label} (measured)")  # fmt: skip
    for label, ys, run in chart.theory:
        group, _, panel = styles[run]
        axes[panel].plot(range(len(ys)), ys, linestyle=(0, (1, 2)), linewidth=1.2, color=f"C{group % 10}", alpha=0.9,
                         label=label)  # fmt: skip
    for ax, label in zip(axes, labels):
        ax.set_ylabel(label)
        ax.grid(alpha=0.3)
        ax.legend(fontsize="small")
    axes[-1].set_xlabel(chart.x_label)
    axes[0].set_title(chart.title, fontsize="medium")
    fig.tight_layout()
    return fig


def _heatmap(plt, h: Heatmap):
    """The terminal heatmap's own levels and colours, with a colour bar labelled by meaning."""
    from matplotlib.colors import BoundaryNorm, ListedColormap

    edges = boundaries(h.scale)
    centres = [(a + b) / 2 for a, b in zip(edges, edges[1:])]
    colours = [colour(c, h.scale)[0] for c in centres]
    # The last decay (and growth) level holds everything beyond CAP levels: drawn as the colour bar's arrow,
    # its edge the last one that is a real bound ("≥ 9 decades"), not an invented −10.
    low, high = h.scale.down == CAP, h.scale.up == CAP
    extend = {(True, True): "both", (True, False): "min", (False, True): "max"}.get((low, high), "neither")
    cmap = ListedColormap(colours[low : len(colours) - high]).with_extremes(
        under=colours[0] if low else None, over=colours[-1] if high else None
    )
    # Bin by level, as the terminal does: a level holds its upper edge (a norm of exactly 1 is "0", not growth).
    grid = [[float("nan") if v is None else level_index(v, h.scale) for v in row] for row in h.values]
    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=120)
    rows = [float(label) for label in h.row_labels]
    ticks = [k - 0.5 for k in range(low, len(edges) - high)]
    bins = BoundaryNorm(ticks, cmap.N, extend="neither")
    mesh = ax.pcolormesh(h.column_values, rows, grid, cmap=cmap, norm=bins, shading="nearest")
    unit = "decades of change (log₁₀)" if h.scale.unit == "decade" else "log₁₀ change per step"
    bar = fig.colorbar(mesh, ax=ax, extend=extend, label=f"{unit}: blue shrinks, red grows")
    labels = [f"{e:g}" for e in edges[low : len(edges) - high]]
    if low:  # the arrow's colour: this many levels lost, or more
        labels[0] = f"≤ {labels[0]}"
    if high:
        labels[-1] = f"> {labels[-1]}"
    bar.set_ticks(ticks, labels=labels)
    for curve, style in zip(h.curves, ("k--o", "k-D")):  # at their exact values; a marker shows a lone point
        xs, ys = [x for _, x in curve.points], [rows[r] for r, _ in curve.points]
        if xs:
            ax.plot(xs, ys, style, linewidth=1.5, markersize=4, label=curve.label)
    if any(curve.points for curve in h.curves):
        ax.legend(fontsize="small")
    if len(rows) <= 25:  # each row at its exact value, labelled as the table labels it
        ax.set_yticks(rows, h.row_labels, fontsize="small")
    else:
        ax.ticklabel_format(axis="y", useOffset=False)
    ax.set_xlabel(h.column_name)
    ax.set_ylabel(h.row_name)
    ax.set_title(h.title, fontsize="small")
    fig.tight_layout()
    return fig


MAX_NEURON_LABELS = 40


def _activations(plt, a: Activations):
    """Each neuron's activation over time: near 0 and 1 while the network tracks the DFA, drifting if H is too small."""
    # tall enough for the colour bar's label (2 or 3 states clipped it), and bounded: a 300-state machine drew a
    # 960 × 12,786-pixel figure (1 GB), so past MAX_NEURON_LABELS the neurons go unlabelled at a fixed height
    labelled = len(a.row_labels) <= MAX_NEURON_LABELS
    height = max(3.2, 1.2 + 0.35 * len(a.row_labels)) if labelled else 1.2 + 0.35 * MAX_NEURON_LABELS
    fig, ax = plt.subplots(figsize=(8, height), dpi=120)
    image = ax.imshow(a.values, aspect="auto", cmap="Greys", vmin=0, vmax=1, interpolation="nearest")
    fig.colorbar(image, ax=ax, label="activation (0.5: the decision line)")
    if labelled:
        ax.set_yticks(range(len(a.row_labels)), a.row_labels, fontsize="small")
    else:
        ax.set_ylabel(f"{len(a.row_labels):,} neurons (S_0, the response, at the top)")
    if a.inputs and len(a.inputs) <= 64:  # short enough to read: the symbol that led to each step
        ax.set_xticks(range(len(a.inputs) + 1), ["start", *a.inputs], fontsize="x-small")
        ax.set_xlabel("time step t, labelled by the symbol read")
    else:
        ax.set_xlabel("time step t")
    ax.set_title(a.title, fontsize="small")
    fig.tight_layout()
    return fig
