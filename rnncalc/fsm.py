"""A second-order RNN that is a finite-state machine: built from a DFA, proved stable, and checked.

The construction (Omlin & Giles, "Constructing deterministic finite-state
automata in recurrent neural networks", J. ACM 43(6), 1996; "Stable encoding of
large finite-state automata in recurrent neural networks with sigmoid
discriminants", Neural Computation 8(4), 1996), exactly as implemented here:

    neurons     S_0, the response neuron, and S_1..S_n, one per DFA state q_1..q_n
    input       I_k(t) = 1 for the symbol a_k read at step t, else 0 (one-hot)
    update      S_i(t+1) = g(b_i + Σ_jk W_ijk S_j(t) I_k(t)),  g(x) = 1/(1 + e^−x)
    weights     W_ijk = +H  where δ(q_j, a_k) = q_i            (the target switches on)
                W_jjk = −H  where δ(q_j, a_k) ≠ q_j            (the source switches off)
                W_0jk = +H  where δ(q_j, a_k) is accepting, −H where it is not
                every other W_ijk = 0;  every bias b_i = −H/2 (S_0's too)
    start       S(0) = (1 if the start state accepts else 0; 1 on the start state's neuron, 0 elsewhere)
    decision    the string is accepted iff S_0 > 0.5 after its last symbol (the empty string: S_0(0))

Stability. While the network tracks the DFA, every "off" neuron lies below a
bound L and the "on" one above U. An off neuron's input is at most
H·(r·L − ½), r the largest number of states that one symbol sends to the same
state (the per-symbol fan-in); a neuron switching on gets at least H·(U − L − ½)
(its own −H self-term, at most L). Iterating from L = 0, U = 1, the bounds
settle at φ⁻, the smallest fixed point of x ↦ g(H(r·x − ½)), and φ⁺, the
largest of y ↦ g(H(y − φ⁻ − ½)); the response neuron is right when
φ⁺ − m_rej·φ⁻ > ½ and m_acc·φ⁻ − φ⁺ < ½ (m_rej, m_acc: the most states one
symbol sends to a rejecting, an accepting state). When all hold (and φ⁺ > φ⁻ + ½),
the network classifies strings of any length exactly as the DFA: H₀ is the
smallest such H, found by bisection (every condition only gets easier as H grows).
This worst-case fixed-point analysis follows the papers' method; the formulas
above are this implementation's own statement of it.
"""

from __future__ import annotations

import math
from typing import Callable, NamedTuple

import numpy as np

from .choices import EXHAUSTIVE, MAX_EXHAUSTIVE_LENGTH, MAX_RANDOM, MAX_STRENGTH, MAX_STRING, RANDOM_STRINGS
from .config import MAX_SEED
from .dfa import DFA
from .errors import InvalidArgument, check_float, check_int, shown
from .guard import Cost as Budget
from .guard import check as within


class Network(NamedTuple):
    dfa: DFA
    strength: float  # H
    weights: np.ndarray  # (n+1, n+1, m): W_ijk / H, entries −1, 0, +1; index 0 the response neuron
    start: np.ndarray  # S(0)

    @property
    def neurons(self) -> int:
        return len(self.start)


def construct(dfa: DFA, strength: float) -> Network:
    """The second-order network that runs `dfa` at weight strength H (see the module docstring)."""
    check_float("strength", strength, 0, MAX_STRENGTH)
    index = {q: i + 1 for i, q in enumerate(dfa.states)}
    w = np.zeros((len(index) + 1, len(index) + 1, len(dfa.alphabet)))
    for (q, symbol), target in dfa.delta.items():
        j, k, i = index[q], dfa.alphabet.index(symbol), index[target]
        w[i, j, k] = 1.0
        if i != j:
            w[j, j, k] = -1.0
        w[0, j, k] = 1.0 if target in dfa.accept else -1.0
    start = np.zeros(len(index) + 1)
    start[0] = 1.0 if dfa.start in dfa.accept else 0.0
    start[index[dfa.start]] = 1.0
    return Network(dfa, float(strength), w, start)


