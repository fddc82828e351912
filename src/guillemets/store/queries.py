"""Read-only queries the CLI and the web API share; plain dicts out, every value bound.

Listings are newest first (by the document's day, then insertion order) and paginated with
``limit``/``offset``; ``total`` counts every match. Filters: speaker id, outlet domain (a
domain also matches its sub-domains), date range on the document's day (inclusive),
language, quote type.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, or_, select

from guillemets.errors import BadQuery
from guillemets.store.search import (
    check_query,
    document_condition,
    match_count,
    present_languages,
    quote_condition,
    snippet,
)
from guillemets.store.speakers import variants
from guillemets.store.tables import (
    MAX_ID,
    STORED_FIELDS,
    documents,
    entities,
    mentions,
    near_duplicates,
    quotes,
    sources,
    speakers,
)

MAX_LIMIT = 1000
QUOTE_TYPES = ("direct", "indirect", "mixed")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@dataclass(slots=True)
class Page:
    items: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    limit: int = 20
    offset: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "total": self.total, "limit": self.limit, "offset": self.offset}


def _check_page(limit: int, offset: int) -> None:
    if not 0 <= limit <= MAX_LIMIT:
        raise BadQuery(f"limit must be between 0 and {MAX_LIMIT}, not {limit}")
    if not 0 <= offset <= MAX_ID:
        raise BadQuery(f"offset must be between 0 and {MAX_ID}, not {offset}")


def _check_id(name: str, value: int | None) -> None:
    """Ids beyond the integer column (int4 on PostgreSQL) are a bad parameter, not a database error."""
    if value is not None and not 1 <= value <= MAX_ID:
        raise BadQuery(f"{name} must be between 1 and {MAX_ID}, not {value}")


def _check_day(name: str, value: str | None) -> str | None:
    """A date filter as YYYY-MM-DD, YYYY-MM or YYYY; BadQuery for anything else."""
    if value is None or not value.strip():
        return None
    day = value.strip()
    try:
        if not _DATE.fullmatch(day):
            raise ValueError(day)
        datetime.date.fromisoformat((day + "-01-01")[:10])
    except ValueError:
        raise BadQuery(f"{name} must be a date like 2025-03-12 (or 2025-03, 2025), not {value!r}") from None
    return day


def document_filters(
    domain: str | None, date_from: str | None, date_to: str | None, lang: str | None, day: Any = None
) -> list[ColumnElement[bool]]:
    """Conditions on the document's outlet, language and day (``day``: the column to compare)."""
    day = documents.c.day if day is None else day
    conditions: list[ColumnElement[bool]] = []
    if domain:
        host = domain.strip().lower().removeprefix("www.")
        conditions.append(
            or_(documents.c.domain == host, documents.c.domain.endswith("." + host, autoescape=True))
        )
    if (start := _check_day("date_from", date_from)) is not None:
        conditions.append(day >= start)
    if (end := _check_day("date_to", date_to)) is not None:
        conditions.append(day <= (end + "-99-99")[:10])  # a month or year includes all its days
    if lang:
        conditions.append(documents.c.lang == lang.strip().lower())
    return conditions


def _newest(conn: Connection, day: Any) -> Any:
    """Newest first, undated last: SQLite sorts NULL lowest already (and then keeps using the index)."""
    return day.desc() if conn.dialect.name == "sqlite" else day.desc().nulls_last()


def _keys_page(
    conn: Connection, build: Any, base: Any, order: list[Any], limit: int, offset: int, count: Any = None
) -> tuple[list[int], int]:
    """Keys of one page, newest first, and the number of matches.

    ``build(key)`` gives the WHERE conditions with the full-text match on ``key``. Only keys
    are sorted (never the article text), and when many rows match on SQLite the match is put
    on ``key + 0``, which SQLite cannot use to drive the query: it then walks the newest-first
    index and stops after one page instead of sorting every match.
    """
    if count is None:  # ``count``: a cheaper query for the same number, when there is one
        count = select(func.count()).select_from(base).where(and_(True, *build(None)))
    counted = count
    total = int(conn.execute(counted).scalar() or 0)
    if not limit or offset >= total:
        return [], total
    hint = conn.dialect.name == "sqlite" and total >= FREQUENT
    keys = select(order[-1].element).select_from(base).where(and_(True, *build("hint" if hint else None)))
    found = [int(r[0]) for r in conn.execute(keys.order_by(*order).limit(limit).offset(offset))]
    return found, total


