"""`rnncalc params` as a Report: the tensors, the formula, the other conventions, the costs."""

from __future__ import annotations

from typing import NamedTuple

from ..cells import CELLS
from ..errors import InvalidArgument
from ..params import DTYPE_BYTES, MAX_SIZE, ParamCount, compare_conventions, count_params
from ..report import Report, Section, human_bytes, shape_text, thousands
from . import unavailable_note


class Workload(NamedTuple):
    """What grows with the data rather than the model."""

    seq_len: int = 100
    batch: int = 1
    dtype: str = "float32"

    def validate(self) -> None:
        for name, value in (("seq_len", self.seq_len), ("batch", self.batch)):
            if not 1 <= value <= MAX_SIZE:
                raise InvalidArgument(name, f"must be from 1 to {MAX_SIZE:,}, got {value}")
        if self.dtype not in DTYPE_BYTES:
            raise InvalidArgument("dtype", f"choose from {', '.join(DTYPE_BYTES)}")


def costs(result: ParamCount, work: Workload) -> dict:
    """Compute and memory: the parameters are shared over time, the activations are not."""
    size = DTYPE_BYTES[work.dtype]
    return {
        "seq_len": work.seq_len,
        "batch": work.batch,
        "dtype": work.dtype,
        "macs_per_step": result.macs_per_step,
        "macs_per_sequence": result.macs_per_step * work.seq_len,
        "param_bytes": result.total * size,
        "activation_bytes": result.stored_floats_per_step * work.seq_len * work.batch * size,
    }


def _sizes_text(r: ParamCount) -> str:
    parts = [f"n={r.hidden:,}", f"m={r.input_size:,}", f"k={r.output_size:,}"]
    if r.proj:
        parts.append(f"p={r.proj:,}")
    parts += [f"L={r.layers}", f"D={2 if r.bidirectional else 1}"]
    return ", ".join(parts)


def _bias_text(r: ParamCount) -> str:
    return "with biases" if r.bias else "weights only"


def _config(r: ParamCount) -> dict:
    return {
        "cell": r.cell,
        "convention": r.convention,
        "hidden": r.hidden,
        "input_size": r.input_size,
        "output_size": r.output_size,
        "layers": r.layers,
        "bidirectional": r.bidirectional,
        "proj": r.proj,
        "bias": r.bias,
        "reset_after": r.reset_after,
    }


def _why_they_differ(others: dict[str, ParamCount | str]) -> str:
    counted = {c: r for c, r in others.items() if isinstance(r, ParamCount)}
    weights = {r.weights for r in counted.values()}
    if len({r.total for r in counted.values()}) <= 1:
        return "All conventions agree here."
    if len(weights) == 1:
        biases = ", ".join(f"{c} {thousands(r.biases)}" for c, r in counted.items())
        return (
            f"Why they differ: bias vectors only. All count the same {thousands(weights.pop())} weights; "
            f"biases: {biases}. The textbook formula counts weights (--bias adds one vector per gate block), "
            "PyTorch keeps two per block (bias_ih and bias_hh), Keras one (a GRU with reset_after two)."
        )
    return "The conventions count different weights here (see each convention's tensors)."


def params_report(result: ParamCount, others: dict[str, ParamCount | str], work: Workload) -> Report:
    cost = costs(result, work)
    data = {
        **_config(result),
        "total": result.total,
        "weights": result.weights,
        "biases": result.biases,
        "formula": result.formula,
        "substituted": result.substituted,
        "tensors": [
            {"name": t.name, "shape": list(t.shape), "count": t.count, "formula": t.formula, "role": t.role}
            for t in result.tensors
        ],
        "conventions": {
            c: {"total": r.total, "bias": r.bias} if isinstance(r, ParamCount) else {"total": None, "reason": r}
            for c, r in others.items()
        },
        "costs": cost,
    }
    config = [result.cell, result.convention, result.hidden, result.input_size, result.output_size]
    rows = [[*config, t.name, "x".join(map(str, t.shape)), t.count, t.formula, t.role] for t in result.tensors]
    columns = [
        "cell",
        "convention",
        "hidden",
        "input_size",
        "output_size",
        "tensor",
        "shape",
        "count",
        "formula",
        "role",
    ]

    tensor_rows = [[t.name, shape_text(t.shape), t.formula, thousands(t.count)] for t in result.tensors]
    tensor_rows.append(["total", "", "", thousands(result.total)])
    tensors = Section(
        f"{CELLS[result.cell].title} · {result.convention} convention · {_bias_text(result)} · {_sizes_text(result)}",
        ["Tensor", "Shape", "Formula", "Params"],
        tensor_rows,
        numeric=(3,),
    )
    formula = f"Params = {result.formula}\n       = {result.substituted}\n       = {thousands(result.total)}"

    convention_rows = [
        [c, _bias_text(r), thousands(r.total), f"{r.total - result.total:+,}"]
        if isinstance(r, ParamCount)
        else [c, "—", "n/a", r]
        for c, r in others.items()
    ]
    conventions = Section(
        "The same network under each convention (each with its own bias default)",
        ["Convention", "Counts", "Params", "Δ vs this"],
        convention_rows,
        notes=[_why_they_differ(others)],
        numeric=(2,),
    )
    per_seq = f"T={work.seq_len:,}, batch {work.batch:,}, {work.dtype}"
    cost_rows = [
        ["Params", thousands(result.total), "shared by all time steps: the same for any --seq-len"],
        [
            "MACs/step",
            thousands(cost["macs_per_step"]),
            "one multiply-accumulate per weight-matrix entry, per direction",
        ],
        ["MACs/sequence", thousands(cost["macs_per_sequence"]), f"MACs/step × T ({per_seq})"],
        ["Param memory", human_bytes(cost["param_bytes"]), f"{thousands(cost['param_bytes'])} bytes"],
        [
            "BPTT activations",
            human_bytes(cost["activation_bytes"]),
            f"states and gate values kept for backprop: grows with T × batch ({per_seq})",
        ],
    ]
    cost_section = Section(
        "What sequence length changes (and what it does not)", ["Quantity", "Value", "Note"], cost_rows, numeric=(1,)
    )
    return Report(data, columns, rows, str(result.total), [tensors, formula, conventions, cost_section])


