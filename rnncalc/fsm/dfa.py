"""Deterministic finite automata: the built-in machines, DFA files checked completely, and their runs. No NumPy.

A DFA file is JSON::

    {"alphabet": ["a", "b"], "states": ["q0", "q1"], "start": "q0", "accept": ["q1"],
     "delta": {"q0": {"a": "q1", "b": "q0"}, "q1": {"a": "q0", "b": "q1"}}}

Every state × symbol has exactly one target; names are distinct non-empty
strings; at most MAX_STATES states and MAX_SYMBOLS symbols. A string to
classify is written symbol by symbol ("0110") when every symbol is one
character, else with the symbols separated by spaces ("ab ba ab").
"""

from __future__ import annotations

from typing import Any, NamedTuple

from ..errors import InvalidArgument, printable, shown

MAX_STATES = 300
MAX_SYMBOLS = 16
MAX_FILE_BYTES = 2**20


class DFA(NamedTuple):
    name: str
    definition: str
    alphabet: tuple[str, ...]
    states: tuple[str, ...]
    start: str
    accept: frozenset[str]
    delta: dict[tuple[str, str], str]

    def run(self, symbols) -> str:
        """The state after reading `symbols` from the start."""
        state = self.start
        for symbol in symbols:
            state = self.delta[(state, symbol)]
        return state

    def accepts(self, symbols) -> bool:
        return self.run(symbols) in self.accept

    def symbols(self, text: str) -> tuple[str, ...]:
        """A string as symbols: character by character, or space-separated for longer symbols."""
        if not isinstance(text, str):
            raise InvalidArgument("classify", f"expected a string, got {shown(text)}")
        single = all(len(a) == 1 for a in self.alphabet)
        pieces = tuple(text) if single else tuple(text.split())
        for piece in pieces:
            if piece not in self.alphabet:
                raise InvalidArgument(
                    "classify",
                    f"{shown(piece)} in {shown(text)} is not a symbol of {self.name} ({', '.join(self.alphabet)})",
                )
        return pieces


def _machine(name: str, definition: str, table: dict, start, accept, alphabet=("0", "1")) -> DFA:
    states = tuple(str(s) for s in table)
    delta = {(str(s), a): str(t) for s, targets in table.items() for a, t in zip(alphabet, targets)}
    return DFA(name, definition, tuple(alphabet), states, str(start), frozenset(str(a) for a in accept), delta)


# The seven Tomita (1982) grammars over {0, 1}, the classic benchmark of second-order RNN work,
# as minimal complete DFAs (a dead state D where a string can no longer be accepted).
BUILTINS: dict[str, DFA] = {
    m.name: m
    for m in (
        _machine("tomita1", "1*: no 0 at all", {"A": ("D", "A"), "D": ("D", "D")}, "A", ["A"]),
        _machine("tomita2", "(10)*: 10 repeated", {"A": ("D", "B"), "B": ("A", "D"), "D": ("D", "D")}, "A", ["A"]),
        _machine(
            "tomita3",
            "no odd-length block of 1s immediately followed by an odd-length block of 0s",
            {"e": ("e", "o"), "o": ("z", "e"), "z": ("y", "D"), "y": ("z", "o"), "D": ("D", "D")},
            "e",
            ["e", "o", "y"],
        ),
        _machine(
            "tomita4",
            "no 000 anywhere",
            {"q0": ("q1", "q0"), "q1": ("q2", "q0"), "q2": ("D", "q0"), "D": ("D", "D")},  # qk: k trailing 0s
            "q0",
            ["q0", "q1", "q2"],
        ),
        _machine(
            "tomita5",
            "an even number of 0s and an even number of 1s",
            {"ee": ("oe", "eo"), "oe": ("ee", "oo"), "eo": ("oo", "ee"), "oo": ("eo", "oe")},
            "ee",
            ["ee"],
        ),
        _machine(
            "tomita6",
            "(number of 0s − number of 1s) divisible by 3",
            {f"q{d}": (f"q{(d + 1) % 3}", f"q{(d - 1) % 3}") for d in range(3)},  # qd: #0 − #1 ≡ d (mod 3)
            "q0",
            ["q0"],
        ),
        _machine(
            "tomita7",
            "0*1*0*1*: at most two blocks of 1s, in that pattern",
            {"a": ("a", "b"), "b": ("c", "b"), "c": ("c", "d"), "d": ("D", "d"), "D": ("D", "D")},
            "a",
            ["a", "b", "c", "d"],
        ),
        _machine("parity", "an odd number of 1s", {"even": ("even", "odd"), "odd": ("odd", "even")}, "even", ["odd"]),
        _machine(
            "mod3",
            "a binary number (most significant bit first) divisible by 3; the empty string is 0",
            {f"r{r}": (f"r{(2 * r) % 3}", f"r{(2 * r + 1) % 3}") for r in range(3)},  # rk: the number so far ≡ k
            "r0",
            ["r0"],
        ),
    )
}