# ---- the stability threshold ------------------------------------------------------------------


class Structure(NamedTuple):
    fan_in: int  # r: the most states one symbol sends to the same state
    to_rejecting: int  # m_rej: the most states one symbol sends to rejecting states
    to_accepting: int  # m_acc


def structure(dfa: DFA) -> Structure:
    fan_in = max(
        sum(1 for q in dfa.states if dfa.delta[(q, a)] == target) for a in dfa.alphabet for target in dfa.states
    )
    rejecting = max(sum(1 for q in dfa.states if dfa.delta[(q, a)] not in dfa.accept) for a in dfa.alphabet)
    accepting = max(sum(1 for q in dfa.states if dfa.delta[(q, a)] in dfa.accept) for a in dfa.alphabet)
    return Structure(fan_in, rejecting, accepting)


def _g(x: float) -> float:
    return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))


def _smallest_root(f, lo: float, hi: float) -> float:
    """A root of f (f(lo) > 0 ≥ f(hi)) by bisection."""
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if f(mid) > 0 else (lo, mid)
    return (lo + hi) / 2


def fixed_points(strength: float, fan_in: int) -> tuple[float | None, float | None]:
    """(φ⁻, φ⁺), None where that fixed point does not exist at this strength."""
    h, r = strength, fan_in
    if r * h <= 4:  # x ↦ g(H(r·x − ½)) is then too flat to have a low fixed point apart from the high one
        return None, None
    q = (1 - math.sqrt(1 - 4 / (r * h))) / 2  # where the map's slope is 1
    x_q = (0.5 + math.log(q / (1 - q)) / h) / r
    if x_q < 0 or q > x_q:
        return None, None
    low = _smallest_root(lambda x: _g(h * (r * x - 0.5)) - x, 0.0, x_q)
    if h <= 4:
        return low, None
    p = (1 - math.sqrt(1 - 4 / h)) / 2
    y_p = low + 0.5 + math.log((1 - p) / p) / h
    if (1 - p) < y_p:
        return low, None
    high = 1 - _smallest_root(lambda z: (1 - z) - _g(h * ((1 - z) - low - 0.5)), 0.0, 1 - y_p)
    return low, high


def provably_stable(strength: float, s: Structure) -> bool:
    low, high = fixed_points(strength, s.fan_in)
    if low is None or high is None or high <= low + 0.5:
        return False
    return high - s.to_rejecting * low > 0.5 and s.to_accepting * low - high < 0.5


def threshold(dfa: DFA) -> float:
    """H₀: the smallest strength at which the fixed-point conditions hold (so strings of any length are safe)."""
    s = structure(dfa)
    lo, hi = 0.0, 8.0
    while not provably_stable(hi, s):
        lo, hi = hi, 2 * hi
    for _ in range(100):
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if provably_stable(mid, s) else (mid, hi)
    return hi


# ---- running and checking ---------------------------------------------------------------------


class Failure(NamedTuple):
    string: tuple[str, ...]  # the first string whose classification the network gets wrong
    step: int  # the first step where the network's state leaves the DFA's, on that string
    neuron: str  # which neuron is on the wrong side of 0.5 then ("response", or a state's name)
    value: float  # its activation


class Checks(NamedTuple):
    strength: float
    length: int  # every string up to this length was checked
    exhaustive: int  # how many strings that is
    random: int  # random strings checked
    longest: int  # the longest random string
    agree: int  # strings (of all checked) classified exactly as the DFA does
    failure: Failure | None

    @property
    def total(self) -> int:
        return self.exhaustive + self.random

    @property
    def agreement(self) -> float:
        return self.agree / self.total


def default_length(dfa: DFA) -> int:
    """The longest L whose every string (up to length L) fits in EXHAUSTIVE strings."""
    m, total, length = len(dfa.alphabet), 1, 0
    while total + m ** (length + 1) <= EXHAUSTIVE and length < MAX_EXHAUSTIVE_LENGTH:
        length += 1
        total += m**length
    return length


