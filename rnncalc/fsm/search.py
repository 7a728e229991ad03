"""The smallest strength at which the network passes one fixed, stated check set: a bracket, then consecutive
grid strengths (passing is monotone in the strength, as the construction's stability is)."""

from __future__ import annotations

import math
from typing import Callable

from ..choices import MAX_STRING, RANDOM_STRINGS
from .checks import Checks, check
from .dfa import DFA

GRID = 0.01  # the strengths the search tries: multiples of 0.01
BRACKET = 16  # strengths per pass while bracketing (cheap passes) a small network, where a pass's own loop costs most
LARGE = 64  # neurons from which the strengths' products cost most: bracketing then bisects, one strength a pass
FULL = 4  # strengths per full pass: the cheap bound is almost always the answer
SHORT = 1000  # symbols of each random string run while bracketing: a subset of the full check


def smallest_working(
    dfa: DFA,
    upper: float,
    length: int | None = None,
    random: int = RANDOM_STRINGS,
    seed: int = 0,
    progress: Callable[[float], None] | None = None,
) -> float | None:
    """The smallest multiple of 0.01, up to `upper`, at which one fixed check set passes: every string up to
    `length` and the same `random` random strings (seeded); None if none does. Passing is taken to be
    monotone in the strength, as the construction's is.

    A strength that fails a subset of the checks fails them all, so bracketing runs the cheap subset (the
    random strings' first SHORT symbols), BRACKET strengths at a time, to the first grid strength that passes
    it: a lower bound. From there the full checks run on consecutive grid strengths, FULL at a time (one for a
    large network), until one passes; after a miss, `upper` rides along, and if it fails nothing passes.
    """
    return search_with_checks(dfa, upper, length, random, seed, progress)[0]


def _passes(c: Checks) -> bool:
    return c.failure is None and c.agree == c.total


def search_with_checks(dfa: DFA, upper: float, length, random: int, seed: int, progress, also: float | None = None):
    """smallest_working, and the full checks at `also` (the command's own strength), run in the search's
    first full pass rather than a pass of their own (None: not asked)."""
    report = progress or (lambda _: None)
    grid_top = math.floor(upper / GRID + 1e-9)
    extra: list[Checks] = []

    def passing(steps: list[int], longest: int) -> list[bool]:
        strengths = [k * GRID for k in steps]
        riding = also is not None and not extra and longest == MAX_STRING
        found = check(dfa, strengths + ([also] if riding else []), length, random, seed, longest)
        if riding:
            extra.append(found.pop())
        return [_passes(c) for c in found]

    lo, hi = 0, grid_top  # fails (0 never passes: every unit sits at ½), may pass
    per_pass = 1 if len(dfa.states) + 1 >= LARGE else BRACKET
    while hi - lo > 1:  # the cheap subset: its first pass is a lower bound of the full check's
        steps = sorted({lo + round((hi - lo) * (j + 1) / (per_pass + 1)) for j in range(per_pass)} - {lo, hi})
        verdicts = passing(steps, SHORT)
        first = next((s for s, ok in zip(steps, verdicts) if ok), hi)
        lo, hi = max([lo, *(s for s, ok in zip(steps, verdicts) if not ok and s < first)]), first
        report(0.3)
    start, last, batch = hi, grid_top, 1 if per_pass == 1 else FULL
    while start <= last:  # the bound almost always passes: the top of the grid rides along only after a miss
        steps = list(range(start, min(start + batch, last + 1)))
        top = [last] if start > hi and steps[-1] != last else []
        verdicts = passing(steps + top, MAX_STRING)
        if True in verdicts[: len(steps)]:
            return round(steps[verdicts.index(True)] * GRID, 2), next(iter(extra), None)
        if top and not verdicts[-1]:
            return None, next(iter(extra), None)  # not even the top of the grid passes
        start = steps[-1] + 1
        report(0.6)
    return None, next(iter(extra), None)
