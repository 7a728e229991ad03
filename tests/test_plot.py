"""Plot files say what the terminal says: one colour per run and a line style per path, a panel per quantity,
colour bars whose ends are true, labels that fit. Checked on the figures matplotlib builds."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from rnncalc import simulate_many  # noqa: E402
from rnncalc.output.plot import _activations, _chart, _heatmap  # noqa: E402
from rnncalc.output.report import Activations, Heatmap  # noqa: E402
from rnncalc.output.scale import decade_scale  # noqa: E402
from rnncalc.simulation.config import run_list  # noqa: E402
from rnncalc.views.gradflow import gradflow_report  # noqa: E402


def test_full_and_carry_are_one_colour_per_run_on_separate_axes():
    # Issue 18: ‖∂L/∂c‖ and ‖∂L/∂h‖ shared one axis in unrelated colours.
    runs = simulate_many(run_list("lstm", ["both"], forget=[0.9, 0.99], steps=20))
    fig = _chart(plt, gradflow_report(runs, 1e-6, 1).figure)
    full, carry = fig.axes
    assert "∂L/∂h" in full.get_ylabel() and "∂L/∂c" in carry.get_ylabel()
    measured = {line.get_label(): line for ax in fig.axes for line in ax.lines if "(measured)" in line.get_label()}
    for gate in ("0.9", "0.99"):
        a, b = measured[f"f={gate} full (measured)"], measured[f"f={gate} carry (measured)"]
        assert a.get_color() == b.get_color() and a.get_linestyle() != b.get_linestyle()
    assert measured["f=0.9 full (measured)"].get_color() != measured["f=0.99 full (measured)"].get_color()
    plt.close(fig)


def test_the_colour_bar_says_what_its_darkest_colour_means():
    # Issue 18: the bar ended at −10 while its darkest colour meant 9 decades lost or more.
    values = [[0.0, -3.0, -12.0], [0.0, -0.5, -40.0]]
    h = Heatmap(
        "t", "radius", ["0.5", "0.6"], "lag", [0.0, 1.0, 2.0], values, decade_scale([v for r in values for v in r])
    )
    fig = _heatmap(plt, h)
    bar = fig.axes[-1]
    labels = [t.get_text() for t in bar.get_yticklabels()]
    assert labels[0] == "≤ -9" and "-10" not in labels
    plt.close(fig)


def test_a_small_machine_leaves_room_for_the_colour_bar_label():
    fig = _activations(plt, Activations("parity", ["S_0", "S_1"], [[0.0, 1.0], [1.0, 0.0]]))
    fig.canvas.draw()
    label = fig.axes[-1].yaxis.label.get_window_extent()
    assert label.y0 >= 0 and label.y1 <= fig.bbox.height
    plt.close(fig)
