"""stdout is data only; stderr gets progress, one line per failed input, and a summary."""

from __future__ import annotations

import sys
from typing import TextIO

import click


def error_line(source: str, message: str) -> str:
    return f"guillemets: error: {source}: {message}"


def report_error(source: str, message: str, stream: TextIO | None = None) -> None:
    """One line on stderr naming the input and what went wrong."""
    click.echo(error_line(source, message), err=stream is None, file=stream)


def progress_enabled(quiet: bool, total: int | None = None) -> bool:
    """A progress bar only on a terminal, not when quiet, and not for a single input."""
    return not quiet and sys.stderr.isatty() and (total is None or total > 1)