def _unique_keys(pairs: list) -> dict:
    """A JSON object whose keys are all different: a key given twice is an error, not "the last one wins"."""
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"the key {shown(key)} appears twice in one object")
        seen[key] = value
    return seen


def from_json(text: str, name: str = "file") -> DFA:
    """A DFA from its JSON text, checked completely; the first problem found is the error."""
    try:
        import json  # here: the command line reads the built-ins at start-up, and only a file needs json

        data = json.loads(text, object_pairs_hook=_unique_keys)
    except (ValueError, RecursionError) as e:
        raise InvalidArgument("machine", f"{name} is not JSON: {e}") from None
    if not isinstance(data, dict):
        raise InvalidArgument("machine", f"{name}: expected an object with alphabet, states, start, accept, delta")
    missing = [k for k in ("alphabet", "states", "start", "accept", "delta") if k not in data]
    if missing:
        raise InvalidArgument("machine", f"{name}: missing {', '.join(missing)}")
    extra = sorted(set(data) - {"alphabet", "states", "start", "accept", "delta", "name", "definition"})
    if extra:
        raise InvalidArgument("machine", f"{name}: unknown key {shown(extra[0])}")
    alphabet = _names(name, "alphabet", data["alphabet"], MAX_SYMBOLS)
    if any(len(a) > 1 for a in alphabet) and (
        spaced := next((a for a in alphabet if any(c.isspace() for c in a)), None)
    ):
        raise InvalidArgument(
            "machine",
            f"{name}: the symbol {shown(spaced)} holds a space, but symbols longer than one character are written "
            "space-separated in strings",
        )
    states = _names(name, "states", data["states"], MAX_STATES)
    if len(alphabet) > 1 and any(len(a) > 1 for a in alphabet) and any(" " in a for a in alphabet):
        raise InvalidArgument("machine", f"{name}: a symbol longer than one character cannot contain a space")
    start = data["start"]
    if start not in states:
        raise InvalidArgument("machine", f"{name}: start {shown(start)} is not one of the states")
    accept = data["accept"]
    if not isinstance(accept, list) or any(a not in states for a in accept):
        bad = next((a for a in accept if a not in states), accept) if isinstance(accept, list) else accept
        raise InvalidArgument("machine", f"{name}: accept must list states; {shown(bad)} is not one")
    delta = data["delta"]
    if not isinstance(delta, dict):
        raise InvalidArgument("machine", f"{name}: delta must map each state to {{symbol: next state}}")
    table = {}
    for state in states:
        row = delta.get(state)
        if not isinstance(row, dict):
            raise InvalidArgument("machine", f"{name}: delta has no transitions for state {shown(state)}")
        for symbol in alphabet:
            if symbol not in row:
                raise InvalidArgument(
                    "machine", f"{name}: delta[{shown(state)}] has no target for symbol {shown(symbol)}"
                )
            if row[symbol] not in states:
                raise InvalidArgument(
                    "machine", f"{name}: delta[{shown(state)}][{shown(symbol)}] = {shown(row[symbol])} is not a state"
                )
            table[(state, symbol)] = row[symbol]
        unknown = sorted(set(row) - set(alphabet), key=str)
        if unknown:
            raise InvalidArgument(
                "machine", f"{name}: delta[{shown(state)}] has a symbol not in the alphabet: {shown(unknown[0])}"
            )
    strays = sorted(set(delta) - set(states), key=str)
    if strays:
        raise InvalidArgument("machine", f"{name}: delta has a state not in states: {shown(strays[0])}")
    label, definition = data.get("name", name), data.get("definition", "a DFA from a file")
    for key, value in (("name", label), ("definition", definition)):
        if not isinstance(value, str):
            raise InvalidArgument("machine", f"{printable(name)}: {key} must be a string, got {shown(value)}")
    # shown in tables, titles and messages: escaped and bounded, never a terminal's instruction
    return DFA(printable(label, 80), printable(definition, 200), alphabet, states, start, frozenset(accept), table)