FREQUENT = 1000  # matches above which walking the date index beats sorting the matches


def _in_key_order(rows: Any, key: str, keys: list[int]) -> list[Any]:
    by_key = {getattr(r, key): r for r in rows}
    return [by_key[k] for k in keys if k in by_key]


def search_quotes(
    conn: Connection,
    q: str | None,
    *,
    speaker_id: int | None = None,
    domain: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    lang: str | None = None,
    quote_type: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> Page:
    """Quotes matching ``q`` (all words, accents and plurals folded) and the filters."""
    _check_page(limit, offset)
    _check_id("speaker", speaker_id)
    if quote_type and quote_type not in QUOTE_TYPES:
        raise BadQuery(f"quote type must be one of {', '.join(QUOTE_TYPES)}, not {quote_type!r}")
    filters = document_filters(domain, date_from, date_to, lang, quotes.c.day)
    query_text = check_query(q)
    present = present_languages(conn) if query_text is not None and not lang else None

    def build(hint: str | None) -> list[ColumnElement[bool]]:
        conditions = list(filters)
        if query_text is not None:
            key = quotes.c.id + 0 if hint else quotes.c.id
            conditions.append(
                quote_condition(
                    conn.dialect.name, key, quotes.c.text, quotes.c.lang, query_text, lang, present
                )
            )
        if speaker_id is not None:
            conditions.append(quotes.c.speaker_id == speaker_id)
        if quote_type:
            conditions.append(quotes.c.type == quote_type)
        return conditions

    base = quotes.join(documents, documents.c.pk == quotes.c.document_pk) if domain or lang else quotes
    order = [_newest(conn, quotes.c.day), quotes.c.id.desc()]
    only_text = query_text is not None and not (filters or speaker_id is not None or quote_type)
    count = (
        match_count(conn.dialect.name, "quotes", query_text, present) if only_text and query_text else None
    )
    keys, total = _keys_page(conn, build, base, order, limit, offset, count)
    rows: Any = conn.execute(_QUOTE_DETAILS.where(quotes.c.id.in_(keys))) if keys else []
    return Page([_quote_item(r) for r in _in_key_order(rows, "id", keys)], total, limit, offset)


_QUOTE_DETAILS = select(
    quotes.c.id,
    quotes.c.text,
    quotes.c.type,
    quotes.c.speaker_id,
    speakers.c.name.label("speaker"),
    quotes.c.speaker_text,
    documents.c.id.label("document_id"),
    documents.c.title,
    documents.c.url,
    documents.c.domain,
    documents.c.date,
    documents.c.lang,
).select_from(
    quotes.join(documents, documents.c.pk == quotes.c.document_pk).outerjoin(
        speakers, speakers.c.id == quotes.c.speaker_id
    )
)


def _quote_item(row: Any) -> dict[str, Any]:
    return {
        "quote_id": row.id,
        "text": row.text,
        "type": row.type,
        "speaker_id": row.speaker_id,
        "speaker": row.speaker or row.speaker_text,
        "document_id": row.document_id,
        "title": row.title,
        "url": row.url,
        "domain": row.domain,
        "date": row.date,
        "lang": row.lang,
    }


def search_articles(
    conn: Connection,
    q: str | None,
    *,
    speaker_id: int | None = None,
    domain: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    lang: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> Page:
    """Articles whose title or text match ``q`` (all words, folded) and the filters."""
    _check_page(limit, offset)
    _check_id("speaker", speaker_id)
    filters = document_filters(domain, date_from, date_to, lang)
    query_text = check_query(q)
    present = present_languages(conn) if query_text is not None and not lang else None

    def build(hint: str | None) -> list[ColumnElement[bool]]:
        conditions = list(filters)
        if query_text is not None:
            key = documents.c.pk + 0 if hint else documents.c.pk
            dialect = conn.dialect.name
            conditions.append(
                document_condition(
                    dialect,
                    key,
                    documents.c.title,
                    documents.c.text,
                    documents.c.lang,
                    query_text,
                    lang,
                    present,
                )
            )
        if speaker_id is not None:
            quoted = select(quotes.c.document_pk).where(quotes.c.speaker_id == speaker_id)
            conditions.append(documents.c.pk.in_(quoted))
        return conditions

    order = [_newest(conn, documents.c.day), documents.c.pk.desc()]
    only_text = query_text is not None and not (filters or speaker_id is not None)
    count = (
        match_count(conn.dialect.name, "documents", query_text, present) if only_text and query_text else None
    )
    keys, total = _keys_page(conn, build, documents, order, limit, offset, count)
    rows: Any = conn.execute(_ARTICLE_DETAILS.where(documents.c.pk.in_(keys))) if keys else []
    items = [
        {
            "document_id": r.id,
            "title": r.title,
            "url": r.url,
            "domain": r.domain,
            "date": r.date,
            "lang": r.lang,
            "snippet": snippet(r.text, query_text),
            "quotes": r.quote_count,
        }
        for r in _in_key_order(rows, "pk", keys)
    ]
    return Page(items, total, limit, offset)


_ARTICLE_DETAILS = select(
    documents.c.pk,
    documents.c.id,
    documents.c.title,
    documents.c.url,
    documents.c.domain,
    documents.c.date,
    documents.c.lang,
    documents.c.text,
    documents.c.quote_count,
)


def list_speakers(conn: Connection, *, q: str | None = None, limit: int = 50, offset: int = 0) -> Page:
    """Speakers, most quoted first; ``q`` keeps those with a name variant containing it (folded)."""
    from guillemets.store.speakers import speaker_key
    from guillemets.store.tables import speaker_variants

    _check_page(limit, offset)
    query = select(
        speakers.c.id,
        speakers.c.name,
        speakers.c.kind,
        speakers.c.quotes,
        speakers.c.articles,
        speakers.c.first_seen,
        speakers.c.last_seen,
    )
    if (text := check_query(q)) is not None:
        key = speaker_key(text)
        matching = select(speaker_variants.c.speaker_id).where(
            speaker_variants.c.key.contains(key, autoescape=True)
        )
        query = query.where(speakers.c.id.in_(matching))
    total = int(conn.execute(select(func.count()).select_from(query.subquery())).scalar() or 0)
    rows = conn.execute(query.order_by(speakers.c.quotes.desc(), speakers.c.id).limit(limit).offset(offset))
    return Page([_speaker_item(r) for r in rows], total, limit, offset)


def _speaker_item(row: Any) -> dict[str, Any]:
    return {
        "speaker_id": row.id,
        "name": row.name,
        "kind": row.kind,
        "quotes": row.quotes,
        "articles": row.articles,
        "first_seen": row.first_seen,
        "last_seen": row.last_seen,
    }


def get_speaker(conn: Connection, speaker_id: int) -> dict[str, Any] | None:
    """A speaker with variants, quotes per month and the speakers quoted in the same articles."""
    if not 1 <= speaker_id <= MAX_ID:
        return None  # no such row can exist
    row = conn.execute(
        select(
            speakers.c.id,
            speakers.c.name,
            speakers.c.kind,
            speakers.c.quotes,
            speakers.c.articles,
            speakers.c.first_seen,
            speakers.c.last_seen,
        ).where(speakers.c.id == speaker_id)
    ).first()
    if row is None:
        return None
    item = _speaker_item(row)
    item["variants"] = variants(conn, speaker_id)
    item["timeline"] = _timeline(conn, speaker_id)
    item["co_quoted"] = _co_quoted(conn, speaker_id)
    return item


def _timeline(conn: Connection, speaker_id: int) -> list[dict[str, Any]]:
    month = func.substr(quotes.c.day, 1, 7)
    query = (
        select(month.label("month"), func.count().label("n"))
        .where(quotes.c.speaker_id == speaker_id, quotes.c.day.is_not(None))
        .group_by(month)
        .order_by(month)
    )
    return [{"month": r.month, "quotes": r.n} for r in conn.execute(query)]


def _co_quoted(conn: Connection, speaker_id: int, top: int = 10) -> list[dict[str, Any]]:
    mine = select(quotes.c.document_pk).where(quotes.c.speaker_id == speaker_id).distinct().subquery()
    other = quotes.alias("other")
    articles = func.count(other.c.document_pk.distinct())
    query = (
        select(other.c.speaker_id, speakers.c.name, articles.label("articles"))
        .select_from(
            other.join(mine, mine.c.document_pk == other.c.document_pk).join(
                speakers, speakers.c.id == other.c.speaker_id
            )
        )
        .where(other.c.speaker_id != speaker_id)
        .group_by(other.c.speaker_id, speakers.c.name)
        .order_by(articles.desc(), other.c.speaker_id)
        .limit(top)
    )
    return [{"speaker_id": r.speaker_id, "name": r.name, "articles": r.articles} for r in conn.execute(query)]


# Stored Document fields get_article lists itself, or leaves out (chrome, related: page furniture);
# any other one (crawl_date, and a field added later) comes under its own name.
_NOT_IN_ARTICLE = frozenset(
    {"title", "lede", "paragraphs", "text", "url", "date", "lang", "section", "chrome", "related"}
)


def get_article(conn: Connection, document_id: str) -> dict[str, Any] | None:
    """A stored document with its sources, quotes (with speaker ids), entities and near-duplicates."""
    row = conn.execute(select(documents).where(documents.c.id == document_id)).first()
    if row is None:
        return None
    return {
        "document_id": row.id,
        "title": row.title,
        "lede": row.lede,
        "paragraphs": list(row.paragraphs),
        "text": row.text,
        "url": row.url,
        "domain": row.domain,
        "date": row.date,
        "lang": row.lang,
        "section": list(row.section),
        **{name: getattr(row, name) for name in STORED_FIELDS if name not in _NOT_IN_ARTICLE},
        "sources": article_sources(conn, row.pk),
        "quotes": article_quotes(conn, row.pk),
        "entities": article_entities(conn, row.pk),
        "near_duplicates": _near(conn, row.pk),
    }


def article_sources(conn: Connection, pk: int) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(sources.c.original_id, sources.c.path, sources.c.record, sources.c.url)
        .where(sources.c.document_pk == pk)
        .order_by(sources.c.id)
    )
    return [{"id": r.original_id, "path": r.path, "record": r.record or None, "url": r.url} for r in rows]


def article_quotes(conn: Connection, pk: int) -> list[dict[str, Any]]:
    """Quotes in Quote.to_dict shape plus ``quote_id``, ``speaker_id`` and the canonical ``speaker_name``."""
    query = (
        select(quotes, speakers.c.name.label("canonical"))
        .select_from(quotes.outerjoin(speakers, speakers.c.id == quotes.c.speaker_id))
        .where(quotes.c.document_pk == pk)
        .order_by(quotes.c.n)
    )
    return [_quote_dict(r) for r in conn.execute(query)]


def _quote_dict(r: Any) -> dict[str, Any]:
    speaker = None
    if r.speaker_text is not None:
        speaker = {
            "start": r.speaker_start,
            "end": r.speaker_end,
            "text": r.speaker_text,
            "name": r.speaker_name,
        }
    cue = {"start": r.cue_start, "end": r.cue_end, "text": r.cue_text} if r.cue_text is not None else None
    return {
        "type": r.type,
        "start": r.start_char,
        "end": r.end_char,
        "text": r.text,
        "speaker": speaker,
        "cue": cue,
        "quote_id": r.id,
        "speaker_id": r.speaker_id,
        "speaker_name": r.canonical,
    }


def article_entities(conn: Connection, pk: int) -> list[dict[str, Any]]:
    """Entities in Entity.to_dict shape."""
    rows = list(conn.execute(select(entities).where(entities.c.document_pk == pk).order_by(entities.c.n)))
    spans: dict[int, list[dict[str, Any]]] = {r.id: [] for r in rows}
    if rows:
        query = select(mentions).where(mentions.c.entity_id.in_(list(spans))).order_by(mentions.c.id)
        for m in conn.execute(query):
            spans[m.entity_id].append({"start": m.start_char, "end": m.end_char, "text": m.text})
    return [{"name": r.name, "label": r.label, "quotes": r.quotes, "mentions": spans[r.id]} for r in rows]


def _near(conn: Connection, pk: int) -> list[dict[str, Any]]:
    nd = near_duplicates
    query = (
        select(documents.c.id, documents.c.title, nd.c.similarity)
        .select_from(
            nd.join(
                documents,
                or_(
                    and_(nd.c.document_pk == pk, documents.c.pk == nd.c.other_pk),
                    and_(nd.c.other_pk == pk, documents.c.pk == nd.c.document_pk),
                ),
            )
        )
        .order_by(nd.c.similarity.desc(), documents.c.id)
    )
    return [
        {"document_id": r.id, "title": r.title, "similarity": round(r.similarity, 3)}
        for r in conn.execute(query)
    ]