def _table(dfa: DFA) -> tuple[np.ndarray, np.ndarray]:
    """δ as an (n, m) array of state indices (0-based), and each state's acceptance."""
    index = {q: i for i, q in enumerate(dfa.states)}
    delta = np.array([[index[dfa.delta[(q, a)]] for a in dfa.alphabet] for q in dfa.states])
    return delta, np.array([q in dfa.accept for q in dfa.states])


def _patterns(accepting: np.ndarray) -> np.ndarray:
    """For each DFA state, which neurons should be above 0.5: the response (if it accepts) and its own."""
    n = len(accepting)
    patterns = np.zeros((n, n + 1), dtype=bool)
    patterns[np.arange(n), np.arange(n) + 1] = True
    patterns[:, 0] = accepting
    return patterns


def _deviation(activity: np.ndarray, states: np.ndarray, accepting: np.ndarray) -> np.ndarray:
    """Per (H, string): the first neuron on the wrong side of 0.5 (−1 where none), given the DFA's states."""
    wrong = (activity > 0.5) != _patterns(accepting)[states]
    return np.where(wrong.any(axis=-1), wrong.argmax(axis=-1), -1)


GATHERED = 32  # neurons up to which one product over each string's own W_··k beats a product per symbol


def _step(net: Network, strengths: np.ndarray, activity: np.ndarray, symbols: np.ndarray) -> np.ndarray:
    """One step for every H and string: S ← g(H·(Σ_j W_·jk S_j − ½)) with k each string's symbol."""
    if net.weights.shape[0] <= GATHERED:  # small machines: the per-call overhead is the cost, so one call
        drive = np.einsum("hsj,sij->hsi", activity, net.weights.transpose(2, 0, 1)[symbols]) - 0.5
        return 1 / (1 + np.exp(-strengths[:, None, None] * drive))
    out = np.empty_like(activity)
    for k in range(net.weights.shape[2]):
        chosen = symbols == k
        if chosen.any():
            drive = activity[:, chosen] @ net.weights[:, :, k].T - 0.5
            out[:, chosen] = 1 / (1 + np.exp(-strengths[:, None, None] * drive))
    return out


def check(
    dfa: DFA,
    strengths,
    length: int | None = None,
    random: int = RANDOM_STRINGS,
    seed: int = 0,
    longest: int = MAX_STRING,
) -> list[Checks]:
    """Run the network at each strength on every string up to `length` and on `random` random strings of up
    to MAX_STRING symbols; count agreements with the DFA and find the first failure."""
    strengths = np.atleast_1d(np.asarray(strengths, dtype=float))
    length = default_length(dfa) if length is None else check_int("length", length, 0, MAX_EXHAUSTIVE_LENGTH)
    check_int("random", random, 0, MAX_RANDOM)
    net = construct(dfa, 1.0)
    delta, accepting = _table(dfa)
    with np.errstate(over="ignore"):
        exhaustive = _exhaustive(net, strengths, length, delta, accepting)
        rnd = _random(net, strengths, random, seed, delta, accepting, longest)
    out = []
    for h, (ex_agree, ex_count, ex_fail), (r_agree, r_fail, longest) in zip(strengths, exhaustive, rnd):
        out.append(Checks(float(h), length, ex_count, random, longest, ex_agree + r_agree, ex_fail or r_fail))
    return out


