"""Entities of a language parsed without quote rules: the model's NER labels mapped to the record's.

The mapping is data (``data/ner_labels.tsv``), keyed by the NER label whatever the model: spaCy's
English models use OntoNotes labels (PERSON, ORG, GPE...), most others PER, ORG, LOC, MISC.
"""

from __future__ import annotations

import functools
from importlib import resources

from spacy.tokens import Doc, Span, SpanGroup

from guillemets.model import EntityLabel
from guillemets.nlp import spans as keys

LABELS_FILE = "ner_labels.tsv"


@functools.cache
def load_ner_labels(name: str = LABELS_FILE) -> dict[str, EntityLabel]:
    """NER label → record label, from ``name`` in ``guillemets.data`` (a bad line names file:line)."""
    text = resources.files("guillemets.data").joinpath(name).read_text("utf-8")
    labels: dict[str, EntityLabel] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line == "label\trecord":
            continue
        label, _, record = line.partition("\t")
        try:
            labels[label.strip()] = EntityLabel(record.strip())
        except ValueError:
            raise ValueError(f"{name}:{number}: {record.strip()!r} is not an entity label") from None
    return labels


def mark_entities(doc: Doc, labels: dict[str, EntityLabel] | None = None) -> Doc:
    """Put ``doc``'s named entities whose label is mapped into the ``entity`` SpanGroup, relabelled."""
    labels = load_ner_labels() if labels is None else labels
    spans = [
        Span(doc, e.start, e.end, label=str(labels[e.label_]))
        for e in doc.ents
        if e.label_ in labels and e.text.strip()
    ]
    doc.spans[keys.ENTITIES] = SpanGroup(doc, name=keys.ENTITIES, spans=spans)
    return doc
