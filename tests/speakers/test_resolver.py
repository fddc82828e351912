from tests.quotes.parses import build

from guillemets.rules import load_profile
from guillemets.speakers.resolver import Resolver, RuleResolver

WORDS = load_profile("fr")
ROWS = [
    # 0-5: « Le chef d'état-major Valéri Guérassimov parle . »
    ("Le", 1, "det", "le", "DET"),
    ("chef", 6, "nsubj", "chef", "NOUN"),
    ("d'", 3, "case", "de", "ADP"),
    ("état-major", 1, "nmod", "état-major", "NOUN"),
    ("Valéri", 1, "appos", "Valéri", "PROPN"),
    ("Guérassimov", 4, "flat:name", "Guérassimov", "PROPN"),
    ("parle", 6, "ROOT", "parler", "VERB"),
    (".", 6, "punct", ".", "PUNCT"),
    # 8-12: « M. Guérassimov a répondu . »
    ("M.", 11, "nsubj", "m.", "NOUN"),
    ("Guérassimov", 8, "flat:name", "Guérassimov", "PROPN"),
    ("a", 11, "aux:tense", "avoir", "AUX"),
    ("répondu", 11, "ROOT", "répondre", "VERB"),
    (".", 11, "punct", ".", "PUNCT"),
    # 13-17: « Le chef d'état-major russe insiste . »
    ("Le", 14, "det", "le", "DET"),
    ("chef", 18, "nsubj", "chef", "NOUN"),
    ("d'", 16, "case", "de", "ADP"),
    ("état-major", 14, "nmod", "état-major", "NOUN"),
    ("russe", 14, "amod", "russe", "ADJ"),
    ("insiste", 18, "ROOT", "insister", "VERB"),
    (".", 18, "punct", ".", "PUNCT"),
    # 20-23: « Il ajoute . »  /  « Elle sourit . »
    ("Il", 21, "nsubj", "il", "PRON"),
    ("ajoute", 21, "ROOT", "ajouter", "VERB"),
    (".", 21, "punct", ".", "PUNCT"),
    ("Elle", 24, "nsubj", "elle", "PRON"),
    ("sourit", 24, "ROOT", "sourire", "VERB"),
    (".", 24, "punct", ".", "PUNCT"),
]


def _doc(fr_vocab):  # type: ignore[no-untyped-def]
    doc = build(
        fr_vocab, ROWS, ents=[(4, 6, "PER"), (9, 10, "PER")], morphs={20: "Gender=Masc", 23: "Gender=Fem"}
    )
    return doc


