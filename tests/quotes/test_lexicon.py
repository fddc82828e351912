from guillemets.rules import Lexicon, load_profile


def load_cues() -> Lexicon:
    return load_profile("fr").cues


def test_lexicon_has_hundreds_of_cues_and_a_version() -> None:
    lexicon = load_cues()
    assert len(lexicon) >= 250
    assert lexicon.version.isdigit()


def test_lexicon_locutions_reflexives_and_prepositions() -> None:
    lexicon = load_cues()
    assert any(c.tail == ("savoir",) for c in lexicon.verbs["faire"])
    assert all(c.reflexive for c in lexicon.verbs["inquiéter"])
    assert {"selon", "d'après", "pour"} <= {c.text for c in lexicon.preps}


def test_lexicon_from_tsv_reads_header_version_and_frames() -> None:
    lexicon = Lexicon.from_tsv(
        "# test\tversion=7\ncue\tclass\tframes\ndire\tsay\tque,incise\nselon\tprep\tprep\n",
        load_profile("fr").morphology,
    )
    assert lexicon.version == "7"
    [cue] = lexicon.verbs["dire"]
    assert cue.allows("que") and not cue.allows("inf")
    assert [c.text for c in lexicon.preps] == ["selon"]


def test_inflect_regular_verbs_give_incise_forms() -> None:
    inflect = load_profile("fr").morphology.inflect
    assert "glisse" in inflect("glisser") and "réagit" in inflect("réagir") and "dit" in inflect("dire")
    assert load_cues().forms["soupire"] == "soupirer"


def test_mention_words_titles_carry_gender() -> None:
    words = load_profile("fr").mentions
    assert words.titles["M."] == "m" and words.titles["Mme"] == "f"
    assert "ministre" in words.person and "gouvernement" in words.group and "rapport" in words.document


def test_convenir_reports_a_clause_not_an_agreement() -> None:
    """« ont convenu de lancer … » / « avaient convenu « de … » » is a decision (guidelines §2: decisions are
    no quotes); « a convenu que … » and the incise stay."""
    from guillemets.rules import Frame, load_profile

    [cue] = load_profile("fr").cues.verbs["convenir"]
    assert Frame.QUE in cue.frames and Frame.INCISE in cue.frames
    assert Frame.NP not in cue.frames and Frame.COLON not in cue.frames and Frame.INF not in cue.frames


def test_laisser_entrevoir_is_a_light_verb_cue_like_laisser_entendre() -> None:
    """« Les travaux seront finis, laisse entrevoir le maire » (invented): a hint, reported as speech."""
    verbs = load_cues().verbs["laisser"]
    tails = {c.tail for c in verbs}
    assert {("entendre",), ("entrevoir",), ("deviner",)} <= tails
    assert all(c.allows("incise") and c.allows("que") for c in verbs if c.tail == ("entrevoir",))
