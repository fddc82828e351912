"""``guillemets quotes INPUT.jsonl``: who said what, in the shared quote scorer's format."""

from __future__ import annotations

import json
import sys
import time

import click

from guillemets.cli.options import model_option, output_option, quiet_option
from guillemets.cli.output import report_error


@click.command("quotes")
@click.argument("input_file", metavar="INPUT.jsonl", type=click.File("r", encoding="utf-8"))
@output_option(
    type=click.File("w", encoding="utf-8", atomic=False), help="Write JSON lines here (default: stdout)."
)
@click.option("--explain", is_flag=True, help='Add an "explain" list: why each quote and speaker was chosen.')
@model_option()
@quiet_option("No summary line (errors are still reported).")
def command(input_file, output, explain: bool, models: tuple[tuple[str, str], ...], quiet: bool) -> None:  # type: ignore[no-untyped-def]
    """Find quotes, cues and speakers in records {"id", "text"} (text already clean).

    Writes one {"id", "quotes": [...]} line per record, in the format of the shared quote scorer.
    A bad line is reported on stderr as FILE:LINE and skipped; the exit code is then 1.

    \b
    Examples:
      guillemets quotes articles.jsonl -o quotes.jsonl
      guillemets quotes articles.jsonl --explain | head -1
    """
    from guillemets.cli import EXIT_SOME_FAILED, exit_code_for
    from guillemets.errors import ModelMissing
    from guillemets.nlp.annotator import make_annotator
    from guillemets.quotes.records import annotate_records, read_records
    from guillemets.settings import NlpSettings

    started = time.perf_counter()
    try:
        annotator = make_annotator(NlpSettings().with_models(models), explain=explain)
    except ModelMissing as exc:
        report_error(input_file.name, exc.message)
        sys.exit(exit_code_for(exc))
    records = failed = quotes = not_run = 0
    for result in annotate_records(read_records(input_file, input_file.name), annotator):
        if result.error is not None or result.doc is None:
            failed += 1
            report_error(result.where, result.error.message if result.error else "unreadable record")
            continue
        records += 1
        quotes += len(result.doc.quotes)
        line = result.output()
        not_run += "quote_stage" in line
        if explain:
            reasons = getattr(annotator, "explanations", {}).get(id(result.doc), [])
            dropped = getattr(annotator, "dropped", {}).get(id(result.doc), [])
            line["explain"] = _explain(result.doc, reasons) + [f"dropped: {d}" for d in dropped]
        output.write(json.dumps(line, ensure_ascii=False) + "\n")
    output.flush()
    if not quiet:
        elapsed = time.perf_counter() - started
        click.echo(
            f"quotes: {records + failed} records, {quotes} quotes, {failed} errors, "
            f"{not_run} not run (no quote rules or no model for their language, or no text), {elapsed:.1f} s "
            f"({records / elapsed if elapsed else 0:.1f} docs/s)",
            err=True,
        )
    sys.exit(EXIT_SOME_FAILED if failed else 0)


def _explain(doc, reasons: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
    """One line per quote: the rule that found it, its cue, its speaker mention and canonical name."""
    out = []
    for i, q in enumerate(doc.quotes):
        why = reasons[i] if i < len(reasons) else ""
        name = q.speaker.name if q.speaker and q.speaker.name else "?"
        out.append(
            f"{q.type} {q.start}-{q.end} [{why}]: cue {q.cue.text if q.cue else '-'}; "
            f"speaker {q.speaker.text if q.speaker else '-'} → {name}"
        )
    return out
