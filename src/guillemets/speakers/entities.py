"""Entities of the article: people, organisations and places named by the NER."""

from __future__ import annotations

from spacy.tokens import Doc, Span

LABELS = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}


def entity_spans(doc: Doc) -> list[Span]:
    """PER, ORG and LOC mentions of ``doc`` in text order (MISC is left out)."""
    return [e for e in doc.ents if e.label_ in LABELS and e.text.strip()]
