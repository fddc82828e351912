"""Typed errors, each with a stable kebab-case ``code`` that appears in error records."""

from __future__ import annotations

# Exit codes of the command line (README): each error class carries the one it stops the run with.
EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_CANNOT_RUN, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


class GuillemetsError(Exception):
    """Base class: ``code`` is stable and documented in the README; ``exit_code`` is the CLI's.

    ``exit_code`` is what a command exits with when this error stops the whole run: "could not
    run" (3) unless a subclass says otherwise. An error in one input is a record, not an exit.
    """

    code = "error"
    stage = "pipeline"
    exit_code = EXIT_CANNOT_RUN

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


class ReadError(GuillemetsError):
    """An input could not be read at all (missing, unreadable, not a file we know)."""

    code = "unreadable"
    stage = "read"


class EmptyInput(ReadError):
    code = "empty-input"


class BinaryInput(ReadError):
    code = "binary-input"


class DecodeError(ReadError):
    code = "bad-encoding"


class TruncatedArchive(ReadError):
    code = "truncated-archive"


class BadRecord(ReadError):
    """One record of a JSONL file or archive is malformed; the others are still read."""

    code = "bad-record"


class TooDeep(BadRecord):
    """A JSON record nested deeper than ``read.limits.MAX_JSON_DEPTH``: refused before parsing."""

    code = "too-deep"


class NoInputs(ReadError):
    code = "no-inputs"


class NotFound(ReadError):
    """A path given on the command line does not exist."""

    code = "not-found"


class TooLarge(ReadError):
    """One page is over ``ReadSettings.max_bytes``; it is not read (memory stays bounded)."""

    code = "too-large"


class NoPages(ReadError):
    """An archive holds records, but none is a page (no HTML response, no WET conversion)."""

    code = "no-pages"


class CleanError(GuillemetsError):
    code = "clean-failed"
    stage = "clean"


class NoArticle(CleanError):
    code = "no-article"


class OtherLanguage(CleanError):
    """Not an error of the page: it is in a language the caller did not ask for (``--lang``)."""

    code = "other-language"


class NlpError(GuillemetsError):
    code = "nlp-failed"
    stage = "nlp"


class ModelMissing(NlpError):
    """The spaCy model is not installed; nothing downloads at run time."""

    code = "model-missing"


class StoreError(GuillemetsError):
    code = "store-failed"
    stage = "store"


class DatabaseUnavailable(StoreError):
    code = "database-unavailable"


class BadQuery(StoreError):
    """A search the store cannot run (too long, control characters); the query is never syntax."""

    code = "bad-query"
    exit_code = EXIT_USAGE


class NotInCorpus(StoreError):
    """A speaker or document id that is not in the corpus."""

    code = "not-in-corpus"
    exit_code = EXIT_SOME_FAILED


class UsageError(GuillemetsError):
    """A call the library cannot make sense of (an unknown format, an argument of the wrong kind)."""

    code = "usage"
    exit_code = EXIT_USAGE


class MissingExtra(GuillemetsError):
    """An optional dependency is missing; the message names the pip extra."""

    code = "missing-extra"


def require(module: str, extra: str) -> None:
    """Raise MissingExtra naming the pip extra if ``module`` cannot be imported."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise MissingExtra(f"{module} is not installed; run: pip install 'guillemets[{extra}]'")


class WriteError(GuillemetsError):
    """An output could not be written (directory unwritable, disk full)."""

    code = "write-failed"
    stage = "write"


class OutputExists(WriteError):
    """The output dataset already holds files and overwriting was not asked for."""

    code = "output-exists"


class BatchError(GuillemetsError):
    """A parallel or Spark run could not go on (a worker process died, Spark could not start)."""

    code = "batch-failed"
    stage = "batch"


class WorkerCrashed(BatchError):
    code = "worker-crashed"


class SparkUnavailable(BatchError):
    """Spark or its Java runtime could not be started."""

    code = "spark-unavailable"


class InternalError(GuillemetsError):
    """An unexpected exception inside a stage, turned into an error record for that page only."""

    code = "internal-error"

    def __init__(self, message: str, *, source: str | None = None, stage: str = "pipeline") -> None:
        super().__init__(message, source=source)
        self.stage = stage


def error_for(exc: Exception, stage: str) -> GuillemetsError:
    """The typed error (with a stable code) that ``exc``, raised on one input in ``stage``, is reported as.

    The per-input guards of every executor use it: the input gets an error record, the run goes on.
    A GuillemetsError keeps its own stage; any other exception is reported in ``stage``.
    """
    if isinstance(exc, GuillemetsError):
        return exc
    error = _typed(exc, stage)
    error.stage = stage
    return error


def _typed(exc: Exception, stage: str) -> GuillemetsError:
    what = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]  # one line, bounded
    if isinstance(exc, UnicodeDecodeError):
        return DecodeError(f"undecodable bytes ({what}); convert the file to UTF-8")
    if isinstance(exc, RecursionError):
        return TooDeep(f"nested too deeply to process ({what})")
    if isinstance(exc, MemoryError):
        return TooLarge("out of memory on this input; split it or give the process more memory")
    if isinstance(exc, OSError) and stage == "read":
        return ReadError(f"cannot read: {exc.strerror or what}")
    return InternalError(f"internal error in {stage} ({what}); -vv shows the traceback", stage=stage)