def all_cells_report(convention: str, work: Workload, **shape) -> Report:
    """Every cell at the same sizes under one convention, with its ratio to the Elman RNN."""
    results: dict[str, ParamCount | str] = {}
    reset_after = shape.pop("reset_after", None)
    if reset_after is not None and convention != "keras":
        raise InvalidArgument("reset_after", "applies only to cell gru with convention keras")
    for cell in CELLS:
        try:
            gru_layout = {"reset_after": reset_after} if cell == "gru" else {}  # the Keras GRU's alone
            results[cell] = count_params(cell, convention=convention, **shape, **gru_layout)
        except InvalidArgument as e:
            if e.name not in ("cell", "proj"):
                raise
            results[cell] = e.message
    base = results.get("rnn")
    base_total = base.total if isinstance(base, ParamCount) else None

    def ratio(r: ParamCount) -> float | None:
        return round(r.total / base_total, 4) if base_total else None

    cells = []
    for cell, r in results.items():
        if isinstance(r, ParamCount):
            cells.append(
                {
                    "cell": cell,
                    "title": CELLS[cell].title,
                    "total": r.total,
                    "ratio_to_rnn": ratio(r),
                    "formula": r.formula,
                    "macs_per_step": r.macs_per_step,
                    "reason": None,
                }
            )
        else:
            cells.append(
                {
                    "cell": cell,
                    "title": CELLS[cell].title,
                    "total": None,
                    "ratio_to_rnn": None,
                    "formula": None,
                    "macs_per_step": None,
                    "reason": r,
                }
            )
    first = next((r for r in results.values() if isinstance(r, ParamCount)), None)
    config = _config(first) if first else {"convention": convention}
    config.pop("cell", None)
    config.pop("reset_after", None)
    data = {**config, "seq_len": work.seq_len, "cells": cells}
    columns = ["cell", "title", "total", "ratio_to_rnn", "formula", "macs_per_step", "reason"]
    rows = [[c[k] for k in columns] for c in cells]
    table_rows = [
        [
            c["cell"],
            c["title"],
            thousands(c["total"]),
            f"{c['ratio_to_rnn']:.2f}×" if c["ratio_to_rnn"] else "",
            c["formula"],
            thousands(c["macs_per_step"]),
        ]
        if c["total"] is not None
        else [c["cell"], c["title"], "n/a", "", "", ""]
        for c in cells
    ]
    title = f"Every cell · {convention} convention" + (
        f" · {_bias_text(first)} · {_sizes_text(first)}" if first else ""
    )
    section = Section(
        title,
        ["Cell", "Name", "Params", "× RNN", "Formula", "MACs/step"],
        table_rows,
        notes=unavailable_note(cells, convention),
        numeric=(2, 3, 5),
    )
    headline = "\n".join(f"{c['cell']}\t{'' if c['total'] is None else c['total']}" for c in cells)
    return Report(data, columns, rows, headline, [section])


def params_for_cli(cell: str, work: Workload, **options) -> Report:
    work.validate()
    if cell == "all":
        return all_cells_report(work=work, **options)
    convention = options.pop("convention")
    result = count_params(cell, convention=convention, **options)
    sizes = {k: options.pop(k) for k in ("hidden", "input_size", "output_size")}
    others = compare_conventions(cell, sizes["hidden"], sizes["input_size"], sizes["output_size"], **options)
    return params_report(result, others, work)
