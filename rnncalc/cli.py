"""The command line: options in, a core call, a Report out through the output layer.

Nothing here computes; every number comes from the cores. Errors of any kind
end as one line on stderr and exit code 2, before anything reaches stdout.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from . import __version__
from .errors import InvalidArgument
from .output import Format, emit

# Typer carries its own Click; reach its base exception without importing it.
_ClickException = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


class _OneLineErrors(TyperGroup):
    """Every usage error as a single stderr line (exit 2), never a panel or a traceback."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _ClickException as e:
            if type(e).__name__ == "NoArgsIsHelpError":  # bare `rnncalc`: help, as asked
                sys.stderr.write(e.format_message() + "\n")
                sys.exit(2)
            message = " ".join(e.format_message().split())
            sys.stderr.write(f"rnncalc: error: {message}\n")
            sys.exit(e.exit_code)
        except (typer.Abort, KeyboardInterrupt):
            sys.stderr.write("\n")
            sys.exit(130)
        except BrokenPipeError:
            _quiet_broken_pipe()


def _quiet_broken_pipe() -> None:
    """`rnncalc … | head -1`: the reader left; stop without a traceback."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(0)


app = typer.Typer(
    cls=_OneLineErrors,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=False,
    rich_markup_mode="rich",
    help="Calculator and analyser for recurrent neural networks: parameter counts, gradient flow through time, gates.",
)

_OPTION_NAMES = {"input_size": "--in", "output_size": "--out"}


def option_name(core_name: str) -> str:
    return _OPTION_NAMES.get(core_name, "--" + core_name.replace("_", "-"))


def fail(error: InvalidArgument):
    """A core's refusal as a usage error on the option the user typed."""
    raise typer.BadParameter(error.message, param_hint=f"'{option_name(error.name)}'")


def _version(value: bool) -> None:
    if value:
        print(f"rnncalc {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Calculator and analyser for recurrent neural networks."""


FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output: a table for people, or json / csv for scripts.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only the headline number.")]


class CellChoice(str, Enum):
    rnn = "rnn"
    lstm = "lstm"
    gru = "gru"
    peephole = "peephole"
    cifg = "cifg"
    mgu = "mgu"
    indrnn = "indrnn"
    second_order = "second-order"
    all = "all"


class Convention(str, Enum):
    textbook = "textbook"
    pytorch = "pytorch"
    keras = "keras"


class DType(str, Enum):
    float32 = "float32"
    float16 = "float16"
    bfloat16 = "bfloat16"
    float64 = "float64"


@app.command(
    epilog="Example: rnncalc params --hidden 128 --in 28 --out 10 --cell lstm --convention pytorch",
)
def params(
    hidden: Annotated[int, typer.Option("--hidden", "-n", help="Hidden size n.")],
    input_size: Annotated[int, typer.Option("--in", "-m", help="Input size m.")],
    output_size: Annotated[int, typer.Option("--out", "-k", help="Output size k (0: no output layer).")] = 0,
    cell: Annotated[CellChoice, typer.Option(help="Recurrent cell; 'all' compares every cell.")] = CellChoice.rnn,
    layers: Annotated[int, typer.Option("--layers", "-L", help="Stacked layers L.")] = 1,
    bidirectional: Annotated[bool, typer.Option("--bidirectional", help="Two directions (D=2).")] = False,
    proj: Annotated[int, typer.Option(help="LSTM projection size p (PyTorch's proj_size; 0: none).")] = 0,
    bias: Annotated[
        Optional[bool],
        typer.Option("--bias/--no-bias", help="Count bias vectors. Default: off for textbook, on for pytorch and keras."),
    ] = None,
    convention: Annotated[Convention, typer.Option(help="Whose count: the course formula, PyTorch or Keras 3.")] = Convention.textbook,
    reset_after: Annotated[
        Optional[bool], typer.Option("--reset-after/--no-reset-after", help="Keras GRU bias layout (Keras default: on).")
    ] = None,
    seq_len: Annotated[int, typer.Option("--seq-len", "-T", help="Sequence length T (changes compute and memory, never the count).")] = 100,
    batch: Annotated[int, typer.Option(help="Batch size (for activation memory).")] = 1,
    dtype: Annotated[DType, typer.Option(help="Number format (for memory).")] = DType.float32,
    fmt: FormatOpt = Format.table,
    quiet: QuietOpt = False,
) -> None:
    """How many parameters does this recurrent network have?

    Exact counts under the course's formula (n² + nm + kn for the Elman RNN),
    PyTorch and Keras, tensor by tensor, with the reason they differ.
    """
    from .views.params import Workload, params_for_cli

    try:
        report = params_for_cli(
            cell.value,
            Workload(seq_len, batch, dtype.value),
            hidden=hidden,
            input_size=input_size,
            output_size=output_size,
            layers=layers,
            bidirectional=bidirectional,
            proj=proj,
            bias=bias,
            convention=convention.value,
            reset_after=reset_after,
        )
    except InvalidArgument as e:
        fail(e)
    emit(report, fmt, quiet)


def main() -> None:
    app()
