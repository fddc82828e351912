"""Lean inference (``nlp.lean``) gives the analyses thinc's own ``chain`` gives, and leaves training alone."""

from __future__ import annotations

import numpy
import pytest
from thinc.api import Relu, Softmax, chain
from thinc.layers.chain import forward as chain_forward

from guillemets.nlp.lean import lean_chain, lean_inference

SENTENCES = [
    "« Nous refusons ces règles absurdes », a déclaré Marie Dupont, porte-parole de la FNSEA à Lyon.",
    "Selon l'adjointe aux finances, les comptes seront présentés aux élus la semaine prochaine.",
]


def _small_chain():  # type: ignore[no-untyped-def]
    model = chain(Relu(5, 3), Relu(4, 5), Softmax(2, 4))
    model.initialize(X=numpy.ones((2, 3), dtype="f"))
    return model


def test_lean_chain_predicts_what_chain_predicts() -> None:
    model = _small_chain()
    X = numpy.linspace(-1, 1, 12, dtype="f").reshape(4, 3)
    expected, _ = chain_forward(model, X, is_train=False)
    got, backprop = lean_chain(model, X, is_train=False)
    assert numpy.array_equal(got, expected)
    with pytest.raises(RuntimeError):
        backprop(got)


def test_lean_chain_trains_as_chain_does() -> None:
    model = _small_chain()
    X = numpy.linspace(-1, 1, 12, dtype="f").reshape(4, 3)
    Y, backprop = lean_chain(model, X, is_train=True)
    dX = backprop(numpy.ones_like(Y))
    assert dX.shape == X.shape


def _analyses(nlp, texts):  # type: ignore[no-untyped-def]
    docs = list(nlp.pipe(texts))
    return (
        [d.tensor.copy() for d in docs],
        [[(t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_) for t in d] for d in docs],
        [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in docs],
    )


@pytest.mark.model
def test_lean_model_parses_as_the_plain_model(nlp_md) -> None:  # type: ignore[no-untyped-def]
    models = [getattr(pipe, "model", None) for _, pipe in nlp_md.pipeline]
    lean_nodes = [n for m in models if hasattr(m, "walk") for n in m.walk() if n._func is lean_chain]
    assert lean_nodes  # load_model made it lean
    lean = _analyses(nlp_md, SENTENCES)
    try:
        for node in lean_nodes:
            node._func = chain_forward
        plain = _analyses(nlp_md, SENTENCES)
    finally:
        assert lean_inference(nlp_md) == len(lean_nodes)
    assert all(numpy.array_equal(a, b) for a, b in zip(lean[0], plain[0], strict=True))
    assert lean[1:] == plain[1:]
    assert lean_inference(nlp_md) == 0  # already lean: nothing left to change
