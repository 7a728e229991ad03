"""Running the constructed network on strings, and checking it against its DFA.

Every string up to a length (exhaustively) and a seeded set of random strings run at many strengths at once: one
activity row per (strength, string), so a check at 16 strengths costs about one product per symbol. A string is
classified right when the response neuron ends on the DFA's side of ½; the first step where any neuron leaves its
state's side is the failure reported.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from ..choices import EXHAUSTIVE, MAX_EXHAUSTIVE_LENGTH, MAX_RANDOM, MAX_STRING, RANDOM_STRINGS
from ..errors import check_int
from .construction import Network, construct
from .dfa import DFA


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


GATHERED_MACS = 1024  # multiply-adds a row (m·n²) up to which one product under every symbol beats the transitions


def gathered(neurons: int, symbols: int) -> bool:
    """Whether a step is one product under every symbol's W_··k (measured: tomita4 0.72 s against 1.14 s; a
    30-state, 16-symbol machine 106 s against 2.2 s following the transitions)."""
    return symbols * neurons * neurons <= GATHERED_MACS


def _step(net: Network, strengths: np.ndarray, activity: np.ndarray, symbols: np.ndarray) -> np.ndarray:
    """One step for every H and string: S ← g(H·(Σ_j W_·jk S_j − ½)) with k each string's symbol."""
    n, m = net.weights.shape[0], net.weights.shape[2]
    if gathered(n, m):  # small machines: a call's overhead is the cost, so one product under every symbol at once
        every = activity @ net.weights.transpose(1, 2, 0).reshape(n, m * n)  # [h, s, k·n + i] = Σ_j W_ijk S_j
        drive = every.reshape(*activity.shape[:2], m, n)[:, np.arange(len(symbols)), symbols, :] - 0.5
        return 1 / (1 + np.exp(-strengths[:, None, None] * drive))
    drive = _routed(net, activity, symbols) - 0.5  # a large machine: its few transitions, not its n² weights
    return 1 / (1 + np.exp(-strengths[:, None, None] * drive))


def _routed(net: Network, activity: np.ndarray, symbols: np.ndarray) -> np.ndarray:
    """Σ_j W_ijk S_j with k each row's own symbol, through the transitions: O(n) a row where the product is O(n²),
    every row and symbol in one call (a loop over the symbols cost a Python pass each: 16 symbols, 5× slower)."""
    paths = net.transitions
    assert paths is not None, "constructed networks carry their transitions"
    states = activity[..., 1:]
    rows, n = states.shape[:-1], states.shape[-1]
    into = np.arange(math.prod(rows)).reshape(*rows, 1) * n + paths.targets[symbols]  # each S_j's target, row by row
    drive = np.empty_like(activity)
    drive[..., 1:] = np.bincount(into.ravel(), weights=states.ravel(), minlength=into.size).reshape(states.shape)
    drive[..., 1:] -= states * paths.moves[symbols]
    drive[..., 0] = np.einsum("...j,...j->...", states, paths.signs[symbols])
    return drive


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
    ends = set(lengths.tolist())  # the steps after which some string ends: the only ones that read answers
    live = count
    for t in range(int(lengths[0])):
        while lengths[live - 1] <= t:  # the strings longer than t: a leading block, as they run longest first
            live -= 1
        symbols = codes[:live, t]
        activity[:, :live] = _step(net, strengths, activity[:, :live], symbols)
        states[:live] = delta[states[:live], symbols]
        wrong = ((activity[:, :live] > 0.5) != patterns[states[:live]]).any(axis=-1)
        if wrong.any():  # rare where the network works: the bookkeeping of a first failure waits for one
            fresh = wrong & (left[:, :live] < 0)
            left[:, :live][fresh] = t + 1
        if t + 1 in ends:
            ending = lengths[:live] == t + 1
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
