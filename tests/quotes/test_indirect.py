"""Indirect-quote rules on hand-built parses (que clause, incise, selon, pour); new cues on the model."""

import pytest
from spacy.language import Language
from tests.quotes.parses import build

from guillemets.nlp.load import QUOTE_PIPE
from guillemets.quotes.indirect import find_indirect
from guillemets.rules import load_profile


def _indirect(doc):  # type: ignore[no-untyped-def]
    return find_indirect(doc, load_profile("fr"), [])


def test_que_clause_content_and_subject(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    doc = build(
        fr_vocab,
        [
            ("Le", 1, "det", "le", "DET"),
            ("syndicat", 2, "nsubj", "syndicat", "NOUN"),
            ("affirme", 2, "ROOT", "affirmer", "VERB"),
            ("que", 6, "mark", "que", "SCONJ"),
            ("la", 5, "det", "le", "DET"),
            ("grève", 7, "nsubj:pass", "grève", "NOUN"),
            ("sera", 7, "aux:pass", "être", "AUX"),
            ("reconduite", 2, "ccomp", "reconduire", "VERB"),
            (".", 2, "punct", ".", "PUNCT"),
        ],
    )
    doc[5].head = doc[7]
    [quote] = _indirect(doc)
    assert doc.text[quote.start : quote.end] == "la grève sera reconduite"
    assert doc[quote.speaker].text == "syndicat"
    assert doc[quote.cue[0] : quote.cue[1]].text == "affirme"


def test_incise_after_content(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    doc = build(
        fr_vocab,
        [
            ("Trois", 1, "nummod", "trois", "NUM"),
            ("personnes", 3, "nsubj", "personne", "NOUN"),
            ("sont", 3, "aux", "être", "AUX"),
            ("mortes", 3, "ROOT", "mourir", "VERB"),
            (",", 6, "punct", ",", "PUNCT"),
            ("a", 6, "aux:tense", "avoir", "AUX"),
            ("indiqué", 3, "parataxis", "indiquer", "VERB"),
            ("la", 8, "det", "le", "DET"),
            ("police", 6, "nsubj", "police", "NOUN"),
            (".", 3, "punct", ".", "PUNCT"),
        ],
    )
    doc[2].head = doc[3]
    [quote] = _indirect(doc)
    assert doc.text[quote.start : quote.end] == "Trois personnes sont mortes"
    assert doc[quote.speaker].text == "police"


def test_selon_before_clause(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    doc = build(
        fr_vocab,
        [
            ("Selon", 2, "case", "selon", "ADP"),
            ("l'", 2, "det", "le", "DET"),
            ("OMS", 6, "obl:mod", "OMS", "PROPN"),
            (",", 6, "punct", ",", "PUNCT"),
            ("il", 6, "nsubj", "il", "PRON"),
            ("est", 6, "cop", "être", "AUX"),
            ("toxique", 6, "ROOT", "toxique", "ADJ"),
            (".", 6, "punct", ".", "PUNCT"),
        ],
        ents=[(2, 3, "ORG")],
    )
    [quote] = _indirect(doc)
    assert doc.text[quote.start : quote.end] == "il est toxique"
    assert doc[quote.speaker].text == "OMS"
    assert doc[quote.cue[0]].text == "Selon"


def test_selon_after_clause(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    doc = build(
        fr_vocab,
        [
            ("Le", 1, "det", "le", "DET"),
            ("droit", 4, "nsubj:pass", "droit", "NOUN"),
            ("est", 4, "aux:pass", "être", "AUX"),
            ("remis", 4, "ROOT", "remettre", "VERB"),
            ("en", 5, "case", "en", "ADP"),
            ("cause", 3, "obl", "cause", "NOUN"),
            (",", 9, "punct", ",", "PUNCT"),
            ("selon", 9, "case", "selon", "ADP"),
            ("le", 9, "det", "le", "DET"),
            ("collectif", 3, "obl:mod", "collectif", "NOUN"),
            (".", 3, "punct", ".", "PUNCT"),
        ],
    )
    doc[1].head, doc[2].head, doc[4].head = doc[3], doc[3], doc[5]
    [quote] = _indirect(doc)
    assert doc.text[quote.start : quote.end] == "Le droit est remis en cause"
    assert doc[quote.speaker].text == "collectif"


def test_pour_needs_a_speaker_not_a_purpose(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    doc = build(
        fr_vocab,
        [
            ("Pour", 1, "mark", "pour", "ADP"),
            ("repérer", 6, "advcl", "repérer", "VERB"),
            ("ces", 3, "det", "ce", "DET"),
            ("personnes", 1, "obj", "personne", "NOUN"),
            (",", 6, "punct", ",", "PUNCT"),
            ("la", 6, "det", "le", "DET"),
            ("loi", 7, "nsubj", "loi", "NOUN"),
            ("permettra", 7, "ROOT", "permettre", "VERB"),
            (".", 7, "punct", ".", "PUNCT"),
        ],
    )
    doc[5].head, doc[1].head = doc[6], doc[7]
    assert _indirect(doc) == []


def _selon_after_participle(fr_vocab, dep: str):  # type: ignore[no-untyped-def]
    """« Les tarifs annoncés augmenteront, selon la fédération. » with « annoncés » parsed as ``dep``."""
    return build(
        fr_vocab,
        [
            ("Les", 1, "det", "le", "DET"),
            ("tarifs", 3, "nsubj", "tarif", "NOUN"),
            ("annoncés", 1 if dep == "acl" else 3, dep, "annoncer", "VERB"),
            ("augmenteront", 3, "ROOT", "augmenter", "VERB"),
            (",", 7, "punct", ",", "PUNCT"),
            ("selon", 7, "case", "selon", "ADP"),
            ("la", 7, "det", "le", "DET"),
            ("fédération", 3, "obl:mod", "fédération", "NOUN"),
            (".", 3, "punct", ".", "PUNCT"),
        ],
        morphs={2: "Gender=Masc|Number=Plur|Tense=Past|VerbForm=Part"},
    )


def test_selon_after_clause_with_an_adjectival_participle_cue(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """A cue verb that only modifies a noun (« les tarifs annoncés ») reports nothing: « selon »
    keeps the sentence."""
    doc = _selon_after_participle(fr_vocab, "acl")
    [quote] = _indirect(doc)
    assert doc.text[quote.start : quote.end] == "Les tarifs annoncés augmenteront"
    assert doc[quote.speaker].text == "fédération"


def test_selon_after_clause_yields_to_a_reporting_participle(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """The same participle heading its own clause (not a noun's modifier) still takes the sentence
    from « selon »."""
    doc = _selon_after_participle(fr_vocab, "advcl")
    assert all(doc[q.cue[0]].text != "selon" for q in _indirect(doc))


def test_selon_opener_over_a_sentence_cut_inside_its_source(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """The parser ends a sentence inside « Selon l'état-major du club, »: the opener still finds its
    comma and its clause in the next piece, within the paragraph."""
    doc = build(
        fr_vocab,
        [
            ("Selon", 2, "case", "selon", "ADP"),
            ("l'", 2, "det", "le", "DET"),
            ("état", 2, "ROOT", "état", "NOUN"),
            ("-", 2, "punct", "-", "PUNCT"),
            ("major", 12, "obl:mod", "major", "NOUN"),
            ("du", 6, "case", "de", "ADP"),
            ("club", 4, "nmod", "club", "NOUN"),
            (",", 12, "punct", ",", "PUNCT"),
            ("un", 9, "det", "un", "DET"),
            ("joueur", 12, "nsubj:pass", "joueur", "NOUN"),
            ("a", 12, "aux:tense", "avoir", "AUX"),
            ("été", 12, "aux:pass", "être", "AUX"),
            ("blessé", 12, "ROOT", "blesser", "VERB"),
            (".", 12, "punct", ".", "PUNCT"),
        ],
    )
    assert [s.start for s in doc.sents] == [0, 4]
    [quote] = _indirect(doc)
    assert doc.text[quote.start : quote.end] == "un joueur a été blessé"
    assert doc[quote.cue[0]].text == "Selon"


@pytest.mark.parametrize(
    ("text", "content", "source"),
    [
        (
            "Les riverains ont écrit au préfet. À leurs yeux, la nouvelle route coupera le village en deux.",
            "la nouvelle route coupera le village en deux",
            "leurs",
        ),
        (
            "Les parents ont rencontré la directrice. À leur avis, la cantine devrait ouvrir plus tôt.",
            "la cantine devrait ouvrir plus tôt",
            "leur",
        ),
    ],
)
def test_plural_prepositional_cues_are_in_the_lexicon(
    nlp_md: Language, text: str, content: str, source: str
) -> None:
    finder = nlp_md.get_pipe(QUOTE_PIPE)
    doc = nlp_md.make_doc(text)
    for _, pipe in nlp_md.pipeline:
        if pipe is not finder:
            doc = pipe(doc)
    found, _, _ = finder.candidates(doc, weak=False)
    assert [(text[q.start : q.end], doc[q.speaker].text) for q in found if q.reason.prepositional] == [
        (content, source)
    ]


def _rule_quotes(nlp: Language, text: str) -> list[tuple[str, str, str | None]]:
    """The rules' candidates (no weak ones) on the model's parse: kind, content, speaker."""
    finder = nlp.get_pipe(QUOTE_PIPE)
    doc = nlp.make_doc(text)
    for _, pipe in nlp.pipeline:
        if pipe is not finder:
            doc = pipe(doc)
    found, _, _ = finder.candidates(doc, weak=False)
    return [
        (q.kind, text[q.start : q.end], doc[q.speaker].text if q.speaker is not None else None) for q in found
    ]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "La ministre Claire Dubois a affirmé ce mardi que le budget serait présenté en juin.",
            "le budget serait présenté en juin",
        ),
        (
            "Le directeur Yann Marchal a indiqué cette semaine que l'usine fermerait en mars.",
            "l'usine fermerait en mars",
        ),
    ],
)
def test_a_time_phrase_with_a_demonstrative_between_cue_and_que(
    nlp_md: Language, text: str, content: str
) -> None:
    [(kind, got, _)] = _rule_quotes(nlp_md, text)
    assert (kind, got) == ("indirect", content)


def test_ce_right_before_que_is_still_an_object(nlp_md: Language) -> None:
    assert _rule_quotes(nlp_md, "Le maire a répété ce que tout le monde savait déjà.") == []


def test_the_auxiliary_of_a_light_verb_cue_hung_on_its_tail_opens_the_incise(nlp_md: Language) -> None:
    # the parse hangs « a » on « valoir », not on « fait »: the cue still starts after the comma
    text = "Les travaux dureront deux ans, a fait valoir le maire Paul Girard."
    assert _rule_quotes(nlp_md, text) == [("indirect", "Les travaux dureront deux ans", "maire")]


def test_selon_a_member_of_a_party_cites_the_member(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« Selon le sénateur PS Luc Berthier, la loi passera. »: the party right before the name is an
    affiliation; the source is the person (issue 9, organisations)."""
    doc = build(
        fr_vocab,
        [
            ("Selon", 2, "case", "selon", "ADP"),
            ("le", 2, "det", "le", "DET"),
            ("sénateur", 9, "obl:mod", "sénateur", "NOUN"),
            ("PS", 2, "appos", "PS", "PROPN"),
            ("Luc", 2, "appos", "Luc", "PROPN"),
            ("Berthier", 4, "flat:name", "Berthier", "PROPN"),
            (",", 9, "punct", ",", "PUNCT"),
            ("la", 8, "det", "le", "DET"),
            ("loi", 9, "nsubj", "loi", "NOUN"),
            ("passera", 9, "ROOT", "passer", "VERB"),
            (".", 9, "punct", ".", "PUNCT"),
        ],
        ents=[(3, 4, "ORG"), (4, 6, "PER")],
    )
    [quote] = _indirect(doc)
    assert doc.text[quote.start : quote.end] == "la loi passera"
    assert doc[quote.speaker].text == "Luc"


def test_pour_x_content_starts_after_the_name_apposed_to_x(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« Pour la présidente, Claire Dumas, la mesure est injuste. »: the name between two commas is
    apposed to X, so the report starts after the second comma."""
    doc = build(
        fr_vocab,
        [
            ("Pour", 2, "case", "pour", "ADP"),
            ("la", 2, "det", "le", "DET"),
            ("présidente", 11, "obl:mod", "président", "NOUN"),
            (",", 4, "punct", ",", "PUNCT"),
            ("Claire", 2, "appos", "Claire", "PROPN"),
            ("Dumas", 4, "flat:name", "Dumas", "PROPN"),
            (",", 11, "punct", ",", "PUNCT"),
            ("la", 8, "det", "le", "DET"),
            ("mesure", 11, "nsubj", "mesure", "NOUN"),
            ("est", 11, "cop", "être", "AUX"),
            ("très", 11, "advmod", "très", "ADV"),
            ("injuste", 11, "ROOT", "injuste", "ADJ"),
            (".", 11, "punct", ".", "PUNCT"),
        ],
        ents=[(4, 6, "PER")],
    )
    [quote] = _indirect(doc)
    assert doc.text[quote.start : quote.end] == "la mesure est très injuste"
    assert doc[quote.speaker].text == "Claire"


def test_pour_x_content_starts_after_the_role_apposed_to_x(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« Pour Marie Joly, directrice de l'école, la mesure est injuste. »: the role between two commas is
    apposed to X; a clause there (with a verb) would be the report itself."""
    doc = build(
        fr_vocab,
        [
            ("Pour", 1, "case", "pour", "ADP"),
            ("Marie", 13, "obl:mod", "Marie", "PROPN"),
            ("Joly", 1, "flat:name", "Joly", "PROPN"),
            (",", 4, "punct", ",", "PUNCT"),
            ("directrice", 1, "appos", "directeur", "NOUN"),
            ("de", 7, "case", "de", "ADP"),
            ("l'", 7, "det", "le", "DET"),
            ("école", 4, "nmod", "école", "NOUN"),
            (",", 13, "punct", ",", "PUNCT"),
            ("la", 10, "det", "le", "DET"),
            ("mesure", 13, "nsubj", "mesure", "NOUN"),
            ("est", 13, "cop", "être", "AUX"),
            ("très", 13, "advmod", "très", "ADV"),
            ("injuste", 13, "ROOT", "injuste", "ADJ"),
            (".", 13, "punct", ".", "PUNCT"),
        ],
        ents=[(1, 3, "PER")],
    )
    [quote] = _indirect(doc)
    assert doc.text[quote.start : quote.end] == "la mesure est très injuste"
    assert doc[quote.speaker].text == "Marie"


def test_incise_ignores_a_complement_hung_on_the_cue_past_a_comma(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« Trois blessés sont soignés, a indiqué le maire, où il s'est rendu. » (invented): the parse hangs
    the relative clause on the cue as a ccomp; it is no object of the incise."""
    doc = build(
        fr_vocab,
        [
            ("Trois", 1, "nummod", "trois", "NUM"),
            ("blessés", 3, "nsubj:pass", "blessé", "NOUN"),
            ("sont", 3, "aux:pass", "être", "AUX"),
            ("soignés", 3, "ROOT", "soigner", "VERB"),
            (",", 6, "punct", ",", "PUNCT"),
            ("a", 6, "aux:tense", "avoir", "AUX"),
            ("indiqué", 3, "parataxis", "indiquer", "VERB"),
            ("le", 8, "det", "le", "DET"),
            ("maire", 6, "nsubj", "maire", "NOUN"),
            (",", 6, "punct", ",", "PUNCT"),
            ("où", 14, "obl", "où", "PRON"),
            ("il", 14, "nsubj", "il", "PRON"),
            ("s'", 14, "expl:comp", "se", "PRON"),
            ("est", 14, "aux:tense", "être", "AUX"),
            ("rendu", 6, "ccomp", "rendre", "VERB"),
            (".", 3, "punct", ".", "PUNCT"),
        ],
    )
    [quote] = _indirect(doc)
    assert doc.text[quote.start : quote.end].startswith("Trois blessés sont soignés")
    assert doc[quote.speaker].text == "maire"


def _incise_then(fr_vocab, opener: tuple[str, str, str, str]):  # type: ignore[no-untyped-def]
    """« Le projet est mauvais, estime Paul Martin, qui dénonce une erreur. » (invented)."""
    word, dep, lemma, pos = opener
    return build(
        fr_vocab,
        [
            ("Le", 1, "det", "le", "DET"),
            ("projet", 3, "nsubj", "projet", "NOUN"),
            ("est", 3, "cop", "être", "AUX"),
            ("mauvais", 3, "ROOT", "mauvais", "ADJ"),
            (",", 5, "punct", ",", "PUNCT"),
            ("estime", 3, "parataxis", "estimer", "VERB"),
            ("Paul", 5, "nsubj", "Paul", "PROPN"),
            ("Martin", 6, "flat:name", "Martin", "PROPN"),
            (",", 10, "punct", ",", "PUNCT"),
            (word, 10, dep, lemma, pos),
            ("dénonce", 3, "conj", "dénoncer", "VERB"),  # the parse leaves the relative clause on the root
            ("une", 12, "det", "un", "DET"),
            ("erreur", 10, "obj", "erreur", "NOUN"),
            (".", 3, "punct", ".", "PUNCT"),
        ],
        ents=[(6, 8, "PER")],
        morphs={5: "Mood=Ind|Tense=Pres|VerbForm=Fin", 10: "Mood=Ind|Tense=Pres|VerbForm=Fin"},
    )


def test_incise_content_stops_at_a_relative_clause_on_the_speaker(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    doc = _incise_then(fr_vocab, ("qui", "nsubj", "qui", "PRON"))
    [quote] = _indirect(doc)
    assert doc.text[quote.start : quote.end] == "Le projet est mauvais"
    assert doc[quote.speaker].text == "Paul"


def test_incise_content_resumes_without_the_relative_class(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    rules = load_profile("fr")
    rules = replace(rules, words=replace(rules.words, relative_opener=frozenset()))
    doc = _incise_then(fr_vocab, ("qui", "nsubj", "qui", "PRON"))
    [quote] = find_indirect(doc, rules, [])
    assert doc.text[quote.start : quote.end].endswith("dénonce une erreur")


def test_an_opening_participle_clause_ends_at_its_comma(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« Dénonçant la « casse » du service, le syndicat appelle à la grève. » (invented): the object of
    the opening participle stops at the comma; the main clause is not its content."""
    doc = build(
        fr_vocab,
        [
            ("Dénonçant", 10, "advcl", "dénoncer", "VERB"),
            ("la", 3, "det", "le", "DET"),
            ("«", 3, "punct", "«", "PUNCT"),
            ("casse", 0, "obj", "casse", "NOUN"),
            ("»", 3, "punct", "»", "PUNCT"),
            ("du", 6, "case", "de", "ADP"),
            ("service", 3, "nmod", "service", "NOUN"),
            (",", 0, "punct", ",", "PUNCT"),
            ("le", 9, "det", "le", "DET"),
            ("syndicat", 10, "nsubj", "syndicat", "NOUN"),
            ("appelle", 10, "ROOT", "appeler", "VERB"),
            ("à", 13, "case", "à", "ADP"),
            ("la", 13, "det", "le", "DET"),
            ("grève", 10, "obl:arg", "grève", "NOUN"),
            (".", 10, "punct", ".", "PUNCT"),
        ],
        morphs={0: "Tense=Pres|VerbForm=Part", 10: "Mood=Ind|Tense=Pres|VerbForm=Fin"},
    )
    inside = [(doc[3].idx, doc[3].idx + len("casse"))]
    quotes = [q for q in find_indirect(doc, load_profile("fr"), inside) if q.cue == (0, 1)]
    [quote] = quotes
    assert doc.text[quote.start : quote.end] == "la «casse» du service"


def test_a_trailing_selon_source_ends_an_infinitive_content(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« Elle a affirmé avoir été blessée, selon les gardiens qui étaient là. »: the source phrase of
    « selon » closes the sentence, so the content of « a affirmé » ends before it."""
    doc = build(
        fr_vocab,
        [
            ("Elle", 2, "nsubj", "lui", "PRON"),
            ("a", 2, "aux:tense", "avoir", "AUX"),
            ("affirmé", 2, "ROOT", "affirmer", "VERB"),
            ("avoir", 5, "aux:tense", "avoir", "AUX"),
            ("été", 5, "aux:pass", "être", "AUX"),
            ("blessée", 2, "xcomp", "blesser", "VERB"),
            (",", 9, "punct", ",", "PUNCT"),
            ("selon", 9, "case", "selon", "ADP"),
            ("les", 9, "det", "le", "DET"),
            ("gardiens", 5, "obl:mod", "gardien", "NOUN"),
            ("qui", 11, "nsubj", "qui", "PRON"),
            ("étaient", 9, "acl:relcl", "être", "VERB"),
            ("là", 11, "advmod", "là", "ADV"),
            (".", 2, "punct", ".", "PUNCT"),
        ],
        morphs={
            2: "Tense=Past|VerbForm=Part",
            3: "VerbForm=Inf",
            5: "Tense=Past|VerbForm=Part",
            11: "Mood=Ind|Tense=Imp|VerbForm=Fin",
        },
    )
    contents = [doc.text[q.start : q.end] for q in _indirect(doc) if q.reason.name == "INFINITIVE"]
    assert contents == ["avoir été blessée"]
