from pathlib import Path

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from guillemets.convert import quotes_from_doc
from guillemets.nlp import spans as keys
from guillemets.quotes import component  # noqa: F401  (registers the factory)
from guillemets.quotes.component import quote_config
from guillemets.rules import load_profile

INCISE = [
    ("«", 1, "punct", "«", "PUNCT"),
    ("Fermez", 5, "ccomp", "fermer", "VERB"),
    ("»", 1, "punct", "»", "PUNCT"),
    (",", 5, "punct", ",", "PUNCT"),
    ("a", 5, "aux:tense", "avoir", "AUX"),
    ("tonné", 5, "ROOT", "tonner", "VERB"),
    ("Basile", 5, "nsubj", "Basile", "PROPN"),
    ("Ortiz", 6, "flat:name", "Ortiz", "PROPN"),
    (".", 5, "punct", ".", "PUNCT"),
]


def _incise(vocab: Vocab) -> Doc:
    from tests.quotes.parses import build

    return build(vocab, INCISE, ents=[(6, 8, "PER")])


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


def test_a_non_default_spans_key_holds_the_quotes_and_convert_reads_it(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    nlp = spacy.blank("fr")
    finder = nlp.add_pipe("guillemets_quotes", config={"spans_key": "citations"})
    doc = finder(_incise(fr_vocab))
    assert keys.QUOTES not in doc.spans
    assert [s.text for s in doc.spans["citations"]] == ["Fermez"]
    assert [s.text for s in doc.spans["citations_speaker"]] == ["Basile Ortiz"]
    [quote] = quotes_from_doc(doc, spans_key="citations")
    assert (quote.text, quote.speaker and quote.speaker.name) == ("Fermez", "Basile Ortiz")


def test_component_declares_what_it_reads_and_writes() -> None:
    meta = spacy.blank("fr").get_factory_meta("guillemets_quotes")
    assert {"token.dep", "token.lemma", "doc.ents"} <= set(meta.requires)
    assert meta.assigns == ["doc.spans"]


def test_config_names_the_language_and_the_profile_version() -> None:
    nlp = spacy.blank("fr")
    nlp.add_pipe("guillemets_quotes", config=quote_config("fr"))
    config = nlp.config["components"]["guillemets_quotes"]
    assert config["lang"] == "fr" and config["profile_version"] == load_profile("fr").version
    assert "cues=" in config["profile_version"]


def test_match_resolve_and_set_annotations_are_separate_steps(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    finder = spacy.blank("fr").add_pipe("guillemets_quotes")
    doc = _incise(fr_vocab)
    matches = finder.match(doc)
    assert [(q.kind, doc[q.speaker].text) for q in matches.quotes] == [("direct", "Basile")]
    assert keys.QUOTES not in doc.spans  # matching writes nothing
    resolution = finder.resolve(doc, matches)
    assert resolution.speaker_names == ["Basile Ortiz"]
    finder.set_annotations(doc, matches, resolution)
    assert [s.kb_id_ for s in doc.spans[keys.SPEAKERS]] == ["Basile Ortiz"]


def test_to_disk_saves_the_lexicon_and_from_disk_gives_the_same_quotes(fr_vocab, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    nlp = spacy.blank("fr")
    nlp.add_pipe("guillemets_quotes", config=quote_config("fr"))
    before = quotes_from_doc(nlp.get_pipe("guillemets_quotes")(_incise(fr_vocab)))
    nlp.to_disk(tmp_path / "pipeline")
    saved = tmp_path / "pipeline" / "guillemets_quotes"
    assert {"cues.tsv", "mentions.tsv", "words.tsv", "morphology.tsv", "speaker_ranker.json"} <= {
        p.name for p in saved.iterdir()
    }
    reloaded = spacy.load(tmp_path / "pipeline")
    after = quotes_from_doc(reloaded.get_pipe("guillemets_quotes")(_incise(reloaded.vocab)))
    assert after == before and [q.text for q in after] == ["Fermez"]


def test_from_disk_uses_the_saved_lexicon_not_the_installed_one(fr_vocab, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    nlp = spacy.blank("fr")
    nlp.add_pipe("guillemets_quotes")
    nlp.to_disk(tmp_path / "pipeline")
    cues = tmp_path / "pipeline" / "guillemets_quotes" / "cues.tsv"
    kept = [line for line in cues.read_text("utf-8").splitlines() if not line.startswith("tonner\t")]
    cues.write_text("\n".join(kept) + "\n", "utf-8")
    reloaded = spacy.load(tmp_path / "pipeline")
    doc = reloaded.get_pipe("guillemets_quotes")(_incise(reloaded.vocab))
    assert quotes_from_doc(doc) == []  # « tonner » is no cue in the saved lexicon: a lone word is no quote
