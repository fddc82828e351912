"""The lemmatizer's word index as a set gives the lemmas the list index gives."""

from __future__ import annotations

import pytest

from guillemets.nlp.load import set_lemma_index

SENTENCES = [
    "Les maraîchers du canton ont affirmé jeudi qu'ils vendraient leurs courges moins cher.",
    "« Nous refusons ces règles absurdes », a déclaré la porte-parole, visiblement agacée.",
    "Selon l'adjointe aux finances, les comptes seront présentés aux élus la semaine prochaine.",
]


@pytest.mark.model
def test_set_index_gives_the_same_lemmas_as_the_list_index(nlp_md) -> None:  # type: ignore[no-untyped-def]
    lemmatizer = nlp_md.get_pipe("lemmatizer")
    table = lemmatizer.lookups.get_table("lemma_index")
    assert all(isinstance(words, frozenset) for words in table.values())  # load_model switched them
    docs = [nlp_md(s) for s in SENTENCES]

    def lemmas() -> list[list[str]]:
        lemmatizer.cache = {}
        return [[lemmatizer.rule_lemmatize(t)[0] for t in d] for d in docs]

    with_sets = lemmas()
    saved = dict(table.items())
    try:
        for key, words in saved.items():
            table[key] = sorted(words)  # the lists spaCy loads
        with_lists = lemmas()
        set_lemma_index(nlp_md)
        assert all(isinstance(words, frozenset) for words in table.values())
    finally:
        for key, words in saved.items():
            table[key] = words
        lemmatizer.cache = {}
    assert with_sets == with_lists
    assert "déclarer" in with_sets[1] and "affirmer" in with_sets[0]
