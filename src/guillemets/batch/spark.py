"""Apache Spark: the same pipeline as one process, one task per input file, Parquet out.

The driver expands the inputs into a sorted list of files and parallelizes it (one
task per file unless ``partitions`` is given). Each task reads its files with
``read_input``, runs ``process_chunk`` with the annotator cached in its Python
worker (the model loads once per worker process, and Spark reuses workers), and
turns the documents into the rows of the three Parquet datasets. Spark writes them
partitioned by ``lang`` and ``month``, as ``guillemets.write.parquet`` does.

A file that cannot be read, or makes a stage fail unexpectedly, becomes an error
record in ``documents``; its task and the job go on. Run it with
``guillemets spark``, ``python -m guillemets.batch.spark`` or ``spark-submit .../guillemets/batch/spark.py``.
"""

from __future__ import annotations

import itertools
import logging
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from guillemets.batch.local import CHUNK, cached_annotator, failed_document, process_chunk
from guillemets.errors import InternalError, OutputExists, SparkUnavailable, require
from guillemets.model import Document, Source
from guillemets.read import InputRef, PageKind, RawPage, expand_inputs, read_input
from guillemets.settings import Settings
from guillemets.write.columns import (
    SCHEMAS,
    document_row,
    partition_of,
)
from guillemets.write.parquet import DATASETS

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

log = logging.getLogger(__name__)

LOG4J_CONFIG = Path(__file__).with_name("log4j2.properties")
MAX_ERROR_LINES = 100  # error lines brought back to the driver; all errors are in the output


@dataclass(slots=True)
class SparkSummary:
    """What a run did: inputs, rows written per dataset, documents with errors (first lines kept)."""

    inputs: int = 0
    documents: int = 0
    quotes: int = 0
    entities: int = 0
    errors: int = 0
    error_lines: list[str] = field(default_factory=list)
    seconds: float = 0.0


def run_spark(
    inputs: Sequence[str],
    output: str,
    settings: Settings,
    *,
    master: str | None = None,
    partitions: int | None = None,
    overwrite: bool = False,
    spark: SparkSession | None = None,
    progress: bool = False,
) -> SparkSummary:
    """Process ``inputs`` (files, directories, globs) on Spark and write the Parquet datasets to ``output``.

    ``spark``: an existing session (then ``master`` is ignored and the session is left running).
    Raises MissingExtra without pyspark, SparkUnavailable if Spark cannot start,
    OutputExists if ``output`` already holds a dataset and ``overwrite`` is false.
    """
    require("pyspark", "spark")
    started = time.perf_counter()
    refs = expand_globs(inputs)
    _check_output(output, overwrite)
    own = spark is None and _active_session() is None  # never stop a session we did not start
    session = spark or start_session(master, progress=progress)
    try:
        summary = _run(session, refs, output, settings, partitions or max(1, len(refs)), overwrite)
    finally:
        if own:
            session.stop()
    summary.seconds = time.perf_counter() - started
    return summary


def _active_session() -> SparkSession | None:
    from pyspark.sql import SparkSession

    return SparkSession.getActiveSession()


def expand_globs(inputs: Iterable[str]) -> list[InputRef]:
    """Input files sorted by path (the readers expand directories and quoted globs)."""
    return sorted(expand_inputs(inputs), key=lambda ref: ref.path)


