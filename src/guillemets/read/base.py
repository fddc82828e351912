"""RawPage: what a reader hands the cleaner, before any decision about the article."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum

from guillemets.errors import GuillemetsError
from guillemets.model import DOCUMENT_FIELDS, Document, RecordError, Source


class PageKind(StrEnum):
    TEXT = "text"  # a plain-text dump of every visible line (WET-like)
    HTML = "html"
    CLEAN = "clean"  # already-clean article text (e.g. ``quotes`` input)


@dataclass(slots=True)
class RawPage:
    """One page as read: decoded text, its kind, and what the input said about it.

    ``id`` is None unless the input gives one; the pipeline then uses a content hash.
    A page whose ``errors`` is non-empty could not be read; it still becomes a record.
    """

    source: Source
    kind: PageKind
    content: str = ""
    id: str | None = None
    url: str | None = None
    lang: str | None = None
    date: str | None = None
    crawl_date: str | None = None
    errors: list[RecordError] = field(default_factory=list)

    def document(self) -> Document:
        """The Document this page starts: every field a reader fills that Document also has
        (source, url, lang, dates...), so a new field needs no copying code; the id is set later."""
        shared = {name: getattr(self, name) for name in _SHARED}
        return Document(id=self.id or "", errors=list(self.errors), **shared)


_SET_LATER = ("id", "errors")
_SHARED = tuple(f.name for f in fields(RawPage) if f.name in DOCUMENT_FIELDS and f.name not in _SET_LATER)


@dataclass(frozen=True, slots=True)
class InputRef:
    """One input to read: a path (or '-' for stdin); ``problem`` is set when it cannot be read.

    ``code`` is the errors.py code reported with ``problem``.
    """

    path: str
    problem: str | None = None
    code: str = "unreadable"


def error_page(
    source: Source, exc: GuillemetsError, kind: PageKind = PageKind.TEXT, id: str | None = None
) -> RawPage:
    """The record of a failed read: it keeps the source (and id if known) and says why."""
    return RawPage(source, kind, id=id, errors=[RecordError(exc.stage, exc.code, exc.message)])
