"""French-aware full-text search on both backends, with user query syntax always escaped.

SQLite: ``documents_fts`` and ``quotes_fts`` are external-content FTS5 tables over the real
text (``content=[documents]``/``[quotes]``, kept in sync by triggers, ``unicode61
remove_diacritics 2``, ``detail=full``), so Datasette's ``?_search=`` and ``sqlite-utils
search`` use them as they are. The app's own French layer is built at query time: each
query word is folded as FTS5 folds it, then expanded to every form the light stemmer below
merges with it (« négociation » → negociation, negociations, …), each form a quoted FTS5
string. User text therefore never reaches FTS5 as syntax: ``"``, ``*``, ``-``, ``:``, ``^``,
``(``, ``NEAR``, ``AND``/``OR``/``NOT`` are plain words or separators.
PostgreSQL: ``to_tsvector('french', unaccent(...))`` through the ``guillemets_tsv`` function
the migration creates, queried with ``plainto_tsquery``, which reads no syntax at all.
Both bind the query as a parameter.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal_column, select, text

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


def words(value: str) -> list[str]:
    """The folded words of ``value``, in order (shared by the index and the dedup shingles)."""
    return _WORD.findall(fold(value))


def terms(value: str) -> list[str]:
    """The folded, stemmed words of ``value``, in order (what the SQLite index holds)."""
    return [stem(w) for w in words(value)]


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


def query_words(q: str) -> list[str]:
    """The distinct words of ``q`` as FTS5 tokenizes and folds them, in order."""
    return list(dict.fromkeys(_TOKEN.findall(fts_fold(q))))


def word_forms(word: str) -> list[str]:
    """Every form the light stemmer merges with ``word`` (``word`` first): the query-time expansion."""
    root = stem(word)
    forms = [root + ending for ending in _STEM_ENDINGS]
    if root.endswith("al"):
        forms.append(root[:-2] + "aux")
    return list(dict.fromkeys([word] + [f for f in forms if stem(f) == root]))


def match_expression(q: str) -> str | None:
    """An FTS5 MATCH string: every word of ``q`` required, in any of its forms; None without words.

    Each form is a double-quoted FTS5 string made of letters and digits only, so nothing the
    user typed is read as FTS5 syntax.
    """
    groups = [" OR ".join(f'"{f}"' for f in word_forms(w)) for w in query_words(q)]
    return " AND ".join(f"({g})" for g in groups) if groups else None


def quote_condition(
    dialect: str, column: ColumnElement[int], text_column: ColumnElement[str], q: str
) -> ColumnElement[bool]:
    """A WHERE condition: the quote whose id is ``column`` matches ``q``."""
    return _condition(dialect, "quotes_fts", column, text_column, q, "q")


def document_condition(
    dialect: str, pk: ColumnElement[int], title: ColumnElement[str], body: ColumnElement[str], q: str
) -> ColumnElement[bool]:
    """A WHERE condition: the document whose pk is ``pk`` matches ``q`` in its title or text."""
    expression = title.op("||")(literal_column("' '")).op("||")(body)
    return _condition(dialect, "documents_fts", pk, expression, q, "dq")


def _condition(
    dialect: str, fts_table: str, key: ColumnElement[int], value: ColumnElement[str], q: str, name: str
) -> ColumnElement[bool]:
    if dialect == "postgresql":
        query = text(f"plainto_tsquery('french', guillemets_unaccent(:{name}))").bindparams(**{name: q})
        return _tsv(value).op("@@")(query)
    expression = match_expression(q)
    if expression is None:
        return literal_column("1") == literal_column("0")
    matches: Select[Any] = (
        select(literal_column("rowid"))
        .select_from(text(fts_table))
        .where(text(f"{fts_table} MATCH :{name}").bindparams(**{name: expression}))
    )
    return key.in_(matches)


def match_count(dialect: str, kind: str, q: str) -> Select[Any] | None:
    """SQLite: count the matches of ``q`` in the ``kind`` ("quotes"/"documents") index alone.

    Every indexed row is stored, so when the text is the only condition this is the total,
    without probing the stored rows. None elsewhere (PostgreSQL counts through its index).
    """
    if dialect != "sqlite":
        return None
    table = f"{kind}_fts"
    expression = match_expression(q) or '""'
    return (
        select(func.count())
        .select_from(text(table))
        .where(text(f"{table} MATCH :m").bindparams(m=expression))
    )


def _tsv(value: ColumnElement[str]) -> ColumnElement[object]:
    return func.guillemets_tsv(value)


def snippet(body: str, q: str | None, width: int = 220) -> str:
    """About ``width`` characters of ``body`` around the first query word (or its start)."""
    start = 0
    if q:
        folded = fold(body)
        hits = [at for w in terms(q) if w and (at := folded.find(w)) >= 0]
        if hits:  # folding rarely changes the length (ß, ligatures): scale the offset back then
            scale = len(body) / max(1, len(folded))
            start = max(0, int(min(hits) * scale) - width // 3)
    chunk = body[start : start + width]
    if start > 0:
        chunk = "…" + chunk.split(" ", 1)[-1]
    if start + width < len(body):
        chunk = chunk.rsplit(" ", 1)[0] + "…"
    return chunk.replace("\n\n", " ¶ ")
