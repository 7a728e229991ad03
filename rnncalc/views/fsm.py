"""`rnncalc fsm` as a Report: the machine, the programmed network, its stability, the checks, the cost."""

from __future__ import annotations

from ..fsm.analysis import Analysis
from ..output.report import Activations, Column, Report, Table, Text, thousands

FACTS = (Column("what", "What"), Column("value", "Value", wrap=True))
RESULTS = (
    Column("string", "String", lambda s: s or "(empty)", wrap=True),
    Column("dfa", "DFA", lambda b: "accept" if b else "reject"),
    Column("network", "Network", lambda b: "accept" if b else "reject"),
    Column("response", "S_0", lambda x: f"{x:.4f}", "right"),
    Column("agree", "Agree", lambda b: "yes" if b else "NO"),
)


def _string(symbols, alphabet) -> str:
    separator = "" if all(len(a) == 1 for a in alphabet) else " "
    return separator.join(symbols)


def fsm_report(a: Analysis) -> Report:
    d, c, checks = a.dfa, a.size, a.checks
    failure = checks.failure
    data = {
        "machine": d.name,
        "definition": d.definition,
        "alphabet": list(d.alphabet),
        "states": len(d.states),
        "minimal_states": a.minimal,
        "accepting": sorted(d.accept),
        "strength": a.strength,
        "threshold": a.threshold,
        "empirical_threshold": a.empirical,
        "fan_in": a.structure.fan_in,
        "agreement": checks.agreement,
        "checks": {
            "length": checks.length,
            "exhaustive": checks.exhaustive,
            "random": checks.random,
            "longest": checks.longest,
            "agree": checks.agree,
            "total": checks.total,
        },
        "first_failure": None
        if failure is None
        else {
            "string": _string(failure.string, d.alphabet),
            "step": failure.step,
            "neuron": failure.neuron,
            "value": failure.value,
        },
        "results": [{"string": r.string, "dfa": r.dfa, "network": r.network} for r in a.results],
        "cost": c._asdict(),
        "transitions": [{"state": q, "symbol": s, "next": t} for (q, s), t in d.delta.items()],
    }
    rows = [{**r._asdict(), "agree": r.dfa == r.network} for r in a.results]
    sections: list = [_machine(a), _network(a), _transitions(a), Text(_verdict(a), "heading")]
    if rows:
        sections.insert(3, Table("Classified", RESULTS, rows))
    sections.append(_cost(a))
    name, trace = a.trace
    figure = Activations(
        f"Neuron activations along {name or '(empty)'} · {d.name}, H = {a.strength:g}",
        ["S_0 (response)"] + [f"S for state {q}" for q in d.states],
        trace.T.tolist(),
        d.symbols(name),
    )
    if rows:
        csv = Table("", RESULTS, rows)
    else:
        keys = ("machine", "states", "strength", "threshold", "empirical_threshold", "agreement")
        csv = Table("", tuple(Column(k, k) for k in keys), [{k: data[k] for k in keys}])
    return Report(data, csv, sections, repr(checks.agreement), figure)


def _machine(a: Analysis) -> Table:
    d = a.dfa
    rows = [
        {"what": "language", "value": d.definition},
        {"what": "alphabet", "value": ", ".join(d.alphabet)},
        {"what": "states", "value": f"{len(d.states)} (minimal DFA: {a.minimal})"},
        {"what": "start state", "value": d.start},
        {"what": "accepting states", "value": ", ".join(q for q in d.states if q in d.accept) or "none"},
    ]
    return Table(f"Machine {d.name}", FACTS, rows, header=False)


def _network(a: Analysis) -> Table:
    s = a.structure
    stable = a.strength >= a.threshold
    rows = [
        {"what": "neurons", "value": f"N = {a.size.neurons}: the response S_0 and one per state"},
        {
            "what": "strength H",
            "value": f"{a.strength:g}" + (" (≥ H₀: provably stable)" if stable else " (< H₀: not proved stable)"),
        },
        {"what": "threshold H₀", "value": f"{a.threshold:.4f} (fixed-point analysis; fan-in r = {s.fan_in})"},
        {
            "what": "smallest H that passes",
            "value": "not searched (--no-search)" if a.empirical is None else f"{a.empirical:g} on the checks below",
        },
    ]
    searched = (
        "Smallest H that passes: the smallest multiple of 0.01 at which every one of the checks below passes (the "
        "same strings at every H tried; H − 0.01 fails them); passing is taken to grow with H. Longer or other "
        "strings may fail there: only H ≥ H₀ is proved to run the DFA on strings of any length."
    )
    return Table(
        "The second-order network",
        FACTS,
        rows,
        header=False,
        notes=(
            "S_i(t+1) = σ(−H/2 + H·Σ_jk w_ijk S_j(t) I_k(t)): w_ijk = +1 where symbol k takes state j to i, −1 on "
            "the state that must switch off, and the response S_0 gets +1 from each transition into an accepting "
            "state, −1 otherwise. Accept when S_0 > 0.5 after the last symbol.",
            *([searched] if a.empirical is not None else []),
        ),
    )


def _transitions(a: Analysis) -> Table:
    d = a.dfa
    columns = (Column("state", "State"),) + tuple(Column(f"s{i}", f"on {s}") for i, s in enumerate(d.alphabet))
    columns += (Column("accepting", "Accepts", lambda b: "yes" if b else "no"),)
    rows = [
        {"state": q, "accepting": q in d.accept} | {f"s{i}": d.delta[(q, s)] for i, s in enumerate(d.alphabet)}
        for q in d.states
    ]
    return Table(
        "Programmed weights: +H from each state's neuron to its target's on each symbol",
        columns,
        rows,
        notes=(f"{a.size.programmed:,} of the {a.size.tensor:,} weights of the N²·m tensor are nonzero.",),
        keep=1,
    )


def _verdict(a: Analysis) -> str:
    k, f = a.checks, a.checks.failure
    text = (
        f"Agreement with the DFA: {k.agree:,} of {k.total:,} strings ({k.agreement:.2%}): every string of up to "
        f"{k.length} symbols ({k.exhaustive:,}) and {k.random} random strings of up to {k.longest:,} symbols."
    )
    if f is None:
        return text + " The network's state never left the DFA's."
    where = "the response neuron" if f.neuron == "response" else f"the neuron of state {f.neuron}"
    shown = _string(f.string[: f.step], a.dfa.alphabet)
    shown = shown if len(shown) <= 40 else "…" + shown[-39:]
    return text + (
        f" First failure: after {f.step} symbols ({shown}), {where} is at {f.value:.3f}, on the wrong side of 0.5: "
        "H is too small for the state to stay near 0 and 1 (raise --strength)."
    )


def _cost(a: Analysis) -> Table:
    c = a.size
    f = c.formulas
    rows = [
        {"what": "second-order RNN (this network)", "params": c.params, "note": f"{f['params']} (N²m weights)"},
        {"what": "weights actually programmed", "params": c.programmed, "note": "the rest stay 0"},
        {"what": "Elman RNN, same hidden size", "params": c.rnn, "note": f["rnn"]},
        {"what": "LSTM, same hidden size", "params": c.lstm, "note": f["lstm"]},
    ]
    return Table(
        f"Cost · hidden size N = n + 1 = {c.neurons} (n = {len(a.dfa.states)} states), m = {len(a.dfa.alphabet)} "
        "input symbols (textbook convention, with biases)",
        (
            Column("what", "Network"),
            Column("params", "Params", thousands, "right"),
            Column("note", "Formula", wrap=True, optional=1),
        ),
        rows,
    )
