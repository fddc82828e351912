"""The Annotator: parse documents in batches, each language with its model, and fill their ``quotes``
and ``entities`` in place.

Only languages with quote rules get quotes (no French cue is ever applied to another language);
a language with a model but no quote rules gets entities; a language without a model gets nothing
(``nlp.select.not_run_reason`` says why).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from guillemets.model import Document
from guillemets.settings import NlpSettings

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from guillemets.nlp.partial import PartialParser


class Annotator(Protocol):
    def annotate(self, docs: Sequence[Document]) -> None: ...


class NullAnnotator:
    """Does nothing: used when quotes are switched off."""

    def annotate(self, docs: Sequence[Document]) -> None:
        return None


class SpacyAnnotator:
    """Parses each language's documents with its model (``NlpSettings.models``) using ``nlp.pipe``.

    Languages with quote rules get quotes and entities (the model + ``guillemets_quotes``); the
    others get entities only, parsed with the pipes the NER needs.
    """

    def __init__(self, settings: NlpSettings, explain: bool = False) -> None:
        from guillemets.nlp.models import Models

        self.settings = settings
        self.models = Models(settings)  # raises ModelMissing now for a model that is not installed
        self.explain = explain
        self.explanations: dict[int, list[str]] = {}  # id(Document) → reasons, only when ``explain``
        self.dropped: dict[int, list[str]] = {}  # id(Document) → candidates the quote scorer dropped
        self.partial: dict[str, PartialParser] = {}  # per language with quote rules, made on first use

    def annotate(self, docs: Sequence[Document]) -> None:
        from guillemets.nlp.select import attributor_languages, group_by_language, has_rule_profile

        self.explanations, self.dropped = {}, {}
        for lang, group in group_by_language(docs, self.settings).items():
            if has_rule_profile(lang):
                self._quotes(lang, group)
            elif lang in attributor_languages():
                self._attributed(lang, group)
            else:
                self._entities(lang, group)

    def _quotes(self, lang: str, docs: list[Document]) -> None:
        from guillemets.convert import entities_from_doc, explained_quotes
        from guillemets.nlp.spans import DROPPED, QUOTE_PIPE, QUOTES

        finder = self.models.get(lang).get_pipe(QUOTE_PIPE)
        key = str(getattr(finder, "spans_key", QUOTES))  # the configured key
        for parsed, doc in self._parse(lang, docs):
            explained = explained_quotes(parsed, spans_key=key)
            doc.quotes = [q for q, _ in explained]
            doc.entities = entities_from_doc(parsed, doc.quotes, spans_key=key)
            if self.explain:
                self.explanations[id(doc)] = [why for _, why in explained]
                self.dropped[id(doc)] = list(parsed.user_data.get(DROPPED, []))

    def _attributed(self, lang: str, docs: list[Document]) -> None:
        """A learned attributor on the whole parse; speakers named from the NER's people and organisations."""
        from spacy.tokens import Span

        from guillemets.attribution import load_attributor
        from guillemets.attribution.names import Named, name_speakers, resolve
        from guillemets.convert import entities_from_doc
        from guillemets.model import EntityLabel
        from guillemets.nlp.entities import mark_entities
        from guillemets.nlp.spans import ENTITIES

        nlp = self.models.get(lang)
        attribute = load_attributor(lang)
        for parsed, doc in self._pipe(nlp, docs):
            parsed = mark_entities(parsed)
            spans = list(parsed.spans.get(ENTITIES, []))
            names = [Named(s.start_char, s.end_char, s.text, EntityLabel(s.label_)) for s in spans]
            # each mention under its fullest name, so « Delgado » and « Maria Delgado » are one entity
            resolved = [resolve(n, names) for n in names]
            parsed.spans[ENTITIES] = [
                Span(parsed, s.start, s.end, label=str(label), kb_id=name)
                for s, (name, label) in zip(spans, resolved, strict=True)
            ]
            doc.quotes = name_speakers(attribute(parsed), names)
            doc.entities = entities_from_doc(parsed, doc.quotes)
            if self.explain:
                self.explanations[id(doc)] = ["learned attributor" for _ in doc.quotes]

    def _entities(self, lang: str, docs: list[Document]) -> None:
        from guillemets.convert import entities_from_doc
        from guillemets.nlp.entities import mark_entities
        from guillemets.nlp.models import entity_only_disabled

        nlp = self.models.get(lang)
        off = entity_only_disabled(nlp)
        for parsed, doc in self._pipe(nlp, docs, disable=off):
            doc.quotes = []
            doc.entities = entities_from_doc(mark_entities(parsed), [])

    def _batches(self, docs: Sequence[Document]) -> Iterator[list[tuple[str, Document]]]:
        """(text, document) pairs in batches of at most ``batch_size`` documents and ``batch_chars``
        characters (a longer document alone): the parse's working memory grows with the batch's tokens."""
        return text_batches(docs, self.settings.batch_size, self.settings.batch_chars)

    def _pipe(self, nlp: Any, docs: Sequence[Document], **kwargs: Any) -> Iterator[tuple[Doc, Document]]:
        """``nlp.pipe`` over ``docs`` (as tuples), batch by batch."""
        for batch in self._batches(docs):
            yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch), **kwargs)

    def _parse(self, lang: str, docs: Sequence[Document]) -> Iterator[tuple[Doc, Document]]:
        """Whole-pipeline parsing, or partial parsing then the quote component (``NlpSettings.partial``)."""
        nlp = self.models.get(lang)
        if not self.settings.partial:
            yield from self._pipe(nlp, docs)
            return
        from guillemets.nlp.partial import PartialParser
        from guillemets.nlp.spans import QUOTE_PIPE

        if lang not in self.partial:
            self.partial[lang] = PartialParser(nlp)
        partial = self.partial[lang]
        finder = nlp.get_pipe(QUOTE_PIPE)
        for batch in self._batches(docs):
            for parsed, doc in partial.pipe(batch, batch_size=len(batch)):
                yield finder(parsed), doc


def text_batches(
    docs: Iterable[Document], max_docs: int, max_chars: int
) -> Iterator[list[tuple[str, Document]]]:
    """Consecutive (text, document) batches of at most ``max_docs`` documents and ``max_chars``
    characters; a document longer than ``max_chars`` makes a batch of its own. Order is kept."""
    batch: list[tuple[str, Document]] = []
    held = 0
    for doc in docs:
        size = len(doc.text)
        if batch and (len(batch) >= max_docs or held + size > max_chars):
            yield batch
            batch, held = [], 0
        batch.append((doc.text, doc))
        held += size
    if batch:
        yield batch


def make_annotator(settings: NlpSettings, explain: bool = False) -> Annotator:
    """The spaCy annotator (each model loaded once per process), or a no-op when quotes are off."""
    if not settings.quotes:
        return NullAnnotator()
    return SpacyAnnotator(settings, explain=explain)
