"""One network described completely, and every cell side by side: what `rnncalc params` prints.

:func:`describe` gives the count under the chosen convention, the same network
under every convention (and without its output layer, the second most common
reason two answers differ), what the sequence changes (compute and memory),
and, given an expected answer, the readings of the question that produce it.
:func:`compare_cells` gives every cell at the same sizes.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import check_int
from ..notebook import shows_as_table
from .cells import CELLS
from .params import ParamCount, Unavailable, compare_conventions, count_params, every_cell
from .workload import Costs, costs

if TYPE_CHECKING:
    from .expect import Check


@shows_as_table
@dataclass(frozen=True)
class Description:
    count: ParamCount
    conventions: dict[str, ParamCount | Unavailable]
    without_output: dict[str, int | None] | None  # each convention's count without the output layer (k > 0)
    costs: Costs
    bias_given: bool  # the bias option was set explicitly (each convention's own default otherwise)
    expectation: "Check | None"  # when an answer was given


def describe(
    cell: str,
    hidden: int,
    input_size: int,
    output_size: int = 0,
    *,
    seq_len: int = 100,
    batch: int = 1,
    dtype: str = "float32",
    expect: int | None = None,
    layers: int = 1,
    bidirectional: bool = False,
    proj: int = 0,
    bias: bool | None = None,
    convention: str = "textbook",
    reset_after: bool | None = None,
) -> Description:
    """Everything `rnncalc params` prints for one cell; the options as in :func:`rnncalc.count_params`.

    >>> d = describe("rnn", 128, 28, 10)
    >>> d.count.total, d.without_output["pytorch"]
    (21248, 20224)
    """
    same: dict[str, Any] = dict(layers=layers, bidirectional=bidirectional, proj=proj, bias=bias)
    count = count_params(cell, hidden, input_size, output_size, convention=convention, reset_after=reset_after, **same)
    same["reset_after"] = reset_after  # each convention's own bias default; reset_after reaches Keras alone
    conventions = compare_conventions(cell, hidden, input_size, output_size, **same)
    without = None
    if output_size:
        headless = compare_conventions(cell, hidden, input_size, 0, **same)
        without = {c: r.total if isinstance(r, ParamCount) else None for c, r in headless.items()}
    expectation = None
    if expect is not None:
        from .expect import check_answer

        check_int("expect", expect, 0, 10**40)  # named as the caller typed it (check_answer says `expected`)
        expectation = check_answer(expect, count)
    return Description(
        count=count,
        conventions=conventions,
        without_output=without,
        costs=costs(count, seq_len, batch, dtype),
        bias_given=bias is not None,
        expectation=expectation,
    )


@dataclass(frozen=True)
class CellRow:
    cell: str
    title: str
    count: ParamCount | None
    ratio_to_rnn: float | None
    macs_per_step: int | None
    reason: str | None  # why the convention has no such cell


@shows_as_table
class Comparison(NamedTuple):
    convention: str
    sizes: ParamCount  # any counted row: the shared sizes and options
    seq_len: int
    rows: list[CellRow]


def compare_cells(
    hidden: int,
    input_size: int,
    output_size: int = 0,
    *,
    convention: str = "textbook",
    seq_len: int = 100,
    batch: int = 1,
    dtype: str = "float32",
    layers: int = 1,
    bidirectional: bool = False,
    proj: int = 0,
    bias: bool | None = None,
    reset_after: bool | None = None,
) -> Comparison:
    """Every cell at the same sizes under one convention, with its ratio to the Elman RNN (None where absent).

    >>> [(r.cell, r.ratio_to_rnn) for r in compare_cells(64, 64).rows][:3]
    [('rnn', 1.0), ('lstm', 4.0), ('gru', 3.0)]
    """
    counted = every_cell(
        hidden,
        input_size,
        output_size,
        convention=convention,
        layers=layers,
        bidirectional=bidirectional,
        proj=proj,
        bias=bias,
        reset_after=reset_after,
    )
    base = counted["rnn"].total if isinstance(counted["rnn"], ParamCount) else None
    rows = []
    for cell, r in counted.items():
        if isinstance(r, Unavailable):
            rows.append(CellRow(cell, CELLS[cell].title, None, None, None, r.reason))
        else:
            ratio = round(r.total / base, 4) if base else None
            rows.append(CellRow(cell, CELLS[cell].title, r, ratio, costs(r, seq_len, batch, dtype).macs_per_step, None))
    sizes = next(r.count for r in rows if r.count is not None)
    return Comparison(convention, sizes, seq_len, rows)
