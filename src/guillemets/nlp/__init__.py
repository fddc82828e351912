"""The NLP stage: parse with spaCy once, fill quotes and entities of Documents."""

from guillemets.nlp.annotator import Annotator, make_annotator

__all__ = ["Annotator", "make_annotator"]
