"""``guillemets extract``: pages in, one JSON line per page out (articles, and quotes unless --no-quotes)."""

from __future__ import annotations

import importlib
import logging
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO, TextIO

import click

from guillemets.clean import Cleaned
from guillemets.cli import (
    EXIT_CANNOT_RUN,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    exit_code_for,
)
from guillemets.cli.options import jobs_option, model_option, output_option, quiet_option
from guillemets.cli.output import error_line, progress_enabled
from guillemets.cli.preflight import nothing_to_read, report_nothing_to_read
from guillemets.errors import GuillemetsError, OtherLanguage
from guillemets.read import InputRef, RawPage, expand_inputs, read_input
from guillemets.settings import CleanSettings, NlpSettings, ReadSettings, Settings, default_jobs
from guillemets.write.jsonl import EncodedDocument, JsonlWriter, encode_document

log = logging.getLogger(__name__)
MB = 1024 * 1024
DEFAULT_MAX_PAGE_MB = ReadSettings().max_bytes / MB


@dataclass(slots=True)
class Tally:
    """What the summary line reports."""

    inputs: int = 0
    documents: int = 0
    quotes: int = 0
    errors: int = 0
    skipped: int = 0  # pages in a language not asked for (--lang): a record each, not a failure
    started: float = field(default_factory=time.monotonic)

    def add(self, doc: EncodedDocument) -> None:
        if doc.errors and all(e.code == OtherLanguage.code for e in doc.errors):
            self.skipped += 1
        elif doc.errors:
            self.errors += 1
        else:
            self.documents += 1
        self.quotes += doc.quotes

    def summary(self) -> str:
        secs = max(time.monotonic() - self.started, 1e-9)
        rate = (self.documents + self.errors + self.skipped) / secs
        skipped = f", {self.skipped} in other languages" if self.skipped else ""
        return (
            f"extract: {self.inputs} inputs, {self.documents} documents, {self.quotes} quotes, "
            f"{self.errors} errors{skipped}, {secs:.1f} s ({rate:.1f} docs/s)"
        )


EXAMPLES = """
\b
Examples:
  guillemets extract examples/ -o articles.jsonl
  guillemets extract crawl/*.warc.gz --jobs 4 -o articles.jsonl
  guillemets extract page.html --explain --no-quotes
  guillemets extract crawl/*.warc.gz --lang fr,en --no-quotes -o articles.jsonl
  cat dump.txt | guillemets extract - > article.jsonl
"""


