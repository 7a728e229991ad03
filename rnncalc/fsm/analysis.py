"""Everything `rnncalc fsm` prints, in one call: the machine, the network, its threshold, the checks, the search,
the classified strings, and what the network costs beside an RNN and an LSTM of its size; and the guard's estimate
of that call's time and memory."""

from __future__ import annotations

import math
from typing import Any, Callable, NamedTuple

import numpy as np

from ..choices import MAX_EXHAUSTIVE_LENGTH, MAX_RANDOM, MAX_STRENGTH, MAX_STRING, RANDOM_STRINGS
from ..errors import InvalidArgument, check_bool, check_float, check_int, shown
from ..guard import Cost
from ..guard import check as within
from ..notebook import shows_as_table
from ..simulation.config import MAX_SEED
from .checks import Checks, check, default_length, gathered, run
from .construction import Structure, construct, structure, threshold
from .dfa import DFA, minimal_states
from .search import BRACKET, FULL, LARGE, SHORT, search_with_checks


class Classified(NamedTuple):
    string: str
    dfa: bool
    network: bool
    response: float  # S_0 after the last symbol


class Size(NamedTuple):
    """What the network costs, at hidden size N = n + 1 (n states and the response) and m input symbols."""

    neurons: int  # N = n + 1
    programmed: int  # nonzero weights
    tensor: int  # the full N² × m tensor
    params: int  # the second-order RNN's exact count at this size, biases included
    rnn: int  # an Elman RNN with the same hidden size and inputs
    lstm: int  # an LSTM with the same hidden size and inputs
    formulas: dict[str, str]  # params, rnn, lstm: count_params's formulas, in N (the hidden size here)


@shows_as_table
class Analysis(NamedTuple):
    dfa: DFA
    minimal: int  # states of the minimal DFA for the language
    structure: Structure
    strength: float
    threshold: float  # H₀
    empirical: float | None  # the smallest strength passing the checks (None: not searched)
    checks: Checks
    results: list[Classified]
    size: Size  # the network's size beside an RNN's and an LSTM's
    trace: tuple[str, np.ndarray]  # a string (the first classified, a failing one, or random) and S(t) along it


def default_strength(h0: float) -> float:
    """A strength safely above H₀: ⌈H₀⌉ + 1."""
    return float(math.ceil(h0) + 1)


# Seconds per unit of the checks' work, measured on a 2-core machine (benchmarks/guard.py checks them, with
# margin): per time step of a pass (the Python loop), per string-step (the DFA's own states, masks),
# per strength × string-step (the network's step, plus n² multiply-adds), per exhaustive string and symbol held.
PER_STEP = 4e-5
PER_STRING_STEP = 3e-7
PER_ROW_STEP = 1e-7
PER_MAC = 1.5e-10  # a small machine (checks.gathered): one product under every symbol (PER_ROW_STEP pays)
PER_CODE = 3e-8
PER_SYMBOL = 3e-5  # a classified string, one symbol at a time
PER_MAC_ONE = 3e-9
PER_ROUTE = 2e-8  # a larger one's step follows the transitions: per row and neuron (measured 1e-8)


TRACE_BYTES = 64  # a traced activation: the array's float, and the Python float and list slot the view holds


def trace_cells(dfa: DFA, strings: list) -> int:
    """Activations the report holds for its trace: (symbols + 1) × neurons along the first classified string
    (else a failing or random one of at most 48 + 8 symbols)."""
    return (max(56, len(strings[0]) if strings else 0) + 1) * (len(dfa.states) + 1)


