"""Full-text search stems each row in its document's language (fr, en; other languages are folded only)."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, text
from tests.store.corpus_data import build_doc
from tests.store.test_fts_migration import _alembic, _lend_later_columns

from guillemets.model import Document
from guillemets.store.engine import make_engine, normalize_url
from guillemets.store.export import ExportFilter, iter_records
from guillemets.store.ingest import ingest_documents
from guillemets.store.queries import search_articles, search_quotes
from guillemets.store.search import match_expression, stem_en, word_forms

EN_QUOTE = '"The harbour ladies will not sign these policies"'
FR_QUOTE = "« Les marchandes du port refusent les propositions déclarées »"
DE_QUOTE = "« Die Händlerinnen lesen policies »"


def mixed_documents() -> list[Document]:
    return [
        build_doc(
            "en1",
            "Dock traders reject the plan",
            [f"{EN_QUOTE}, said Ann Pollard on Tuesday."],
            quotes=[(EN_QUOTE, "Ann Pollard")],
            url="https://news.example.org/docks",
            lang="en",
        ),
        build_doc(
            "fr1",
            "Les marchandes du port disent non",
            [f"{FR_QUOTE}, a affirmé Lise Moreau mardi. Les ladies du quai applaudissent."],
            quotes=[(FR_QUOTE, "Lise Moreau")],
            url="https://www.lesoir.be/quai",
            lang="fr",
        ),
        build_doc(
            "de1",
            "Händlerinnen am Hafen",
            [f"{DE_QUOTE}, sagte Jana Vogt."],
            quotes=[(DE_QUOTE, "Jana Vogt")],
            url="https://zeitung.example.de/hafen",
            lang="de",
        ),
    ]


def _quote_docs(engine: Engine, q: str, lang: str | None = None) -> set[str]:
    with engine.connect() as conn:
        return {i["document_id"] for i in search_quotes(conn, q, lang=lang, limit=50).items}


def _article_docs(engine: Engine, q: str, lang: str | None = None) -> set[str]:
    with engine.connect() as conn:
        return {i["document_id"] for i in search_articles(conn, q, lang=lang, limit=50).items}


def test_english_stemmer_merges_plurals_only() -> None:
    assert stem_en("policies") == stem_en("policy") == "policy"
    assert stem_en("ladies") == "lady" and stem_en("votes") == stem_en("vote")
    assert stem_en("glass") == "glass" and stem_en("status") == "status"
    assert stem_en("signed") == "signed" and stem_en("signing") == "signing"
    assert {"policy", "policies"} <= set(word_forms("policy", "en"))
    assert {"vote", "votes"} <= set(word_forms("votes", "en"))
    assert word_forms("policies", "de") == ["policies"]  # no stemmer: the folded word alone
    assert match_expression("Policies", None) == '("policies")'


def test_each_row_is_stemmed_in_its_language(engine: Engine) -> None:
    ingest_documents(engine, mixed_documents())
    # English rules on the English quote: "lady" finds "ladies"; the French article also has
    # « ladies », but French rules do not merge it with "lady"
    assert _quote_docs(engine, "lady") == {"en1"}
    assert _article_docs(engine, "lady") == {"en1"}
    assert _article_docs(engine, "ladies") == {"en1", "fr1"}
    assert _quote_docs(engine, "policy sign") == {"en1"}
    # French rules on the French quote: « déclarée » finds « déclarées »
    assert _quote_docs(engine, "déclarée") == {"fr1"}
    assert _quote_docs(engine, "marchande proposition") == {"fr1"}
    # another language is folded only: the exact word finds it, a singular does not
    assert _quote_docs(engine, "policies") == {"en1", "de1"}
    assert _quote_docs(engine, "handlerinnen") == {"de1"}
    assert _quote_docs(engine, "handlerin") == set()


def test_lang_filter_stems_the_query_in_that_language_only(engine: Engine) -> None:
    ingest_documents(engine, mixed_documents())
    assert _quote_docs(engine, "policies", lang="en") == {"en1"}
    assert _quote_docs(engine, "policies", lang="de") == {"de1"}
    assert _quote_docs(engine, "lady", lang="fr") == set()
    assert _article_docs(engine, "ladies", lang="FR") == {"fr1"}
    with engine.connect() as conn:
        assert [r["id"] for r in iter_records(conn, ExportFilter(q="lady"))] == ["en1"]
        assert [r["id"] for r in iter_records(conn, ExportFilter(q="ladies", lang="fr"))] == ["fr1"]
        page = search_quotes(conn, "policy")
    assert page.total == 1 and page.items[0]["lang"] == "en"


def test_a_corpus_of_the_previous_revision_migrates_and_searches_each_language(db_url: str) -> None:
    old = create_engine(normalize_url(db_url))
    _alembic(old, "upgrade", "0003_crawl_date")
    later = _lend_later_columns(old)
    assert ("quotes", "lang") in later
    ingest_documents(old, mixed_documents())
    with old.begin() as conn:
        for table_name, name in later:
            conn.execute(text(f"ALTER TABLE {table_name} DROP COLUMN {name}"))
    old.dispose()
    engine = make_engine(db_url)  # migrates to head: quotes.lang filled, PostgreSQL reindexed
    try:
        with engine.connect() as conn:
            langs = dict(conn.execute(text("SELECT text, lang FROM quotes")).all())
        assert langs == {EN_QUOTE: "en", FR_QUOTE: "fr", DE_QUOTE: "de"}
        assert _quote_docs(engine, "lady") == {"en1"}
        assert _quote_docs(engine, "déclarée") == {"fr1"}
        assert _article_docs(engine, "policy") == {"en1"}
        ingest_documents(engine, [build_doc("en2", "More", ["The policy stands."], lang="en")])
        assert _article_docs(engine, "policies") == {"en1", "en2", "de1"}
        assert _article_docs(engine, "policy") == {"en1", "en2"}
    finally:
        engine.dispose()


def test_a_changed_lang_is_searched_with_its_new_rules(engine: Engine) -> None:
    ingest_documents(engine, mixed_documents())
    assert _article_docs(engine, "lady") == {"en1"}
    with engine.begin() as conn:
        conn.execute(text("UPDATE documents SET lang = 'en' WHERE id = 'fr1'"))
    assert _article_docs(engine, "lady") == {"en1", "fr1"}  # the index follows the new language
    assert _article_docs(engine, "lady", lang="fr") == set()
    assert _article_docs(engine, "ladies", lang="fr") == set()


def test_only_the_languages_present_are_searched(engine: Engine) -> None:
    from guillemets.store.search import present_languages, search_languages, sqlite_expression

    french = [d for d in mixed_documents() if d.lang == "fr"]
    ingest_documents(engine, french)
    with engine.connect() as conn:
        assert present_languages(conn) == ["fr"]
    assert _article_docs(engine, "marchande") == {"fr1"}
    assert _article_docs(engine, "lady") == set()  # French rules only: « ladies » is not "lady"
    single = sqlite_expression("documents", "marchande", search_languages(None, ["fr"]))
    assert single is not None and "search_lang" not in single  # one language: the forms alone
    ingest_documents(engine, mixed_documents())
    with engine.connect() as conn:
        assert present_languages(conn) == ["en", "fr", None]
    assert _article_docs(engine, "lady") == {"en1"}
