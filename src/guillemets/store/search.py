"""Full-text search in each document's language on both backends, user query syntax always escaped.

A row is searched with the rules of its document's ``lang``: French (``fr``) and English
(``en``) words are stemmed with that language's rules, any other language (or none) is only
folded. A query is stemmed once per language searched (every language, or the ``--lang``
filter's) and each stemming is matched against the rows of that language only, so an English
query finds English text and a French query French text.

SQLite: ``documents_fts`` and ``quotes_fts`` are external-content FTS5 tables over the real
text (``content=[documents]``/``[quotes]``, kept in sync by triggers, ``unicode61
remove_diacritics 2``, ``detail=full``), so Datasette's ``?_search=`` and ``sqlite-utils
search`` use them as they are. The language layer is built at query time: each query word is
folded as FTS5 folds it, then expanded to every form the language's light stemmer below merges
with it (« négociation » → negociation, negociations, …; "policies" → policy, policies), each
form a quoted FTS5 string, and each language's forms are kept to its rows by the indexed
``search_lang`` token (``langfr``, ``langen``; migration 0004) in the same MATCH. User text
therefore never reaches FTS5 as syntax: ``"``, ``*``, ``-``, ``:``, ``^``, ``(``, ``NEAR``,
``AND``/``OR``/``NOT`` are plain words or separators.
PostgreSQL: ``to_tsvector(guillemets_regconfig(lang), unaccent(...))`` through the
``guillemets_tsv`` function the migrations create ('french', 'english', else 'simple'),
queried with ``plainto_tsquery`` in the same configuration, which reads no syntax at all.
Both bind the query as a parameter.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, func, literal_column, or_, select, text

from guillemets.errors import BadQuery
from guillemets.fold import fold as fold  # re-exported: callers import it from here
from guillemets.fold import fts_fold

MAX_QUERY_CHARS = 500  # longer is not a search but a paste; refuse it with a message
_WORD = re.compile(r"\w+")


def fold_same_length(value: str) -> str:
    """``fold`` character by character, so offsets into the result are offsets into ``value``."""
    return "".join((fold(c) or c)[:1] or c for c in value)


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The French light stemmer (the corpus's first language; ``stem_in`` picks by language)."""
    return stem_fr(word)


@functools.lru_cache(maxsize=200_000)
def stem_fr(word: str) -> str:
    """A light French stemmer (plural and feminine endings): négociations → negociation.

    Deliberately light (in the spirit of Savoy's light French stemmer): it only merges forms
    a reader sees as the same word, so precision stays high; the same function runs on the
    index and on the query.
    """
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("aux") and len(word) > 4:
        return word[:-3] + "al"
    if word[-1] in "sx" and word[-2] not in "su":
        word = word[:-1]
    for _ in range(2):
        if len(word) > 4 and word.endswith("e"):
            word = word[:-1]
    return word


@functools.lru_cache(maxsize=200_000)
def stem_en(word: str) -> str:
    """A light English stemmer (plurals only, Harman's S-stemmer): policies → policy, votes → vote.

    Like the French one it merges only forms a reader sees as the same word (no -ed/-ing).
    """
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if word.endswith("s") and not word.endswith(("us", "ss")):
        return word[:-1]
    return word


def _no_stem(word: str) -> str:
    return word


# The languages whose words are stemmed, with their PostgreSQL text search configuration; any
# other ``lang`` (or none) is folded only, 'simple' on PostgreSQL.
STEMMERS = {"fr": stem_fr, "en": stem_en}
PG_CONFIGS = {"fr": "french", "en": "english"}
OTHER = None  # the language key of rows in no language of STEMMERS


def language_key(lang: str | None) -> str | None:
    """The STEMMERS key of a ``lang`` value or filter (``fr``, ``en``), else OTHER."""
    key = (lang or "").strip().lower()
    return key if key in STEMMERS else OTHER


def stem_in(lang: str | None, word: str) -> str:
    """``word`` stemmed by the rules of ``lang`` (unchanged for a language without a stemmer)."""
    return STEMMERS.get(language_key(lang) or "", _no_stem)(word)


def words(value: str) -> list[str]:
    """The folded words of ``value``, in order (shared by the index and the dedup shingles)."""
    return _WORD.findall(fold(value))


def terms(value: str, lang: str | None = "fr") -> list[str]:
    """The folded words of ``value`` stemmed by the rules of ``lang``, in order."""
    return [stem_in(lang, w) for w in words(value)]


def index_text(value: str | list[str]) -> str:
    """The folded, stemmed text the contentless FTS5 tables of revision 0001 held (its downgrade)."""
    return " ".join(map(stem, words(value) if isinstance(value, str) else value))


