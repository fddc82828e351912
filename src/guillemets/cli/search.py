"""``guillemets search``: full-text search over quotes (default) or articles, with filters."""

from __future__ import annotations

import sys

import click

from guillemets.cli import EXIT_OK
from guillemets.cli.corpus import Exit, corpus_errors, db_option, filter_options, open_engine, resolve_speaker
from guillemets.cli.output import choose_format, emit_rows

EXAMPLES = """
\b
Examples:
  guillemets search Koursk
  guillemets search "cessez-le-feu" --speaker "Vladimir Poutine" --since 2025-03
  guillemets search grève --articles --domain lesoir.be --json
  guillemets search grève --csv > greve.csv
  guillemets search Koursk | head -3
  guillemets search --speaker 12 --type direct --limit 50
"""


@click.command("search", epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("query", nargs=-1)
@db_option()
@filter_options
@click.option("--type", "quote_type", type=click.Choice(["direct", "indirect", "mixed"]), help="Quote type.")
@click.option("--articles", is_flag=True, help="Search articles (title and text) instead of quotes.")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="Results to show.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many results first.")
@click.option("--json", "as_json", is_flag=True, help="JSON lines (the default off a terminal).")
@click.option("--csv", "as_csv", is_flag=True, help="CSV with a header line, every field.")
@click.option("--table", "as_table", is_flag=True, help="A table (the default on a terminal).")
def command(
    query: tuple[str, ...],
    db: str | None,
    speaker: str | None,
    domain: str | None,
    since: str | None,
    until: str | None,
    lang: str | None,
    quote_type: str | None,
    articles: bool,
    limit: int,
    offset: int,
    as_json: bool,
    as_csv: bool,
    as_table: bool,
) -> None:
    """Search the corpus: every word of QUERY must match (accents, case and plurals folded).

    QUERY is plain text: quotes, *, NEAR( and the like are searched as words, never as syntax.
    Without QUERY, the filters alone select (e.g. all quotes of a speaker), newest first.
    A table goes to a terminal, one JSON object per line anywhere else (a pipe, a file);
    --json, --csv or --table choose. Tables never show control characters.
    """
    from guillemets.store.queries import search_articles, search_quotes

    fmt = choose_format(as_json=as_json, as_csv=as_csv, as_table=as_table)
    text = " ".join(query) or None
    filters = {
        "domain": domain,
        "date_from": since,
        "date_to": until,
        "lang": lang,
        "limit": limit,
        "offset": offset,
    }
    try:
        with corpus_errors():
            engine = open_engine(db)
            with engine.connect() as conn:
                speaker_id = resolve_speaker(conn, speaker)
                if articles:
                    page = search_articles(conn, text, speaker_id=speaker_id, **filters)  # type: ignore[arg-type]
                else:
                    page = search_quotes(conn, text, speaker_id=speaker_id, quote_type=quote_type, **filters)  # type: ignore[arg-type]
            engine.dispose()
    except Exit as stop:
        sys.exit(stop.code)
    emit_rows(page.items, fmt, ARTICLE_COLUMNS if articles else QUOTE_COLUMNS)
    what = "articles" if articles else "quotes"
    shown = f"{offset + 1}-{offset + len(page.items)}" if page.items else "none"
    click.echo(f"search: {page.total} {what} found, showing {shown}", err=True)
    sys.exit(EXIT_OK)


QUOTE_COLUMNS = [
    ("date", "date", 10),
    ("speaker", "speaker", 22),
    ("text", "quote", 0),
    ("domain", "outlet", 18),
    ("document_id", "article", 16),
]
ARTICLE_COLUMNS = [
    ("date", "date", 10),
    ("title", "title", 40),
    ("snippet", "snippet", 0),
    ("domain", "outlet", 18),
    ("quotes", "quotes", 6),
    ("document_id", "article", 16),
]
