"""stdout is data only; stderr gets progress, one line per failed input, and a summary.

Listings (``search``, ``speakers``) are a table on a terminal and JSON lines when piped
(``--json``, ``--csv``, ``--table`` force one); tables never carry control characters.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import shutil
import sys
from collections.abc import Iterator
from typing import Any, TextIO

import click


def error_line(source: str, message: str) -> str:
    return f"guillemets: error: {source}: {message}"


def report_error(source: str, message: str, stream: TextIO | None = None) -> None:
    """One line on stderr naming the input and what went wrong."""
    click.echo(error_line(source, message), err=stream is None, file=stream)


def progress_enabled(quiet: bool, total: int | None = None) -> bool:
    """A progress bar only on a terminal, not when quiet, and not for a single input."""
    return not quiet and sys.stderr.isatty() and (total is None or total > 1)


# ANSI/VT escape sequences (CSI, OSC, two-character ESC) and the control characters left after them;
# bidi overrides too, which reorder what a terminal shows
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]"
)
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(value: Any) -> str:
    """``value`` on one line, without terminal escapes or control characters (they drive a terminal)."""
    text = "" if value is None else str(value)
    return " ".join(_CONTROLS.sub("", _ESCAPES.sub("", text)).split())


def clip(value: Any, width: int) -> str:
    """``printable(value)`` cut to ``width`` characters with an ellipsis."""
    text = printable(value)
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def terminal_width() -> int:
    return max(60, shutil.get_terminal_size((120, 24)).columns)


Columns = list[tuple[str, str, int]]  # (key, header, width); width 0 = what the terminal has left


def table(rows: list[dict[str, Any]], columns: Columns) -> str:
    """A plain-text table for a terminal: one line per row, cells clipped, control characters removed."""
    fixed = sum(w for _, _, w in columns if w) + 2 * (len(columns) - 1)
    rest = max(20, terminal_width() - fixed)
    widths = [w or rest for _, _, w in columns]
    lines = ["  ".join(clip(h, w).ljust(w) for (_, h, _), w in zip(columns, widths, strict=True)).rstrip()]
    for row in rows:
        cells = [clip(row.get(k), w).ljust(w) for (k, _, _), w in zip(columns, widths, strict=True)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def csv_text(rows: list[dict[str, Any]]) -> str:
    """Every field of ``rows`` as CSV with a header (lists and objects as JSON), values unchanged."""
    fields = list(dict.fromkeys(key for row in rows for key in row))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_value(v) for k, v in row.items()})
    return buffer.getvalue()


def _csv_value(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def choose_format(*, as_json: bool, as_csv: bool, as_table: bool) -> str:
    """ "json", "csv" or "table": the flag given, else a table on a terminal and JSON lines otherwise."""
    given = [name for name, flag in (("json", as_json), ("csv", as_csv), ("table", as_table)) if flag]
    if len(given) > 1:
        raise click.UsageError("choose one of --json, --csv and --table")
    if given:
        return given[0]
    return "table" if sys.stdout.isatty() else "json"


def emit_rows(rows: list[dict[str, Any]], fmt: str, columns: Columns) -> None:
    """Write ``rows`` to stdout as JSON lines, CSV or a table; a reader that stops early is fine."""
    with reader_may_stop():
        if fmt == "json":
            for row in rows:
                click.echo(json.dumps(row, ensure_ascii=False))
        elif fmt == "csv":
            if rows:
                click.echo(csv_text(rows), nl=False, color=True)  # color: click would strip ANSI codes
        elif rows:
            click.echo(table(rows, columns))


@contextlib.contextmanager
def reader_may_stop() -> Iterator[None]:
    """``guillemets search … | head``: when the reader closes the pipe, stop writing, without a traceback."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)  # so the final flush at exit does not fail again
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
