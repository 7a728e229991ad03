"""Options shared by several commands, declared once, with their real defaults and one number grammar.

Numbers go through :mod:`rnncalc.numbers` (ASCII digits only; no underscores;
underflow and overflow refused), so every option reads numbers the same way.
"""

from enum import Enum
from typing import Annotated, Any, Iterable, Optional

import typer

from .. import numbers
from ..choices import (
    ACTIVATIONS,
    BURN_IN_TIMESCALES,
    CONVENTIONS,
    DTYPE_BYTES,
    INITS,
    MAX_AUTO_BURN_IN,
    MAX_DRIVE,
    MIN_BURN_IN,
    PATHS,
    RNN_DEFAULTS,
)
from ..counting.cells import CELL_NAMES
from ..errors import InvalidArgument
from ..guard import DEFAULT_GIB, DEFAULT_SECONDS, ENV_MEMORY, ENV_SECONDS
from ..output.emit import Format


def _parser(parse, name: str, *extra):
    """A Typer parser from a core parser: its InvalidArgument becomes Click's usage error on the option."""

    def convert(text):
        if not isinstance(text, str):  # a default, already a value
            return text
        try:
            return parse(name, text, *extra)
        except InvalidArgument as e:
            raise typer.BadParameter(e.message) from None

    convert.__name__ = name
    return convert


def whole(name: str):
    return _parser(numbers.parse_whole, name)


def real(name: str):
    return _parser(numbers.parse_real, name)


def budget(name: str):
    return _parser(numbers.parse_budget, name, numbers.MAX_BUDGET)


def count(name: str):
    return _parser(numbers.parse_count, name, numbers.MAX_COUNT)


def values_range(name: str):
    return _parser(numbers.parse_range, name, numbers.MAX_RANGE)


def choices(name: str, values: Iterable[str]) -> Any:
    """A str Enum for a choice option, built from the values the cores define."""
    return Enum(name, [(v.replace("-", "_"), v) for v in values], type=str)


def listed(values) -> str:
    """gaussian, orthogonal or 0.9, 0.99: a list as help shows it."""
    return ", ".join(f"{v:g}" if isinstance(v, float) else str(v) for v in values)


# Built from the cores' tables when the module loads, so a type checker sees only "some Enum" (pyproject.toml's
# mypy section says which checks the command line is spared for that).
CellChoice = choices("CellChoice", [*CELL_NAMES, "all"])
Convention = choices("Convention", CONVENTIONS)
DType = choices("DType", DTYPE_BYTES)
Init = choices("Init", INITS)
Activation = choices("Activation", ACTIVATIONS)
Path = choices("Path", [*PATHS, "both"])  # gradflow may show both side by side
OnePath = choices("OnePath", PATHS)  # a sweep follows one

# The network, as params, solve and gates describe it.
Hidden = Annotated[
    Optional[int], typer.Option("--hidden", "-n", parser=whole("hidden"), metavar="N", help="Hidden size n.")
]
In = Annotated[Optional[int], typer.Option("--in", "-m", parser=whole("input_size"), metavar="M", help="Input size m.")]
InputSize = Annotated[int, typer.Option("--in", "-m", parser=whole("input_size"), metavar="M", help="Input size m.")]
Out = Annotated[
    int,
    typer.Option(
        "--out", "-k", parser=whole("output_size"), metavar="K", help="Output layer size k (0: no output layer)."
    ),
]
Cell = Annotated[
    CellChoice,
    typer.Option(metavar="CELL", help=f"Recurrent cell: {listed(CELL_NAMES)}, or all (every cell side by side)."),
]
Layers = Annotated[int, typer.Option("--layers", "-L", parser=whole("layers"), metavar="L", help="Stacked layers L.")]
Bidirectional = Annotated[bool, typer.Option("--bidirectional", help="Two directions, concatenated (D = 2).")]
Proj = Annotated[
    int,
    typer.Option(parser=whole("proj"), metavar="P", help="LSTM projection size p (PyTorch's proj_size; 0: none)."),
]
Bias = Annotated[
    Optional[bool],
    typer.Option(
        "--bias/--no-bias",
        show_default="textbook: off; pytorch, keras: on",
        help="Count bias vectors, in every convention and the output layer.",
    ),
]
ConventionOpt = Annotated[
    Convention,
    typer.Option(
        "--convention", metavar="NAME", help=f"Whose count: {listed(CONVENTIONS)} (the course, PyTorch, Keras 3)."
    ),
]
ResetAfter = Annotated[
    Optional[bool],
    typer.Option("--reset-after/--no-reset-after", show_default="on, as in Keras", help="The Keras GRU's bias layout."),
]