def check_query(q: str | None) -> str | None:
    """The query, stripped; None for no query; BadQuery for one that cannot be a search."""
    if q is None or not q.strip():
        return None
    if len(q) > MAX_QUERY_CHARS:
        raise BadQuery(f"query is {len(q)} characters long; the limit is {MAX_QUERY_CHARS}")
    if "\x00" in q:
        raise BadQuery("query contains a NUL character")
    if _SURROGATE.search(q):
        raise BadQuery("query is not valid UTF-8 (it contains a lone surrogate)")
    return q.strip()


_SURROGATE = re.compile("[\ud800-\udfff]")
_TOKEN = re.compile(r"[^\W_]+")  # runs of letters and digits: the tokens of FTS5's unicode61
_STEM_ENDINGS = [e + s for e in ("", "e", "ee") for s in ("", "s", "x")]
_STEM_ENDINGS_EN = ["", "s", "es"]


def query_words(q: str) -> list[str]:
    """The distinct words of ``q`` as FTS5 tokenizes and folds them, in order."""
    return list(dict.fromkeys(_TOKEN.findall(fts_fold(q))))


def word_forms(word: str, lang: str | None = "fr") -> list[str]:
    """Every form the light stemmer of ``lang`` merges with ``word`` (``word`` first): the query-time
    expansion (``word`` alone for a language without a stemmer)."""
    key = language_key(lang)
    if key is OTHER:
        return [word]
    stemmer = STEMMERS[key]
    root = stemmer(word)
    if key == "en":
        forms = [root + ending for ending in _STEM_ENDINGS_EN]
        if root.endswith("y"):
            forms.append(root[:-1] + "ies")
        if root.endswith("e"):
            forms.append(root + "s")
    else:
        forms = [root + ending for ending in _STEM_ENDINGS]
        if root.endswith("al"):
            forms.append(root[:-2] + "aux")
    return list(dict.fromkeys([word] + [f for f in forms if stemmer(f) == root]))


def match_expression(q: str, lang: str | None = "fr") -> str | None:
    """An FTS5 MATCH string: every word of ``q`` required, in any of its forms in ``lang``; None
    without words.

    Each form is a double-quoted FTS5 string made of letters and digits only, so nothing the
    user typed is read as FTS5 syntax.
    """
    groups = [" OR ".join(f'"{f}"' for f in word_forms(w, lang)) for w in query_words(q)]
    return " AND ".join(f"({g})" for g in groups) if groups else None


def search_languages(lang: str | None, present: Sequence[str | None] | None = None) -> list[str | None]:
    """The language keys a query is stemmed for: the filter's only, else those ``present`` in the
    corpus (``present_languages``), else every one (and OTHER)."""
    if lang and lang.strip():
        return [language_key(lang)]
    return list(present) if present else [*STEMMERS, OTHER]


def present_languages(conn: Connection) -> list[str | None]:
    """The language keys of the stored documents, by a few index probes on ``documents.lang``
    (each a LIMIT 1 range: the cost does not grow with the corpus)."""
    keys = sorted(STEMMERS)
    found: list[str | None] = [
        k
        for k in keys
        if conn.execute(text("SELECT 1 FROM documents WHERE lang = :k LIMIT 1"), {"k": k}).first()
    ]
    ranges = ["lang IS NULL", f"lang < '{keys[0]}'", f"lang > '{keys[-1]}'"]
    ranges += [f"lang > '{a}' AND lang < '{b}'" for a, b in itertools.pairwise(keys)]
    if any(conn.execute(text(f"SELECT 1 FROM documents WHERE {r} LIMIT 1")).first() for r in ranges):
        found.append(OTHER)
    return found


def language_condition(column: ColumnElement[str | None], key: str | None) -> ColumnElement[bool]:
    """The rows whose ``lang`` column has the language key ``key`` (OTHER: any other, or NULL)."""
    if key is OTHER:
        return or_(column.is_(None), column.notin_(list(STEMMERS)))
    return column == key


def quote_condition(
    dialect: str,
    column: ColumnElement[int],
    text_column: ColumnElement[str],
    lang_column: ColumnElement[str | None],
    q: str,
    lang: str | None = None,
    present: Sequence[str | None] | None = None,
) -> ColumnElement[bool]:
    """A WHERE condition: the quote whose id is ``column`` matches ``q`` in its language (``lang``:
    the query's language filter; ``present``: the corpus's languages, from ``present_languages``)."""
    keys = search_languages(lang, present)
    return _condition(dialect, "quotes", "id", column, text_column, lang_column, q, keys, "q")


