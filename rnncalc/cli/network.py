"""The network a command describes: from its options, or read by --from from code or weights."""

from typing import Annotated, Any, Optional

import typer

from ..errors import InvalidArgument, shown
from .common import option_name, typed
from .failures import UsageError

From = Annotated[
    Optional[str],
    typer.Option(
        "--from",
        metavar="CODE",
        help="Read the model from the PyTorch or Keras code you wrote: the code itself ('nn.LSTM(28, 128)'), "
        "a file (model.py), a class or function in it (model.py:Net), or - for standard input; or from a trained "
        "model's weights (.safetensors, .pt/.pth/.bin, .weights.h5, .keras).",
    ),
]
Sets = Annotated[
    Optional[list[str]],
    typer.Option(
        "--set",
        metavar="NAME=VALUE",
        help="With --from: a value the code leaves open, e.g. --set vocab_size=10000 (repeatable).",
    ),
]


NETWORK = (
    "cell",
    "convention",
    "hidden",
    "input_size",
    "output_size",
    "layers",
    "bidirectional",
    "proj",
    "bias",
    "reset_after",
)


def network_from(
    ctx: typer.Context, source: tuple | None, solving: bool = False, **given: Any
) -> tuple[dict[str, Any], dict[str, str]]:
    """The network from the options and --from: an option typed and set by --from must agree; sizes are required.
    Also which arguments --from set, for core_errors to name.

    `solving` (solve): the hidden size is the answer, not an option.
    """
    read = {}
    if source is not None:
        from ..fromcode import read_network

        code, entry, values = source
        read = read_network(code, entry, values, given.get("input_size"))
        for key, value in read.items():
            if key in ctx.params and typed(ctx, key) and given[key] != value:
                raise InvalidArgument(
                    key, f"--from sets {key} to {shown(value)}, which this option contradicts ({shown(given[key])})"
                )
            if not (key == "hidden" and solving):
                given[key] = value
    missing = [flag for key, flag in (("hidden", "--hidden"), ("input_size", "--in"))
               if given.get(key) is None and not (key == "hidden" and solving)]  # fmt: skip
    if missing:
        where = "the code leaves it open" if source is not None else "or read the model with --from CODE"
        raise UsageError(f"give {' and '.join(missing)}: the network's sizes are required ({where})")
    net = {k: given[k] for k in NETWORK if k in given and not (k == "hidden" and solving)}
    return net, {k: "--from" for k in read}


def code_source(code: str | None, sets: list[str] | None) -> tuple | None:
    """--from's code, the entry it names and --set's values; --set without --from is a mistake."""
    from .source import parse_sets, read_source

    if code is None:
        if sets:
            raise typer.BadParameter("answers names in --from's code; give --from too", param_hint="'--set'")
        return None
    from ..weights.files import is_weight_file

    if is_weight_file(code):
        raise typer.BadParameter(
            "here reads model code; a weight file's sizes are fixed (rnncalc params --from FILE counts it)",
            param_hint="'--from'",
        )
    return (*read_source(code), parse_sets(sets))


def names_weight_file(value: str, sets: list[str] | None) -> bool:
    """Whether --from names a trained model's weight file (rather than code); --set has nothing to answer there."""
    from ..weights.files import is_weight_file

    if not is_weight_file(value):
        return False
    if sets:
        raise typer.BadParameter("answers names in model code; a weight file fixes every size", param_hint="'--set'")
    return True


SHAPE_OPTIONS = (
    "hidden",
    "output_size",
    "cell",
    "layers",
    "bidirectional",
    "proj",
    "bias",
    "convention",
    "reset_after",
)


def refuse_shape_options(ctx: typer.Context) -> None:
    """With --from the code says the model; an option that would say it too is refused, not silently ignored."""
    for key in SHAPE_OPTIONS:
        if typed(ctx, key):
            raise typer.BadParameter(
                "--from reads the model from the code; give a value the code leaves open with --set NAME=VALUE",
                param_hint=f"'{option_name(key)}'",
            )
