"""Fixed, stated meanings for the visual encodings: heatmap levels and table bars. Pure functions.

Heatmaps are anchored at 0 (no change). A level is `step` wide (one decade for
log10 norms; a round rate for rates per step), so in a lag heatmap two norms a
decade or more apart never share a glyph below the cap. Decay reads as a digit,
the number of levels lost (0 = less than one), growth as a letter (a = less
than one level gained); ``CAP`` and beyond share the last glyph. Colours: blues
for decay, reds only where there is growth, darker further from 0; the same
levels and colours in the terminal and in the plot file.

Bars are drawn on one absolute scale per table (the same for every column and
run, so equal norms get equal bars): a bar is empty at `low` and full at
`high`, in eighths of a block, with one block worth `block` decades, at most one
decade per eighth.
"""

from __future__ import annotations

import math
from typing import NamedTuple

CAP = 9
DECAY_GLYPHS = "0123456789"
GROWTH_GLYPHS = "abcdefghij"
NOISE = 1e-9  # |value| below this is 0: rounding noise must not change a glyph or a bar
# ColorBrewer Blues and Reds, light to dark (ten levels each).
BLUES = ("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b", "#041c44")
REDS = ("#fff5f0", "#fee0d2", "#fcbba1", "#fc9272", "#fb6a4a", "#ef3b2c", "#cb181d", "#a50f15", "#67000d", "#3f0008")


class Scale(NamedTuple):
    step: float  # width of one level
    unit: str  # what a level is: "decade" or "log10/step"
    down: int  # the deepest decay level in the data (≤ CAP)
    up: int  # the highest growth level in the data (≤ CAP), -1 without growth
    clipped: bool  # some value lies beyond CAP levels


def nice_ceil(x: float, mantissas=(1, 2, 5)) -> float:
    """The smallest 1, 2 or 5 × 10^k at least x."""
    exponent = math.floor(math.log10(x))
    for base in (*mantissas, 10):
        if base * 10.0**exponent >= x * (1 - 1e-12):
            return base * 10.0**exponent
    return 10.0 ** (exponent + 1)


def _snap(value: float) -> float:
    return 0.0 if abs(value) < NOISE else value


def level(value: float, step: float) -> tuple[str, int]:
    """("decay", levels lost) or ("growth", levels gained − 1), each at most CAP."""
    value = _snap(value)
    if value <= 0:
        return "decay", min(CAP, math.floor(-value / step + 1e-9))
    return "growth", min(CAP, math.ceil(value / step - 1e-9) - 1)


def _scale(values: list[float], step: float, unit: str) -> Scale:
    levels = [level(v, step) for v in values]
    down = max((i for side, i in levels if side == "decay"), default=0)
    up = max((i for side, i in levels if side == "growth"), default=-1)
    beyond = any(abs(_snap(v)) >= (CAP + 1) * step for v in values)
    return Scale(step, unit, down, up, beyond)


def decade_scale(values: list[float]) -> Scale:
    """One level per decade: for log10 norms."""
    return _scale(values, 1.0, "decade")


def rate_scale(values: list[float]) -> Scale:
    """Round levels sized so the data spans about CAP + 1 of them: for rates per step."""
    largest = max((abs(_snap(v)) for v in values), default=0.0)
    return _scale(values, nice_ceil(largest / (CAP + 1)) if largest > 0 else 1.0, "log10/step")


def glyph(value: float, scale: Scale) -> str:
    side, i = level(value, scale.step)
    return (DECAY_GLYPHS if side == "decay" else GROWTH_GLYPHS)[i]


def colour(value: float, scale: Scale) -> str:
    """The level's colour: blues for decay, reds for growth, spread over the levels the data uses."""
    side, i = level(value, scale.step)
    deepest = scale.down if side == "decay" else scale.up
    palette = BLUES if side == "decay" else REDS
    start = 0 if side == "decay" else 2  # the lightest reds are hard to tell from white
    return palette[start + round(i * (len(palette) - 1 - start) / max(deepest, 1))]


def boundaries(scale: Scale) -> list[float]:
    """Level edges from the deepest decay to the highest growth, for a plot's colour bar."""
    return [-(scale.down + 1) * scale.step + k * scale.step for k in range(scale.down + scale.up + 3)]


class BarScale(NamedTuple):
    low: float  # the value of an empty bar
    high: float  # the value of a full bar
    block: float  # decades per full block (8 eighths)
    blocks: int  # a bar's width in blocks


def bar_scale(values: list[float], blocks: int = 8) -> BarScale:
    """One scale for every bar of a table: 0 is always on it, at most one decade per eighth."""
    snapped = [_snap(v) for v in values] or [0.0]
    top, bottom = max(0.0, max(snapped)), min(0.0, min(snapped))
    eighths = 8 * blocks
    per_eighth = next((k for k in (1 / 8, 1 / 4, 1 / 2, 1.0) if eighths * k >= top - bottom), 1.0)
    return BarScale(top - eighths * per_eighth, top, 8 * per_eighth, blocks)


def bar_eighths(value: float | None, scale: BarScale) -> int:
    """How many eighths of the bar a value fills (0 for an exactly zero gradient)."""
    if value is None:
        return 0
    per_eighth = scale.block / 8
    return max(0, min(8 * scale.blocks, round((_snap(value) - scale.low) / per_eighth)))
