"""Search and read queries: French-aware matching, escaping, filters, pagination, speakers, articles."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import Engine

from guillemets.errors import BadQuery
from guillemets.model import Document, QuoteType
from guillemets.store.ingest import ingest_documents
from guillemets.store.queries import get_article, get_speaker, list_speakers, search_articles, search_quotes


@pytest.fixture
def loaded(engine: Engine, corpus: list[Document]) -> Engine:
    ingest_documents(engine, corpus)
    return engine


def test_search_articles_finds_koursk(loaded: Engine) -> None:
    with loaded.connect() as conn:
        page = search_articles(conn, "Koursk")
    assert sorted(i["document_id"] for i in page.items) == ["a1", "a2"] and page.total == 2
    assert all("koursk" in i["snippet"].lower() for i in page.items)


@pytest.mark.parametrize("query", ["negociations", "NÉGOCIATION", "grève port", "GREVE"])
def test_search_articles_folds_accents_case_and_plurals(loaded: Engine, query: str) -> None:
    with loaded.connect() as conn:
        page = search_articles(conn, query)
    assert {i["document_id"] for i in page.items} >= {"a3"}


def test_search_articles_needs_every_word(loaded: Engine) -> None:
    with loaded.connect() as conn:
        assert search_articles(conn, "Koursk dockers").total == 1
        assert search_articles(conn, "Koursk zanzibar").total == 0


@pytest.mark.parametrize(
    "query", ['"', "*", "NEAR(", "'; DROP TABLE documents; --", 'koursk" OR "', "libér*", "a:b ^c -d"]
)
def test_search_user_syntax_is_plain_text(loaded: Engine, query: str) -> None:
    """A query with search syntax finds exactly what its plain words find (nothing if it has none)."""
    words = " ".join(re.findall(r"\w+", query))
    with loaded.connect() as conn:
        found = [(p.total, p.items) for p in (search_quotes(conn, query), search_articles(conn, query))]
        plain = [(p.total, p.items) for p in (search_quotes(conn, words), search_articles(conn, words))]
        assert search_articles(conn, None).total == 3  # nothing was dropped
    assert found == (plain if words else [(0, []), (0, [])])


def test_search_syntax_query_can_still_find(loaded: Engine) -> None:
    with loaded.connect() as conn:
        assert search_articles(conn, "koursk*").total == search_articles(conn, "Koursk").total == 2


def test_search_syntax_words_still_match_as_words(loaded: Engine) -> None:
    with loaded.connect() as conn:
        assert search_articles(conn, 'koursk" OR "zanzibar').total == 0  # OR is a word, not an operator
        assert search_articles(conn, '"Koursk"').total == 2


def test_search_quotes_filters(loaded: Engine) -> None:
    with loaded.connect() as conn:
        poutine = search_quotes(conn, None, speaker_id=_speaker_id(conn, "Vladimir Poutine"))
        rtbf = search_quotes(conn, None, domain="rtbf.be")
        april = search_quotes(conn, None, date_from="2025-04", date_to="2025-04-30")
        march = search_quotes(conn, None, date_to="2025-03")
        typed = search_quotes(conn, None, quote_type="indirect")
        english = search_quotes(conn, None, lang="en")
    assert {i["text"] for i in poutine.items} == {
        "« Je m'attends à ce que la région de Koursk soit bientôt complètement libérée »",
        "« La situation est difficile »",
    }
    assert rtbf.total == 2 and all(i["domain"] == "rtbf.be" for i in rtbf.items)
    assert april.total == 2 and march.total == 2
    assert typed.total == 0 and english.total == 0


def test_search_quotes_text_and_speaker(loaded: Engine) -> None:
    with loaded.connect() as conn:
        page = search_quotes(conn, "libérée", speaker_id=_speaker_id(conn, "Vladimir Poutine"))
    [item] = page.items
    assert (item["speaker"], item["document_id"], item["domain"]) == ("Vladimir Poutine", "a1", "lesoir.be")
    assert item["type"] == QuoteType.DIRECT


def test_search_quotes_pagination(loaded: Engine) -> None:
    with loaded.connect() as conn:
        pages = [search_quotes(conn, None, limit=1, offset=k) for k in range(5)]
    assert [p.total for p in pages] == [4] * 5
    assert len({p.items[0]["quote_id"] for p in pages[:4]}) == 4 and pages[4].items == []


@pytest.mark.parametrize(
    "kwargs",
    [
        {"limit": -1},
        {"limit": 100000},
        {"offset": -5},
        {"date_from": "last week"},
        {"date_to": "2025-13-01"},
        {"quote_type": "rumour"},
        {"q": "x" * 1000},
    ],
)
def test_search_bad_parameters_raise_bad_query(loaded: Engine, kwargs: dict[str, object]) -> None:
    kwargs = dict(kwargs)
    q = kwargs.pop("q", "koursk")
    with loaded.connect() as conn, pytest.raises(BadQuery):
        search_quotes(conn, q, **kwargs)  # type: ignore[arg-type]


def test_list_speakers_merges_by_folded_name_most_quoted_first(loaded: Engine) -> None:
    with loaded.connect() as conn:
        page = list_speakers(conn)
        found = list_speakers(conn, q="poutine")
    names = [(i["name"], i["quotes"], i["articles"]) for i in page.items]
    assert names[0] == ("Vladimir Poutine", 2, 2)
    assert page.total == 3
    assert page.items[0]["first_seen"] == "2025-03-12" and page.items[0]["last_seen"] == "2025-04-02"
    assert [i["name"] for i in found.items] == ["Vladimir Poutine"]


def test_get_speaker_has_variants_timeline_and_co_quoted(loaded: Engine) -> None:
    with loaded.connect() as conn:
        speaker = get_speaker(conn, _speaker_id(conn, "vladimir poutine"))
        missing = get_speaker(conn, 99999)
    assert speaker is not None and missing is None
    assert speaker["variants"] == ["Vladimir Poutine", "VLADIMIR POUTINE"] or speaker["variants"] == [
        "Vladimir Poutine"
    ]
    assert speaker["timeline"] == [{"month": "2025-03", "quotes": 1}, {"month": "2025-04", "quotes": 1}]
    assert [c["name"] for c in speaker["co_quoted"]] == ["Oleksandre Syrsky"]


def test_get_article_returns_text_quotes_and_entities_with_offsets(loaded: Engine) -> None:
    with loaded.connect() as conn:
        article = get_article(conn, "a2")
        assert get_article(conn, "nope") is None
    assert article is not None
    assert article["paragraphs"][0].startswith("« nos troupes")
    for quote in article["quotes"]:
        assert article["text"][quote["start"] : quote["end"]] == quote["text"]
        assert (
            article["text"][quote["speaker"]["start"] : quote["speaker"]["end"]] == quote["speaker"]["text"]
        )
    assert {q["speaker_name"] for q in article["quotes"]} == {"Oleksandre Syrsky", "Vladimir Poutine"}
    assert {e["name"] for e in article["entities"]} == {"Oleksandre Syrsky", "VLADIMIR POUTINE"}


def _speaker_id(conn: object, name: str) -> int:
    from guillemets.store.speakers import find_speaker

    return find_speaker(conn, name)  # type: ignore[arg-type]


@pytest.mark.parametrize("query", ["koursk", "greve", None])
def test_search_frequent_word_plan_gives_same_results(
    loaded: Engine, query: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import guillemets.store.queries as queries

    with loaded.connect() as conn:
        usual = (search_quotes(conn, query, limit=2, offset=1), search_articles(conn, query, limit=2))
        monkeypatch.setattr(queries, "FREQUENT", 1)  # take the walk-the-date-index path
        hinted = (search_quotes(conn, query, limit=2, offset=1), search_articles(conn, query, limit=2))
    assert hinted == usual and usual[1].total > 0