def _exhaustive(net, strengths, length, delta, accepting):
    """Every string up to `length`, level by level: each level extends the last by every symbol."""
    m, count = delta.shape[1], len(strengths)
    activity = np.repeat(net.start[None, None, :], count, axis=0)  # (H, strings, neurons)
    states = np.array([net.dfa.states.index(net.dfa.start)])
    codes = np.zeros((1, 0), dtype=int)
    agree = ((activity[:, :, 0] > 0.5) == accepting[states]).sum(axis=1)
    first = [None] * count
    total = 1
    for _ in range(length):
        symbols = np.repeat(np.arange(m), len(states))
        activity = _step(net, strengths, np.tile(activity, (1, m, 1)), symbols)
        states = delta[np.tile(states, m), symbols]
        codes = np.concatenate([np.tile(codes, (m, 1)), symbols[:, None]], axis=1)
        agree += ((activity[:, :, 0] > 0.5) == accepting[states]).sum(axis=1)
        total += len(states)
        wrong = _deviation(activity, states, accepting)
        for h in range(count):
            if first[h] is None and (wrong[h] >= 0).any():
                s = int(np.argmax(wrong[h] >= 0))
                first[h] = _failure(net, codes[s], activity[h, s], int(wrong[h, s]))
    return [(int(a), total, f) for a, f in zip(agree, first)]


def _random(net, strengths, count, seed, delta, accepting, longest):
    """`count` random strings, lengths uniform in 1..MAX_STRING (the same strings whatever `longest`); the first
    step each leaves the DFA's state. `longest` < MAX_STRING runs only their first `longest` symbols: a subset
    of the full check (a strength that fails it fails the full check), whose answers count for the strings it
    finishes."""
    if count == 0:
        return [(0, None, 0)] * len(strengths)
    rng = np.random.default_rng(seed)
    m = delta.shape[1]
    drawn = rng.integers(1, MAX_STRING + 1, size=count)
    codes = rng.integers(0, m, size=(count, int(drawn.max())))  # drawn whole: the same symbols whatever is run
    lengths = np.minimum(drawn, longest)
    order = np.argsort(-lengths)  # longest first: the strings still running are always a leading block
    lengths, codes = lengths[order], codes[order]
    activity = np.repeat(np.repeat(net.start[None, None, :], count, axis=1), len(strengths), axis=0)
    states = np.full(count, net.dfa.states.index(net.dfa.start))
    patterns = _patterns(accepting)
    answers = np.zeros((len(strengths), count), dtype=bool)
    left = np.full((len(strengths), count), -1)  # the step each string first leaves the DFA's state
    for t in range(int(lengths[0])):
        live = int(np.searchsorted(-lengths, -t, side="left"))  # the strings longer than t
        symbols = codes[:live, t]
        activity[:, :live] = _step(net, strengths, activity[:, :live], symbols)
        states[:live] = delta[states[:live], symbols]
        wrong = ((activity[:, :live] > 0.5) != patterns[states[:live]]).any(axis=-1)
        fresh = wrong & (left[:, :live] < 0)
        if fresh.any():
            left[:, :live][fresh] = t + 1
        ending = lengths[:live] == t + 1
        if ending.any():
            answers[:, :live][:, ending] = activity[:, :live][:, ending, 0] > 0.5
    truth = accepting[states]
    out = []
    for h in range(len(strengths)):
        agree = int((answers[h] == truth).sum())
        bad = np.flatnonzero(left[h] >= 0)
        failure = None
        if len(bad):
            s = bad[np.argmin(left[h, bad])]
            failure = _replay(net, strengths[h], codes[s, : int(lengths[s])], int(left[h, s]))
        out.append((agree, failure, int(lengths[0])))
    return out


def _failure(net: Network, code, activity, neuron: int) -> Failure:
    name = "response" if neuron == 0 else net.dfa.states[neuron - 1]
    return Failure(tuple(net.dfa.alphabet[int(k)] for k in code), len(code), name, float(activity[neuron]))


def _replay(net: Network, strength: float, code, step: int) -> Failure:
    """The failing random string: where it first left the DFA, and which neuron."""
    symbols = tuple(net.dfa.alphabet[int(k)] for k in code)
    trace = run(net._replace(strength=float(strength)), symbols[:step])
    accepting = _table(net.dfa)[1]
    dfa_state = net.dfa.states.index(net.dfa.run(symbols[:step]))
    wrong = _deviation(trace[-1][None, None, :], np.array([dfa_state]), accepting)[0, 0]
    name = "response" if wrong == 0 else net.dfa.states[wrong - 1]
    return Failure(symbols, step, name, float(trace[-1][wrong]))


