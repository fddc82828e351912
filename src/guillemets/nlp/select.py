"""What to parse: French documents with text; everything else gets no quotes and a reason."""

from __future__ import annotations

from collections.abc import Sequence

from guillemets.lang import detect_language
from guillemets.model import Document

QUOTE_LANGUAGES = frozenset({"fr"})


def language_of(doc: Document) -> str | None:
    """The document's language, detected from its text when the record does not say."""
    return doc.lang or detect_language(doc.text)


def select(docs: Sequence[Document]) -> list[Document]:
    """Documents the French quote stage should parse: French, with text, without errors."""
    return [d for d in docs if d.text.strip() and not d.errors and language_of(d) in QUOTE_LANGUAGES]


def not_run_reason(doc: Document) -> str | None:
    """Why the quote stage does not run on ``doc`` (None when it does): an empty list must say why."""
    if doc.errors:
        return "the record has errors"
    if not doc.text.strip():
        return "no text"
    lang = language_of(doc)
    if lang not in QUOTE_LANGUAGES:
        known = ", ".join(sorted(QUOTE_LANGUAGES))
        return f"no quote model for language {lang or 'unknown'!r} (quotes run for: {known})"
    return None
