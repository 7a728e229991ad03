"""Fixed, stated meanings for the visual encodings: heatmap levels and table bars. Pure functions.

Heatmaps are anchored at 0 (no change). A level is `step` wide (one decade for
log10 norms; a round rate for rates per step), so in a lag heatmap two norms a
decade or more apart never share a glyph below the cap. Decay reads as a digit,
the number of levels lost (0 = less than one), growth as a letter (a = less
than one level gained); ``CAP`` and beyond share the last glyph. Colours: one
fixed colour per level, whatever the data (level 1 looks the same in every
heatmap): white to navy for decay, pink to dark red only where there is growth
(the last two growth levels share the darkest red). They are colours of the
xterm 256-colour cube, so the terminal shows exactly the plot file's colours.

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
# One colour per level, light to dark: xterm colours 231 189 153 117 75 33 26 25 18 17 and 224 217 210 203 196
# 160 124 88 52 52, so a 256-colour terminal draws them unchanged.
BLUES = ("#ffffff", "#d7d7ff", "#afd7ff", "#87d7ff", "#5fafff", "#0087ff", "#005fd7", "#005faf", "#000087", "#00005f")
REDS = ("#ffd7d7", "#ffafaf", "#ff8787", "#ff5f5f", "#ff0000", "#d70000", "#af0000", "#870000", "#5f0000", "#5f0000")
DARK = 5  # from this level on, text on the colour is white


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


def colour(value: float, scale: Scale) -> tuple[str, bool]:
    """The level's fixed colour, and whether it is dark (white text on it)."""
    side, i = level(value, scale.step)
    return (BLUES if side == "decay" else REDS)[i], i >= DARK


def level_index(value: float, scale: Scale) -> int:
    """The value's level counted from the deepest decay the scale holds (0) up through growth: a plot's bins."""
    side, i = level(value, scale.step)
    return scale.down - i if side == "decay" else scale.down + 1 + i


def boundaries(scale: Scale) -> list[float]:
    """Level edges from the deepest decay to the highest growth, for a plot's colour bar (level_index k lies
    between edges k and k + 1, the upper edge included)."""
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
