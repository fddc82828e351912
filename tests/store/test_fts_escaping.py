"""Every query string is plain text on both backends: FTS5 and tsquery syntax never reach the engine."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from tests.store.conftest import fresh_pg_databases
from tests.store.corpus_data import build_doc, corpus_documents

from guillemets.errors import BadQuery
from guillemets.store.engine import make_engine
from guillemets.store.export import ExportFilter, iter_records
from guillemets.store.ingest import ingest_documents
from guillemets.store.queries import search_articles, search_quotes
from guillemets.store.search import query_words

# FTS5 and tsquery syntax, SQL and LIKE metacharacters, and odd characters
SYNTAX = ["_", '"', "*", "-", ":", "^", "(", ")", "+", "'", "{", "}", "[", "]", "\\", "%", ";", "|",
          "&", "!", "<->", ":*", "/*", "--", ",", ".", "«", "»", "\u0301", "\t", "\n", "\u200b"]  # fmt: skip
OPERATORS = ["NEAR", "NEAR(", "AND", "OR", "NOT", "near", "and", "or", "not", "title:", "text:"]
WORDS = ["Koursk", "grève", "GREVES", "a_b", "x2", "0", "ß", "Élysée"]
OPERATOR_QUOTE = "« Le mot NEAR n'est pas un opérateur, ni AND, ni OR, ni NOT »"

odd_queries = st.lists(st.sampled_from(SYNTAX + OPERATORS + WORDS + [" "]), min_size=1, max_size=12).map(
    "".join
) | st.text(max_size=60)


@pytest.fixture(scope="module")
def pg_module_url() -> Iterator[str]:
    """A PostgreSQL database for this module's shared corpus, dropped afterwards."""
    with fresh_pg_databases("t") as (url,):
        yield url


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def corpus_engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """One ingested corpus per backend, shared by the property tests (they only read)."""
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("escaping") / "corpus.db")
    else:
        url = request.getfixturevalue("pg_module_url")
    engine = make_engine(url)
    extra = build_doc(
        "op",
        "Opérateurs",
        [f"{OPERATOR_QUOTE}, a rappelé Jeanne Martin."],
        quotes=[(OPERATOR_QUOTE, "Jeanne Martin")],
    )
    ingest_documents(engine, [*corpus_documents(), extra])
    yield engine
    engine.dispose()


def _search_everywhere(engine: Engine, q: str) -> tuple[int, int, int]:
    with engine.connect() as conn:
        quotes = search_quotes(conn, q).total
        articles = search_articles(conn, q).total
        exported = sum(1 for _ in iter_records(conn, ExportFilter(q=q)))
    return quotes, articles, exported


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=odd_queries)
def test_any_query_is_plain_text(corpus_engine: Engine, q: str) -> None:
    try:
        quotes, articles, exported = _search_everywhere(corpus_engine, q)
    except BadQuery as error:  # the only refusals: NUL, lone surrogates, over-long queries
        assert "\x00" in q or len(q) > 500 or "surrogate" in str(error)
        return
    assert articles == exported
    if not query_words(q):  # nothing but syntax and separators: nothing matches, nothing fails
        assert (quotes, articles) == (0, 0) or not q.strip()


@pytest.mark.parametrize("word", ["NEAR", "AND", "OR", "NOT", "near"])
def test_operator_words_are_searched_as_words(corpus_engine: Engine, word: str) -> None:
    with corpus_engine.connect() as conn:
        [item] = search_quotes(conn, word).items
    assert item["text"] == OPERATOR_QUOTE


@pytest.mark.parametrize("noise", ["_", '"', "*", "-", ":", "^", "(", ")", ":*", "<->", "'", "\\"])
def test_syntax_around_a_word_changes_nothing(corpus_engine: Engine, noise: str) -> None:
    plain = _search_everywhere(corpus_engine, "Koursk")
    assert plain[0] >= 1
    assert _search_everywhere(corpus_engine, f"{noise}Koursk{noise}") == plain
    assert _search_everywhere(corpus_engine, f"{noise} Koursk {noise}") == plain


def test_underscore_query_is_not_an_error(corpus_engine: Engine) -> None:
    assert _search_everywhere(corpus_engine, "a_b") == (0, 0, 0)
    assert _search_everywhere(corpus_engine, "_") == (0, 0, 0)


@given(st.text(alphabet="abcéèêàçœÉÀŒß'’-_ .«»0123456789\u0301", max_size=40))
def test_query_words_are_the_tokens_fts5_indexes(value: str) -> None:
    with sqlite3.connect(":memory:") as conn:
        conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')")
        conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')")
        conn.execute("INSERT INTO t VALUES (?)", (value,))
        tokens = {term for (term,) in conn.execute("SELECT term FROM v")}
    assert set(query_words(value)) == tokens


def test_bad_queries_are_refused_with_a_reason(tmp_path: Path) -> None:
    engine = make_engine(str(tmp_path / "c.db"))
    with engine.connect() as conn:
        for q in ["a\x00b", "grève \udce9", "x" * 501]:
            with pytest.raises(BadQuery):
                search_quotes(conn, q)
    engine.dispose()