@click.command("extract", epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("inputs", nargs=-1, required=True)
@output_option("Write JSON lines to FILE (default: stdout).")
@jobs_option("Worker processes at most (default: all cores; a small input runs in this process).")
@click.option(
    "--explain", is_flag=True, help="Print each line's decision and reason to stderr (runs in 1 process)."
)
@click.option("--no-quotes", is_flag=True, help="Skip the quote and entity stage (articles only, faster).")
@model_option()
@click.option(
    "--max-page-mb",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_MAX_PAGE_MB,
    show_default=True,
    help="A page larger than this is a too-large error and is not read.",
)
@click.option(
    "--lang",
    "languages",
    metavar="CODES",
    callback=lambda _ctx, _param, value: parse_languages(value),
    help="Keep only pages in these languages (ISO 639-1, comma-separated, e.g. fr,en); the others"
    " give an other-language record, and HTML pages clearly in another language are not cleaned.",
)
@quiet_option()
def command(
    inputs: tuple[str, ...],
    output: str,
    jobs: int | None,
    explain: bool,
    no_quotes: bool,
    models: tuple[tuple[str, str], ...],
    max_page_mb: float,
    languages: tuple[str, ...],
    quiet: bool,
) -> None:
    """Extract the main article of each page (and its quotes) as JSON lines.

    INPUT is a file, a directory (read recursively), a glob or '-' for stdin: plain-text page
    dumps, HTML, WARC/WET archives (plain or gzipped) and JSONL ({"id", "text"} or {"id", "html"}).
    One JSON object per page goes to stdout (or -o FILE); errors, a progress bar and a summary
    go to stderr. Exit status: 0 all inputs read, 1 some failed (each reported, the rest written),
    2 usage error (also when no input can be read), 3 could not run, 130 interrupted.
    """
    settings = Settings(
        read=ReadSettings(max_bytes=int(max_page_mb * MB)),
        clean=CleanSettings(explain=explain, languages=languages),
        nlp=NlpSettings(quotes=not no_quotes).with_models(models),
        jobs=1 if explain else (jobs or default_jobs()),
    )
    sys.exit(run_extract(inputs, output, settings, quiet=quiet))


def parse_languages(value: str | None) -> tuple[str, ...]:
    """``"fr, EN"`` → ``("en", "fr")``; click.BadParameter (exit 2) for anything but 2-3 letter codes."""
    if value is None:
        return ()
    codes = sorted({code.strip().lower() for code in value.split(",")})
    bad = [code for code in codes if not (code.isascii() and code.isalpha() and 2 <= len(code) <= 3)]
    if bad or not codes:
        shown = ", ".join(repr(code) for code in bad) or repr(value)
        raise click.BadParameter(f"{shown} is not a language code; give ISO 639-1 codes such as fr,en")
    return tuple(codes)


def run_extract(inputs: Iterable[str], output: str, settings: Settings, *, quiet: bool = False) -> int:
    """Read, clean, annotate and write every input; returns the exit code."""
    refs = expand_inputs(inputs)
    if nothing_to_read(refs):  # checked before the output is opened and before the model loads
        report_nothing_to_read(refs)
        return EXIT_USAGE
    tally = Tally(inputs=len(refs))
    try:
        stream = _open_output(output)
    except OSError as exc:
        click.echo(error_line(output, f"cannot write the output: {exc.strerror or exc}"), err=True)
        return EXIT_CANNOT_RUN
    bar = _progress(len(refs), quiet)
    try:
        code = _write_all(refs, settings, stream, tally, bar)
    finally:
        if bar is not None:
            bar.close()
        _close_output(stream, output)
    if not quiet:
        click.echo(tally.summary(), err=True)
    return code


def _write_all(
    refs: list[InputRef], settings: Settings, stream: BinaryIO | TextIO, tally: Tally, bar: Any
) -> int:
    writer = JsonlWriter(stream)
    try:
        for doc in _documents(_pages(refs, settings.read, bar), settings):
            writer.write_line(doc.line)
            tally.add(doc)
            _report(doc, bar)
        writer.flush()
    except KeyboardInterrupt:
        _flush_quietly(writer)
        click.echo("guillemets: interrupted; the records before this point are written", err=True)
        return EXIT_INTERRUPTED
    except GuillemetsError as exc:
        _flush_quietly(writer)
        click.echo(f"guillemets: error: {exc}", err=True)
        return exit_code_for(exc)
    except OSError as exc:
        click.echo(error_line(_name(stream), f"cannot write the output: {exc.strerror or exc}"), err=True)
        return EXIT_CANNOT_RUN
    except Exception as exc:  # a bug: one line here, the traceback only with -vv
        _flush_quietly(writer)
        log.debug("internal error", exc_info=True)
        click.echo(
            f"guillemets: error: internal error ({type(exc).__name__}: {exc}); -vv shows the traceback",
            err=True,
        )
        return EXIT_CANNOT_RUN
    return EXIT_SOME_FAILED if tally.errors else EXIT_OK


def _documents(pages: Iterator[RawPage], settings: Settings) -> Iterator[EncodedDocument]:
    """The library's one entry point (``guillemets.api.Extractor``); the workers encode the lines."""
    from guillemets.api import Extractor

    on_clean = _explain if settings.clean.explain else None
    yield from Extractor(settings, on_clean=on_clean, batch=True).encoded(pages, encode_document)


def _pages(refs: list[InputRef], settings: ReadSettings, bar: Any) -> Iterator[RawPage]:
    for ref in refs:
        yield from read_input(ref, settings)
        if bar is not None:
            bar.update(1)


def _report(doc: EncodedDocument, bar: Any) -> None:
    """One stderr line per error of a failed record, kept clear of the progress bar.

    A page in a language not asked for (``--lang``) is not a failure: the summary counts it.
    """
    for err in doc.errors:
        if err.code == OtherLanguage.code:
            continue
        line = error_line(doc.source, err.message)
        if bar is not None:
            bar.write(line, file=sys.stderr)
        else:
            click.echo(line, err=True)


def _explain(raw: RawPage, cleaned: Cleaned) -> None:
    click.echo(f"== {raw.source.label()}", err=True)
    click.echo(
        format_decisions(cleaned) if cleaned.explain else "(the cleaner recorded no decisions)", err=True
    )


def format_decisions(cleaned: Cleaned) -> str:
    """The clean stage's own --explain text, or a plain listing of its LineDecisions."""
    try:
        format_explain = importlib.import_module("guillemets.clean.explain").format_explain
    except (ImportError, AttributeError):
        return "\n".join(f"{d.line:>4} {d.label:<18} {d.reason} | {d.text[:80]}" for d in cleaned.explain)
    text: Any = format_explain(cleaned)
    return text if isinstance(text, str) else "\n".join(str(t) for t in text)


def _open_output(output: str) -> BinaryIO | TextIO:
    """stdout's bytes, or FILE opened for writing: the lines come as UTF-8 bytes, whatever the locale
    (a stdout replaced by a text-only stream gets them decoded)."""
    if output == "-":
        sys.stdout.flush()  # nothing written to the text layer may come after the lines
        return getattr(sys.stdout, "buffer", sys.stdout)
    return open(output, "wb")


def _close_output(stream: BinaryIO | TextIO, output: str) -> None:
    try:
        if output != "-":
            stream.close()
            return
        stream.flush()  # stdout stays open
    except OSError:
        log.debug("could not flush the output", exc_info=True)


def _progress(total: int, quiet: bool) -> Any:
    if not progress_enabled(quiet, total):
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="input", file=sys.stderr, dynamic_ncols=True, leave=False)


def _flush_quietly(writer: JsonlWriter) -> None:
    try:
        writer.flush()
    except OSError:
        log.debug("could not flush the output", exc_info=True)


def _name(stream: BinaryIO | TextIO) -> str:
    return str(getattr(stream, "name", "<stdout>"))