def run(net: Network, symbols) -> np.ndarray:
    """The activations S(0..T) along a string: (T + 1, neurons)."""
    index = [net.dfa.alphabet.index(a) for a in symbols]
    trace = [net.start]
    with np.errstate(over="ignore"):
        for k in index:
            trace.append(1 / (1 + np.exp(-net.strength * (net.weights[:, :, k] @ trace[-1] - 0.5))))
    return np.array(trace)


GRID = 0.01  # the strengths the search tries: multiples of 0.01
BRACKET = 16  # strengths per pass while bracketing (cheap passes) a small network, where a pass's own loop costs most
LARGE = 64  # neurons from which the strengths' products cost most: bracketing then bisects, one strength a pass
FULL = 4  # strengths per full pass: the cheap bound is almost always the answer
SHORT = 1000  # symbols of each random string run while bracketing: a subset of the full check


def smallest_working(
    dfa: DFA,
    upper: float,
    length: int | None = None,
    random: int = RANDOM_STRINGS,
    seed: int = 0,
    progress: Callable[[float], None] | None = None,
) -> float | None:
    """The smallest multiple of 0.01, up to `upper`, at which one fixed check set passes: every string up to
    `length` and the same `random` random strings (seeded); None if none does. Passing is taken to be
    monotone in the strength, as the construction's is.

    A strength that fails a subset of the checks fails them all, so bracketing runs the cheap subset (the
    random strings' first SHORT symbols), BRACKET strengths at a time, to the first grid strength that passes
    it: a lower bound. From there the full checks run on consecutive grid strengths, FULL at a time (one for a
    large network), until one passes; after a miss, `upper` rides along, and if it fails nothing passes.
    """
    return _search(dfa, upper, length, random, seed, progress)[0]


def _passes(c: Checks) -> bool:
    return c.failure is None and c.agree == c.total


def _search(dfa: DFA, upper: float, length, random: int, seed: int, progress, also: float | None = None):
    """smallest_working, and the full checks at `also` (the command's own strength), run in the search's
    first full pass rather than a pass of their own (None: not asked)."""
    report = progress or (lambda _: None)
    grid_top = math.floor(upper / GRID + 1e-9)
    extra: list[Checks] = []

    def passing(steps: list[int], longest: int) -> list[bool]:
        strengths = [k * GRID for k in steps]
        riding = also is not None and not extra and longest == MAX_STRING
        found = check(dfa, strengths + ([also] if riding else []), length, random, seed, longest)
        if riding:
            extra.append(found.pop())
        return [_passes(c) for c in found]

    lo, hi = 0, grid_top  # fails (0 never passes: every unit sits at ½), may pass
    per_pass = 1 if len(dfa.states) + 1 >= LARGE else BRACKET
    while hi - lo > 1:  # the cheap subset: its first pass is a lower bound of the full check's
        steps = sorted({lo + round((hi - lo) * (j + 1) / (per_pass + 1)) for j in range(per_pass)} - {lo, hi})
        verdicts = passing(steps, SHORT)
        first = next((s for s, ok in zip(steps, verdicts) if ok), hi)
        lo, hi = max([lo, *(s for s, ok in zip(steps, verdicts) if not ok and s < first)]), first
        report(0.3)
    start, last, batch = hi, grid_top, 1 if per_pass == 1 else FULL
    while start <= last:  # the bound almost always passes: the top of the grid rides along only after a miss
        steps = list(range(start, min(start + batch, last + 1)))
        top = [last] if start > hi and steps[-1] != last else []
        verdicts = passing(steps + top, MAX_STRING)
        if True in verdicts[: len(steps)]:
            return round(steps[verdicts.index(True)] * GRID, 2), next(iter(extra), None)
        if top and not verdicts[-1]:
            return None, next(iter(extra), None)  # not even the top of the grid passes
        start = steps[-1] + 1
        report(0.6)
    return None, next(iter(extra), None)


