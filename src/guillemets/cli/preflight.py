"""Checks a command makes before it loads anything heavy (the spaCy model, a database, workers).

A run whose every input is missing, an empty directory or an unmatched glob has nothing to do:
it is a usage error (exit 2), reported at once, one line per input, instead of after seconds of
model loading. A run where only some inputs are missing goes on: those become error records.
"""

from __future__ import annotations

from collections.abc import Sequence

import click

from guillemets.cli.output import error_line
from guillemets.read.base import InputRef


def nothing_to_read(refs: Sequence[InputRef]) -> bool:
    """True when no input can be read at all (every ref has a problem), so the run cannot start."""
    return all(ref.problem for ref in refs)


def report_nothing_to_read(refs: Sequence[InputRef]) -> None:
    """One stderr line per input saying why it cannot be read."""
    for ref in refs:
        click.echo(error_line(ref.path, ref.problem or "cannot be read"), err=True)
    if not refs:
        click.echo("guillemets: error: no input given", err=True)
