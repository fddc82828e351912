"""What to parse, and with which model: documents with text, grouped by language; the rest get a reason.

A language is parsed when ``NlpSettings.models`` names a model for it. Its documents get quotes only
when quote rules exist for it: a rule profile in ``data/<lang>/`` (French) or a learned attributor
(English, ``guillemets.attribution``); the others get entities and a reason.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from guillemets.lang import detect_language
from guillemets.model import Document
from guillemets.settings import NlpSettings


@functools.cache
def rule_languages() -> frozenset[str]:
    """Languages whose quotes come from the rule component: a profile (``guillemets.rules``)."""
    from guillemets.rules import available_languages

    return frozenset(available_languages())


@functools.cache
def attributor_languages() -> frozenset[str]:
    """Languages whose quotes come from a learned attributor (``guillemets.attribution``)."""
    from guillemets.attribution import available_languages

    return frozenset(available_languages()) - rule_languages()


def quote_languages() -> frozenset[str]:
    """Languages with quotes, by either engine."""
    return rule_languages() | attributor_languages()


def language_of(doc: Document) -> str | None:
    """The document's language, detected from its text when the record does not say."""
    return doc.lang or detect_language(doc.text)


def has_quote_rules(lang: str | None) -> bool:
    """True when ``lang`` gets quotes (the rule component or a learned attributor)."""
    return lang in quote_languages()


def has_rule_profile(lang: str | None) -> bool:
    """True when ``lang``'s quotes come from the rule component (added to its spaCy pipeline)."""
    return lang in rule_languages()


def group_by_language(docs: Sequence[Document], settings: NlpSettings) -> dict[str, list[Document]]:
    """Documents to parse, by language (sorted), in input order: with text, without errors, with a model."""
    groups: dict[str, list[Document]] = {}
    for doc in docs:
        lang = language_of(doc)
        if lang is not None and doc.text.strip() and not doc.errors and settings.model_for(lang):
            groups.setdefault(lang, []).append(doc)
    return dict(sorted(groups.items()))


def select(docs: Sequence[Document], settings: NlpSettings | None = None) -> list[Document]:
    """Documents the quote stage runs on: with text, without errors, in a language with quote rules."""
    groups = group_by_language(docs, settings or NlpSettings())
    return [d for lang, group in groups.items() if has_quote_rules(lang) for d in group]


def not_run_reason(doc: Document, settings: NlpSettings | None = None) -> str | None:
    """Why the quote stage does not run on ``doc`` (None when it does): an empty list must say why."""
    if doc.errors:
        return "the record has errors"
    if not doc.text.strip():
        return "no text"
    lang = language_of(doc)
    settings = settings or NlpSettings()
    if not settings.model_for(lang):
        known = ", ".join(lang for lang, _ in settings.models)
        return f"no model for language {lang or 'unknown'!r} (models for: {known})"
    if not has_quote_rules(lang):
        known = ", ".join(sorted(quote_languages()))
        return f"no quote rules for {lang!r}, entities only (quote rules for: {known})"
    return None
