"""Apache Spark: the same pipeline as one process, one task per input file, Parquet out.

Spark only schedules. The driver expands the inputs into a sorted list of files and
parallelizes it (one task per file unless ``partitions`` is given). Each task reads
its files with ``read_input``, runs them with ``guillemets.api.Extractor.in_process`` (the
entry point's one-process path) with the annotator cached in
its Python worker (the model loads once per worker process, and Spark reuses
workers), and writes its own Parquet files with pyarrow (``write.parquet``'s
writer: same columns, same ``lang=/month=`` layout), named after the task index and
a hash of its inputs, so a retried task replaces its files. It returns only counts
and its first error lines; no row goes through the JVM.

A file that cannot be read, or makes a stage fail unexpectedly, becomes an error
record in ``documents``; its task and the job go on. Run it with
``guillemets spark``, ``python -m guillemets.batch.spark`` or ``spark-submit .../guillemets/batch/spark.py``.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from guillemets.api import Extractor
from guillemets.batch.local import start_worker
from guillemets.errors import SparkUnavailable, error_for, require
from guillemets.model import Document, Source
from guillemets.read import InputRef, RawPage, expand_inputs, read_input
from guillemets.read.base import error_page
from guillemets.read.streams import display_path
from guillemets.settings import Settings
from guillemets.write.columns import error_summary
from guillemets.write.parquet import PartitionedWriter, WriteSummary, output_filesystem, prepare_output

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

log = logging.getLogger(__name__)

LOG4J_CONFIG = Path(__file__).with_name("log4j2.properties")
MAX_ERROR_LINES = 100  # error lines brought back to the driver; all errors are in the output
TASK_BUFFER = 5000  # documents a task holds before writing files: bounds a worker's memory on big archives


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


@dataclass(slots=True)
class TaskSummary:
    """What one task sends back to the driver: what it wrote, its first error lines by (path, ordinal)."""

    written: WriteSummary = field(default_factory=WriteSummary)
    error_lines: list[tuple[tuple[str, int], str]] = field(default_factory=list)


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
    ``output``: a local path or a URI pyarrow can write (``s3://``, ``gs://``, ``hdfs://``) that every
    executor reaches, since tasks write there directly. Raises MissingExtra without pyspark,
    SparkUnavailable if Spark cannot start, OutputExists if ``output`` already holds a dataset and
    ``overwrite`` is false (with ``overwrite`` the old datasets are deleted before the job), WriteError
    if it cannot be written.
    """
    require("pyspark", "spark")
    started = time.perf_counter()
    refs = expand_globs(inputs)
    _check_output(output, overwrite)
    own = spark is None and _active_session() is None  # never stop a session we did not start
    session = spark or start_session(master, progress=progress)
    try:
        summary = _run(session, refs, _task_output(output), settings, partitions or max(1, len(refs)))
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
    """On the driver, before any task: refuse an output holding datasets, or delete them if ``overwrite``."""
    fs, root = output_filesystem(output)
    prepare_output(fs, root, overwrite, label=output)


def _task_output(output: str) -> str:
    """The output as tasks see it: an absolute path (their working directory may differ), or the URI."""
    return output if "://" in output else os.path.abspath(output)


def _run(
    spark: SparkSession, refs: list[InputRef], output: str, settings: Settings, partitions: int
) -> SparkSummary:
    """Spark schedules the tasks; each writes its own files and returns a TaskSummary."""
    tasks = spark.sparkContext.parallelize(refs, max(1, min(partitions, len(refs) or 1)))
    task = functools.partial(_run_partition, output=output, settings=settings)
    return combine(tasks.mapPartitionsWithIndex(task).collect(), len(refs))


def _run_partition(
    index: int, refs: Iterable[InputRef], output: str, settings: Settings
) -> Iterator[TaskSummary]:
    yield run_task(index, list(refs), output, settings)


def run_task(index: int, refs: Sequence[InputRef], output: str, settings: Settings) -> TaskSummary:
    """The task: process ``refs`` and write their rows under ``output`` in files named by ``task_prefix``.

    Deterministic: the same index and inputs write the same file names with the same rows,
    each file atomically, so a retried or speculative attempt replaces the files of another.
    """
    annotator = start_worker(settings)
    fs, root = output_filesystem(output)
    refs = sorted(refs, key=lambda ref: ref.path)
    writer = PartitionedWriter(fs, root, prefix=task_prefix(index, refs), max_buffered=TASK_BUFFER)
    lines: list[tuple[tuple[str, int], str]] = []
    for ref in refs:
        for ordinal, doc in enumerate(_documents(ref, settings, annotator)):
            writer.add(doc, ordinal)
            if doc.errors and len(lines) < MAX_ERROR_LINES:  # in (path, ordinal) order: the first ones
                lines.append(((doc.source.path, ordinal), error_summary(doc)))
    writer.flush_all()
    return TaskSummary(writer.summary, lines)


def task_prefix(index: int, refs: Sequence[InputRef]) -> str:
    """``part-00003-1f2e3d4c``: the task index, and a hash of its input paths (a new input set, new names)."""
    digest = hashlib.sha256("\n".join(ref.path for ref in refs).encode("utf-8")).hexdigest()
    return f"part-{index:05d}-{digest[:8]}"


def combine(tasks: Iterable[TaskSummary], inputs: int) -> SparkSummary:
    """The run's summary from its tasks' summaries: summed counts, the first error lines by input."""
    summary = SparkSummary(inputs)
    keyed: list[tuple[tuple[str, int], str]] = []
    for task in tasks:
        summary.documents += task.written.documents
        summary.quotes += task.written.quotes
        summary.entities += task.written.entities
        summary.errors += task.written.errors
        keyed.extend(task.error_lines)
    summary.error_lines = [line for _, line in sorted(keyed)[:MAX_ERROR_LINES]]
    return summary


def _documents(ref: InputRef, settings: Settings, annotator: Any) -> Iterator[Document]:
    """The documents of one input, as the library's entry point runs pages in one process; a
    failure keeps the documents before it and adds an error record."""
    return Extractor(settings, annotator=annotator).in_process(_guarded_pages(ref, settings))


def _guarded_pages(ref: InputRef, settings: Settings) -> Iterator[RawPage]:
    """``read_input`` (which guards each input itself), and an error page for anything that escapes it.

    Converting inside the generator means a failure never aborts the chunk being filled: the
    valid pages read before it are processed and written like any other.
    """
    try:
        yield from read_input(ref, settings.read)
    except Exception as exc:  # the guard: this input ends here, the task and the job go on
        log.info("reading %s failed", ref.path, exc_info=True)
        yield error_page(Source(display_path(ref.path)), error_for(exc, "read"))


def main(argv: Sequence[str] | None = None) -> None:
    """``spark-submit`` entry point: the same options as ``guillemets spark``."""
    from guillemets.cli.spark import command

    command.main(args=list(argv) if argv is not None else sys.argv[1:], prog_name="guillemets.batch.spark")


if __name__ == "__main__":  # spark-submit .../guillemets/batch/spark.py: run the installed module's main,
    from guillemets.batch.spark import main as installed_main  # so tasks pickle by module name

    installed_main()
