"""The options every command shares, defined once: ``--db``, ``-o/--output``, ``-q/--quiet``, ``-j/--jobs``.

Each is a decorator; ``help`` may be adapted to the command (what "quiet" hides differs), the
names, defaults, types and environment variable never are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

DB_HELP = "Database: a path, sqlite:///FILE or postgresql://… (env GUILLEMETS_DB, default ./guillemets.db)."
OUTPUT_HELP = "Write to FILE (default: stdout)."
QUIET_HELP = "No progress bar and no summary (errors are still shown)."
JOBS_HELP = "Worker processes (default: all cores)."


def db_option(func: F | None = None, *, help: str = DB_HELP) -> Any:
    """``--db URL``: None when not given, then $GUILLEMETS_DB, then ./guillemets.db (``database_url``)."""
    decorator = click.option("--db", "db", metavar="URL", default=None, help=help)
    return decorator(func) if func is not None else decorator


def output_option(
    func: F | None = None, *, help: str = OUTPUT_HELP, default: str | None = "-", type: Any = None
) -> Any:
    """``-o/--output FILE``: '-' (stdout) unless the command needs a path (``default=None``, required)."""
    decorator = click.option(
        "-o",
        "--output",
        "output",
        default=default,
        required=default is None,
        metavar="FILE",
        type=type,
        help=help,
    )
    return decorator(func) if func is not None else decorator


def quiet_option(func: F | None = None, *, help: str = QUIET_HELP) -> Any:
    """``-q/--quiet``: no progress and no summary; errors are always shown."""
    decorator = click.option("-q", "--quiet", "quiet", is_flag=True, help=help)
    return decorator(func) if func is not None else decorator


def jobs_option(func: F | None = None, *, help: str = JOBS_HELP) -> Any:
    """``-j/--jobs N`` (N ≥ 1): None when not given, meaning all cores (``settings.default_jobs``)."""
    decorator = click.option(
        "-j", "--jobs", "jobs", type=click.IntRange(min=1), default=None, metavar="N", help=help
    )
    return decorator(func) if func is not None else decorator
