"""`--expect N` as sections and JSON: the verdict, and the readings of the question that give N."""

from __future__ import annotations

from ..counting.expect import Check, Reading
from ..output.report import Text, thousands


def _row(r: Reading) -> dict:
    return {
        "description": r.description,
        "changes": r.changes,
        "convention": r.count.convention,
        "total": r.total,
        "formula": r.formula,
        "left_out": list(r.left_out),
    }


def expect_data(check: Check) -> dict:
    return {
        "expected": check.expected,
        "match": check.match,
        "readings": [_row(r) | {"changes": list(r.changes)} for r in check.readings],
        "nearest": [
            _row(n.reading)
            | {"changes": list(n.reading.changes), "difference": n.difference, "explanation": n.explanation}
            for n in check.nearest
        ],
        "other_sizes": check.other_sizes,
    }


def expect_sections(check: Check) -> list:
    asked = check.asked
    if check.match:
        verdict = f"✓ {thousands(check.expected)} is this network's count under the {asked.convention} convention."
    else:
        verdict = (
            f"✗ {thousands(check.expected)} is not this network's count under the {asked.convention} convention "
            f"({thousands(asked.total)})."
        )
    sections: list = [Text(verdict, "heading")]
    if check.readings:
        sections.append(
            Text(f"Readings of the same question that give exactly {thousands(check.expected)}, fewest changes first:")
        )
        sections += [Text(_reading(r)) for r in check.readings]
    elif check.nearest:
        sections.append(Text(f"No reading of the question gives exactly {thousands(check.expected)}. The nearest:"))
        sections += [Text(_reading(n.reading) + f"\n  {n.explanation}") for n in check.nearest]
    if check.other_sizes:
        sizes = " or ".join(check.other_sizes)
        sections.append(
            Text(
                f"{thousands(check.expected)} is also the course formula's count at {sizes} (the other sizes as "
                "asked): if the question did not state that size, check which it meant.",
                "note",
            )
        )
    return sections


def _reading(r: Reading) -> str:
    changes = f"\n  changed from the question: {', '.join(r.changes)}" if r.changes else ""
    return f"• {r.description}{changes}\n  {r.formula} = {thousands(r.total)}"
