"""The spaCy model of each language: checked installed at start, loaded when first needed, kept per process.

``NlpSettings.models`` names one model per language. Every named model is checked installed when the
annotator is made (a cheap look-up, nothing loads), so a model that is not installed stops the run
before any page is processed, whatever languages the input holds. The languages of
``NlpSettings.preload`` load then too (French: a ``--jobs`` parent loads it before forking, and the
workers share it); the others load in the process that first meets a document in that language.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

from guillemets.settings import NlpSettings

if TYPE_CHECKING:
    from spacy.language import Language

# Components that only add syntax or morphology: a language parsed for its entities alone skips them
SYNTAX_FACTORIES = frozenset(
    {"tagger", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer", "trainable_lemmatizer"}
)


def is_installed(name: str) -> bool:
    """True when ``name`` is an importable model package or a model directory (nothing is loaded)."""
    if name.isidentifier():
        return importlib.util.find_spec(name) is not None
    return Path(name).is_dir()


class Models:
    """The models of ``settings``, loaded once per process and language."""

    def __init__(self, settings: NlpSettings) -> None:
        from guillemets.nlp.load import load_model

        for _, name in settings.models:
            if not is_installed(name):
                load_model(name, quotes=False)  # raises ModelMissing, naming the pip command
        self.settings = settings
        for lang in settings.preload:
            if settings.model_for(lang):
                self.get(lang)

    def get(self, lang: str) -> Language:
        """The model of ``lang``, with the quote component when a rule profile exists for it."""
        from guillemets.nlp.load import load_model
        from guillemets.nlp.select import has_rule_profile

        name = self.settings.model_for(lang)
        if name is None:
            raise KeyError(f"no model for language {lang!r}")
        return load_model(name, quotes=has_rule_profile(lang))


@functools.cache
def entity_only_disabled(nlp: Language) -> tuple[str, ...]:
    """Pipes of ``nlp`` that entities do not need: syntax, and a shared encoder only they listen to."""
    off = [n for n in nlp.pipe_names if nlp.get_pipe_meta(n).factory in SYNTAX_FACTORIES]
    for name in nlp.pipe_names:
        listeners = getattr(nlp.get_pipe(name), "listening_components", None)
        if listeners and all(other in off for other in listeners):
            off.append(name)
    return tuple(off)
