"""What ``ingest`` reads to decide and to parse is bounded: a gzip bomb costs time, never memory."""

from __future__ import annotations

import gzip
import json
import tracemalloc
import zlib
from pathlib import Path

from guillemets.store.inputs import _first_record, read_document_lines

MB = 1024 * 1024


def gzip_bomb(path: Path, head: bytes, megabytes: int) -> Path:
    """``head`` then ``megabytes`` MB of one letter, all on the first line, gzipped (~1,000:1)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    with path.open("wb") as out:
        out.write(packer.compress(head))
        chunk = b"a" * MB
        for _ in range(megabytes):
            out.write(packer.compress(chunk))
        out.write(packer.compress(b'"}\n') + packer.flush())
    return path


def test_first_record_of_a_gzip_bomb_is_read_within_the_limit(tmp_path: Path) -> None:
    bomb = gzip_bomb(tmp_path / "bomb.jsonl.gz", b'{"id": "x", "paragraphs": [], "source": {}, "t": "', 64)
    tracemalloc.start()
    try:
        assert _first_record(str(bomb), limit=MB) is None  # over the limit: not a Document file
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * MB


def test_a_document_line_over_the_limit_is_a_too_large_record(tmp_path: Path) -> None:
    record = {"id": "d", "source": {"path": "p"}, "paragraphs": ["Le port est fermé."], "text": "x"}
    path = tmp_path / "docs.jsonl.gz"
    path.write_bytes(gzip.compress((json.dumps(record) + "\n").encode() + b"[" * (2 * MB) + b"\n"))
    first, second = read_document_lines(str(path), limit=MB)
    assert first.ok and first.id == "d"
    assert [e.code for e in second.errors] == ["too-large"] and "line 2" in second.errors[0].message