def start_session(master: str | None = None, app: str = "guillemets", progress: bool = False) -> SparkSession:
    """A quiet Spark session (log level WARN, no UI); in local mode workers use this Python and package."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app).config("spark.ui.enabled", "false")
    builder = builder.config("spark.sql.shuffle.partitions", "4").config("spark.python.worker.reuse", "true")
    builder = builder.config("spark.ui.showConsoleProgress", str(progress).lower())
    # no _SUCCESS files: a reader given the output directory sees only data (and hidden .crc files)
    builder = builder.config("spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs", "false")
    java_options = f"-Dlog4j2.configurationFile={LOG4J_CONFIG}"
    if _is_local(master):  # one short-lived JVM: cheap JIT (C1 only) and GC, measured in bench/spark.py
        java_options += " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
    builder = builder.config("spark.driver.extraJavaOptions", java_options)
    if master:
        builder = builder.master(master)
    if _is_local(master):
        _use_this_python()
        builder = builder.config("spark.executorEnv.PYTHONPATH", _local_pythonpath())
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # py4j/JVM start-up failures have no common type
        raise SparkUnavailable(f"Spark could not start ({exc}); is a Java runtime (17+) installed?") from exc
    session.sparkContext.setLogLevel("WARN")
    return session


def _is_local(master: str | None) -> bool:
    """Local mode: asked for, or the default when not launched by spark-submit (which sets the master)."""
    if master:
        return master.startswith("local")
    return "PYSPARK_GATEWAY_PORT" not in os.environ


def _use_this_python() -> None:
    """Local workers run this interpreter (PySpark reads PYSPARK_PYTHON), unless the user chose one."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)


def _local_pythonpath() -> str:
    """This process's guillemets source tree first, so local workers import the same code."""
    package_root = str(Path(__file__).resolve().parents[2])
    return os.pathsep.join(p for p in [package_root, os.environ.get("PYTHONPATH", "")] if p)


def _check_output(output: str, overwrite: bool) -> None:
    local = output[len("file://") :] if output.startswith("file://") else output
    if "://" in local or overwrite:
        return  # remote outputs: Spark's own error-if-exists check applies
    for name in DATASETS:
        target = Path(local) / name
        if target.exists() and any(target.iterdir()):
            raise OutputExists(
                f"{target} already holds files; choose another output or overwrite it", source=output
            )


def _run(
    spark: SparkSession,
    refs: list[InputRef],
    output: str,
    settings: Settings,
    partitions: int,
    overwrite: bool,
) -> SparkSummary:
    """Python makes the ``documents`` rows once; Spark writes them, then derives the flat tables."""
    tasks = spark.sparkContext.parallelize(refs, max(1, min(partitions, len(refs) or 1)))
    rows = tasks.mapPartitions(lambda part: process_partition(part, settings))
    frame = spark.createDataFrame(rows, schema=spark_ddl("documents"), verifySchema=False)
    mode = "overwrite" if overwrite else "errorifexists"
    root = output.rstrip("/")
    frame.write.mode(mode).partitionBy("lang", "month").parquet(f"{root}/documents")
    written = spark.read.schema(spark_ddl("documents")).parquet(f"{root}/documents")
    for name, table in (("quotes", _quotes(written)), ("entities", _entities(written))):
        table.write.mode(mode).partitionBy("lang", "month").parquet(f"{root}/{name}")
    return _summarise(written, len(refs))


def process_partition(refs: Iterable[InputRef], settings: Settings) -> Iterator[dict[str, Any]]:
    """The task: the ``documents`` row (with its partition keys) of every document of the given files."""
    annotator = cached_annotator(settings.nlp) if settings.nlp.quotes else None
    for ref in refs:
        for ordinal, doc in enumerate(_documents(ref, settings, annotator)):
            lang, month = partition_of(doc)
            yield {**document_row(doc, ordinal), "lang": lang, "month": month}


def _quotes(docs: Any) -> Any:
    """The flat ``quotes`` table (columns of QUOTE_SCHEMA) exploded from the nested column."""
    from pyspark.sql import functions as F

    q = docs.select(
        F.col("id").alias("doc_id"), "url", "date", "lang", "month",
        F.posexplode("quotes").alias("quote_index", "q"),
    )  # fmt: skip
    columns = [F.col(f"q.{name}").alias(name) for name in ("type", "start", "end", "text")]
    columns += [F.col(f"q.speaker.{n}").alias(f"speaker_{n}") for n in ("start", "end", "text", "name")]
    columns += [F.col(f"q.cue.{n}").alias(f"cue_{n}") for n in ("start", "end", "text")]
    return q.select("doc_id", "url", "date", "quote_index", *columns, "lang", "month")