def test_quote_finder_takes_any_resolver(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """The Resolver protocol is the seam: a replacement's names reach the speaker spans."""
    from guillemets.nlp import spans as keys
    from guillemets.quotes.component import QuoteFinder

    class Fixed:
        def resolve(self, doc, heads, speakers=(), quoted=()):  # type: ignore[no-untyped-def]
            return [f"nom-{h.i}" for h in heads]

    resolver: Resolver = Fixed()
    rows = [("«", 1, "punct", "«", "PUNCT"), ("Venez", 5, "ccomp", "venir", "VERB"),
            ("»", 1, "punct", "»", "PUNCT"), (",", 5, "punct", ",", "PUNCT"),
            ("a", 5, "aux:tense", "avoir", "AUX"), ("dit", 5, "ROOT", "dire", "VERB"),
            ("Léon", 5, "nsubj", "Léon", "PROPN"), (".", 5, "punct", ".", "PUNCT")]  # fmt: skip
    doc = QuoteFinder(WORDS, resolver)(build(fr_vocab, rows, ents=[(6, 7, "PER")]))
    assert [(s.text, s.kb_id_) for s in doc.spans[keys.SPEAKERS]] == [("Léon", "nom-6")]
    assert RuleResolver(WORDS).resolve(doc, [doc[6]]) == ["Léon"]  # the rules keep the name as written


def test_title_surname_resolves_to_full_name(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(fr_vocab)
    [name] = RuleResolver(WORDS).resolve(doc, [doc[8]])
    assert name == "Valéri Guérassimov"


def test_description_resolves_through_the_article_apposition(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(fr_vocab)
    [name] = RuleResolver(WORDS).resolve(doc, [doc[14]])
    assert name == "Valéri Guérassimov"


def test_pronoun_takes_the_recent_compatible_speaker(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(fr_vocab)
    il, elle = RuleResolver(WORDS).resolve(doc, [doc[20], doc[23]], speakers=[doc[8]])
    assert il == "Valéri Guérassimov"
    assert elle is None  # M. makes Guérassimov masculine: no feminine antecedent in the article


def _greeting(fr_vocab, far: bool = False):  # type: ignore[no-untyped-def]
    """« Marc Roy a salué Paul Durand. Il sourit. » (``far``: a long sentence between them)."""
    filler = [("Le", 1, "det", "le", "DET"), ("ciel", 2, "nsubj", "ciel", "NOUN"),
              ("était", 2, "ROOT", "être", "AUX")] + [("très", 2, "advmod", "très", "ADV")] * 70 + [
              (".", 2, "punct", ".", "PUNCT")]  # fmt: skip
    head = [("Marc", 3, "nsubj", "Marc", "PROPN"), ("Roy", 0, "flat:name", "Roy", "PROPN"),
            ("a", 3, "aux:tense", "avoir", "AUX"), ("salué", 3, "ROOT", "saluer", "VERB"),
            ("Paul", 3, "obj", "Paul", "PROPN"), ("Durand", 4, "flat:name", "Durand", "PROPN"),
            (".", 3, "punct", ".", "PUNCT")]  # fmt: skip
    middle = [(w, h + 7 if h >= 0 else h, d, lem, pos) for w, h, d, lem, pos in filler] if far else []
    at = 7 + len(middle)
    tail = [("Il", at + 1, "nsubj", "il", "PRON"), ("sourit", at + 1, "ROOT", "sourire", "VERB"),
            (".", at + 1, "punct", ".", "PUNCT")]  # fmt: skip
    doc = build(
        fr_vocab, head + middle + tail, ents=[(0, 2, "PER"), (4, 6, "PER")], morphs={at: "Gender=Masc"}
    )
    return doc, doc[at]


def test_subject_pronoun_prefers_the_last_subject_over_a_later_object(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« Marc Roy a salué Paul Durand. Il sourit. »: « il » continues the subject, Marc Roy."""
    doc, il = _greeting(fr_vocab)
    assert RuleResolver(WORDS).resolve(doc, [il]) == ["Marc Roy"]


def test_a_distant_subject_does_not_outrank_the_latest_person(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """With a long sentence in between, the subject is out of reach: the latest person (Paul Durand) stays."""
    doc, il = _greeting(fr_vocab, far=True)
    assert RuleResolver(WORDS).resolve(doc, [il]) == ["Paul Durand"]


def test_subject_preference_is_for_subject_pronouns_only(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« Marc Roy a salué Paul Durand. Selon lui, … »: « lui » after « selon » keeps the latest person."""
    rows = [("Marc", 3, "nsubj", "Marc", "PROPN"), ("Roy", 0, "flat:name", "Roy", "PROPN"),
            ("a", 3, "aux:tense", "avoir", "AUX"), ("salué", 3, "ROOT", "saluer", "VERB"),
            ("Paul", 3, "obj", "Paul", "PROPN"), ("Durand", 4, "flat:name", "Durand", "PROPN"),
            (".", 3, "punct", ".", "PUNCT"), ("Selon", 8, "case", "selon", "ADP"),
            ("lui", 11, "obl:mod", "lui", "PRON"), (",", 8, "punct", ",", "PUNCT"),
            ("tout", 11, "nsubj", "tout", "PRON"), ("va", 11, "ROOT", "aller", "VERB"),
            (".", 11, "punct", ".", "PUNCT")]  # fmt: skip
    doc = build(fr_vocab, rows, ents=[(0, 2, "PER"), (4, 6, "PER")], morphs={8: "Gender=Masc"})
    assert RuleResolver(WORDS).resolve(doc, [doc[8]]) == ["Paul Durand"]


def test_a_description_is_the_same_only_by_its_head_noun() -> None:
    """« le patron du service de police » named Paul Renard earlier: « la police » later is not him
    (police is in the complement, not the head), « le patron du service » is."""
    from guillemets.speakers.resolver import _Known, _same_description

    patron = _Known(
        5,
        "Paul Renard",
        None,
        False,
        True,
        described=frozenset({"patron", "service", "police"}),
        head="patron",
    )
    assert _same_description([patron], "police", frozenset({"police"})) is None
    assert _same_description([patron], "patron", frozenset({"patron", "service"})) is patron


def test_a_stressed_pronoun_is_its_named_subject(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« Paul Renard parle. Anne Vidal, porte-parole, a elle appelé au calme. »: « elle » is Anne Vidal
    (a tonic pronoun between auxiliary and participle stresses the subject), not an earlier person."""
    rows = [
        ("Paul", 2, "nsubj", "Paul", "PROPN"), ("Renard", 0, "flat:name", "Renard", "PROPN"),
        ("parle", 2, "ROOT", "parler", "VERB"), (".", 2, "punct", ".", "PUNCT"),
        ("Anne", 4, "ROOT", "Anne", "PROPN"), ("Vidal", 4, "flat:name", "Vidal", "PROPN"),
        (",", 4, "punct", ",", "PUNCT"), ("porte-parole", 4, "appos", "porte-parole", "NOUN"),
        (",", 4, "punct", ",", "PUNCT"), ("a", 11, "aux:tense", "avoir", "AUX"),
        ("elle", 11, "nsubj", "elle", "PRON"), ("appelé", 4, "acl", "appeler", "VERB"),
        ("au", 13, "case", "à", "ADP"), ("calme", 11, "obl:arg", "calme", "NOUN"),
        (".", 4, "punct", ".", "PUNCT"),
    ]  # fmt: skip
    doc = build(fr_vocab, rows, ents=[(0, 2, "PER"), (4, 6, "PER")], morphs={10: "Gender=Fem|Person=3"})
    assert RuleResolver(WORDS).resolve(doc, [doc[10]], speakers=[doc[10]]) == ["Anne Vidal"]


def test_a_subject_pronoun_after_a_finite_verb_is_not_stressed(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« Anne Vidal dit que Paul a lui parlé »: a finite verb between the name and the pronoun ends the
    search (the name is another clause's subject)."""
    rows = [
        ("Anne", 2, "nsubj", "Anne", "PROPN"), ("Vidal", 0, "flat:name", "Vidal", "PROPN"),
        ("dit", 2, "ROOT", "dire", "VERB"), ("que", 6, "mark", "que", "SCONJ"),
        ("Paul", 6, "nsubj", "Paul", "PROPN"), ("a", 6, "aux:tense", "avoir", "AUX"),
        ("lui", 7, "iobj", "lui", "PRON"), ("parlé", 2, "ccomp", "parler", "VERB"),
        (".", 2, "punct", ".", "PUNCT"),
    ]  # fmt: skip
    doc = build(fr_vocab, rows, ents=[(0, 2, "PER")], morphs={2: "Mood=Ind|Tense=Pres|VerbForm=Fin"})
    from guillemets.speakers.resolver import _stressed_subject

    assert _stressed_subject(doc[6], WORDS) is None


def test_a_plural_description_announces_the_pair_named_after_it() -> None:
    """« P, soulignent les auteurs du rapport. … ont calculé Anne Vidal et Paul Renard »: the authors
    are the pair named next (cataphora), within the reach; else the article's only pair; else nobody."""
    from guillemets.speakers.resolver import JOINT_REACH, _later_pair

    pair = "Anne Vidal et Paul Renard"
    assert _later_pair([(40, pair)], 10) == pair
    assert _later_pair([(10 + JOINT_REACH + 50, pair)], 10) == pair  # the only pair of the article
    two = [(10 + JOINT_REACH + 50, pair), (10 + JOINT_REACH + 90, "Léa Morel et Jean Petit")]
    assert _later_pair(two, 10) is None
    assert _later_pair([], 10) is None


def test_a_capitalised_role_noun_alone_is_an_office_not_a_name(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« Le roi Albert préside. Le Roi sourit. » with « Roi » tagged PER: the king is Albert, and « Roi »
    is never a name of its own (issue 9, sixth round)."""
    rows = [
        ("Le", 1, "det", "le", "DET"),
        ("roi", 3, "nsubj", "roi", "NOUN"),
        ("Albert", 1, "appos", "Albert", "PROPN"),
        ("préside", 3, "ROOT", "présider", "VERB"),
        (".", 3, "punct", ".", "PUNCT"),
        ("Le", 6, "det", "le", "DET"),
        ("Roi", 7, "nsubj", "Roi", "PROPN"),
        ("sourit", 7, "ROOT", "sourire", "VERB"),
        (".", 7, "punct", ".", "PUNCT"),
    ]
    doc = build(fr_vocab, rows, ents=[(2, 3, "PER"), (6, 7, "PER")])
    assert RuleResolver(WORDS).resolve(doc, [doc[6]]) == ["Albert"]
    lone_rows = [(w, h - 5, d, lem, pos) for w, h, d, lem, pos in rows[5:]]
    lone = build(fr_vocab, lone_rows, ents=[(1, 2, "PER")])
    assert RuleResolver(WORDS).resolve(lone, [lone[1]]) == [None]


def _party_rows(gap: int = 0) -> list[tuple[str, int, str, str, str]]:
    """« Le Parti vert dénonce la réforme . [filler] Le parti réclame un vote . »"""
    head = [
        ("Le", 1, "det", "le", "DET"), ("Parti", 3, "nsubj", "parti", "PROPN"),
        ("vert", 1, "amod", "vert", "ADJ"), ("dénonce", 3, "ROOT", "dénoncer", "VERB"),
        ("la", 5, "det", "le", "DET"), ("réforme", 3, "obj", "réforme", "NOUN"),
        (".", 3, "punct", ".", "PUNCT"),
    ]  # fmt: skip
    filler = [("Il", 8, "nsubj", "il", "PRON"), ("pleut", 8, "ROOT", "pleuvoir", "VERB")]
    filler += [("fort", 8, "advmod", "fort", "ADV")] * gap + [(".", 8, "punct", ".", "PUNCT")]
    filler = filler if gap else []
    at = len(head) + len(filler)
    tail = [
        ("Le", at + 1, "det", "le", "DET"), ("parti", at + 2, "nsubj", "parti", "NOUN"),
        ("réclame", at + 2, "ROOT", "réclamer", "VERB"), ("un", at + 4, "det", "un", "DET"),
        ("vote", at + 2, "obj", "vote", "NOUN"), (".", at + 2, "punct", ".", "PUNCT"),
    ]  # fmt: skip
    return head + filler + tail


def test_a_definite_group_noun_is_the_organisation_named_just_before(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« Le Parti vert dénonce … Le parti réclame … »: « le parti » (a ``named_group`` noun) is the party
    named before; too far back, it stays the description as written."""
    from guillemets.speakers.resolver import NAMED_GROUP_REACH

    rows = _party_rows()
    doc = build(fr_vocab, rows, ents=[(1, 3, "ORG")])
    assert RuleResolver(WORDS).resolve(doc, [doc[len(rows) - 5]]) == ["Parti vert"]
    far = _party_rows(gap=NAMED_GROUP_REACH + 10)
    doc = build(fr_vocab, far, ents=[(1, 3, "ORG")])
    assert RuleResolver(WORDS).resolve(doc, [doc[len(far) - 5]]) == ["Le parti"]


def test_a_plain_group_noun_is_not_the_organisation_named_before(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« La police » is no ``named_group`` noun: it does not take the party named in the sentence before."""
    rows = _party_rows()
    at = len(rows) - 6
    rows[at : at + 2] = [("La", at + 1, "det", "le", "DET"), ("police", at + 2, "nsubj", "police", "NOUN")]
    doc = build(fr_vocab, rows, ents=[(1, 3, "ORG")])
    assert RuleResolver(WORDS).resolve(doc, [doc[len(rows) - 5]]) == ["La police"]


def test_a_document_speaks_for_the_person_of_its_complement(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« La plaignante Marie Lenoir témoigne . La version de la plaignante diffère . »: the version is the
    plaignante's (a party to a case is a person noun), so Marie Lenoir speaks."""
    rows = [
        ("La", 1, "det", "le", "DET"), ("plaignante", 4, "nsubj", "plaignant", "NOUN"),
        ("Marie", 1, "appos", "Marie", "PROPN"), ("Lenoir", 2, "flat:name", "Lenoir", "PROPN"),
        ("témoigne", 4, "ROOT", "témoigner", "VERB"), (".", 4, "punct", ".", "PUNCT"),
        ("La", 7, "det", "le", "DET"), ("version", 11, "nsubj", "version", "NOUN"),
        ("de", 10, "case", "de", "ADP"), ("la", 10, "det", "le", "DET"),
        ("plaignante", 7, "nmod", "plaignant", "NOUN"), ("diffère", 11, "ROOT", "différer", "VERB"),
        (".", 11, "punct", ".", "PUNCT"),
    ]  # fmt: skip
    doc = build(fr_vocab, rows, ents=[(2, 4, "PER")], morphs={1: "Gender=Fem", 10: "Gender=Fem"})
    assert RuleResolver(WORDS).resolve(doc, [doc[7]]) == ["Marie Lenoir"]


def test_an_invariable_group_noun_takes_its_number_from_the_determiner(fr_vocab) -> None:  # type: ignore[no-untyped-def]
    """« Le Secours vert aide . L' ONG estime … » with « ONG » tagged plural (an invariable acronym):
    « l' » makes it singular, so it is the organisation named before."""
    rows = [
        ("Le", 1, "det", "le", "DET"), ("Secours", 3, "nsubj", "secours", "PROPN"),
        ("vert", 1, "amod", "vert", "ADJ"), ("aide", 3, "ROOT", "aider", "VERB"),
        (".", 3, "punct", ".", "PUNCT"), ("L'", 6, "det", "le", "DET"),
        ("ONG", 7, "nsubj", "ong", "NOUN"), ("estime", 7, "ROOT", "estimer", "VERB"),
        (".", 7, "punct", ".", "PUNCT"),
    ]  # fmt: skip
    morphs = {5: "Definite=Def|Number=Sing", 6: "Gender=Fem|Number=Plur"}
    doc = build(fr_vocab, rows, ents=[(1, 3, "ORG")], morphs=morphs)
    assert RuleResolver(WORDS).resolve(doc, [doc[6]]) == ["Secours vert"]
    plural = build(fr_vocab, rows, ents=[(1, 3, "ORG")], morphs={5: "Number=Plur", 6: "Number=Plur"})
    assert RuleResolver(WORDS).resolve(plural, [plural[6]]) != ["Secours vert"]  # « les ONG »: not one