# Simulations.
Steps = Annotated[
    int, typer.Option("--steps", "-T", parser=whole("steps"), metavar="T", help="Lags to follow back, T.")
]
Trials = Annotated[
    int,
    typer.Option(
        parser=whole("trials"), metavar="N", help="Independent draws of inputs and u per run (one draw of the weights)."
    ),
]
DRIVE_HELP = f"Standard deviation of the input x_t, 0 to {MAX_DRIVE:g}."
Seed = Annotated[
    int, typer.Option(parser=whole("seed"), metavar="N", help="Random seed: the same seed, the same numbers.")
]
Drive = Annotated[float, typer.Option(parser=real("drive"), metavar="X", help=DRIVE_HELP)]


def _burn_in(automatic: str) -> Any:
    return typer.Option(
        parser=whole("burn_in"), metavar="N", show_default=automatic, help="Steps run before the measured window."
    )


BurnIn = Annotated[
    Optional[int],
    _burn_in(f"{MIN_BURN_IN}, or {BURN_IN_TIMESCALES}/(1 − gate) for a gated cell, at most {MAX_AUTO_BURN_IN:,}"),
]
RNNBurnIn = Annotated[Optional[int], _burn_in(str(MIN_BURN_IN))]  # a vanilla RNN has no gate: the floor
GatedBurnIn = Annotated[
    Optional[int], _burn_in(f"{BURN_IN_TIMESCALES}/(1 − gate), at least {MIN_BURN_IN} and at most {MAX_AUTO_BURN_IN:,}")
]
HiddenSize = Annotated[int, typer.Option("--hidden", "-n", parser=whole("hidden"), metavar="N", help="Hidden size n.")]
InitOpt = Annotated[
    Optional[Init],
    typer.Option(
        "--init", metavar="NAME", show_default=RNN_DEFAULTS["init"], help=f"W's distribution: {listed(INITS)}."
    ),
]
ActivationOpt = Annotated[
    Optional[Activation],
    typer.Option(
        "--activation",
        metavar="NAME",
        show_default=RNN_DEFAULTS["activation"],
        help=f"The vanilla RNN's φ: {listed(ACTIVATIONS)}.",
    ),
]
Plot = Annotated[
    Optional[str],
    typer.Option(
        metavar="FILE", help="Also write the picture to FILE: .png, .svg or .pdf (needs pip install 'rnncalc[plot]')."
    ),
]


def _limit(name: str, metavar: str, default: str, env: str, what: str):
    return Annotated[
        Optional[float],
        typer.Option(parser=real(name), metavar=metavar, show_default=f"{default}, or {env}", help=what),
    ]


MaxSeconds = _limit("max_seconds", "S", f"{DEFAULT_SECONDS:g}", ENV_SECONDS, "Refuse a run estimated to take longer.")
MaxMemory = _limit(
    "max_memory", "GIB", f"{DEFAULT_GIB:g}", ENV_MEMORY, "Refuse a run estimated to need more memory, in GiB."
)

# Output.
FormatOpt = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help=f"table (for people), {listed(f.value for f in Format if f is not Format.table)}.",
    ),
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print only the headline number(s).")]
