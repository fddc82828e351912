"""What the corpus commands (search, speakers, export) share: --db, filters, errors to exit codes.

Exit codes: a bad filter or query is a usage error (2); an unknown speaker is 1; a database
that is missing, unreachable or locked is 3. Every message is one line on stderr.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import click
from sqlalchemy import exc as sqlalchemy_errors

from guillemets.cli import exit_code_for
from guillemets.cli.options import db_option
from guillemets.errors import GuillemetsError

__all__ = ["Exit", "corpus_errors", "db_option", "filter_options", "open_engine"]

F = TypeVar("F", bound=Callable[..., Any])


class Exit(Exception):
    """Raised inside a command to stop with a code after the message was printed."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def filter_options(func: F) -> F:
    """--speaker, --domain, --since, --until, --lang (shared by search and export)."""
    options = [
        click.option("--speaker", metavar="NAME|ID", help="Only quotes (articles) of this speaker."),
        click.option(
            "--domain", metavar="HOST", help="Only this outlet, e.g. lesoir.be (sub-domains included)."
        ),
        click.option("--since", metavar="DATE", help="From this day on: 2025-03-12, 2025-03 or 2025."),
        click.option(
            "--until", metavar="DATE", help="Up to this day, inclusive (a month or year: all of it)."
        ),
        click.option("--lang", metavar="CODE", help="Only documents in this language (ISO 639-1, e.g. fr)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@contextlib.contextmanager
def corpus_errors() -> Iterator[None]:
    """Print a one-line message and exit with the right code for the store's errors."""
    try:
        yield
    except GuillemetsError as exc:  # BadQuery 2, NotInCorpus 1, the rest 3: the code is the error's own
        click.echo(f"guillemets: error: {exc}", err=True)
        raise Exit(exit_code_for(exc)) from None
    except sqlalchemy_errors.OperationalError as exc:  # the database went away or is locked mid-command
        first_line = str(exc.orig or exc).strip().splitlines()[0]
        click.echo(f"guillemets: error: database unavailable: {first_line}", err=True)
        raise Exit(exit_code_for(exc)) from None


def open_engine(db: str | None, *, readonly: bool = True) -> Any:
    """The engine on --db / GUILLEMETS_DB / ./guillemets.db (read-only unless told)."""
    from guillemets.settings import database_url
    from guillemets.store.engine import make_engine

    return make_engine(database_url(db), readonly=readonly)


def resolve_speaker(conn: Any, speaker: str | None) -> int | None:
    from guillemets.store.speakers import find_speaker

    return None if speaker is None else find_speaker(conn, speaker)
