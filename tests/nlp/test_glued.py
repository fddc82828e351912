"""Sentences a scraper glued together are split at the full stop (invented text, the real tokenizer)."""

import pytest

from guillemets.nlp.glued import split_glued_sentences


@pytest.fixture(scope="module")
def tokenizer():  # type: ignore[no-untyped-def]
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("fr")
    split_glued_sentences(nlp)
    return nlp.tokenizer


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("la foule « gronde ».Les élus", ["la", "foule", "«", "gronde", "»", ".", "Les", "élus"]),
        ("en 2021.Le texte", ["en", "2021", ".", "Le", "texte"]),
        ("la CGTB.Quinze syndicats", ["la", "CGTB", ".", "Quinze", "syndicats"]),
    ],
)
def test_a_stop_glued_to_a_capitalised_word_is_split(tokenizer, text: str, tokens: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert [t.text for t in tokenizer(text)] == tokens


@pytest.mark.parametrize("word", ["Exemple.org", "3.5", "U.S.A.", "M.Durand", "www.exemple.fr"])
def test_names_numbers_and_initials_stay_whole(tokenizer, word: str) -> None:  # type: ignore[no-untyped-def]
    assert [t.text for t in tokenizer(f"voir {word} ici")] == ["voir", word, "ici"]


def test_applying_twice_changes_nothing(tokenizer) -> None:  # type: ignore[no-untyped-def]
    import spacy

    nlp = spacy.blank("fr")
    split_glued_sentences(nlp)
    pattern = nlp.tokenizer.prefix_search.__self__.pattern
    split_glued_sentences(nlp)
    assert nlp.tokenizer.prefix_search.__self__.pattern == pattern
