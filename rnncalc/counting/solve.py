"""The inverse of `params`: the largest hidden size whose exact count fits a budget.

Pure integer arithmetic, no NumPy. The count grows strictly with the hidden
size n (every tensor has an n-sized axis), so the answer is found by exact
integer bisection on the exact count: count(n) ≤ budget < count(n + 1), never
off by one, whatever the polynomial's degree (a stacked second-order RNN's is 3).
"""

from typing import Any, NamedTuple

from ..errors import InvalidArgument, check_int
from ..numbers import MAX_BUDGET
from .cells import CELL_NAMES
from .params import (
    LAYOUT_CELL,
    MAX_SIZE,
    ParamCount,
    Unavailable,
    availability,
    check_reset_after,
    count_params,
    count_polynomial,
    takes_layout,
)
from .workload import macs_per_step


class Solution(NamedTuple):
    budget: int
    hidden: int
    result: ParamCount  # the exact count at `hidden`
    next_total: int  # the count at hidden + 1, which no longer fits
    macs_per_step: int

    @property
    def slack(self) -> int:
        return self.budget - self.result.total


def solve_hidden(
    budget: int,
    cell: str,
    input_size: int,
    output_size: int = 0,
    *,
    layers: int = 1,
    bidirectional: bool = False,
    proj: int = 0,
    bias: bool | None = None,
    convention: str = "textbook",
    reset_after: bool | None = None,
) -> Solution:
    """The largest hidden size n with count(n) ≤ budget (and its count), for fixed other sizes.

    Takes the options of :func:`rnncalc.count_params`; a projection stays fixed
    and n stays above it.

    >>> solve_hidden(100_000, "gru", 28, 10).hidden  # 3n² + 94n: 99,365 at 167, 100,464 at 168
    167
    """
    check_int("budget", budget, 1, MAX_BUDGET)
    check_int("proj", proj, 0, MAX_SIZE - 1)  # named here: the smallest hidden size is proj + 1
    options: dict[str, Any] = dict(
        layers=layers, bidirectional=bidirectional, proj=proj, bias=bias, convention=convention, reset_after=reset_after
    )
    total = count_polynomial(cell, input_size, output_size, **options)
    lowest = proj + 1  # a projection must stay smaller than the hidden size
    if total(lowest) > budget:
        raise InvalidArgument(
            "budget", f"{budget:,} is below the smallest {cell} here (hidden {lowest}: {total(lowest):,} parameters)"
        )
    if total(MAX_SIZE + 1) <= budget:
        raise InvalidArgument("budget", f"{budget:,} fits more than {MAX_SIZE:,} hidden units; rnncalc stops there")
    lo, hi = lowest, MAX_SIZE + 1  # invariant: count(lo) ≤ budget < count(hi); the polynomial holds past the limit
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if total(mid) <= budget else (lo, mid)
    result = count_params(cell, lo, input_size, output_size, **options)
    return Solution(budget, lo, result, total(lo + 1), macs_per_step(result))


def solve_every_cell(
    budget: int,
    input_size: int,
    output_size: int = 0,
    *,
    convention: str = "textbook",
    layers: int = 1,
    bidirectional: bool = False,
    proj: int = 0,
    bias: bool | None = None,
    reset_after: bool | None = None,
) -> dict[str, Solution | Unavailable]:
    """Every cell at the same budget (the classic matched-budget comparison), or why it has no answer.

    ``reset_after`` reaches the Keras GRU alone.

    >>> {c: s.hidden for c, s in solve_every_cell(100_000, 28, 10).items()}["lstm"]  # 4n² + 122n: 99,242 at 143
    143
    """
    check_int("budget", budget, 1, MAX_BUDGET)
    options: dict[str, Any] = dict(layers=layers, bidirectional=bidirectional, proj=proj, bias=bias)
    if reset_after is not None:
        check_reset_after(reset_after, LAYOUT_CELL, convention)
    out: dict[str, Solution | Unavailable] = {}
    for cell in CELL_NAMES:
        reason = availability(cell, convention, proj)
        if reason:
            out[cell] = Unavailable(reason)
            continue
        layout: dict[str, Any] = {"reset_after": reset_after} if takes_layout(cell, convention) else {}
        try:
            out[cell] = solve_hidden(budget, cell, input_size, output_size, convention=convention, **options, **layout)
        except InvalidArgument as e:
            if e.name != "budget":  # a bad size or option: wrong for every cell alike
                raise
            out[cell] = Unavailable(e.message)
    return out


class HiddenCheck(NamedTuple):
    expected: int  # the hidden size given as the answer
    match: bool
    params: int | None  # the count at that hidden size (None: not a valid size here)


def check_hidden(expected: int, solution: Solution) -> HiddenCheck:
    """Whether `expected` is the solution's hidden size, with the count the same network would have there."""
    check_int("expected", expected, 0, MAX_SIZE)
    r = solution.result
    shape: dict[str, Any] = dict(
        layers=r.layers, bidirectional=r.bidirectional, proj=r.proj, bias=r.bias, convention=r.convention
    )
    layout: dict[str, Any] = {"reset_after": r.reset_after} if r.reset_after is not None else {}
    valid = expected > r.proj and expected >= 1
    params = count_params(r.cell, expected, r.input_size, r.output_size, **shape, **layout).total if valid else None
    return HiddenCheck(expected, expected == solution.hidden, params)
