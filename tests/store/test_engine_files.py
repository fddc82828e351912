"""SQLite files: a pool fit for threads, literal paths, read-only filesystems, full disk named by file."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, text
from sqlalchemy.pool import QueuePool
from tests.store.corpus_data import build_doc

from guillemets.errors import DatabaseUnavailable
from guillemets.store.engine import describe, display_url, file_uri, make_engine
from guillemets.store.ingest import ingest_documents

ODD_NAME = "a#b?c%41 d.db"


def _count_documents(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM documents")).scalar() or 0)


def test_file_uri_percent_encodes_every_special_character(tmp_path: Path) -> None:
    uri = file_uri(tmp_path / ODD_NAME, mode="ro")
    assert uri.endswith("/a%23b%3Fc%2541%20d.db?mode=ro")


def test_sqlite_pool_gives_each_thread_its_own_connection(tmp_path: Path) -> None:
    engine = make_engine(str(tmp_path / "c.db"), readonly=False)
    reader = make_engine(str(tmp_path / "c.db"), readonly=True)
    assert isinstance(reader.pool, QueuePool)
    seen: list[int] = []
    barrier = threading.Barrier(4)

    def work() -> None:
        with reader.connect() as conn:
            seen.append(id(conn.connection.dbapi_connection))
            barrier.wait(timeout=10)  # all four hold a connection at once
            assert conn.exec_driver_sql("SELECT count(*) FROM speakers").scalar() == 0

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert len(set(seen)) == 4
    reader.dispose()
    engine.dispose()


def test_sqlite_sets_busy_timeout(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'c.db'}?timeout=2.5")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 2500
    engine.dispose()


def test_bare_path_with_hash_question_percent_is_that_file(tmp_path: Path) -> None:
    path = tmp_path / ODD_NAME
    engine = make_engine(str(path))
    ingest_documents(
        engine, [build_doc("odd", "Nom étrange", ["Un texte inventé pour un nom de fichier étrange."])]
    )
    engine.dispose()
    assert path.is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [ODD_NAME]
    reader = make_engine(str(path), readonly=True)
    assert _count_documents(reader) == 1
    assert describe(reader) == str(path)
    reader.dispose()


def test_readonly_odd_path_that_does_not_exist_creates_nothing(tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"")  # what "a#b?c" would have opened as a URL
    with pytest.raises(DatabaseUnavailable, match="no such database"):
        make_engine(str(tmp_path / "a#b?c.db"), readonly=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"]


def test_display_url_names_the_file(tmp_path: Path) -> None:
    assert display_url(str(tmp_path / ODD_NAME)) == str(tmp_path / ODD_NAME)
    assert display_url("sqlite:///x/y.db") == "x/y.db"
    assert "secret" not in display_url("postgresql://me:secret@db.example/news")


def test_full_disk_message_names_the_file_not_sqlite_url(tmp_path: Path) -> None:
    path = tmp_path / "full.db"
    engine = make_engine(str(path))

    @event.listens_for(engine, "connect")
    def small_disk(dbapi_connection: object, _record: object) -> None:
        dbapi_connection.execute("PRAGMA max_page_count=40")  # type: ignore[attr-defined]

    engine.dispose()  # new connections get the limit
    body = " ".join(f"Phrase inventée numéro {i} pour remplir la base." for i in range(4000))
    docs = [build_doc(f"d{i}", f"Titre {i}", [f"{i} {body}"]) for i in range(5)]
    with pytest.raises(DatabaseUnavailable) as caught:
        ingest_documents(engine, docs)
    message = str(caught.value)
    assert message.startswith(f"{path}: database or disk is full")
    assert "sqlite://" not in message and "free some space" in message
    assert "\n" not in message
    engine.dispose()


@contextlib.contextmanager
def _readonly_mount(source: Path, target: Path) -> Iterator[None]:
    """``target``: ``source`` bind-mounted read-only (root only); skip where mounts are not allowed."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a read-only bind mount needs root and mount(8)")
    target.mkdir()
    made = subprocess.run(["mount", "--bind", str(source), str(target)], capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip(f"mount --bind not allowed here: {made.stderr.decode(errors='replace').strip()}")
    try:
        remount = ["mount", "-o", "remount,bind,ro", str(target)]
        if subprocess.run(remount, capture_output=True, check=False).returncode != 0:
            pytest.skip("cannot remount the bind mount read-only here")
        yield
    finally:
        subprocess.run(["umount", str(target)], check=False)


@pytest.fixture
def readonly_corpus(tmp_path: Path) -> Iterator[Callable[[], Path]]:
    source = tmp_path / "rw"
    source.mkdir()
    path = source / ODD_NAME
    engine = make_engine(str(path))
    ingest_documents(
        engine, [build_doc("ro", "Lecture seule", ["Une page inventée, lue sur un disque en lecture seule."])]
    )
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()  # the last connection checkpoints and removes -wal and -shm
    with _readonly_mount(source, tmp_path / "ro"):
        yield lambda: tmp_path / "ro" / ODD_NAME


def test_wal_corpus_on_readonly_filesystem_is_readable(readonly_corpus: Callable[[], Path]) -> None:
    path = readonly_corpus()
    assert not os.access(path.parent, os.W_OK)
    engine = make_engine(str(path), readonly=True)
    assert _count_documents(engine) == 1
    engine.dispose()
    assert sorted(p.name for p in path.parent.iterdir()) == [ODD_NAME]


def test_writing_on_readonly_filesystem_is_one_line_error(readonly_corpus: Callable[[], Path]) -> None:
    path = readonly_corpus()
    with pytest.raises(DatabaseUnavailable) as caught:
        engine = make_engine(str(path))
        ingest_documents(engine, [build_doc("x", "Encore", ["Encore une page inventée pour ce test."])])
    assert str(caught.value).startswith(str(path)) and "\n" not in str(caught.value)


def test_readonly_filesystem_with_pending_wal_is_one_clear_line(tmp_path: Path) -> None:
    live, source = tmp_path / "live", tmp_path / "rw"
    live.mkdir()
    source.mkdir()
    engine = make_engine(str(live / "c.db"))
    keeper = sqlite3.connect(live / "c.db", isolation_level=None)  # holds a read lock: no checkpoint
    keeper.execute("BEGIN")
    keeper.execute("SELECT count(*) FROM sqlite_master").fetchone()
    ingest_documents(engine, [build_doc("w", "WAL", ["Une page inventée qui reste dans le WAL."])])
    engine.dispose()
    for name in ("c.db", "c.db-wal"):  # a copy taken while the database is in use: no -shm
        shutil.copyfile(live / name, source / name)
    keeper.close()
    assert (source / "c.db-wal").stat().st_size > 0
    with _readonly_mount(source, tmp_path / "ro"), pytest.raises(DatabaseUnavailable) as caught:
        make_engine(str(tmp_path / "ro" / "c.db"), readonly=True)
    message = str(caught.value)
    assert message.startswith(str(tmp_path / "ro" / "c.db")) and "-wal file holds changes" in message
