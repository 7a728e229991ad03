"""`rnncalc params --from CODE` as a Report: every module, the recurrent layers linked to rnncalc's analysis,
the total, and an answer checked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..counting.cells import CELLS
from ..counting.modelreport import FRAMEWORK_TITLE, ModelCheck, ModelReport
from ..guard import human_bytes
from ..output.report import Column, Report, Table, Text, thousands

if TYPE_CHECKING:
    from ..weights.infer import FileModel

MODULES = (
    Column("path", "Module"),
    Column("type", "Type", missing="", optional=2),
    Column("output", "Output", missing="", optional=1),
    Column("params", "Params", thousands, "right"),
)
MODULES_CSV = (
    Column("path", "path"),
    Column("type", "type"),
    Column("output", "output", missing=""),
    Column("params", "params"),
    Column("line", "line"),
    Column("depth", "depth"),
)
RECURRENT = (
    Column("path", "Layer"),
    Column("sizes", "Cell and sizes", wrap=True),
    Column("params", "Params", thousands, "right"),
    Column("textbook", "Course formula", thousands, "right", missing="n/a", optional=2),
    Column("other", "Other framework", missing="n/a", optional=3),
    Column("bptt", "BPTT memory", human_bytes, "right", optional=1),
)
TENSORS = (
    Column("name", "Tensor"),
    Column("shape", "Shape", lambda s: " × ".join(f"{d:,}" for d in s) or "scalar"),
    Column("dtype", "Dtype", optional=1),
    Column("params", "Numbers", thousands, "right"),
)
FILE_RULE = {
    "pytorch": "each tensor in the file once, buffers left out (the notes say which): "
    "sum(p.numel() for p in model.parameters())",
    "keras": "every weight in the file (model.count_params(), non-trainable weights included)",
}
TOTAL_RULE = {
    "pytorch": "sum(p.numel() for p in model.parameters()): each parameter once",
    "keras": "model.count_params(): each layer once, however often it is applied",
}


def model_report(r: ModelReport, held: FileModel | None = None) -> Report:
    """The model's report; `held`: the weight file it was read from (its tensors, and what was read from them)."""
    m = r.model
    rows = [row._asdict() for row in m.modules]
    data = {
        "framework": m.framework,
        "model": m.name,
        "total": m.total,
        "modules": [{k: row[k] for k in ("path", "type", "output", "params", "line", "depth")} for row in rows],
        "recurrent": [_layer_data(layer) for layer in r.layers],
        "notes": list(m.notes),
    }
    kind = FRAMEWORK_TITLE[m.framework] + (" weights" if held else "")
    title = f"{m.name} · {kind} · {thousands(m.total)} parameters"
    shown = [row | {"path": "  " * row["depth"] + row["path"]} for row in rows]
    rule = FILE_RULE if held else TOTAL_RULE
    table = Table(
        title,
        MODULES,
        shown + [{"path": "total", "params": m.total}],
        notes=(f"Total: {rule[m.framework]}.", *m.notes),
    )
    sections: list = [table]
    if held is not None:
        tensors = [{"name": t.name, "shape": list(t.shape), "dtype": t.dtype, "params": t.count} for t in held.tensors]
        data["file"] = {"format": held.format, "numbers": held.file_total, "tensors": tensors}
        if not held.recognised:
            sections.append(Table(f"Tensors in {m.name}", TENSORS, tensors))
    if r.layers:
        sections += [_recurrent_table(r), Text(_next_steps(r), "note")]
    if r.check is not None:
        data |= _check_data(r.check)
        sections += _check_sections(r.check, m.framework)
    return Report(data, Table("", MODULES_CSV, rows), sections, str(m.total))


def _layer_data(layer) -> dict:
    net = layer.network
    return {
        "path": layer.path,
        **{k: net.get(k) for k in ("cell", "hidden", "input_size", "layers", "bidirectional", "proj", "bias")},
        "reset_after": net.get("reset_after"),
        "params": layer.params,
        "conventions": layer.conventions,
        "bptt_activation_bytes": layer.bptt_bytes,
        "gradflow": layer.gradflow,
        "tensors": layer.tensors,
    }


def _sizes(net: dict) -> str:
    parts = [f"{CELLS[net['cell']].title}", f"n={net['hidden']:,}", f"m={net['input_size']:,}"]
    if net.get("proj"):
        parts.append(f"p={net['proj']:,}")
    if net.get("layers", 1) > 1:
        parts.append(f"L={net['layers']}")
    if net.get("bidirectional"):
        parts.append("bidirectional")
    return ", ".join(parts)


def _recurrent_table(r: ModelReport) -> Table:
    framework = r.model.framework
    other = "keras" if framework == "pytorch" else "pytorch"
    rows = []
    for layer in r.layers:
        count = layer.conventions.get(other)
        rows.append(
            {
                "path": layer.path,
                "sizes": _sizes(layer.network),
                "params": layer.params,
                "textbook": layer.conventions.get("textbook"),
                "other": None if count is None else f"{FRAMEWORK_TITLE[other]} {thousands(count)}",
                "bptt": layer.bptt_bytes,
            }
        )
    notes = (
        f"Params as {FRAMEWORK_TITLE[framework]} counts them; the course formula counts weights only "
        f"(n² + nm per gate block), and the frameworks store biases differently.",
    )
    bptt = (
        f"BPTT memory: the activations kept for the backward pass over T={r.seq_len:,} steps, batch "
        f"{r.batch:,}, {r.dtype} (--seq-len, --batch, --dtype)."
    )
    columns = tuple(c._replace(legend=bptt) if c.key == "bptt" else c for c in RECURRENT)  # said while it is shown
    return Table("Recurrent layers", columns, rows, notes=notes)


def _next_steps(r: ModelReport) -> str:
    lines = ["More on each recurrent layer:"]
    for layer in r.layers:
        lines += [f"  {layer.path}, tensor by tensor:", f"    {layer.tensors}"]
        lines += [f"  {layer.path}, its gradient through time:", f"    {layer.gradflow}"]
    return "\n".join(lines)


def _check_data(c: ModelCheck) -> dict:
    return {
        "expected": c.expected,
        "match": c.match,
        "readings": [{"description": x.description, "total": x.total} for x in c.readings],
        "nearest": [{"description": x.description, "total": x.total, "difference": d} for x, d in c.nearest],
    }


def _check_sections(c: ModelCheck, framework: str) -> list:
    title = FRAMEWORK_TITLE[framework]
    if c.match:
        return [Text(f"✓ {thousands(c.expected)} is this model's count in {title}.", "heading")]
    sections = [
        Text(f"✗ {thousands(c.expected)} is not this model's count in {title} ({thousands(c.total)}).", "heading")
    ]
    if c.readings:
        sections.append(Text(f"Readings that give exactly {thousands(c.expected)}, fewest changes first:"))
        sections += [Text(f"• {x.description}: {thousands(x.total)}") for x in c.readings[:5]]
    elif c.nearest:
        sections.append(Text(f"No reading gives exactly {thousands(c.expected)}. The nearest:"))
        sections += [Text(f"• {x.description}: {thousands(x.total)} (off by {d:+,})") for x, d in c.nearest]
    return sections
