"""``guillemets ingest``: extract (or read already-extracted records) and store them in the corpus."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator
from typing import Any

import click

from guillemets.cli import (
    EXIT_CANNOT_RUN,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    exit_code_for,
)
from guillemets.cli.options import db_option, jobs_option, model_option, quiet_option
from guillemets.cli.output import error_line, progress_enabled
from guillemets.cli.preflight import nothing_to_read, report_nothing_to_read
from guillemets.errors import GuillemetsError
from guillemets.model import Document, RecordError
from guillemets.read.decode import repair_field
from guillemets.read.streams import display_path
from guillemets.settings import NlpSettings, Settings, database_url, default_jobs

log = logging.getLogger(__name__)

EXAMPLES = """
\b
Examples:
  guillemets ingest examples/ --db corpus.db
  guillemets extract crawl/ -o articles.jsonl && guillemets ingest articles.jsonl
  guillemets ingest batch-out/*.parquet --db postgresql://user@localhost/news
  GUILLEMETS_DB=corpus.db guillemets ingest pages/ --jobs 2 --no-quotes
"""


@click.command("ingest", epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("inputs", nargs=-1, required=True)
@db_option()
@jobs_option("Extraction processes at most (default: all cores; a small input runs in this process).")
@click.option("--no-quotes", is_flag=True, help="Skip the quote and entity stage when extracting pages.")
@model_option()
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=200,
    show_default=True,
    help="Documents per transaction (a crash loses at most one batch; run again to resume).",
)
@click.option("--label", metavar="TEXT", help="A note stored with this ingestion run (default: the inputs).")
@quiet_option()
def command(
    inputs: tuple[str, ...],
    db: str | None,
    jobs: int | None,
    no_quotes: bool,
    models: tuple[tuple[str, str], ...],
    batch_size: int,
    label: str | None,
    quiet: bool,
) -> None:
    """Store pages, extracted JSON lines or batch Parquet in the corpus database.

    INPUT is anything `extract` reads (pages are extracted here), a JSONL file written by
    `extract` (stored as is, not extracted again) or Parquet written by a batch run.
    Ingesting the same input again adds nothing; exact duplicates are stored once with all
    their sources; near-duplicates are linked. Killed half-way, the same command resumes.
    Exit status: 0 all stored, 1 some inputs failed (each reported, the rest stored),
    2 no input can be read, 3 database unreachable or locked, 130 interrupted.
    """
    settings = Settings(
        nlp=NlpSettings(quotes=not no_quotes).with_models(models), jobs=jobs or default_jobs()
    )
    run_label = repair_field(label or " ".join(display_path(item) for item in inputs)[:500])
    sys.exit(
        run_ingest(inputs, database_url(db), settings, label=run_label, batch_size=batch_size, quiet=quiet)
    )


def run_ingest(
    inputs: Iterable[str],
    url: str,
    settings: Settings,
    *,
    label: str | None = None,
    batch_size: int = 200,
    quiet: bool = False,
) -> int:
    """Ingest every input into ``url``; returns the exit code."""
    from guillemets.read import expand_inputs

    inputs = list(inputs)
    refs = expand_inputs(inputs)
    if nothing_to_read(refs):  # before the database is opened and the model loads
        report_nothing_to_read(refs)
        return EXIT_USAGE

    from guillemets.store.engine import make_engine
    from guillemets.store.ingest import ingest_documents
    from guillemets.store.inputs import iter_documents

    try:
        engine = make_engine(url)
    except GuillemetsError as exc:
        click.echo(f"guillemets: error: {exc}", err=True)
        return exit_code_for(exc)
    bar = _progress(quiet)
    try:
        docs = _counted(iter_documents(inputs, settings), bar)
        summary = ingest_documents(engine, docs, label=label, batch_size=batch_size, on_error=_report)
    except KeyboardInterrupt:
        click.echo(
            "guillemets: interrupted; whole batches are stored, run the same command to resume", err=True
        )
        return EXIT_INTERRUPTED
    except GuillemetsError as exc:
        click.echo(f"guillemets: error: {exc}", err=True)
        return exit_code_for(exc)
    except Exception as exc:  # a bug outside any one input: one line here, the traceback only with -vv
        log.debug("internal error", exc_info=True)
        what = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        click.echo(f"guillemets: error: internal error ({what}); -vv shows the traceback", err=True)
        return EXIT_CANNOT_RUN
    finally:
        if bar is not None:
            bar.close()
        engine.dispose()
    if not quiet:
        click.echo(summary_line(summary), err=True)
    return EXIT_SOME_FAILED if summary.errors else EXIT_OK


def summary_line(summary: Any) -> str:
    rate = summary.read / summary.seconds if summary.seconds else 0.0
    return (
        f"ingest: {summary.read} read, {summary.stored} stored, {summary.duplicates} duplicates, "
        f"{summary.near_duplicates} near-duplicates, {summary.unchanged} already stored, "
        f"{summary.errors} errors, "
        f"{summary.seconds:.1f} s ({rate:.1f} docs/s)"
    )


def _report(doc: Document, error: RecordError) -> None:
    click.echo(error_line(doc.source.label(), error.message), err=True)


def _progress(quiet: bool) -> Any:
    if not progress_enabled(quiet):
        return None
    from tqdm import tqdm

    return tqdm(unit="doc", desc="ingest", file=sys.stderr, dynamic_ncols=True)


def _counted(docs: Iterator[Document], bar: Any) -> Iterator[Document]:
    for doc in docs:
        yield doc
        if bar is not None:
            bar.update(1)
