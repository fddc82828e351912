"""What ingest reads: extracted JSONL recognised by its keys, bad lines as error Documents, Parquet."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.store.corpus_data import corpus_documents

from guillemets.model import Document
from guillemets.settings import Settings
from guillemets.store.inputs import (
    InputKind,
    input_kind,
    is_parquet_dataset,
    iter_documents,
    read_document_lines,
)


def _write(path: Path, lines: list[str]) -> Path:
    data = "".join(line + "\n" for line in lines).encode()
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)
    return path


@pytest.mark.parametrize("name", ["docs.jsonl", "docs.jsonl.gz"])
def test_input_kind_recognises_extracted_documents(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path / name, [corpus_documents()[0].to_json()])
    assert input_kind(str(path)) is InputKind.DOCUMENTS


def test_input_kind_page_records_and_text_are_pages(tmp_path: Path) -> None:
    pages = _write(tmp_path / "pages.jsonl", [json.dumps({"id": "p", "text": "Une page."})])
    text = tmp_path / "page.txt"
    text.write_text("Une page.", encoding="utf-8")
    assert input_kind(str(pages)) is InputKind.PAGES and input_kind(str(text)) is InputKind.PAGES
    assert input_kind(str(tmp_path / "x.parquet")) is InputKind.PARQUET


def test_read_document_lines_keeps_good_lines_and_names_bad_ones(tmp_path: Path) -> None:
    good = [d.to_json() for d in corpus_documents()[:2]]
    path = _write(tmp_path / "mixed.jsonl", [good[0], "[1, 2]", "", "{broken", good[1]])
    docs = list(read_document_lines(str(path)))
    assert [d.id for d in docs if d.ok] == ["a1", "a2"]
    assert [(d.source.record, d.errors[0].code) for d in docs if not d.ok] == [
        ("2", "bad-record"),
        ("4", "bad-record"),
    ]


def test_read_document_lines_truncated_gzip_keeps_lines_before(tmp_path: Path) -> None:
    data = gzip.compress("".join(d.to_json() + "\n" for d in corpus_documents()).encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) - 40])
    docs = list(read_document_lines(str(path)))
    assert docs[-1].errors and docs[-1].errors[0].code == "truncated-archive"


def test_iter_documents_reads_a_batch_parquet_folder(tmp_path: Path) -> None:
    parquet = pytest.importorskip("guillemets.write.parquet")
    parquet.write_documents(corpus_documents(), tmp_path / "out")
    assert is_parquet_dataset(str(tmp_path / "out"))
    docs = list(iter_documents([str(tmp_path / "out")], Settings()))
    assert sorted(d.id for d in docs) == sorted(d.id for d in corpus_documents())
    assert sum(len(d.quotes) for d in docs) == sum(len(d.quotes) for d in corpus_documents())


def test_a_reader_bug_in_a_document_file_fails_that_input_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The per-input guard of ``ingest``: whatever reading one file raises, its documents before the
    failure are kept, the file gets one error Document saying why, and the next input is read."""
    from guillemets.store import inputs

    first, second, third = corpus_documents()[:3]
    broken = _write(tmp_path / "broken.jsonl", [first.to_json(), second.to_json()])
    other = _write(tmp_path / "other.jsonl", [third.to_json()])
    real = inputs.read_document_lines

    def reader_with_a_bug(path: str) -> Iterator[Document]:
        docs = real(path)
        yield next(docs)
        if path == str(broken):
            raise ZeroDivisionError("une division par zéro inventée")
        yield from docs

    monkeypatch.setattr(inputs, "read_document_lines", reader_with_a_bug)
    docs = list(iter_documents([str(broken), str(other)], Settings()))
    assert [d.id for d in docs if d.ok] == [first.id, third.id]
    [failed] = [d for d in docs if not d.ok]
    assert failed.source.path == str(broken)
    assert [(e.stage, e.code) for e in failed.errors] == [("read", "internal-error")]
    assert "une division par zéro inventée" in failed.errors[0].message


def test_a_corrupt_parquet_file_is_an_error_document_and_the_run_goes_on(tmp_path: Path) -> None:
    bad = tmp_path / "cassé.parquet"
    bad.write_bytes(b"PAR1" + b"\x00pas du parquet\xff" * 20 + b"PAR1")
    other = _write(tmp_path / "other.jsonl", [corpus_documents()[0].to_json()])
    docs = list(iter_documents([str(bad), str(other)], Settings()))
    assert [d.ok for d in docs] == [False, True]
    assert docs[0].source.path == str(bad) and docs[0].errors[0].stage == "read"
