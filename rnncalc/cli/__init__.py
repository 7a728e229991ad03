"""The command line: options in, a core call, a view, the output layer. See :mod:`rnncalc.cli.app`.

`main` is the console script. It loads nothing heavy before it can answer
Ctrl-C, so an interrupt at any moment of start-up ends with exit 130 and no
traceback, like one during a run.
"""

import sys


def main() -> None:
    try:
        _calm_environment()
        from .app import app, only

        only(sys.argv[1:2])
        app()
    except KeyboardInterrupt:
        sys.exit(130)


def _calm_environment() -> None:
    """A sane width: COLUMNS=0 or -5 means "unknown", not "nothing fits"."""
    import os

    columns = os.environ.get("COLUMNS")
    if columns is not None and not (columns.isascii() and columns.strip().isdigit() and 20 <= int(columns) <= 1000):
        del os.environ["COLUMNS"]
