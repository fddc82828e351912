from __future__ import annotations

import pytest

from guillemets.lang import detect_language, vote

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
JA = (
    "Kindle for PCの起動ホットキーがKeePassと被る。設定で変更できる箇所も少なく、"
    "融通が効かない面も多々あります。" * 3
)


@pytest.mark.parametrize(("text", "lang"), [(FR, "fr"), (DE, "de"), (EN, "en")])
def test_function_words_decide_clear_cases(text: str, lang: str) -> None:
    assert vote(text) == lang
    assert detect_language(text) == lang


def test_languages_without_a_list_go_to_py3langid() -> None:
    assert vote(CA) is None
    assert detect_language(CA) == "ca"


def test_scripts_without_spaces_do_not_vote() -> None:
    assert vote(JA) is None
    assert detect_language(JA) == "ja"


def test_short_or_empty_text() -> None:
    assert vote("Le chat.") is None
    assert detect_language("   ") is None
