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
from typing import NamedTuple

import numpy as np

from ..choices import MAX_STRENGTH
from ..errors import check_float
from .dfa import DFA


class Transitions(NamedTuple):
    """The weights as the DFA's transitions, per symbol k and state neuron j (at most three nonzeros a column of
    W_··k, so a step is O(n)): S_j goes +1 to its target's neuron, −1 to itself if it moves, ±1 to the response."""

    targets: np.ndarray  # (m, n) int: the target of state neuron j + 1 under symbol k, as a state index 0..n−1
    moves: np.ndarray  # (m, n): 1.0 if symbol k moves state neuron j + 1 elsewhere, else 0.0
    signs: np.ndarray  # (m, n): W_0jk, +1 into an accepting state, −1 otherwise


class Network(NamedTuple):
    dfa: DFA
    strength: float  # H
    weights: np.ndarray  # (n+1, n+1, m): W_ijk / H, entries −1, 0, +1; index 0 the response neuron
    start: np.ndarray  # S(0)
    transitions: Transitions | None = None  # the same weights, as transitions

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
    return Network(dfa, float(strength), w, start, _transitions(w))


def _transitions(w: np.ndarray) -> Transitions:
    """Each symbol's weights as transitions: each state neuron's +1 row (its target), its −1, its response sign."""
    by_symbol = w.transpose(2, 0, 1)  # (m, n + 1, n + 1)
    targets = np.argmax(by_symbol[:, 1:, 1:] > 0, axis=1)  # the +1 of column j: the target of state neuron j + 1
    moves = (targets != np.arange(targets.shape[1])).astype(float)
    return Transitions(targets, moves, by_symbol[:, 0, 1:].copy())


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
