"""``guillemets speakers``: who is quoted most; show, merge and rename speakers."""

from __future__ import annotations

import sys
from typing import Any

import click

from guillemets.cli import EXIT_OK
from guillemets.cli.corpus import Exit, corpus_errors, db_option, open_engine
from guillemets.cli.output import choose_format, emit_rows, printable, reader_may_stop

EXAMPLES = """
\b
Examples:
  guillemets speakers --top 20
  guillemets speakers --query poutine --json
  guillemets speakers --top 100 --csv > speakers.csv
  guillemets speakers --variants "Vladimir Poutine"
  guillemets speakers --merge "V. Poutine" "Vladimir Poutine"
  guillemets speakers --rename 12 "Oleksandr Syrsky"
"""


@click.command("speakers", epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
@db_option()
@click.option("--top", type=click.IntRange(1, 1000), default=20, show_default=True, help="How many speakers.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many speakers first.")
@click.option("--query", "name", metavar="TEXT", help="Only speakers with a name containing TEXT (folded).")
@click.option(
    "--variants", "show", metavar="NAME|ID", help="Show one speaker: variants, timeline, co-quoted."
)
@click.option("--merge", nargs=2, metavar="FROM INTO", help="Make speaker FROM a variant of INTO.")
@click.option("--rename", nargs=2, metavar="NAME|ID NEW", help="Give a speaker a new display name.")
@click.option("--json", "as_json", is_flag=True, help="JSON lines (the default off a terminal).")
@click.option("--csv", "as_csv", is_flag=True, help="CSV with a header line, every field (lists only).")
@click.option("--table", "as_table", is_flag=True, help="A table or text (the default on a terminal).")
def command(
    db: str | None,
    top: int,
    offset: int,
    name: str | None,
    show: str | None,
    merge: tuple[str, str] | None,
    rename: tuple[str, str] | None,
    as_json: bool,
    as_csv: bool,
    as_table: bool,
) -> None:
    """List speakers, most quoted first, with quotes, articles, first and last seen.

    Speakers are merged across articles by their folded name (case, accents and punctuation
    ignored). Correct the merges by hand: --merge makes one speaker a variant of another
    (later ingests follow), --rename changes the display name, --variants shows one speaker.
    A table (or text) goes to a terminal, JSON lines anywhere else; --json, --csv, --table choose.
    """
    fmt = choose_format(as_json=as_json, as_csv=as_csv, as_table=as_table)
    detail = bool(show or merge or rename)
    if detail and fmt == "csv":
        raise click.UsageError("--csv lists speakers; use --json with --variants, --merge or --rename")
    try:
        with corpus_errors():
            if merge or rename:
                items = [_change(db, merge, rename)]
            elif show:
                items = [_show(db, show)]
            else:
                items = _list(db, name, top, offset)
    except Exit as stop:
        sys.exit(stop.code)
    _print(items, fmt, detail=detail)
    sys.exit(EXIT_OK)


def _list(db: str | None, name: str | None, top: int, offset: int) -> list[dict[str, Any]]:
    from guillemets.store.queries import list_speakers

    engine = open_engine(db)
    with engine.connect() as conn:
        page = list_speakers(conn, q=name, limit=top, offset=offset)
    engine.dispose()
    click.echo(f"speakers: {page.total} speakers, showing {len(page.items)}", err=True)
    return page.items


def _show(db: str | None, who: str) -> dict[str, Any]:
    from guillemets.store.queries import get_speaker
    from guillemets.store.speakers import find_speaker

    engine = open_engine(db)
    with engine.connect() as conn:
        speaker = get_speaker(conn, find_speaker(conn, who))
    engine.dispose()
    assert speaker is not None  # find_speaker raised otherwise
    return speaker


def _change(db: str | None, merge: tuple[str, str] | None, rename: tuple[str, str] | None) -> dict[str, Any]:
    from guillemets.store import speakers

    engine = open_engine(db, readonly=False)
    with engine.begin() as conn:  # all or nothing
        if merge:
            speaker_id = speakers.merge(conn, merge[0], merge[1])
            click.echo(f"speakers: merged {merge[0]!r} into {merge[1]!r} (speaker {speaker_id})", err=True)
        else:
            assert rename is not None
            speaker_id = speakers.rename(conn, rename[0], rename[1])
            click.echo(f"speakers: speaker {speaker_id} is now {rename[1]!r}", err=True)
    engine.dispose()
    return _show(db, str(speaker_id))


def _print(items: list[dict[str, Any]], fmt: str, *, detail: bool) -> None:
    if detail and fmt == "table":
        with reader_may_stop():
            for item in items:
                click.echo(_detail(item))
    else:
        emit_rows(items, fmt, COLUMNS)


COLUMNS = [
    ("speaker_id", "id", 6),
    ("name", "speaker", 32),
    ("kind", "kind", 4),
    ("quotes", "quotes", 6),
    ("articles", "articles", 8),
    ("first_seen", "first seen", 10),
    ("last_seen", "last seen", 10),
]


def _detail(item: dict[str, Any]) -> str:
    """One speaker as text for a terminal (names are ``printable``: no escapes reach the terminal)."""
    item = {**item, "name": printable(item["name"]), "variants": [printable(v) for v in item["variants"]]}
    item["co_quoted"] = [{**c, "name": printable(c["name"])} for c in item["co_quoted"]]
    lines = [
        f"{item['name']} (speaker {item['speaker_id']}, {item['kind'] or 'kind unknown'})",
        f"  {item['quotes']} quotes in {item['articles']} articles, "
        f"{item['first_seen']} – {item['last_seen']}",
        f"  variants: {' | '.join(item['variants'])}",
        "  quotes per month: "
        + (", ".join(f"{t['month']}: {t['quotes']}" for t in item["timeline"]) or "none dated"),
        "  quoted with: "
        + (", ".join(f"{c['name']} ({c['articles']})" for c in item["co_quoted"]) or "nobody"),
    ]
    return "\n".join(lines)
