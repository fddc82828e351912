"""PLACEHOLDER (to be replaced by the quote stage): the Annotator contract.

``Annotator.annotate(docs)`` fills ``quotes`` and ``entities`` of each Document in place,
batching the parser over all of them; documents in other languages are left empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from guillemets.model import Document
from guillemets.settings import NlpSettings


class Annotator(Protocol):
    def annotate(self, docs: Sequence[Document]) -> None: ...


class NullAnnotator:
    """Does nothing: used when quotes are switched off."""

    def annotate(self, docs: Sequence[Document]) -> None:
        return None


def make_annotator(settings: NlpSettings) -> Annotator:
    return NullAnnotator()
