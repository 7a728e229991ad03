"""The inverse of `params`: the largest hidden size whose exact count fits a budget.

Pure integer arithmetic, no NumPy. The count grows strictly with the hidden
size n (every tensor has an n-sized axis), so the answer is found by exact
integer bisection on the exact counter: count(n) ≤ budget < count(n + 1),
never off by one, whatever the polynomial's degree (a stacked second-order
RNN's is 3).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from .errors import InvalidArgument
from .params import MAX_SIZE, ParamCount, count_params

_SUFFIXES = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9, "b": 10**9, "t": 10**12}
MAX_BUDGET = 10**30


class Solution(NamedTuple):
    budget: int
    hidden: int
    result: ParamCount  # the exact count at `hidden`
    next_total: int  # the count at hidden + 1, which no longer fits

    @property
    def slack(self) -> int:
        return self.budget - self.result.total


def parse_budget(text: str) -> int:
    """'100000', '1e5', '100k', '1.5M', '2G' (k = 10³, M = 10⁶, G or B = 10⁹, T = 10¹²) → an exact integer."""
    match = re.fullmatch(
        r"\s*((?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?)\s*([kKmMgGbBtT]?)\s*", text or ""
    )
    if not match:
        raise InvalidArgument(
            "budget",
            f"write a number of parameters, optionally with k, M, G or T (e.g. 100000, 1e5, 100k, 1.5M), got {text!r}",
        )
    try:
        value = Decimal(match.group(1)) * _SUFFIXES[match.group(2).lower()]
    except InvalidOperation:
        raise InvalidArgument("budget", f"not a number: {text!r}") from None
    if value != value.to_integral_value():
        raise InvalidArgument("budget", f"{text!r} is {value.normalize():f} parameters, not a whole number")
    if not 1 <= value <= MAX_BUDGET:
        raise InvalidArgument("budget", f"must be from 1 to 10^30 parameters, got {text!r}")
    return int(value)


def solve_hidden(budget: int, cell: str, input_size: int, output_size: int = 0, **options) -> Solution:
    """The largest hidden size n with count(n) ≤ budget (and its count), for fixed other sizes.

    >>> solve_hidden(100_000, "gru", 28, 10).hidden  # 3n² + 94n: 99,365 at 167, 100,464 at 168
    167
    """

    def total(n: int) -> int:
        return count_params(cell, n, input_size, output_size, **options).total

    lowest = options.get("proj", 0) + 1  # a projection must stay smaller than the hidden size
    smallest = total(lowest)
    if smallest > budget:
        raise InvalidArgument(
            "budget", f"{budget:,} is below the smallest {cell} here (hidden {lowest}: {smallest:,} parameters)"
        )
    lo, hi = lowest, lowest + 1  # count(lo) fits; grow hi until it does not
    while hi <= MAX_SIZE and total(hi) <= budget:
        lo, hi = hi, 2 * hi
    hi = min(hi, MAX_SIZE + 1)
    while hi - lo > 1:  # invariant: count(lo) ≤ budget < count(hi), or hi past MAX_SIZE
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if total(mid) <= budget else (lo, mid)
    if lo == MAX_SIZE:
        raise InvalidArgument("budget", f"fits more than {MAX_SIZE:,} hidden units; rnncalc stops there")
    result = count_params(cell, lo, input_size, output_size, **options)
    return Solution(budget, lo, result, total(lo + 1))
