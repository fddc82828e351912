"""spaCy Doc → Quote/Entity with offsets into ``Document.text``: the only module that sees both.

``offset`` shifts every span when the parsed text starts inside the document text.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span

from guillemets.model import CharSpan, Entity, EntityLabel, Quote, QuoteType, SpeakerMention
from guillemets.nlp import spans as keys

_MARKS = ' \n\t«»“”„"'
_TRAILING = " \n\t.;:,"


def quotes_from_doc(doc: Doc, offset: int = 0, spans_key: str = keys.QUOTES) -> list[Quote]:
    """The quotes the component put on ``doc`` (under ``spans_key``), as model objects, sorted by start."""
    return [q for q, _ in explained_quotes(doc, offset, spans_key)]


def explained_quotes(doc: Doc, offset: int = 0, spans_key: str = keys.QUOTES) -> list[tuple[Quote, str]]:
    """Each quote with the reason the component chose it and its speaker, sorted by start."""
    if spans_key not in doc.spans:
        return []
    reasons = doc.user_data.get(keys.EXPLAIN, [])
    out = []
    text = doc.text
    for span, cue, speaker in zip(
        doc.spans[spans_key],
        doc.spans[keys.cue_key(spans_key)],
        doc.spans[keys.speaker_key(spans_key)],
        strict=True,
    ):
        start, end = _content(text, span)
        out.append(
            Quote(
                type=QuoteType(span.label_),
                start=start + offset,
                end=end + offset,
                text=text[start:end],
                speaker=_speaker(text, speaker, offset),
                cue=_cue(cue, offset),
            )
        )
    why = [reasons[i] if i < len(reasons) else "" for i in range(len(out))]
    return sorted(zip(out, why, strict=True), key=lambda p: (p[0].start, p[0].end))


def explanations(doc: Doc) -> list[str]:
    """Why each quote was chosen, parallel to the (unsorted) quote spans."""
    return list(doc.user_data.get(keys.EXPLAIN, []))


def _content(text: str, span: Span) -> tuple[int, int]:
    start, end = span.start_char, span.end_char
    if span.label_ == "direct":
        while start < end and text[start] in _MARKS:
            start += 1
        while end > start and text[end - 1] in _MARKS:
            end -= 1
    else:
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        while start < end and text[start].isspace():
            start += 1
    return start, end


def _speaker(text: str, span: Span, offset: int) -> SpeakerMention | None:
    if span.label_ == keys.NONE or not len(span):
        return None
    start, end = span.start_char, span.end_char
    while start < end and text[start] in "-":
        start += 1
    if text[start:end].lower().startswith("t-"):
        start += 2
    return SpeakerMention(start + offset, end + offset, text[start:end], span.kb_id_ or None)


def _cue(span: Span, offset: int) -> CharSpan | None:
    if span.label_ == keys.NONE or not len(span):
        return None
    return CharSpan(span.start_char + offset, span.end_char + offset, span.text)


def entities_from_doc(
    doc: Doc, quotes: list[Quote], offset: int = 0, spans_key: str = keys.QUOTES
) -> list[Entity]:
    """Entities grouped by canonical name and label, with mentions and the number of quotes each speaks."""
    counts = Counter(q.speaker.name for q in quotes if q.speaker and q.speaker.name)
    grouped: dict[tuple[str, str], Entity] = {}
    for span in doc.spans.get(keys.ENTITIES, []):
        name = span.kb_id_ or span.text
        entity = grouped.setdefault((name, span.label_), Entity(name, EntityLabel(span.label_)))
        entity.mentions.append(CharSpan(span.start_char + offset, span.end_char + offset, span.text))
    names = {name for name, _ in grouped}
    for span in doc.spans.get(keys.speaker_key(spans_key), []):
        name = span.kb_id_
        if name and name not in names and span.label_ != keys.NONE:
            kind = EntityLabel.PERSON if span.label_ == "PER" else EntityLabel.ORGANISATION
            entity = grouped.setdefault((name, str(kind)), Entity(name, kind))
            entity.mentions.append(CharSpan(span.start_char + offset, span.end_char + offset, span.text))
    for (name, label), entity in grouped.items():
        if label != "LOC":
            entity.quotes = counts.get(name, 0)
    return sorted(
        grouped.values(), key=lambda e: (-e.quotes, e.mentions[0].start if e.mentions else 0, e.name)
    )
