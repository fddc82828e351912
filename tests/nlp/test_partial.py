"""Partial parsing (NlpSettings.partial): the same quotes as the full parse on invented articles."""

from __future__ import annotations

import pytest

from guillemets.model import Document, Source
from guillemets.nlp import make_annotator
from guillemets.nlp.partial import PartialParser, cue_words
from guillemets.settings import NlpSettings

ARTICLES = [
    (
        "Le conseil municipal de Vernoux s'est réuni mardi soir. La salle était pleine.\n\n"
        "« Nous ne fermerons pas l'école du hameau », a déclaré la maire, Odile Ferrand, sous les "
        "applaudissements. Les parents avaient apporté des banderoles.\n\n"
        "Le préfet, Marc Delaunay, a estimé que la commune n'avait pas les moyens de la garder ouverte. "
        "Selon l'association des parents, quarante élèves y sont inscrits.\n\n"
        "La prochaine séance aura lieu en juin."
    ),
    (
        "Les pêcheurs de l'étang de Berre manifestaient lundi. Il pleuvait depuis l'aube.\n\n"
        "Leur porte-parole, Jeanne Marchetti, a expliqué que les prises avaient diminué de moitié. "
        "« C'est la pire saison depuis vingt ans. Nos bateaux restent à quai. » Elle a ajouté : "
        "« Personne ne nous écoute. »\n\n"
        "Le syndicat mixte n'a pas répondu. Une réunion est prévue jeudi."
    ),
]


def _quotes(partial: bool) -> list[list[dict]]:  # type: ignore[type-arg]
    docs = [Document(id=str(i), source=Source("t"), text=t, lang="fr") for i, t in enumerate(ARTICLES)]
    make_annotator(NlpSettings(partial=partial)).annotate(docs)
    return [[q.to_dict() for q in d.quotes] for d in docs]


@pytest.mark.model
def test_partial_and_full_parsing_give_the_same_quotes(nlp_md) -> None:  # type: ignore[no-untyped-def]
    full = _quotes(False)
    assert all(full)  # the articles do hold quotes
    assert _quotes(True) == full


@pytest.mark.model
def test_sentences_without_quote_cue_or_name_are_not_parsed(nlp_md) -> None:  # type: ignore[no-untyped-def]
    parser = PartialParser(nlp_md)
    (doc, _), *_ = parser.pipe([(ARTICLES[0], None)])
    assert parser.fallbacks == 0
    assert 0 < parser.parsed_sentences < parser.sentences
    last = doc.text.index("La prochaine séance")
    tail = [t for t in doc if t.idx >= last]
    assert all(t.pos_ == "" for t in tail)  # not parsed: no POS, a flat tree
    assert [s.text.strip() for s in doc.sents][-1] == "La prochaine séance aura lieu en juin."
    quote = next(t for t in doc if t.text == "fermerons")
    assert quote.pos_ == "VERB" and quote.lemma_ == "fermer"
    assert doc.text == ARTICLES[0] and doc.ents  # offsets into the text, NER on the whole text


def test_cue_words_hold_verb_stems_and_short_forms() -> None:
    stems, forms = cue_words()
    assert "déclar" in stems
    assert "dit" in forms and "selon" in forms


def test_partial_parsing_needs_the_parse_pipes() -> None:
    import spacy

    with pytest.raises(ValueError, match="needs the pipes"):
        PartialParser(spacy.blank("fr"))
