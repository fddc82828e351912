"""Quotes: marks, cues, direct/indirect/mixed finders and the ``guillemets_quotes`` spaCy component."""

from __future__ import annotations

from typing import TYPE_CHECKING

from guillemets.model import Quote

if TYPE_CHECKING:
    from spacy.language import Language


def find_quotes(text: str, nlp: Language | None = None) -> list[Quote]:
    """Quotes of a French ``text`` (the objects the CLI writes); loads the model if ``nlp`` is None."""
    from guillemets.convert import quotes_from_doc
    from guillemets.nlp.load import load_model
    from guillemets.nlp.spans import QUOTE_PIPE, QUOTES
    from guillemets.quotes.component import quote_config

    if nlp is None:
        nlp = load_model()
    elif QUOTE_PIPE not in nlp.pipe_names:
        nlp.add_pipe(QUOTE_PIPE, last=True, config=quote_config(nlp.lang or "fr"))
    key = str(getattr(nlp.get_pipe(QUOTE_PIPE), "spans_key", QUOTES))
    return quotes_from_doc(nlp(text), spans_key=key)


__all__ = ["find_quotes"]
