"""Each command's result as a Report: tables and text for people, data for scripts."""


def unavailable_note(rows: list[dict], convention: str) -> list[str]:
    """One line for every n/a row, instead of the same reason in each (JSON keeps each reason)."""
    missing = [r["cell"] for r in rows if r.get("reason")]
    if not missing:
        return []
    return [
        f"n/a ({', '.join(missing)}): not available under --convention {convention} "
        f"(see --format json for why); the textbook convention has every cell."
    ]
