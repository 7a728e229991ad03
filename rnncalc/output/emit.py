"""The one output layer: a Report becomes a table for people, JSON, CSV, Markdown, LaTeX or a headline.

JSON goes through ``json.dumps`` and CSV through ``csv.writer``, never through
Rich, so neither ever holds colour codes, box characters or wrapped cells, and
neither depends on the terminal's width. The whole text is composed first and
written in one piece, with Ctrl-C held back until it is out, so stdout holds a
complete answer or nothing. A stream that cannot carry Unicode gets the same
information in ASCII (JSON with \\u escapes). Write failures surface as
:class:`OutputClosed` (the reader went away: not an error) or
:class:`OutputFailed` (a full disk, a closed stdout), never as a traceback.
"""

import os
import sys
from enum import Enum

from ..errors import OutputClosed, OutputFailed
from .report import Report
from .terminals import Terminal, ascii_text, can_encode, usable_encoding

MIN_COLUMNS, MAX_COLUMNS = 20, 1000  # a COLUMNS outside this is not a width: it is ignored


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    latex = "latex"


def compose(report: Report, fmt: Format, quiet: bool = False, term: Terminal | None = None) -> str:
    """The whole text a command prints, for this terminal."""
    term = term or Terminal()
    txt = (lambda s: s) if term.unicode else ascii_text
    if quiet:
        return txt(report.quiet) + "\n"
    if fmt is Format.json:
        import json

        return json.dumps(report.data, indent=2, ensure_ascii=not term.unicode, allow_nan=False) + "\n"
    if fmt is Format.csv:
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([c.key for c in report.csv.columns])
        for row in report.csv.rows:
            writer.writerow([_csv_cell(row.get(c.key), txt) for c in report.csv.columns])
        return buffer.getvalue()
    if fmt is Format.markdown:
        from .documents import markdown

        return txt(markdown(report.sections))
    if fmt is Format.latex:
        from .documents import latex

        return latex(report.sections)  # latex() writes only ASCII
    from .render import terminal

    return terminal(report.sections, term)


def _csv_cell(value, txt):
    if value is None:
        return ""
    return txt(value) if isinstance(value, str) else value


def terminal_of(stream) -> Terminal:
    """Width, Unicode and colour of the stream a report goes to."""
    return Terminal(width=_width(stream), unicode=can_encode(getattr(stream, "encoding", None)), colour=_colour(stream))


def _width(stream) -> int:
    text = os.environ.get("COLUMNS", "").strip()
    if text.isascii() and text.isdigit() and MIN_COLUMNS <= int(text) <= MAX_COLUMNS:
        return int(text)
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        return 80
    return columns if MIN_COLUMNS <= columns <= MAX_COLUMNS else 80


def _colour(stream) -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def emit(report: Report, fmt: Format, quiet: bool = False) -> None:
    """Compose the report for stdout and write it there."""
    stream = sys.stdout
    if stream is None:
        raise OutputFailed("standard output is closed")
    write(compose(report, fmt, quiet, terminal_of(stream)), stream)


def write(text: str, stream) -> None:
    """Write all of `text`, or fail cleanly; Ctrl-C waits until the text is out."""
    data = text.encode(usable_encoding(getattr(stream, "encoding", None) or "utf-8"), "replace")
    with _ctrl_c_held():
        try:
            fd = _descriptor(stream)
            if fd is not None:
                stream.flush()
                _write_all(fd, data)
            else:
                stream.write(text)
                stream.flush()
        except BrokenPipeError:
            silence(stream)
            raise OutputClosed() from None
        except (OSError, ValueError) as e:
            silence(stream)
            raise OutputFailed(getattr(e, "strerror", None) or str(e)) from None


def _descriptor(stream) -> int | None:
    try:
        return stream.fileno()
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is an OSError: a StringIO
        return None


def _write_all(fd: int, data: bytes) -> None:
    """Every byte, or an OSError: a disk filling up mid-way writes short once, then fails; never silently short."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written == 0:
            raise OSError(28, "no byte could be written")
        view = view[written:]


class _ctrl_c_held:
    """Block SIGINT (main thread, POSIX) while the output is written; a pending Ctrl-C arrives after."""

    def __enter__(self):
        import signal
        import threading

        self.held = hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread()
        if self.held:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})

    def __exit__(self, *exc):
        import signal

        if self.held:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def silence(stream) -> None:
    """Point the stream's descriptor at /dev/null, so the flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError):
        pass


def error_console():
    """Progress bars: stderr, never mixed into the data."""
    from rich.console import Console

    return Console(stderr=True, highlight=False)
