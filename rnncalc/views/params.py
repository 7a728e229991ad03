"""`rnncalc params` as a Report: the tensors, the formula, the other conventions, the costs, an answer checked."""

from typing import Any

from ..counting.cells import CELLS
from ..counting.network import Comparison, Description
from ..counting.params import ParamCount, Unavailable
from ..guard import human_bytes
from ..output.report import Column, Report, Table, Text, quiet_lines, ratio_text, shape_text, thousands

SHOWN_LAYERS = 3  # a deeper stack shows its first layers and one line for the rest

TENSOR_CSV = (
    Column("cell", "Cell"),
    Column("convention", "Convention"),
    Column("hidden", "n"),
    Column("input_size", "m"),
    Column("output_size", "k"),
    Column("tensor", "Tensor"),
    Column("shape", "Shape"),
    Column("count", "Params"),
    Column("formula", "Formula"),
    Column("role", "Role"),
)
TENSORS = (
    Column("tensor", "Tensor"),
    Column("shape", "Shape", shape_text, missing=""),
    Column("formula", "Formula", missing=""),
    Column("count", "Params", thousands, "right"),
)
CONVENTIONS = (
    Column("convention", "Convention"),
    Column("bias", "Counts", lambda b: "with biases" if b else "weights only"),
    Column("total", "Params", thousands, "right", missing="n/a"),
    Column("delta", "Δ vs this", lambda d: f"{d:+,}", "right", missing=""),
    Column("without_output", "Without output layer", thousands, "right", missing=""),
)
BIAS_RULES = {  # how each convention stores biases, for the sentence that explains a difference
    "textbook": "the textbook formula counts weights (--bias adds one vector per block: per gate in a gated cell)",
    "pytorch": "PyTorch keeps two per block (bias_ih and bias_hh)",
    "keras": "Keras one (a GRU with reset_after two)",
}
CELL_TABLE = (
    Column("cell", "Cell"),
    Column("title", "Name", optional=2),
    Column("total", "Params", thousands, "right", missing="n/a"),
    Column("ratio_to_rnn", "× RNN", ratio_text, "right", missing=""),
    Column("formula", "Formula", missing="", wrap=True),
    Column("macs_per_step", "MACs/step", thousands, "right", missing="", optional=1),
    Column("reason", "Reason", missing="", optional=3),
)


def _config(r: ParamCount) -> dict:
    keys = ("cell", "convention", "hidden", "input_size", "output_size", "layers", "bidirectional", "proj", "bias")
    return {k: getattr(r, k) for k in keys} | {"reset_after": r.reset_after}


def sizes_text(r: ParamCount) -> str:
    parts = [f"n={r.hidden:,}", f"m={r.input_size:,}", f"k={r.output_size:,}"] + [f"p={r.proj:,}"] * bool(r.proj)
    return ", ".join(parts + [f"L={r.layers}", f"D={r.directions}"])


def bias_text(r: ParamCount) -> str:
    return "with biases" if r.bias else "weights only"


def count_report(r: ParamCount) -> Report:
    """A count alone (what `count_params` returns): its tensors and its formula, as `rnncalc params` begins."""
    tensor_rows = _tensor_rows(r)
    return Report(
        _count_data(r, tensor_rows), _tensor_csv(r, tensor_rows), _count_sections(r, tensor_rows), str(r.total)
    )


def _tensor_rows(r: ParamCount) -> list[dict[str, Any]]:
    return [
        {"tensor": t.name, "shape": t.shape, "count": t.count, "formula": t.formula, "role": t.role, "layer": t.layer}
        for t in r.tensors
    ]


def _count_data(r: ParamCount, tensor_rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        **_config(r),
        "total": r.total,
        "weights": r.weights,
        "biases": r.biases,
        "formula": r.formula,
        "substituted": r.substituted,
        "tensors": [
            {
                "name": t["tensor"],
                "shape": list(t["shape"]),
                "count": t["count"],
                "formula": t["formula"],
                "role": t["role"],
            }
            for t in tensor_rows
        ],
    }


def _tensor_csv(r: ParamCount, tensor_rows: list[dict[str, Any]]) -> Table:
    fixed = {k: getattr(r, k) for k in ("cell", "convention", "hidden", "input_size", "output_size")}
    return Table("", TENSOR_CSV, [fixed | t | {"shape": "x".join(map(str, t["shape"]))} for t in tensor_rows])


def _count_sections(r: ParamCount, tensor_rows: list[dict[str, Any]]) -> list[Table | Text]:
    return [_tensor_table(r, tensor_rows), Text(_formula(r))]


def params_report(d: Description) -> Report:
    r, cost = d.count, d.costs
    tensor_rows = _tensor_rows(r)
    data = {
        **_count_data(r, tensor_rows),
        "conventions": {
            c: {"total": x.total, "bias": x.bias} | _without(d, c)
            if isinstance(x, ParamCount)
            else {"total": None, "reason": x.reason}
            for c, x in d.conventions.items()
        },
        "costs": cost._asdict() | {"saved": list(cost.saved)},
    }
    sections = [*_count_sections(r, tensor_rows), _conventions(d), _cost_table(r, cost)]
    if d.expectation is not None:
        from .expect import expect_data, expect_sections

        data |= expect_data(d.expectation)
        sections += expect_sections(d.expectation)
    return Report(data, _tensor_csv(r, tensor_rows), sections, str(r.total))


def _without(d: Description, convention: str) -> dict:
    return {} if d.without_output is None else {"total_without_output": d.without_output[convention]}


