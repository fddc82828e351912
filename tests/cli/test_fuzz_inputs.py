"""Property: mutated WARC/gzip/JSONL/HTML/text bytes under odd file names, beside good pages.

Through ``extract`` and ``ingest`` (SQLite; the ingest half on PostgreSQL too): every input yields
a record or an error record (a stored source or an ``ingest_errors`` row), the good pages are
always written and stored, both commands count the same failures, the exit code is 1 exactly when
some record failed, and no traceback (nor an internal error, which would be a reader bug) escapes.
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.cli.test_bad_inputs import good_pages
from tests.read.makers import FRENCH, html_page, record_pages, warc_bytes

from guillemets.cli import cli
from guillemets.read.streams import display_path

SEEDS: dict[str, bytes] = {
    "archive.warc.gz": warc_bytes(record_pages(2), gz=True),
    "archive.warc": warc_bytes(record_pages(2), gz=False, extra=False),
    "archive.wet": warc_bytes([("https://exemple.fr/wet", FRENCH)], gz=False, wet=True),
    "dump.txt.gz": gzip.compress((FRENCH + "\n").encode() * 8),
    "pages.jsonl": "".join(
        json.dumps({"id": f"p{i}", "url": f"https://exemple.fr/{i}", "text": FRENCH}, ensure_ascii=False)
        + "\n"
        for i in range(3)
    ).encode(),
    "page.html": html_page("Grève au port", FRENCH).encode(),
    "dump.txt": ("Accueil\n" + FRENCH + "\n").encode("cp1252"),
}
TOKENS = [
    b"[" * 1200,
    b'{"text": ' + b"[" * 1500,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF8,
    codecs.BOM_UTF32_LE,
    b"\x81",
    b"\xff",
    b"\\ud800",
    b"\\u0000",
    b"\x00",
    b"\r\n",
    b"\x1f\x8b",
    b"WARC/1.0\r\n",
]
MUTATION = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 1 << 20), st.integers(1, 255)),
    st.tuples(st.just("cut"), st.integers(0, 1 << 20)),
    st.tuples(
        st.just("insert"),
        st.integers(0, 1 << 20),
        st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=24),
    ),
)
NAMES = st.sampled_from(
    [b"", b"un espace ", b"#1", b"q?x=1", b"%20", b"gr\xe8ve", b"\xff\xfe", "été".encode(), b"a\tb\n"]
)
BAD_FILE = st.tuples(
    st.sampled_from(sorted(SEEDS)), st.lists(MUTATION, min_size=1, max_size=4), NAMES, st.booleans()
)


def mutate(data: bytes, mutations: list[tuple]) -> bytes:  # type: ignore[type-arg]
    for kind, at, *rest in mutations:
        at = at % (len(data) + 1)
        if kind == "flip" and data:
            at = min(at, len(data) - 1)
            data = data[:at] + bytes([data[at] ^ rest[0]]) + data[at + 1 :]
        elif kind == "cut":
            data = data[:at]
        elif kind == "insert":
            data = data[:at] + rest[0] + data[at:]
    return data


def _write_bad(folder: Path, i: int, spec: tuple) -> str:  # type: ignore[type-arg]
    seed, mutations, prefix, keep_extension = spec
    suffix = seed if keep_extension else seed.split(".")[0]
    raw = os.fsencode(folder) + b"/" + prefix + f"{i}-{suffix}".encode()
    with open(raw, "wb") as f:
        f.write(mutate(SEEDS[seed], mutations))
    return os.fsdecode(raw)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(BAD_FILE, min_size=1, max_size=3))
def test_mutated_inputs_beside_good_pages_always_give_records(specs: list[tuple]) -> None:  # type: ignore[type-arg]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        good = [str(p) for p in good_pages(root / "good", 3)]
        (root / "bad").mkdir()
        bad = [_write_bad(root / "bad", i, spec) for i, spec in enumerate(specs)]
        inputs = [*good, *bad]

        result = CliRunner().invoke(
            cli, ["extract", "-j", "1", "--no-quotes", *inputs], catch_exceptions=False
        )
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
        out = [json.loads(line) for line in result.stdout.splitlines()]
        paths = [r["source"]["path"] for r in out]
        for path in good:
            [record] = [r for r in out if r["source"]["path"] == path]
            assert record["errors"] == [] and record["text"]
        for path in bad:
            assert display_path(path) in paths  # a record or an error record, never nothing
        failed = any(r["errors"] for r in out)
        assert result.exit_code == (1 if failed else 0), result.stderr
        assert not any(e["code"] == "internal-error" for r in out for e in r["errors"])
        errors = [line for line in result.stderr.splitlines() if line.startswith("guillemets: error: ")]
        assert len(errors) == sum(len(r["errors"]) for r in out)  # one line per error, none silent

        db = root / "c.db"
        args = ["ingest", *inputs, "--db", str(db), "--no-quotes", "-j", "1"]
        stored = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert "Traceback" not in stored.stderr and "internal error" not in stored.stderr, stored.stderr
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            sources = {row[0] for row in conn.execute("SELECT path FROM sources")}
            refused = {
                row[0]: row[1]
                for row in conn.execute("SELECT path, count(*) FROM ingest_errors GROUP BY path")
            }
        assert sources >= set(good) and not refused.keys() & set(good)
        for path in bad:  # stored, or kept as an error row: never nothing
            assert display_path(path) in sources | refused.keys(), (path, sources, refused)
        assert sum(refused.values()) == sum(len(r["errors"]) for r in out)  # the same failures as extract
        assert stored.exit_code == (1 if refused else 0), stored.stderr


@pytest.fixture(scope="module")
def pg_fuzz_url() -> Iterator[str]:
    """One PostgreSQL database for every example (each example's files have paths of their own)."""
    from tests.store.conftest import fresh_pg_databases

    with fresh_pg_databases("fuzz") as (url,):
        yield url


@pytest.mark.postgres
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(specs=st.lists(BAD_FILE, min_size=1, max_size=3))
def test_mutated_inputs_ingested_into_postgres_always_give_rows(pg_fuzz_url: str, specs: list[tuple]) -> None:  # type: ignore[type-arg]
    """The ingest half on PostgreSQL, which refuses NUL and lone surrogates anywhere in text."""
    from sqlalchemy import create_engine, text

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        good = [str(p) for p in good_pages(root / "good", 3)]
        (root / "bad").mkdir()
        bad = [_write_bad(root / "bad", i, spec) for i, spec in enumerate(specs)]
        args = ["ingest", *good, *bad, "--db", pg_fuzz_url, "--no-quotes", "-j", "1"]
        stored = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert "Traceback" not in stored.stderr and "internal error" not in stored.stderr, stored.stderr
        engine = create_engine(pg_fuzz_url)
        try:
            with engine.connect() as conn:
                sources = {row[0] for row in conn.execute(text("SELECT path FROM sources"))}
                run_errors = conn.execute(
                    text("SELECT path FROM ingest_errors WHERE run_id = (SELECT max(id) FROM ingest_runs)")
                )
                refused = {row[0] for row in run_errors}
        finally:
            engine.dispose()
        assert sources >= set(good) and not refused & set(good)
        for path in bad:
            assert display_path(path) in sources | refused, (path, stored.stderr)
        assert stored.exit_code == (1 if refused else 0), stored.stderr
