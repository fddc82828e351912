"""Parquet datasets of documents, quotes and entities, partitioned by language and month.

Layout under ``out_dir`` (the same whether written here or by ``guillemets spark``)::

    documents/lang=fr/month=2025-03/part-00000.parquet
    quotes/lang=fr/month=2025-03/part-00000.parquet
    entities/lang=fr/month=2025-03/part-00000.parquet
    documents/lang=und/month=unknown/...   (no language / no date, e.g. error records)

Columns: see ``guillemets.write.columns``. ``read_documents`` streams the
``documents`` dataset back into Documents equal to those written.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from guillemets.errors import OutputExists, ReadError, WriteError
from guillemets.model import Document
from guillemets.write.columns import (
    DOCUMENT_SCHEMA,
    PARTITION_KEYS,
    SCHEMAS,
    document_from_row,
    document_row,
    entity_rows,
    partition_of,
    quote_rows,
    with_partitions,
)

log = logging.getLogger(__name__)

DATASETS = ("documents", "quotes", "entities")
ROW_GROUP = 1000  # documents per row group: bounds the memory a reader needs per batch


@dataclass(slots=True)
class WriteSummary:
    """What was written: counts of rows per dataset, documents with errors, and files."""

    documents: int = 0
    quotes: int = 0
    entities: int = 0
    errors: int = 0
    files: int = 0


def write_documents(
    docs: Iterable[Document],
    out_dir: str | os.PathLike[str],
    *,
    overwrite: bool = False,
    rows_per_file: int = 10_000,
    max_buffered: int = 20_000,
) -> WriteSummary:
    """Write ``docs`` as the three partitioned datasets; memory holds at most ``max_buffered`` documents.

    Raises OutputExists if a dataset directory already holds files (unless ``overwrite``),
    WriteError if the output cannot be written.
    """
    root = Path(out_dir)
    _prepare(root, overwrite)
    writer = _PartitionedWriter(root, rows_per_file, max_buffered)
    ordinals: dict[str, int] = {}
    for doc in docs:
        ordinal = ordinals.get(doc.source.path, 0)
        ordinals[doc.source.path] = ordinal + 1
        writer.add(doc, ordinal)
    writer.flush_all()
    return writer.summary


def read_documents(path: str | os.PathLike[str]) -> Iterator[Document]:
    """Documents of a dataset written by ``write_documents`` or ``guillemets spark``, file by file.

    ``path`` is the output directory or its ``documents`` dataset. Order: partitions and
    files sorted by path, rows in file order (so deterministic for a given set of files).
    """
    if Path(path).is_file():
        yield from _read_file(Path(path))
        return
    dataset = _open_documents(Path(path))
    for fragment in sorted(dataset.get_fragments(), key=lambda f: f.path):
        for batch in fragment.to_batches(schema=dataset.schema, batch_size=ROW_GROUP):
            for row in batch.to_pylist():
                yield document_from_row(row)


def partition_dir(lang: str, month: str) -> str:
    """``lang=fr/month=2025-03``: Hive-style keys, URI-escaped as pyarrow and Spark expect."""
    return f"lang={quote(lang, safe='')}/month={quote(month, safe='')}"


def _read_file(path: Path) -> Iterator[Document]:
    """One file of a ``documents`` dataset; its partition keys come from its directories.

    A file of the ``quotes`` or ``entities`` dataset is skipped when the ``documents``
    dataset beside it holds the same rows (so ingesting a whole output directory works).
    """
    keys = dict(part.split("=", 1) for part in path.parent.parts if "=" in part)
    try:
        parquet = pq.ParquetFile(path)
    except (OSError, pa.ArrowInvalid) as exc:
        raise ReadError(f"not a readable Parquet file: {exc}", source=str(path)) from exc
    if "source_path" not in parquet.schema_arrow.names:
        if _sibling_documents(path):
            log.info("skipping %s: its rows are in the documents dataset", path)
            return
        raise ReadError("not a documents file (no source_path column)", source=str(path))
    partition = {k: unquote(keys[k]) for k in PARTITION_KEYS if k in keys}
    for batch in parquet.iter_batches(batch_size=ROW_GROUP):
        for row in batch.to_pylist():
            yield document_from_row({**row, **partition})


def _sibling_documents(path: Path) -> bool:
    for parent in path.parents:
        if parent.name in ("quotes", "entities"):
            return (parent.parent / "documents").is_dir()
    return False


def _open_documents(path: Path) -> ds.Dataset:
    root = path / "documents" if (path / "documents").is_dir() else path
    if not root.is_dir():
        raise ReadError(f"no Parquet dataset here (expected {root})", source=str(path))
    partitioning = ds.partitioning(pa.schema([(k, pa.string()) for k in PARTITION_KEYS]), flavor="hive")
    schema = with_partitions(DOCUMENT_SCHEMA)
    try:
        return ds.dataset(root, format="parquet", partitioning=partitioning, schema=schema)
    except (OSError, pa.ArrowInvalid) as exc:
        raise ReadError(f"cannot read the Parquet dataset: {exc}", source=str(path)) from exc


def _prepare(root: Path, overwrite: bool) -> None:
    for name in DATASETS:
        target = root / name
        if target.exists() and any(target.iterdir()):
            if not overwrite:
                raise OutputExists(
                    f"{target} already holds files; choose another output or overwrite it", source=str(root)
                )
            shutil.rmtree(target)
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WriteError(f"cannot create {target}: {exc.strerror}", source=str(root)) from exc


class _PartitionedWriter:
    """Buffers rows per (lang, month) and writes one file per dataset when a buffer is full."""

    def __init__(self, root: Path, rows_per_file: int, max_buffered: int) -> None:
        self.root, self.rows_per_file, self.max_buffered = root, max(1, rows_per_file), max(1, max_buffered)
        self.buffers: dict[tuple[str, str], dict[str, list[dict[str, Any]]]] = {}
        self.buffered = 0
        self.sequence = 0
        self.summary = WriteSummary()

    def add(self, doc: Document, ordinal: int) -> None:
        key = partition_of(doc)
        buf = self.buffers.setdefault(key, {name: [] for name in DATASETS})
        buf["documents"].append(document_row(doc, ordinal))
        buf["quotes"].extend(quote_rows(doc))
        buf["entities"].extend(entity_rows(doc))
        self.buffered += 1
        self.summary.errors += bool(doc.errors)
        if len(buf["documents"]) >= self.rows_per_file:
            self.flush(key)
        elif self.buffered >= self.max_buffered:
            self.flush(max(self.buffers, key=lambda k: len(self.buffers[k]["documents"])))

    def flush_all(self) -> None:
        for key in sorted(self.buffers):
            self.flush(key)

    def flush(self, key: tuple[str, str]) -> None:
        buf = self.buffers.pop(key)
        name = f"part-{self.sequence:05d}.parquet"
        self.sequence += 1
        self.buffered -= len(buf["documents"])
        for dataset in DATASETS:
            rows = buf[dataset]
            if rows:
                self._write(self.root / dataset / partition_dir(*key) / name, rows, SCHEMAS[dataset])
                setattr(self.summary, dataset, getattr(self.summary, dataset) + len(rows))

    def _write(self, path: Path, rows: list[dict[str, Any]], schema: pa.Schema) -> None:
        tmp = path.with_name(f".{path.name}.tmp")  # hidden from readers until complete
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp, row_group_size=ROW_GROUP)
            os.replace(tmp, path)
        except OSError as exc:
            raise WriteError(f"cannot write {path}: {exc.strerror or exc}", source=str(self.root)) from exc
        self.summary.files += 1
        log.debug("wrote %d rows to %s", len(rows), path)
