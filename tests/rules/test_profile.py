"""Language profiles: the files of data/<lang>/, loaded into one frozen object; bad files say where."""

from __future__ import annotations

import dataclasses

import pytest

from guillemets.rules import (
    FunctionWords,
    Morphology,
    Profile,
    ProfileError,
    available_languages,
    load_profile,
)

TINY = {  # an invented language: one verb cue, one prepositional cue, one title, two pronouns
    "cues.tsv": "# c\tversion=2\ncue\tclass\tframes\nclamar\tsay\tque,incise\nd'avis\tprep\tprep,after\n",
    "mentions.tsv": "# m\tversion=1\nword\tkind\tgender\tform\nSr\ttitle\tm\tabbr\nchef\tperson\t\t\n",
    "words.tsv": "# w\tversion=3\nword\tclass\tgender\tnumber\nsu\tpronoun\tf\tsing\nsus\tpronoun\t\tplur\n",
    "morphology.tsv": "# m\tversion=1\nkind\tkey\tvalues\nending\tar\ta,an,ado\nelision\td\tde\n",
}


def test_french_is_available_and_loaded_once() -> None:
    assert "fr" in available_languages()
    assert load_profile("fr") is load_profile("fr")
    assert load_profile("fr").version.startswith("cues=")


def test_profile_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        load_profile("fr").lang = "xx"  # type: ignore[misc]


def test_an_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(ProfileError, match=r"no language profile for 'zz' \(profiles: .*fr"):
        load_profile("zz")


def test_french_pronouns_carry_gender_and_number() -> None:
    words = load_profile("fr").words
    assert words.genders["elles"] == "f" and "elles" in words.plurals
    assert words.genders["il"] == "m" and "il" not in words.plurals
    assert "on" in words.impersonal and "on" not in words.genders


def test_a_profile_is_built_from_its_files_alone() -> None:
    rules = Profile.from_texts("xx", TINY)
    assert rules.version == "cues=2,mentions=1,words=3,morphology=1" and rules.ranker is None
    assert rules.cues.forms["clama"] == "clamar" and "clamado" in rules.cues.triggers
    assert rules.morphology.normalise_words("d'avis") == ("de", "avis")
    assert rules.mentions.titles == {"Sr": "m"} and rules.mentions.abbreviations == {"Sr"}
    assert rules.words.genders == {"su": "f"} and rules.words.plurals == {"sus"}


def test_a_missing_file_is_named() -> None:
    with pytest.raises(ProfileError, match=r"lacks words\.tsv"):
        Profile.from_texts("xx", {k: v for k, v in TINY.items() if k != "words.tsv"})


def test_an_unknown_word_class_names_file_and_line() -> None:
    text = "# w\tversion=1\nword\tclass\tgender\tnumber\nsu\tpronoun\tf\tsing\nza\tadverbish\t\t\n"
    with pytest.raises(ProfileError, match=r"words.tsv:4: unknown word class 'adverbish'"):
        FunctionWords.from_tsv(text)


def test_an_unknown_frame_names_file_and_line() -> None:
    bad = {**TINY, "cues.tsv": "# c\tversion=1\ncue\tclass\tframes\nclamer\tsay\tque,shout\n"}
    with pytest.raises(ProfileError, match=r"cues.tsv:3: unknown frame 'shout'"):
        Profile.from_texts("xx", bad)


def test_morphology_rejects_an_unknown_kind() -> None:
    with pytest.raises(ProfileError, match=r"morphology.tsv:3"):
        Morphology.from_tsv("# m\tversion=1\nkind\tkey\tvalues\nprefix\tre\t\n")


def test_the_saved_files_reload_to_the_same_profile(tmp_path) -> None:  # type: ignore[no-untyped-def]
    rules = load_profile("fr")
    rules.to_dir(tmp_path)
    again = Profile.from_dir("fr", tmp_path)
    assert again.version == rules.version and again.cues.verbs.keys() == rules.cues.verbs.keys()
    assert again.words == rules.words and again.ranker == rules.ranker