def _tensor_table(r: ParamCount, rows: list[dict]) -> Table:
    shown = [t for t in rows if t["layer"] is None or t["layer"] < SHOWN_LAYERS - 1]
    if r.layers > SHOWN_LAYERS:  # the layers above the second all read D·n inputs: identical
        like = [t for t in rows if t["layer"] == 1]
        each = sum(t["count"] for t in like)
        hidden_layers = r.layers - (SHOWN_LAYERS - 1)
        shown.insert(
            len([t for t in shown if t["layer"] is not None]),
            {
                "tensor": f"… layers {SHOWN_LAYERS - 1}–{r.layers - 1}",
                "shape": None,
                "formula": f"{hidden_layers:,} × layer 1",
                "count": hidden_layers * each,
            },
        )
    else:
        shown = rows
    title = f"{CELLS[r.cell].title} · {r.convention} convention · {bias_text(r)} · {sizes_text(r)}"
    return Table(title, TENSORS, shown + [{"tensor": "total", "count": r.total}])


def _formula(r: ParamCount) -> str:
    return f"Params = {r.formula}\n       = {r.substituted}\n       = {thousands(r.total)}"


def _conventions(d: Description) -> Table:
    r = d.count
    columns = (
        CONVENTIONS if d.without_output is not None else tuple(c for c in CONVENTIONS if c.key != "without_output")
    )
    rows: list[dict[str, Any]] = []
    for convention, x in d.conventions.items():
        if isinstance(x, Unavailable):
            rows.append({"convention": convention, "reason": x.reason})
        else:
            rows.append(
                {"convention": convention, "bias": x.bias, "total": x.total, "delta": x.total - r.total}
                | ({} if d.without_output is None else {"without_output": d.without_output[convention]})
            )
    missing = tuple(f"n/a under {row['convention']}: {row['reason']}." for row in rows if row.get("reason"))
    notes = (*missing, *why_they_differ(d))
    title = "The same network under each convention" + ("" if d.bias_given else " (each with its own bias default)")
    return Table(title, columns, rows, notes=notes)


def why_they_differ(d: Description) -> tuple[str, ...]:
    """The sentence on the conventions that count this network (none when only one does: the n/a notes say why)."""
    counted = {c: x for c, x in d.conventions.items() if isinstance(x, ParamCount)}
    if len(counted) == 1:
        return ()
    if len({x.total for x in counted.values()}) == 1:
        return ("All conventions that have this network agree: here they count the same tensors.",)
    if len({x.weights for x in counted.values()}) == 1:
        weights = next(iter(counted.values())).weights
        biases = ", ".join(f"{c} {thousands(x.biases)}" for c, x in counted.items())
        rules = [BIAS_RULES[c] for c in counted]
        k = d.count.output_size
        biased = k and any(x.bias for x in counted.values())
        head = f"; an output layer with biases adds k = {k:,} more" if biased else ""
        return (
            f"Why they differ: bias vectors only. All count the same {thousands(weights)} weights; "
            f"biases: {biases}. " + _sentence(", ".join(rules[:-1]) + " and " + rules[-1] + head),
        )
    return ("The conventions count different weights here (see each convention's tensors with --convention).",)


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:] + "."


def _cost_table(r: ParamCount, c) -> Table:
    per = f"T={c.seq_len:,}, batch {c.batch:,}, {c.dtype}"
    both = " of both directions" if r.bidirectional else ""
    head = ", and the output layer at every step" if r.output_size else ""
    rows = [
        {
            "quantity": "Params",
            "value": thousands(r.total),
            "note": "shared by all time steps: the same for any --seq-len",
        },
        {
            "quantity": "MACs/step",
            "value": thousands(c.macs_per_step),
            "note": f"one multiply-accumulate per weight-matrix entry of every layer{both}{head}",
        },
        {
            "quantity": "MACs/sequence",
            "value": thousands(c.macs_per_sequence),
            "note": f"MACs/step × T, for one sequence (T={c.seq_len:,})",
        },
        {
            "quantity": "Param memory",
            "value": human_bytes(c.param_bytes),
            "note": f"{thousands(c.param_bytes)} bytes in {c.dtype}",
        },
        {
            "quantity": "BPTT activations",
            "value": human_bytes(c.activation_bytes),
            "note": f"kept for the backward pass: x, and {', '.join(c.saved)} of every layer and direction per step"
            + (", and y" if r.output_size else "")
            + f"; grows with T × batch ({per})",
        },
    ]
    columns = (
        Column("quantity", "Quantity"),
        Column("value", "Value", align="right"),
        Column("note", "Note", wrap=True),
    )
    return Table("What the sequence changes (and what it does not)", columns, rows)


def cells_report(c: Comparison) -> Report:
    rows = [
        {
            "cell": row.cell,
            "title": row.title,
            "total": row.count.total if row.count else None,
            "ratio_to_rnn": row.ratio_to_rnn,
            "formula": row.count.formula if row.count else None,
            "macs_per_step": row.macs_per_step,
            "reason": row.reason,
        }
        for row in c.rows
    ]
    config = {k: v for k, v in _config(c.sizes).items() if k not in ("cell", "reset_after")}
    data = {**config, "seq_len": c.seq_len, "cells": rows}
    table = Table(
        f"Every cell · {c.convention} convention · {bias_text(c.sizes)} · {sizes_text(c.sizes)}",
        CELL_TABLE,
        rows,
        notes=_unavailable_note(rows, c.convention),
    )
    shown = table._replace(columns=tuple(col for col in CELL_TABLE if col.key != "reason"))
    return Report(data, table, [shown], quiet_lines(table, "cell", "total"))


def _unavailable_note(rows: list[dict], convention: str) -> tuple[str, ...]:
    missing = [r["cell"] for r in rows if r.get("reason")]
    if not missing:
        return ()
    reasons = list(dict.fromkeys(r["reason"] for r in rows if r.get("reason")))
    return (f"n/a ({', '.join(missing)}) under the {convention} convention: " + "; ".join(reasons) + ".",)
