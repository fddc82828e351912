"""Speakers: one per folded name across articles; merge, rename and variants; stats kept right."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine

from guillemets.errors import BadQuery, NotInCorpus
from guillemets.model import Document
from guillemets.store import speakers
from guillemets.store.ingest import ingest_documents
from guillemets.store.queries import get_speaker, list_speakers, search_quotes


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Vladimir Poutine", "VLADIMIR POUTINE"),
        ("Élisabeth Borne", "Elisabeth  Borne"),
        ("J.-L. Mélenchon", "j l melenchon"),
    ],
)
def test_speaker_key_folds_case_accents_and_punctuation(a: str, b: str) -> None:
    assert speakers.speaker_key(a) == speakers.speaker_key(b) != ""


def _articles(make_doc: Callable[..., Document]) -> list[Document]:
    return [
        make_doc(
            "p1",
            "Un",
            ["« Premier mot », a dit Vladimir Poutine."],
            quotes=[("« Premier mot »", "Vladimir Poutine")],
            date="2025-01-05",
        ),
        make_doc(
            "p2",
            "Deux",
            ["« Deuxième mot », a dit V. Poutine, et « autre chose », selon Marie Dupont."],
            quotes=[("« Deuxième mot »", "V. Poutine"), ("« autre chose »", "Marie Dupont")],
            date="2025-02-05",
        ),
        make_doc(
            "p3",
            "Trois",
            ["« Troisième mot », a dit vladimir poutine."],
            quotes=[("« Troisième mot »", "vladimir poutine")],
            date="2025-03-05",
        ),
    ]


def test_merge_moves_quotes_and_later_ingests_follow(
    engine: Engine, make_doc: Callable[..., Document]
) -> None:
    docs = _articles(make_doc)
    ingest_documents(engine, docs[:2])
    with engine.begin() as conn:
        target = speakers.merge(conn, "V. Poutine", "Vladimir Poutine")
    ingest_documents(engine, docs[2:])
    with engine.connect() as conn:
        speaker = get_speaker(conn, target)
        names = [s["name"] for s in list_speakers(conn).items]
        assert search_quotes(conn, None, speaker_id=target).total == 3
    assert speaker is not None
    assert (speaker["quotes"], speaker["articles"], speaker["first_seen"], speaker["last_seen"]) == (
        3,
        3,
        "2025-01-05",
        "2025-03-05",
    )
    assert speaker["variants"] == ["Vladimir Poutine", "V. Poutine"]
    assert names == ["Vladimir Poutine", "Marie Dupont"]
    assert [c["name"] for c in speaker["co_quoted"]] == ["Marie Dupont"]


def test_merge_of_a_later_variant_still_follows(engine: Engine, make_doc: Callable[..., Document]) -> None:
    docs = _articles(make_doc)
    ingest_documents(engine, docs)
    with engine.begin() as conn:
        speakers.merge(conn, "v poutine", "Vladimir Poutine")
    with engine.connect() as conn:
        top = list_speakers(conn).items[0]
    assert (top["name"], top["quotes"], top["articles"]) == ("Vladimir Poutine", 3, 3)


def test_rename_changes_display_name_and_adds_variant(
    engine: Engine, make_doc: Callable[..., Document]
) -> None:
    ingest_documents(engine, _articles(make_doc))
    with engine.begin() as conn:
        speaker_id = speakers.rename(conn, "Marie Dupont", "Marie Dupont-Leroy")
    with engine.connect() as conn:
        assert speakers.find_speaker(conn, "marie dupont leroy") == speaker_id
        speaker = get_speaker(conn, speaker_id)
    assert speaker is not None and speaker["name"] == "Marie Dupont-Leroy"
    assert speaker["variants"] == ["Marie Dupont", "Marie Dupont-Leroy"]


def test_rename_to_another_speakers_name_is_refused(
    engine: Engine, make_doc: Callable[..., Document]
) -> None:
    ingest_documents(engine, _articles(make_doc))
    with engine.begin() as conn, pytest.raises(BadQuery, match="merge"):
        speakers.rename(conn, "Marie Dupont", "Vladimir Poutine")


@pytest.mark.parametrize("who", ["99999", "Personne Inconnue"])
def test_find_unknown_speaker_raises_not_in_corpus(engine: Engine, who: str) -> None:
    with engine.connect() as conn, pytest.raises(NotInCorpus):
        speakers.find_speaker(conn, who)


def test_merge_is_all_or_nothing(engine: Engine, make_doc: Callable[..., Document]) -> None:
    ingest_documents(engine, _articles(make_doc))
    with pytest.raises(NotInCorpus), engine.begin() as conn:
        speakers.merge(conn, "V. Poutine", "Nobody At All")
    with engine.connect() as conn:
        assert list_speakers(conn).total == 3