def _names(name: str, key: str, value, limit: int) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise InvalidArgument("machine", f"{name}: {key} must be a non-empty list")
    if len(value) > limit:
        raise InvalidArgument("machine", f"{name}: {len(value):,} {key}; at most {limit}")
    for item in value:
        if not isinstance(item, str) or not item:
            raise InvalidArgument("machine", f"{name}: {key} must be non-empty strings, got {shown(item)}")
        if not item.isprintable() or item != item.strip():  # no control characters for a terminal to obey
            raise InvalidArgument("machine", f"{name}: {key} must be printable, without edge spaces; {shown(item)}")
    if len(set(value)) != len(value):
        repeated = next(v for v in value if value.count(v) > 1)
        raise InvalidArgument("machine", f"{name}: {shown(repeated)} appears twice in {key}")
    return tuple(value)


def load_machine(machine: str) -> DFA:
    """A built-in machine by name, or a DFA file (its path)."""
    if not isinstance(machine, str) or not machine:
        raise InvalidArgument(
            "machine", f"name a machine ({', '.join(BUILTINS)}) or a .json file, got {shown(machine)}"
        )
    if machine in BUILTINS:
        return BUILTINS[machine]
    if not machine.lower().endswith(".json"):
        raise InvalidArgument(
            "machine", f"unknown machine {shown(machine)}; choose {', '.join(BUILTINS)}, or a .json DFA file"
        )
    return load_file(machine)


def load_file(path: str) -> DFA:
    """A DFA file: a regular file (never a device or a pipe, which could be endless or block), at most 1 MiB."""
    import os
    import stat

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise InvalidArgument("machine", f"{shown(path)} is not a regular file")
        with open(path, "rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        raise InvalidArgument("machine", f"cannot read {shown(path)}: {e.strerror or e}") from None
    if len(data) > MAX_FILE_BYTES:
        raise InvalidArgument("machine", f"{shown(path)} is larger than {MAX_FILE_BYTES // 2**20} MiB")
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark, as some editors write, is not part of the JSON
    except UnicodeDecodeError:
        raise InvalidArgument("machine", f"{shown(path)} is not UTF-8 text") from None
    return from_json(text, printable(os.path.basename(path), 80))


def minimal_states(dfa: DFA) -> int:
    """States of the minimal complete DFA for the same language (Moore's partition refinement, reachable part)."""
    reachable, frontier = {dfa.start}, [dfa.start]
    while frontier:
        state = frontier.pop()
        for symbol in dfa.alphabet:
            target = dfa.delta[(state, symbol)]
            if target not in reachable:
                reachable.add(target)
                frontier.append(target)
    block = {s: s in dfa.accept for s in reachable}
    while True:
        signature = {s: (block[s], *(block[dfa.delta[(s, a)]] for a in dfa.alphabet)) for s in reachable}
        renamed = {sig: i for i, sig in enumerate(dict.fromkeys(signature.values()))}
        refined: dict[str, Any] = {s: renamed[signature[s]] for s in reachable}
        if len(set(refined.values())) == len(set(block.values())):
            return len(set(refined.values()))
        block = refined