def document_condition(
    dialect: str,
    pk: ColumnElement[int],
    title: ColumnElement[str],
    body: ColumnElement[str],
    lang_column: ColumnElement[str | None],
    q: str,
    lang: str | None = None,
    present: Sequence[str | None] | None = None,
) -> ColumnElement[bool]:
    """A WHERE condition: the document whose pk is ``pk`` matches ``q`` in its title or text."""
    expression = title.op("||")(literal_column("' '")).op("||")(body)
    keys = search_languages(lang, present)
    return _condition(dialect, "documents", "pk", pk, expression, lang_column, q, keys, "dq")


def _condition(
    dialect: str,
    table: str,
    table_key: str,
    key: ColumnElement[int],
    value: ColumnElement[str],
    lang_column: ColumnElement[str | None],
    q: str,
    keys: list[str | None],
    name: str,
) -> ColumnElement[bool]:
    """One branch per language key; with one key, every row searched is in that language (the
    ``lang`` filter, or the only language present), so no branch needs its language condition."""
    if dialect == "postgresql":
        branches = []
        for n, language in enumerate(keys):
            config = PG_CONFIGS.get(language or "", "simple")
            bound = f"{name}{n}"
            query = text(f"plainto_tsquery('{config}', guillemets_unaccent(:{bound}))").bindparams(
                **{bound: q}
            )
            matched = _tsv(lang_column, value).op("@@")(query)
            branches.append(
                and_(matched, language_condition(lang_column, language)) if len(keys) > 1 else matched
            )
        return or_(*branches)
    matches = _sqlite_matches(table, q, keys, name)
    if matches is None:
        return literal_column("1") == literal_column("0")
    return key.in_(matches)


_FTS_COLUMNS = {"documents": "{title text}", "quotes": "{text}"}  # searched; search_lang filters


def sqlite_expression(table: str, q: str, keys: list[str | None]) -> str | None:
    """One FTS5 MATCH string for ``table``: for each language key, ``q``'s forms in that
    language, kept to its rows by their ``search_lang`` token (``langfr``, ``langen``; a row in
    another language or none has neither) when there are several; None when ``q`` has no word."""
    columns = _FTS_COLUMNS[table]
    parts = []
    for language in keys:
        expression = match_expression(q, language)
        if expression is None:
            return None
        if len(keys) == 1:
            parts.append(f"{columns}: ({expression})")
        elif language is OTHER:
            others = " ".join(f"NOT search_lang:lang{k}" for k in STEMMERS)
            parts.append(f"({columns}: ({expression}) {others})")
        else:
            parts.append(f"({columns}: ({expression}) AND search_lang:lang{language})")
    return " OR ".join(parts)


def _sqlite_matches(table: str, q: str, keys: list[str | None], name: str) -> Select[Any] | None:
    """The keys of ``table`` whose row matches ``q`` stemmed in its own language (one FTS5 MATCH,
    answered by the index alone); None when ``q`` has no word."""
    expression = sqlite_expression(table, q, keys)
    if expression is None:
        return None
    fts = f"{table}_fts"
    return (
        select(literal_column("rowid"))
        .select_from(text(fts))
        .where(text(f"{fts} MATCH :{name}").bindparams(**{name: expression}))
    )


def match_count(
    dialect: str, kind: str, q: str, present: Sequence[str | None] | None = None
) -> Select[Any] | None:
    """SQLite: count the matches of ``q`` in the ``kind`` ("quotes"/"documents") index alone, each row
    in its language: the total when the text is the only condition, without probing the stored
    rows. None elsewhere (PostgreSQL counts through its index).
    """
    if dialect != "sqlite":
        return None
    table = f"{kind}_fts"
    expression = sqlite_expression(kind, q, search_languages(None, present)) or '""'
    return (
        select(func.count())
        .select_from(text(table))
        .where(text(f"{table} MATCH :m").bindparams(m=expression))
    )


def _tsv(lang: ColumnElement[str | None], value: ColumnElement[str]) -> ColumnElement[object]:
    return func.guillemets_tsv(func.guillemets_regconfig(lang), value)


def snippet(body: str, q: str | None, width: int = 220) -> str:
    """About ``width`` characters of ``body`` around the first query word (or its start)."""
    start = 0
    if q:
        folded = fold(body)
        stems = {s for language in search_languages(None) for s in terms(q, language)}
        hits = [at for w in stems if w and (at := folded.find(w)) >= 0]
        if hits:  # folding rarely changes the length (ß, ligatures): scale the offset back then
            scale = len(body) / max(1, len(folded))
            start = max(0, int(min(hits) * scale) - width // 3)
    chunk = body[start : start + width]
    if start > 0:
        chunk = "…" + chunk.split(" ", 1)[-1]
    if start + width < len(body):
        chunk = chunk.rsplit(" ", 1)[0] + "…"
    return chunk.replace("\n\n", " ¶ ")