def _entities(docs: Any) -> Any:
    """The flat ``entities`` table (columns of ENTITY_SCHEMA) exploded from the nested column."""
    from pyspark.sql import functions as F

    e = docs.select(
        F.col("id").alias("doc_id"), "url", "date", "lang", "month",
        F.posexplode("entities").alias("entity_index", "e"),
    )  # fmt: skip
    columns = [F.col(f"e.{name}").alias(name) for name in ("name", "label", "quotes", "mentions")]
    return e.select("doc_id", "url", "date", "entity_index", *columns, "lang", "month")


def _summarise(docs: Any, inputs: int) -> SparkSummary:
    """Counts over the written documents, and the first error lines (sorted by input)."""
    from pyspark.sql import functions as F

    counts = docs.agg(
        F.count("*"), F.sum((F.size("errors") > 0).cast("int")),
        F.sum(F.size("quotes")), F.sum(F.size("entities")),
    ).first()  # fmt: skip
    failed = docs.where(F.size("errors") > 0).orderBy("source_path", "ordinal").limit(MAX_ERROR_LINES)
    lines = [
        _error_line(r.asDict(recursive=True))
        for r in failed.select("source_path", "source_record", "errors").collect()
    ]
    n_docs, n_err, n_quotes, n_ent = (int(v or 0) for v in counts)
    return SparkSummary(inputs, n_docs, n_quotes, n_ent, n_err, lines)


def _error_line(row: dict[str, Any]) -> str:
    where = f"{row['source_path']}#{row['source_record']}" if row["source_record"] else row["source_path"]
    first = row["errors"][0]
    return f"{where}: {first['message']} ({first['code']})"


def _documents(ref: InputRef, settings: Settings, annotator: Any) -> Iterator[Document]:
    pages = read_input(ref, settings.read)
    last: RawPage | None = None
    try:
        while chunk := list(itertools.islice(pages, CHUNK)):
            last = chunk[-1]
            yield from process_chunk(chunk, settings, annotator)
    except Exception as exc:  # a reader bug on a corrupt file: report it, keep the other files
        log.info("reading %s failed after %s", ref.path, last.source.label() if last else "no record")
        error = InternalError(f"reading stopped: {type(exc).__name__}: {exc}")
        yield failed_document(RawPage(Source(ref.path), PageKind.TEXT), error)


def spark_ddl(dataset: str) -> str:
    """The Spark schema (DDL) of a dataset: its Arrow columns plus ``lang`` and ``month``."""
    columns = [f"`{f.name}` {_ddl_type(f.type)}" for f in SCHEMAS[dataset]]
    return ", ".join([*columns, "`lang` string", "`month` string"])


def _ddl_type(t: pa.DataType) -> str:
    if pa.types.is_string(t):
        return "string"
    if pa.types.is_int32(t):
        return "int"
    if pa.types.is_int64(t):
        return "bigint"
    if pa.types.is_list(t):
        return f"array<{_ddl_type(t.value_type)}>"
    if pa.types.is_struct(t):
        return "struct<" + ", ".join(f"`{f.name}`: {_ddl_type(f.type)}" for f in t) + ">"
    raise TypeError(f"no Spark type for {t}")


def main(argv: Sequence[str] | None = None) -> None:
    """``spark-submit`` entry point: the same options as ``guillemets spark``."""
    from guillemets.cli.spark import command

    command.main(args=list(argv) if argv is not None else sys.argv[1:], prog_name="guillemets.batch.spark")


if __name__ == "__main__":  # spark-submit .../guillemets/batch/spark.py: run the installed module's main,
    from guillemets.batch.spark import main as installed_main  # so tasks pickle by module name

    installed_main()
