from __future__ import annotations

from importlib import resources

import pytest
from tests.child import run_child

from guillemets import lang
from guillemets.clean.markers import _first_distinct, justext_stoplists, stoplist_head
from guillemets.lang import detect_language, script_vote, vote, wide_vote

FR = (
    "Le gouvernement a présenté mardi son projet de loi sur les retraites, qui sera examiné par les "
    "députés dès la semaine prochaine. Les syndicats ont dénoncé un texte qu'ils jugent injuste."
)
DE = (
    "Die Bundesregierung hat am Dienstag ihren Gesetzentwurf vorgestellt, der in der kommenden Woche "
    "im Bundestag beraten werden soll. Die Gewerkschaften kritisierten den Entwurf scharf."
)
EN = (
    "The government presented its pension bill on Tuesday, and it will be debated by lawmakers next "
    "week. The unions said that the text was unfair to the workers who have the hardest jobs."
)
CA = (
    "El govern ha presentat aquest dimarts el projecte de llei de pensions, que els diputats "
    "debatran la setmana vinent. Els sindicats han denunciat un text que consideren injust."
)
ES = (
    "El ayuntamiento aprobó ayer los presupuestos del próximo año con los votos de la mayoría, "
    "mientras que la oposición criticó que no se hayan incluido las obras del puerto."
)
IT = (
    "Il consiglio comunale ha approvato ieri il bilancio per il prossimo anno con i voti della "
    "maggioranza, mentre l'opposizione ha criticato che non siano stati inclusi i lavori del porto."
)
ZH = "市政府昨天公布了明年的预算，反对派批评港口工程没有被列入其中。" * 3
JA = (
    "Kindle for PCの起動ホットキーがKeePassと被る。設定で変更できる箇所も少なく、"
    "融通が効かない面も多々あります。" * 3
)


@pytest.mark.parametrize(("text", "lang"), [(FR, "fr"), (DE, "de"), (EN, "en")])
def test_function_words_decide_clear_cases(text: str, lang: str) -> None:
    assert vote(text) == lang
    assert detect_language(text) == lang


def test_languages_without_a_small_list_go_to_the_wide_vote() -> None:
    assert vote(CA) is None
    assert wide_vote(CA) == "ca"
    assert detect_language(CA) == "ca"


@pytest.mark.parametrize(("text", "code"), [(ES, "es"), (IT, "it"), (FR, "fr"), (EN, "en"), (DE, "de")])
def test_wide_vote_tells_neighbouring_languages(text: str, code: str) -> None:
    assert wide_vote(text) == code


def test_wide_vote_abstains_on_few_words_and_scripts_without_spaces() -> None:
    assert wide_vote("El puerto y la ciudad.") is None  # under WIDE_MIN_WORDS known words
    assert wide_vote(JA) is None
    assert wide_vote(ZH) is None


def test_a_list_py3langid_cannot_answer_never_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    # Without a code for Spanish, a Spanish text is left to py3langid rather than given to a neighbour.
    codes = {**lang.JUSTEXT_CODES}
    del codes["Spanish"]
    monkeypatch.setattr(lang, "JUSTEXT_CODES", codes)
    lang._wide_model.cache_clear()
    try:
        assert wide_vote(ES) is None
        assert detect_language(ES) == "es"  # py3langid
    finally:
        lang._wide_model.cache_clear()


def test_list_heads_read_from_the_start_of_the_file_are_the_whole_files_heads() -> None:
    folder = resources.files("justext").joinpath("stoplists")
    for path in folder.iterdir():
        if path.name.endswith(".txt"):
            whole = _first_distinct(path.read_text("utf-8").split(), 200)
            assert stoplist_head(path, 200) == whole
            assert stoplist_head(path, 200, chars=64) == whole  # the read cuts words in two


def test_kana_tell_japanese_without_py3langid() -> None:
    assert vote(JA) is None
    assert script_vote(JA) == "ja"
    assert detect_language(JA) == "ja"
    assert script_vote(ZH) is None
    assert script_vote(FR) is None


def test_short_or_empty_text() -> None:
    assert vote("Le chat.") is None
    assert detect_language("   ") is None


def test_the_stop_lists_are_read_without_importing_justext() -> None:
    """jusText's package imports lxml, http.client and ssl: cleaning a dump and voting its language
    read its stop lists as files only."""
    code = (
        "import sys; from guillemets.clean import clean_dumps; from guillemets import lang; "
        "clean_dumps(['Menu\\n\\nThe mayor said on Monday that the bridge would open soon.']); "
        "lang._wide_model(); print(sorted(m for m in ('justext', 'lxml') if m in sys.modules))"
    )
    assert run_child(code) == "[]"


def test_justext_stoplists_is_the_packages_folder() -> None:
    names = sorted(f.name for f in justext_stoplists().iterdir())
    assert names == sorted(f.name for f in resources.files("justext").joinpath("stoplists").iterdir())
    assert "English.txt" in names
