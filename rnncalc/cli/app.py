"""The root application. Each command's module owns its Typer; this one only registers them, and only the one about
to run (help, completion and a mistyped word get them all), so a command's start-up imports just its own modules."""

import os
from importlib import import_module

import typer

from .. import __version__
from .failures import OneLineErrors

# In the order --help lists them; each is owned by the module of rnncalc.cli of its name.
COMMANDS = ("params", "solve", "gates", "gradflow", "sweep", "fsm")


def build(first: list[str] | None = None) -> typer.Typer:
    """The application, with the command named by `first` (the first word on the command line) or every command."""
    app = typer.Typer(
        cls=OneLineErrors,
        no_args_is_help=True,
        context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        add_completion=True,
        help="Calculator and analyser for recurrent neural networks: exact parameter counts, gradient flow "
        "through time, gates, sizes for a budget, finite-state machines.",
    )
    app.callback()(_root)
    word = (first or [""])[0]
    completing = bool(os.environ.get("_RNNCALC_COMPLETE"))
    wanted = [word] if word in COMMANDS and not completing else list(COMMANDS)
    listing = first is not None and word in ("", "-h", "--help") and not completing  # the root's help: summaries
    for name in wanted:
        command = import_module(f".{name}", __package__).app
        app.add_typer(_as_listed(command) if listing else command)
    return app


def _as_listed(command: typer.Typer) -> typer.Typer:
    """A command as the root's help lists it, its name and summary, with no option built (Typer building all six
    commands took 9 ms, a third of `rnncalc --help`'s own start-up); it is never run."""
    if command.info.name:  # a group of subcommands (sweep)
        name, summary = command.info.name, command.info.short_help
    else:
        info = command.registered_commands[0]
        name, summary = info.name or info.callback.__name__, info.short_help  # type: ignore[union-attr]
    listed = typer.Typer()
    listed.command(name, short_help=summary)(lambda: None)
    return listed


def _version(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:  # a completion request only parses: it prints no version
        print(f"rnncalc {__version__}")
        raise typer.Exit()


def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Calculator and analyser for recurrent neural networks."""
