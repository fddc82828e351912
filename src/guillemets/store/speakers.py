"""Speakers across the corpus: one row per canonical person or organisation, with name variants.

A quote's speaker name (the resolver's canonical ``name``, else the mention text) is folded
(case, accents, punctuation) into a key; every key is a variant of exactly one speaker, so
« Vladimir Poutine » and « VLADIMIR POUTINE » in 300 articles are one speaker. ``merge`` moves
the variants and quotes of one speaker to another (and later ingests follow, since the variant
keys now point there); ``rename`` changes the display name. Counts, first and last seen are
kept on the speaker row by ``refresh_stats`` so listings stay cheap on large corpora.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import Connection, delete, func, insert, select, update

from guillemets.errors import BadQuery, NotInCorpus
from guillemets.store.search import fold
from guillemets.store.tables import MAX_ID, NextIds, quotes, speaker_variants, speakers

MAX_KEY = 255


def speaker_key(name: str) -> str:
    """The folded form that decides which names are the same speaker."""
    return " ".join(re.findall(r"\w+", fold(name)))[:MAX_KEY]


def clean_name(name: str) -> str:
    return " ".join(name.split())


class SpeakerResolver:
    """Finds or creates the speaker of a name inside one transaction (cached per batch)."""

    def __init__(self, conn: Connection, ids: NextIds | None = None) -> None:
        self.conn = conn
        self.ids = ids or NextIds(conn)
        self.cache: dict[str, int] = {}
        self.touched: set[int] = set()

    def resolve(self, name: str, kind: str | None = None) -> int | None:
        key = speaker_key(name)
        if not key:
            return None
        speaker_id = self.cache.get(key) or self._lookup(key) or self._create(key, clean_name(name), kind)
        self.cache[key] = speaker_id
        self.touched.add(speaker_id)
        return speaker_id

    def _lookup(self, key: str) -> int | None:
        row = self.conn.execute(
            select(speaker_variants.c.speaker_id).where(speaker_variants.c.key == key)
        ).first()
        return int(row[0]) if row else None

    def _create(self, key: str, name: str, kind: str | None) -> int:
        speaker_id = self.ids.take(speakers)
        self.conn.execute(insert(speakers).values(id=speaker_id, key=key, name=name, kind=kind))
        self.conn.execute(insert(speaker_variants).values(speaker_id=speaker_id, key=key, name=name))
        return speaker_id


def refresh_stats(conn: Connection, ids: Iterable[int] | None = None) -> None:
    """Recompute quotes, articles, first and last seen of the given speakers (all if None)."""
    q = quotes.alias("q")
    mine = q.c.speaker_id == speakers.c.id
    values = {
        "quotes": select(func.count()).select_from(q).where(mine).scalar_subquery(),
        "articles": select(func.count(q.c.document_pk.distinct())).where(mine).scalar_subquery(),
        "first_seen": select(func.min(q.c.day)).where(mine).scalar_subquery(),
        "last_seen": select(func.max(q.c.day)).where(mine).scalar_subquery(),
    }
    statement = update(speakers).values(**values)
    if ids is not None:
        id_list = sorted(set(ids))
        if not id_list:
            return
        for start in range(0, len(id_list), 500):
            conn.execute(statement.where(speakers.c.id.in_(id_list[start : start + 500])))
        return
    conn.execute(statement)


def find_speaker(conn: Connection, name_or_id: str) -> int:
    """The id of a speaker given by id or by any of its name variants; NotInCorpus otherwise."""
    if re.fullmatch(r"[0-9]+", name_or_id.strip()):
        speaker_id = int(name_or_id)
        if not 1 <= speaker_id <= MAX_ID:
            raise BadQuery(f"speaker id must be between 1 and {MAX_ID}, not {name_or_id.strip()}")
        if conn.execute(select(speakers.c.id).where(speakers.c.id == speaker_id)).first() is None:
            raise NotInCorpus(f"no speaker with id {speaker_id}")
        return speaker_id
    key = speaker_key(name_or_id)
    if not key:
        raise BadQuery(f"{name_or_id!r} is not a speaker name")
    row = conn.execute(select(speaker_variants.c.speaker_id).where(speaker_variants.c.key == key)).first()
    if row is None:
        raise NotInCorpus(f"no speaker named {name_or_id!r}; list them with: guillemets speakers")
    return int(row[0])


def merge(conn: Connection, source: str, target: str) -> int:
    """Make ``source`` a variant of ``target``: its variants and quotes move; returns the target id."""
    source_id, target_id = find_speaker(conn, source), find_speaker(conn, target)
    if source_id == target_id:
        return target_id
    conn.execute(
        update(speaker_variants)
        .where(speaker_variants.c.speaker_id == source_id)
        .values(speaker_id=target_id)
    )
    conn.execute(update(quotes).where(quotes.c.speaker_id == source_id).values(speaker_id=target_id))
    kind = conn.execute(select(speakers.c.kind).where(speakers.c.id == source_id)).scalar()
    conn.execute(delete(speakers).where(speakers.c.id == source_id))
    if kind:
        conn.execute(
            update(speakers).where(speakers.c.id == target_id, speakers.c.kind.is_(None)).values(kind=kind)
        )
    refresh_stats(conn, [target_id])
    return target_id


def rename(conn: Connection, name_or_id: str, new_name: str) -> int:
    """Change a speaker's display name; the new name also becomes one of its variants."""
    speaker_id = find_speaker(conn, name_or_id)
    name, key = clean_name(new_name), speaker_key(new_name)
    if not key:
        raise BadQuery(f"{new_name!r} is not a speaker name")
    owner = conn.execute(select(speaker_variants.c.speaker_id).where(speaker_variants.c.key == key)).scalar()
    if owner is not None and owner != speaker_id:
        raise BadQuery(
            f"{new_name!r} is already speaker {owner}; merge them instead: guillemets speakers --merge"
        )
    if owner is None:
        conn.execute(insert(speaker_variants).values(speaker_id=speaker_id, key=key, name=name))
    conn.execute(update(speakers).where(speakers.c.id == speaker_id).values(name=name))
    return speaker_id


def variants(conn: Connection, speaker_id: int) -> list[str]:
    """The names seen for a speaker, as first written."""
    rows = conn.execute(
        select(speaker_variants.c.name)
        .where(speaker_variants.c.speaker_id == speaker_id)
        .order_by(speaker_variants.c.id)
    )
    return [r[0] for r in rows]


def entity_kind(doc_entities: Iterable[tuple[str, str]], key: str) -> str | None:
    """PER/ORG if an entity of the article has the speaker's key."""
    for name, label in doc_entities:
        if label in ("PER", "ORG") and speaker_key(name) == key:
            return label
    return None
