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
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.fs as pafs
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
_RENAMES_ATOMICALLY = ("local", "hdfs")  # file systems where write-then-rename publishes a whole file


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
    fs, root = output_filesystem(out_dir)
    prepare_output(fs, root, overwrite, label=os.fspath(out_dir))
    writer = PartitionedWriter(fs, root, rows_per_file=rows_per_file, max_buffered=max_buffered)
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
    """One file of a ``documents`` dataset (partition keys from its directories) or of an export.

    A file of the ``quotes`` or ``entities`` dataset is skipped when the ``documents``
    dataset beside it holds the same rows (so ingesting a whole output directory works).
    """
    keys = dict(part.split("=", 1) for part in path.parent.parts if "=" in part)
    try:
        parquet = pq.ParquetFile(path)
    except (OSError, pa.ArrowInvalid) as exc:
        raise ReadError(f"not a readable Parquet file: {exc}", source=str(path)) from exc
    if "source" not in parquet.schema_arrow.names:
        if _sibling_documents(path):
            log.info("skipping %s: its rows are in the documents dataset", path)
            return
        raise ReadError("not a documents file (no source column)", source=str(path))
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


def output_filesystem(output: str | os.PathLike[str]) -> tuple[pafs.FileSystem, str]:
    """The file system and root path of an output: a local path, or a URI (``s3://``, ``hdfs://``...).

    A local path is made absolute (tasks elsewhere must not resolve it against their own
    working directory). ``s3a://`` (Hadoop's name) is read as ``s3://``.
    """
    text = os.fspath(output)
    if "://" not in text:
        return pafs.LocalFileSystem(), os.path.abspath(text)
    if text.startswith("s3a://"):
        text = "s3://" + text[len("s3a://") :]
    try:
        fs, path = pafs.FileSystem.from_uri(text)
    except (OSError, pa.ArrowInvalid) as exc:
        raise WriteError(f"unsupported output location: {exc}", source=text) from exc
    return fs, path.rstrip("/")


def prepare_output(fs: pafs.FileSystem, root: str, overwrite: bool, *, label: str | None = None) -> None:
    """Make the three dataset directories under ``root``, empty.

    Raises OutputExists if one already holds files (unless ``overwrite``: then they are
    deleted first), WriteError if they cannot be made.
    """
    for name in DATASETS:
        target = f"{root}/{name}"
        try:
            held = fs.get_file_info(pafs.FileSelector(target, allow_not_found=True))
            if held and not overwrite:
                raise OutputExists(
                    f"{target} already holds files; choose another output or overwrite it",
                    source=label or root,
                )
            if held:
                fs.delete_dir(target)
            fs.create_dir(target, recursive=True)
        except OSError as exc:
            raise WriteError(f"cannot create {target}: {exc.strerror or exc}", source=label or root) from exc


class PartitionedWriter:
    """Buffers rows per (lang, month) and writes one file per dataset when a buffer is full.

    Files are named ``<prefix>-<sequence 5 digits>.parquet``: the same documents added in
    the same order give the same files, so a rerun overwrites rather than duplicates.
    """

    def __init__(
        self,
        fs: pafs.FileSystem,
        root: str,
        *,
        prefix: str = "part",
        rows_per_file: int = 10_000,
        max_buffered: int = 20_000,
    ) -> None:
        self.fs, self.root, self.prefix = fs, root.rstrip("/"), prefix
        self.rows_per_file, self.max_buffered = max(1, rows_per_file), max(1, max_buffered)
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
        name = f"{self.prefix}-{self.sequence:05d}.parquet"
        self.sequence += 1
        self.buffered -= len(buf["documents"])
        for dataset in DATASETS:
            rows = buf[dataset]
            if rows:
                self._write(f"{self.root}/{dataset}/{partition_dir(*key)}", name, rows, SCHEMAS[dataset])
                setattr(self.summary, dataset, getattr(self.summary, dataset) + len(rows))

    def _write(self, folder: str, name: str, rows: list[dict[str, Any]], schema: pa.Schema) -> None:
        """Write one file atomically: readers see the whole file or none (and a rerun replaces it)."""
        path = f"{folder}/{name}"
        table = pa.Table.from_pylist(rows, schema=schema)
        try:
            self.fs.create_dir(folder, recursive=True)
            if self.fs.type_name in _RENAMES_ATOMICALLY:  # hidden from readers until renamed
                tmp = f"{folder}/.{name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp"
                pq.write_table(table, tmp, filesystem=self.fs, row_group_size=ROW_GROUP)
                self.fs.move(tmp, path)
            else:  # object stores publish an object only once its upload completes
                pq.write_table(table, path, filesystem=self.fs, row_group_size=ROW_GROUP)
        except OSError as exc:
            raise WriteError(f"cannot write {path}: {exc.strerror or exc}", source=self.root) from exc
        self.summary.files += 1
        log.debug("wrote %d rows to %s", len(rows), path)
