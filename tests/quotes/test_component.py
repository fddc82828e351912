import spacy

from guillemets.nlp import spans as keys
from guillemets.quotes import component  # noqa: F401  (registers the factory)


def test_factory_adds_the_component_with_its_default_config() -> None:
    nlp = spacy.blank("fr")
    pipe = nlp.add_pipe("guillemets_quotes")
    assert nlp.get_pipe_meta("guillemets_quotes").default_config["spans_key"] == keys.QUOTES
    assert pipe.spans_key == keys.QUOTES


def test_component_on_a_parsed_doc_fills_parallel_span_groups(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    from tests.quotes.parses import build

    nlp = spacy.blank("fr")
    finder = nlp.add_pipe("guillemets_quotes")
    doc = build(
        fr_vocab,
        [
            ("«", 1, "punct", "«", "PUNCT"),
            ("Rentrez", 5, "ccomp", "rentrer", "VERB"),
            ("»", 1, "punct", "»", "PUNCT"),
            (",", 5, "punct", ",", "PUNCT"),
            ("a", 5, "aux:tense", "avoir", "AUX"),
            ("lancé", 5, "ROOT", "lancer", "VERB"),
            ("Odile", 5, "nsubj", "Odile", "PROPN"),
            ("Ferrand", 6, "flat:name", "Ferrand", "PROPN"),
            (".", 5, "punct", ".", "PUNCT"),
        ],
        ents=[(6, 8, "PER")],
    )
    doc = finder(doc)
    [quote] = doc.spans[keys.QUOTES]
    [cue] = doc.spans[keys.CUES]
    [speaker] = doc.spans[keys.SPEAKERS]
    found = (quote.text, quote.label_, cue.text, speaker.text)
    assert found == ("Rentrez", "direct", "a lancé", "Odile Ferrand")
    assert [(e.text, e.label_) for e in doc.spans[keys.ENTITIES]] == [("Odile Ferrand", "PER")]


def test_component_on_a_doc_without_quotes_writes_empty_groups(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    nlp = spacy.blank("fr")
    finder = nlp.add_pipe("guillemets_quotes")
    doc = finder(nlp.make_doc("Le port reste fermé."))
    assert [len(doc.spans[k]) for k in (keys.QUOTES, keys.CUES, keys.SPEAKERS)] == [0, 0, 0]
