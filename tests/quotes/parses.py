"""Hand-built French parses for rule tests: words, heads, deps, lemmas and POS as the model gives them."""

from __future__ import annotations

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab


def build(
    vocab: Vocab,
    rows: list[tuple[str, int, str, str, str]],
    ents: list[tuple[int, int, str]] = (),
    morphs: dict[int, str] | None = None,
) -> Doc:
    """A Doc from (word, head, dep, lemma, pos) rows; heads are absolute token indices."""
    words = [r[0] for r in rows]
    spaces = [
        i + 1 < len(words)
        and words[i + 1] not in {",", ".", "»", "-t", "-il", "-elle"}
        and words[i] not in {"«"}
        for i in range(len(words))
    ]
    morph = [(morphs or {}).get(i, "") for i in range(len(words))]
    doc = Doc(
        vocab,
        words=words,
        spaces=spaces,
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        lemmas=[r[3] for r in rows],
        pos=[r[4] for r in rows],
        morphs=morph,
    )
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc
