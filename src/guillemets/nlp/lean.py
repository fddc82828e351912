"""Inference that frees each layer's output as soon as the next layer has read it.

thinc's ``chain`` (the combinator most of a spaCy model is made of: ``tok2vec``'s embedding and
encoder, the NER's and parser's own layers) keeps every layer's backprop callback until the end
of the chain, even when nothing will backpropagate (``Model.predict``, ``is_train=False``): each
callback holds its layer's inputs and outputs, so the whole stack of intermediate arrays of a
parse batch is alive at once. On the longest English DEV document (11,365 tokens), the
``tok2vec`` of ``en_core_web_sm`` then takes 178 MB at its peak and the NER 203 MB; with
``lean_chain`` 52 and 48 MB, the same tensors and entities (bit for bit; docs/batch.md, "A
worker's own memory"). Training (``is_train=True``) runs thinc's own forward, untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from thinc.layers.chain import forward as chain_forward

if TYPE_CHECKING:
    from spacy.language import Language
    from thinc.api import Model


def lean_chain(model: Model[Any, Any], X: Any, is_train: bool) -> tuple[Any, Callable[[Any], Any]]:
    """thinc's ``chain`` forward; at inference each layer's output is dropped once the next has run."""
    if is_train:
        return chain_forward(model, X, is_train)
    for layer in model.layers:
        X = layer(X, is_train=False)[0]
    return X, _no_backprop


def _no_backprop(dY: Any) -> Any:
    raise RuntimeError("a chain run for inference (is_train=False) keeps nothing to backpropagate")


def lean_inference(nlp: Language) -> int:
    """Make every ``chain`` in the models of ``nlp``'s pipes run ``lean_chain``; the number of chains."""
    count = 0
    for _, pipe in nlp.pipeline:
        model: Any = getattr(pipe, "model", None)  # None for rule-based pipes
        for node in model.walk() if hasattr(model, "walk") else ():
            if node._func is chain_forward:
                node._func = lean_chain
                count += 1
    return count
