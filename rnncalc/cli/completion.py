"""Shell completion as Typer writes it, with the shell named on the command line honoured (Typer's own
`--show-completion fish` printed the detected shell's script) and every failure one line: a HOME that is not
a folder, an unwritable one or a `.bashrc` that is a folder. Nothing is ever written outside HOME."""

import os

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
OPTIONS = ("--show-completion", "--install-completion")
PROG, VARIABLE = "rnncalc", "_RNNCALC_COMPLETE"


INSTRUCTIONS = tuple(f"complete_{shell}" for shell in SHELLS)  # what a shell's completion script sends


def answer(argv: list[str]) -> int | None:
    """The exit code if `argv` asks for completion (and it was answered), else None."""
    request = os.environ.get(VARIABLE)
    if request:
        from .failures import say

        if request not in INSTRUCTIONS:
            say(f"error: {VARIABLE}={request!r} is not a completion request ({', '.join(INSTRUCTIONS)})")
            return 2
        broken = not os.environ.get("COMP_CWORD", "").strip().isdigit() or "COMP_WORDS" not in os.environ
        if request == "complete_bash" and broken:
            return 0  # bash's request without its words or their index: no completions, not a traceback
    if len(argv) < 2 or argv[1] not in OPTIONS:
        return None
    from .failures import say

    if len(argv) > 3 or (len(argv) == 3 and argv[2] not in SHELLS):
        say(f"error: {argv[1]} takes one of {', '.join(SHELLS)}, got {' '.join(argv[2:])!r}")
        return 2
    shell = argv[2] if len(argv) == 3 else _detected()
    if shell is None:
        say(f"error: cannot tell which shell this is: name it, e.g. {argv[1]} bash")
        return 2
    if argv[1] == "--show-completion":
        from typer.completion import get_completion_script

        return _print(get_completion_script(prog_name=PROG, complete_var=VARIABLE, shell=shell), say)
    return _install(shell, say)


def _print(text: str, say) -> int:
    """Text on stdout as every command writes it: a reader that went away is no error, a full disk is one."""
    import sys

    from ..errors import OutputClosed, OutputFailed
    from ..output.emit import silence, write

    if sys.stdout is None:
        say("error: cannot write the output: standard output is closed")
        return 1
    try:
        write(text + "\n", sys.stdout)
    except OutputClosed:
        silence(sys.stdout)
        return 0
    except OutputFailed as e:
        silence(sys.stdout)
        say(f"error: cannot write the output: {e}")
        return 1
    return 0


def _detected() -> str | None:
    try:
        import shellingham

        name = shellingham.detect_shell()[0]
    except Exception:  # no shell to be found (a pipe, a service): the user names it
        return None
    return name if name in SHELLS else None


def _install(shell: str, say) -> int:
    home = os.environ.get("HOME", "")
    if not (home and os.path.isabs(home) and os.path.isdir(home)):
        say(f"error: cannot install completion: HOME ({home!r}) is not a folder, and it goes nowhere else")
        return 1
    from typer.completion import install

    try:
        shell, path = install(shell=shell, prog_name=PROG, complete_var=VARIABLE)
    except OSError as e:
        say(f"error: cannot write the {shell} completion under {home}: {e.strerror or e}")
        return 1
    return _print(f"{shell} completion installed in {path}\nCompletion takes effect in a new terminal.", say)