def cost_of(
    dfa: DFA, length: int | None = None, random: int = RANDOM_STRINGS, search: bool = True, classify=()
) -> Cost:
    """Seconds and bytes of the checks at one strength, of the search's passes (one at the upper strength,
    two rounds of 32 strengths on strings cut to 1,000 symbols, up to two of 33 on the full protocol), and of
    the classified strings, run one symbol at a time. `length` None: the default. Names the argument to lower."""
    default = default_length(dfa)
    length = default if length is None else check_int("length", length, 0, MAX_EXHAUSTIVE_LENGTH)
    check_int("random", random, 0, MAX_RANDOM)
    if isinstance(classify, (str, bytes)) or not isinstance(classify, (list, tuple)):  # "0110" is one string
        raise InvalidArgument("classify", f"give a list of strings, got {shown(classify)}")
    strings_read = [dfa.symbols(text) for text in classify]
    if any(len(s) > MAX_STRING for s in strings_read):
        raise InvalidArgument("classify", f"strings of at most {MAX_STRING:,} symbols")
    n, m = len(dfa.states) + 1, len(dfa.alphabet)
    strings = sum(m**k for k in range(length + 1))

    def one_pass(strengths: int, longest: int) -> float:
        string_steps = random * longest / 2 + strings
        rows = strengths * string_steps
        return (
            (longest + length) * PER_STEP
            + string_steps * PER_STRING_STEP
            + rows * (PER_ROW_STEP + (m * n * n * PER_MAC if gathered(n, m) else n * PER_ROUTE))
            + strings * length * PER_CODE * strengths
        )

    large = n >= LARGE  # bisection: about 12 passes of one strength; else about 4 of BRACKET
    bracket = [(1, SHORT)] * 12 if large else [(BRACKET, SHORT)] * 4
    full = [(1, MAX_STRING), (2, MAX_STRING)] if large else [(FULL, MAX_STRING), (FULL + 1, MAX_STRING)]
    passes = [(1, MAX_STRING)] + (bracket + full if search else [])
    symbols = sum(map(len, strings_read)) + max([48, *map(len, strings_read)])  # classified, and the trace
    seconds = sum(one_pass(h, longest) for h, longest in passes) + symbols * (PER_SYMBOL + n * n * PER_MAC_ONE)
    widest = (FULL + 1 if large else BRACKET) if search else 1
    memory = (
        3 * 8 * random * MAX_STRING  # the random strings' symbols: drawn, then sorted longest first (a copy)
        + 8 * 2 * widest * (random + strings * m) * n  # activities and a copy, per strength
        + 8 * 2 * strings * m * (length + 1)  # the exhaustive strings' symbols
        + TRACE_BYTES * trace_cells(dfa, strings_read)  # the activations along the traced string, and their view
        + 2**25  # NumPy and the interpreter's own
    )
    culprit = "length" if length > default else "classify" if len(strings_read) > random else "random"
    return Cost(seconds, int(memory), culprit, "random")


def analyse_machine(
    dfa: DFA,
    strength: float | None = None,
    *,
    length: int | None = None,
    random: int = RANDOM_STRINGS,
    seed: int = 0,
    classify=(),
    search: bool = True,
    limits=None,
    progress: Callable[[float], None] | None = None,
) -> Analysis:
    """Everything `rnncalc fsm` prints: the machine, the network, the threshold, the checks, the cost.
    `progress` is called with the fraction done."""
    from ..counting.params import count_params

    if not isinstance(dfa, DFA):
        raise InvalidArgument("dfa", f"give a DFA, e.g. rnncalc.load_machine('tomita4'), got {shown(dfa)}")
    check_bool("search", search)
    if progress is not None and not callable(progress):
        raise InvalidArgument("progress", f"give a function of the fraction done, got {shown(progress)}")

    report = progress or (lambda _: None)
    h0 = threshold(dfa)
    strength = default_strength(h0) if strength is None else check_float("strength", strength, 0, MAX_STRENGTH)
    length = default_length(dfa) if length is None else check_int("length", length, 0, MAX_EXHAUSTIVE_LENGTH)
    check_int("random", random, 0, MAX_RANDOM)
    check_int("seed", seed, 0, MAX_SEED)
    within(cost_of(dfa, length, random, search, classify), limits)
    strings = [dfa.symbols(text) for text in classify]
    upper = max(strength, h0) * 1.5
    empirical, checks = None, None
    if search:  # the strength's own checks ride along with the search's first full pass
        empirical, checks = search_with_checks(
            dfa, upper, length, random, seed, lambda f: report(0.8 * f), also=strength
        )
    if checks is None:
        checks = check(dfa, [strength], length, random, seed)[0]
    report(1.0)
    net = construct(dfa, strength)
    results = []
    for text, symbols in zip(classify, strings):
        response = float(run(net, symbols)[-1][0])
        results.append(Classified(text, dfa.accepts(symbols), response > 0.5, response))
    if strings:
        along = strings[0]
    elif checks.failure:
        along = checks.failure.string[: checks.failure.step + 8]
    else:
        along = tuple(np.random.default_rng(seed).choice(dfa.alphabet, 48))
    separator = "" if all(len(a) == 1 for a in dfa.alphabet) else " "
    trace = (separator.join(along), run(net, along))
    n, m = len(dfa.states) + 1, len(dfa.alphabet)
    sizes: dict[str, Any] = dict(hidden=n, input_size=m, bias=True)
    counts = {key: count_params(cell, **sizes) for key, cell in (("params", "second-order"), ("rnn", "rnn"),
                                                                  ("lstm", "lstm"))}  # fmt: skip
    size = Size(
        neurons=n,
        programmed=int(np.count_nonzero(net.weights)),
        tensor=n * n * m,
        **{key: c.total for key, c in counts.items()},
        formulas={key: c.formula.replace("n", "N") for key, c in counts.items()},  # N: n states + the response
    )
    return Analysis(dfa, minimal_states(dfa), structure(dfa), strength, h0, empirical, checks, results, size, trace)
