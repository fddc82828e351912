"""``guillemets spark``: run the pipeline as a Spark job and write Parquet datasets."""

from __future__ import annotations

import sys
from dataclasses import replace

import click

from guillemets.cli import EXIT_OK, EXIT_SOME_FAILED, exit_code_for
from guillemets.cli.options import model_option, output_option, quiet_option
from guillemets.cli.output import progress_enabled, report_error
from guillemets.errors import GuillemetsError
from guillemets.settings import NlpSettings, Settings


@click.command("spark", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("inputs", nargs=-1, required=True)
@output_option(
    default=None, help="Output directory every executor writes to (shared path, s3://, gs://, hdfs://...)."
)
@click.option("--master", default=None, help="Spark master URL (default: spark-submit's, else local[*]).")
@click.option(
    "--partitions",
    type=click.IntRange(min=1),
    default=None,
    help="Number of tasks (default: one per input file).",
)
@click.option("--overwrite", is_flag=True, help="Replace datasets already in the output directory.")
@click.option("--no-quotes", is_flag=True, help="Skip the quote/entity stage (cleaning only).")
@model_option()
@quiet_option("No summary line; errors are still reported.")
def command(
    inputs: tuple[str, ...],
    output: str,
    master: str | None,
    partitions: int | None,
    overwrite: bool,
    no_quotes: bool,
    models: tuple[tuple[str, str], ...],
    quiet: bool,
) -> None:
    """Extract articles and quotes from WARC/WET/text/JSONL files on Apache Spark.

    One task per input file; the spaCy model loads once per Python worker.
    Each task writes its documents/, quotes/ and entities/ Parquet files,
    partitioned by lang= and month=, directly under OUTPUT. Inputs must be
    readable and OUTPUT writable by every executor (local disk in local mode,
    a shared file system or an s3:// / gs:// URI on a cluster).

    \b
    Examples:
      guillemets spark 'crawl/*.warc.gz' -o out/ --master 'local[*]'
      spark-submit --master spark://head:7077 \\
        "$(python -c 'import guillemets.batch.spark as m; print(m.__file__)')" \\
        '/shared/crawl/*.wet.gz' -o s3://bucket/out
    """
    from guillemets.batch.spark import run_spark

    settings = Settings(nlp=NlpSettings().with_models(models))
    if no_quotes:
        settings = replace(settings, nlp=replace(settings.nlp, quotes=False))
    try:
        summary = run_spark(
            inputs,
            output,
            settings,
            master=master,
            partitions=partitions,
            overwrite=overwrite,
            progress=progress_enabled(quiet),
        )
    except GuillemetsError as exc:
        report_error(exc.source or "spark", exc.message)
        sys.exit(exit_code_for(exc))
    for line in summary.error_lines:
        click.echo(f"guillemets: error: {line}", err=True)
    if summary.errors > len(summary.error_lines):
        click.echo(
            f"guillemets: error: ... and {summary.errors - len(summary.error_lines)} more "
            f"(see the errors column of {output}/documents)",
            err=True,
        )
    if not quiet:
        rate = summary.documents / summary.seconds if summary.seconds else 0.0
        click.echo(
            f"spark: {summary.inputs} inputs, {summary.documents} documents, {summary.quotes} quotes, "
            f"{summary.errors} errors, {summary.seconds:.1f} s ({rate:.1f} docs/s)",
            err=True,
        )
    sys.exit(EXIT_SOME_FAILED if summary.errors else EXIT_OK)
