"""What the article index learns from appositions (hand-built parses, invented sentences)."""

from tests.quotes.parses import build

from guillemets.rules import load_profile
from guillemets.speakers.index import build_index

RULES = load_profile("fr")
FIN = "Mood=Ind|Tense=Pres|VerbForm=Fin"


def _described(doc):  # type: ignore[no-untyped-def]
    return {(min(roles), name) for _, roles, _, name in build_index(doc, RULES).descriptions}


def test_name_comma_description_comma_is_an_apposition(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« Paul Renard, le maire, promet une enquête. »: the mayor is Paul Renard."""
    doc = build(
        fr_vocab,
        [
            ("Paul", 6, "nsubj", "Paul", "PROPN"),
            ("Renard", 0, "flat:name", "Renard", "PROPN"),
            (",", 4, "punct", ",", "PUNCT"),
            ("le", 4, "det", "le", "DET"),
            ("maire", 0, "appos", "maire", "NOUN"),
            (",", 4, "punct", ",", "PUNCT"),
            ("promet", 6, "ROOT", "promettre", "VERB"),
            ("une", 8, "det", "un", "DET"),
            ("enquête", 6, "obj", "enquête", "NOUN"),
            (".", 6, "punct", ".", "PUNCT"),
        ],
        ents=[(0, 2, "PER")],
        morphs={6: FIN},
    )
    assert ("maire", "Paul Renard") in _described(doc)


def test_description_opening_the_next_clause_is_not_apposed(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« Après la mort de Paul Renard, le maire promet une enquête. »: the mayor is someone else."""
    doc = build(
        fr_vocab,
        [
            ("Après", 2, "case", "après", "ADP"),
            ("la", 2, "det", "le", "DET"),
            ("mort", 9, "obl:mod", "mort", "NOUN"),
            ("de", 4, "case", "de", "ADP"),
            ("Paul", 2, "nmod", "Paul", "PROPN"),
            ("Renard", 4, "flat:name", "Renard", "PROPN"),
            (",", 2, "punct", ",", "PUNCT"),
            ("le", 8, "det", "le", "DET"),
            ("maire", 2, "appos", "maire", "NOUN"),
            ("promet", 9, "ROOT", "promettre", "VERB"),
            ("une", 11, "det", "un", "DET"),
            ("enquête", 9, "obj", "enquête", "NOUN"),
            (".", 9, "punct", ".", "PUNCT"),
        ],
        ents=[(4, 6, "PER")],
        morphs={9: FIN},
    )
    assert ("maire", "Paul Renard") not in _described(doc)


def _tagged(fr_vocab, words, ents):  # type: ignore[no-untyped-def]
    """A flat hand-built parse: every word hangs on the last word (only tags matter to the index)."""
    last = len(words) - 1
    rows = [(w, last, "dep" if k != last else "ROOT", lemma, pos) for k, (w, lemma, pos) in enumerate(words)]
    return build(fr_vocab, rows, ents=ents)


def test_two_titles_joined_by_et_both_describe_the_name(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« la ministre de la Pêche et porte-parole du parti Odile Marchal répond »: both titles are hers."""
    words = [
        ("la", "le", "DET"), ("ministre", "ministre", "NOUN"), ("de", "de", "ADP"), ("la", "le", "DET"),
        ("Pêche", "pêche", "NOUN"), ("et", "et", "CCONJ"), ("porte-parole", "porte-parole", "NOUN"),
        ("du", "de", "ADP"), ("parti", "parti", "NOUN"), ("Odile", "Odile", "PROPN"),
        ("Marchal", "Marchal", "PROPN"), ("répond", "répondre", "VERB"), (".", ".", "PUNCT"),
    ]  # fmt: skip
    doc = _tagged(fr_vocab, words, [(9, 11, "PER")])
    roles = {
        r for _, rs, _, name in build_index(doc, RULES).descriptions if name == "Odile Marchal" for r in rs
    }
    assert {"ministre", "porte-parole"} <= roles


def test_description_reads_past_a_preposition_and_a_parenthesis(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« le délégué régional à la Culture (Bretagne nord) Hervé Loussot » is a description of Loussot."""
    words = [
        ("le", "le", "DET"), ("délégué", "délégué", "NOUN"), ("régional", "régional", "ADJ"),
        ("à", "à", "ADP"),
        ("la", "le", "DET"), ("Culture", "culture", "NOUN"), ("(", "(", "PUNCT"),
        ("Bretagne", "Bretagne", "PROPN"),
        ("nord", "nord", "NOUN"), (")", ")", "PUNCT"), ("Hervé", "Hervé", "PROPN"),
        ("Loussot", "Loussot", "PROPN"),
        ("proteste", "protester", "VERB"), (".", ".", "PUNCT"),
    ]  # fmt: skip
    doc = _tagged(fr_vocab, words, [(10, 12, "PER")])
    assert ("délégué", "Hervé Loussot") in _described(doc)


def test_a_named_person_before_et_is_not_part_of_the_next_description(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« le maire Paul Renard et la préfète Anne Vidal signent »: the mayor is not Anne Vidal."""
    words = [
        ("le", "le", "DET"), ("maire", "maire", "NOUN"), ("Paul", "Paul", "PROPN"),
        ("Renard", "Renard", "PROPN"),
        ("et", "et", "CCONJ"), ("la", "le", "DET"), ("préfète", "préfet", "NOUN"), ("Anne", "Anne", "PROPN"),
        ("Vidal", "Vidal", "PROPN"), ("signent", "signer", "VERB"), (".", ".", "PUNCT"),
    ]  # fmt: skip
    doc = _tagged(fr_vocab, words, [(2, 4, "PER"), (7, 9, "PER")])
    described = {(r, name) for _, rs, _, name in build_index(doc, RULES).descriptions for r in rs}
    assert ("maire", "Paul Renard") in described
    assert ("maire", "Anne Vidal") not in described


def test_a_specific_description_takes_the_name_it_fits_closest() -> None:
    """« le ministre de la Pêche » is Paul Renard (« le ministre de la Pêche Paul Renard »), not the
    nearer « ministre portugais de la Pêche et ex-député Rui Costa »; a bare « le ministre » takes the
    nearest."""
    from guillemets.speakers.index import ArticleIndex

    index = ArticleIndex(titles={})
    index.descriptions = [
        (10, frozenset({"ministre"}), frozenset({"ministre", "pêche"}), "Paul Renard"),
        (90, frozenset({"ministre", "ex-député"}), frozenset({"ministre", "portugais", "pêche", "ex-député"}),
         "Rui Costa"),
    ]  # fmt: skip
    assert index.description(80, "ministre", frozenset({"ministre", "pêche"})) == "Paul Renard"
    assert index.description(80, "ministre", frozenset({"ministre"})) == "Rui Costa"


def test_a_place_described_by_a_person_noun_is_a_person(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« l'ancien porte-parole de la mission, Omar Belkadi, a dit »: the NER's LOC « Omar Belkadi » is
    the spokesman; « la ville Sainte Aure » stays a place (no person noun)."""
    words = [
        ("l'", "le", "DET"), ("ancien", "ancien", "ADJ"), ("porte-parole", "porte-parole", "NOUN"),
        ("de", "de", "ADP"), ("la", "le", "DET"), ("mission", "mission", "NOUN"), (",", ",", "PUNCT"),
        ("Omar", "Omar", "PROPN"), ("Belkadi", "Belkadi", "PROPN"), (",", ",", "PUNCT"),
        ("a", "avoir", "AUX"),
        ("dit", "dire", "VERB"), ("que", "que", "SCONJ"), ("la", "le", "DET"), ("ville", "ville", "NOUN"),
        ("Sainte", "Sainte", "PROPN"), ("Aure", "Aure", "PROPN"), ("attend", "attendre", "VERB"),
        (".", ".", "PUNCT"),
    ]  # fmt: skip
    doc = _tagged(fr_vocab, words, [(7, 9, "LOC"), (15, 17, "LOC")])
    described = _described(doc)
    assert ("porte-parole", "Omar Belkadi") in described
    assert not any(name == "Sainte Aure" for _, name in described)


def test_a_person_noun_the_tagger_missed_is_still_a_title(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« la ministre de la Mer et porte-parole du parti Odile Marchal », « porte-parole » tagged PRON:
    the lexicon's person noun still joins the titles, so « la ministre » is Odile Marchal."""
    words = [
        ("la", "le", "DET"), ("ministre", "ministre", "NOUN"), ("de", "de", "ADP"), ("la", "le", "DET"),
        ("Mer", "mer", "NOUN"), ("et", "et", "CCONJ"), ("porte-parole", "porte-parole", "PRON"),
        ("du", "de", "ADP"), ("parti", "parti", "NOUN"), ("Odile", "Odile", "PROPN"),
        ("Marchal", "Marchal", "PROPN"), ("répond", "répondre", "VERB"), (".", ".", "PUNCT"),
    ]  # fmt: skip
    doc = _tagged(fr_vocab, words, [(9, 11, "PER")])
    described = {(r, name) for _, rs, _, name in build_index(doc, RULES).descriptions for r in rs}
    assert {("ministre", "Odile Marchal"), ("porte-parole", "Odile Marchal")} <= described


def test_membre_is_a_person_role(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« Anne Roux, membre du collectif, proteste »: « le membre du collectif » later is Anne Roux."""
    words = [
        ("Anne", "Anne", "PROPN"), ("Roux", "Roux", "PROPN"), (",", ",", "PUNCT"),
        ("membre", "membre", "NOUN"), ("du", "de", "ADP"), ("collectif", "collectif", "NOUN"),
        (",", ",", "PUNCT"), ("proteste", "protester", "VERB"), (".", ".", "PUNCT"),
    ]  # fmt: skip
    doc = _tagged(fr_vocab, words, [(0, 2, "PER")])
    assert ("membre", "Anne Roux") in _described(doc)