# ---- one command's worth ----------------------------------------------------------------------


class Classified(NamedTuple):
    string: str
    dfa: bool
    network: bool
    response: float  # S_0 after the last symbol


class Cost(NamedTuple):
    """What the network costs, at hidden size N = n + 1 (n states and the response) and m input symbols."""

    neurons: int  # N = n + 1
    programmed: int  # nonzero weights
    tensor: int  # the full N² × m tensor
    params: int  # the second-order RNN's exact count at this size, biases included
    rnn: int  # an Elman RNN with the same hidden size and inputs
    lstm: int  # an LSTM with the same hidden size and inputs
    formulas: dict[str, str]  # params, rnn, lstm: count_params's formulas, in N (the hidden size here)


class Analysis(NamedTuple):
    dfa: DFA
    minimal: int  # states of the minimal DFA for the language
    structure: Structure
    strength: float
    threshold: float  # H₀
    empirical: float | None  # the smallest strength passing the checks (None: not searched)
    checks: Checks
    results: list[Classified]
    cost: Cost
    trace: tuple[str, np.ndarray]  # a string (the first classified, a failing one, or random) and S(t) along it


def default_strength(h0: float) -> float:
    """A strength safely above H₀: ⌈H₀⌉ + 1."""
    return float(math.ceil(h0) + 1)


# Seconds per unit of the checks' work, measured on a 2-core machine (benchmarks/guard.py checks them, with
# margin): per time step of a pass and symbol (the Python loop), per string-step (the DFA's own states, masks),
# per strength × string-step (the network's step, plus n² multiply-adds), per exhaustive string and symbol held.
PER_STEP = 4e-5
PER_STRING_STEP = 3e-7
PER_ROW_STEP = 1e-7
PER_MAC = 1.5e-10  # a BLAS product at n ≈ 300 runs at 0.7e-10; small n are paid for by PER_ROW_STEP
PER_CODE = 3e-8
PER_SYMBOL = 3e-5  # a classified string, one symbol at a time
PER_MAC_ONE = 3e-9


TRACE_BYTES = 64  # a traced activation: the array's float, and the Python float and list slot the view holds


def trace_cells(dfa: DFA, strings: list) -> int:
    """Activations the report holds for its trace: (symbols + 1) × neurons along the first classified string
    (else a failing or random one of at most 48 + 8 symbols)."""
    return (max(56, len(strings[0]) if strings else 0) + 1) * (len(dfa.states) + 1)


def cost_of(
    dfa: DFA, length: int | None = None, random: int = RANDOM_STRINGS, search: bool = True, classify=()
) -> Budget:
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
            (longest + length) * m * PER_STEP
            + string_steps * PER_STRING_STEP
            + rows * (PER_ROW_STEP + n * n * PER_MAC)
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
    return Budget(seconds, int(memory), culprit, "random")


def analyse(
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
    from .params import count_params

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
        empirical, checks = _search(dfa, upper, length, random, seed, lambda f: report(0.8 * f), also=strength)
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
    sizes = dict(hidden=n, input_size=m, bias=True)
    counts = {key: count_params(cell, **sizes) for key, cell in (("params", "second-order"), ("rnn", "rnn"),
                                                                  ("lstm", "lstm"))}  # fmt: skip
    cost = Cost(
        neurons=n,
        programmed=int(np.count_nonzero(net.weights)),
        tensor=n * n * m,
        **{key: c.total for key, c in counts.items()},
        formulas={key: c.formula.replace("n", "N") for key, c in counts.items()},  # N: n states + the response
    )
    from .dfa import minimal_states

    return Analysis(dfa, minimal_states(dfa), structure(dfa), strength, h0, empirical, checks, results, cost, trace)
