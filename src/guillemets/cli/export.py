"""``guillemets export``: stored documents with their quotes and entities, as JSONL, CSV or Parquet."""

from __future__ import annotations

import sys
from typing import IO

import click

from guillemets.cli import EXIT_OK, EXIT_USAGE, exit_code_for
from guillemets.cli.corpus import Exit, corpus_errors, filter_options, open_engine, resolve_speaker
from guillemets.cli.options import db_option, output_option
from guillemets.cli.output import error_line

EXAMPLES = """
\b
Examples:
  guillemets export --format jsonl > corpus.jsonl
  guillemets export --format csv --domain lesoir.be --since 2025-03 -o lesoir.csv
  guillemets export --format parquet --speaker "Vladimir Poutine" -o poutine.parquet
"""


@click.command("export", epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True
)
@output_option("Write to FILE (default stdout; Parquet needs a file).")
@click.option("--query", metavar="TEXT", help="Only documents whose title or text match TEXT (as in search).")
@db_option()
@filter_options
def command(
    fmt: str,
    output: str,
    query: str | None,
    db: str | None,
    speaker: str | None,
    domain: str | None,
    since: str | None,
    until: str | None,
    lang: str | None,
) -> None:
    """Export one record per stored document, quotes and entities included.

    JSONL records have the shape `extract` writes (so they can be ingested elsewhere) plus
    domain, sources and near_duplicates; CSV has one row per document with the lists as
    JSON text; Parquet keeps them nested.
    """
    from guillemets.store.export import ExportFilter, iter_records, write_csv, write_jsonl, write_parquet

    if fmt == "parquet" and output == "-":
        click.echo(
            "guillemets: error: --format parquet needs -o FILE (Parquet is not written to stdout)", err=True
        )
        sys.exit(EXIT_USAGE)
    try:
        with corpus_errors():
            engine = open_engine(db)
            with engine.connect() as conn:
                where = ExportFilter(query, resolve_speaker(conn, speaker), domain, since, until, lang)
                records = iter_records(conn, where)
                if fmt == "parquet":
                    count = write_parquet(records, output)
                else:
                    stream = _open(output)
                    try:
                        count = (write_csv if fmt == "csv" else write_jsonl)(records, stream)
                    finally:
                        if stream is not sys.stdout:
                            stream.close()
            engine.dispose()
    except Exit as stop:
        sys.exit(stop.code)
    except BrokenPipeError:  # e.g. `| head`: the reader has what it wanted
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_OK)
    except OSError as exc:
        click.echo(error_line(output, f"cannot write the output: {exc.strerror or exc}"), err=True)
        sys.exit(exit_code_for(exc))
    click.echo(f"export: {count} documents ({fmt})", err=True)
    sys.exit(EXIT_OK)


def _open(output: str) -> IO[str]:
    if output == "-":
        return sys.stdout
    return open(output, "w", encoding="utf-8", newline="")
