"""A page's own publication date becomes ``date``; the crawl date (WARC-Date) stays in ``crawl_date``."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest

from guillemets.model import Document
from guillemets.pipeline import process_many
from guillemets.read import iter_pages
from guillemets.settings import Settings

NO_QUOTES = replace(Settings(), nlp=replace(Settings().nlp, quotes=False))
BODY = (
    "<p>Le conseil départemental a voté mardi soir un plan de rénovation des collèges de la vallée, "
    "après trois heures de débat et une suspension de séance demandée par l'opposition.</p>"
    "<p>Les travaux commenceront à l'automne et dureront quatre ans, selon le calendrier présenté "
    "par la vice-présidente chargée de l'éducation devant les élus réunis à l'hôtel du département.</p>"
)


def page(head: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Collèges rénovés</title>'
        f"{head}</head><body><article><h1>Collèges rénovés</h1>{BODY}</article></body></html>"
    )


def warc(path: Path, html: str, crawled: str) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        "https://journal.example/colleges", "response", payload=io.BytesIO(html.encode("utf-8")),
        http_headers=http, warc_headers_dict={"WARC-Date": crawled},
    )  # fmt: skip
    writer.write_record(record)
    path.write_bytes(out.getvalue())
    return path


def extract(path: Path) -> Document:
    [doc] = process_many(iter_pages([str(path)], NO_QUOTES.read), NO_QUOTES, None)
    return doc


def test_warc_page_with_published_time_gets_that_date(tmp_path: Path) -> None:
    meta = '<meta property="article:published_time" content="2024-05-17T09:30:00+02:00">'
    doc = extract(warc(tmp_path / "a.warc.gz", page(meta), "2026-01-05T10:00:00Z"))
    assert doc.ok, doc.errors
    assert (doc.date, doc.crawl_date) == ("2024-05-17", "2026-01-05T10:00:00Z")


def test_warc_page_with_json_ld_date_gets_that_date(tmp_path: Path) -> None:
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-11-02"}</script>'
    doc = extract(warc(tmp_path / "b.warc.gz", page(ld), "2026-01-05T10:00:00Z"))
    assert (doc.date, doc.crawl_date) == ("2023-11-02", "2026-01-05T10:00:00Z")


def test_text_dump_date_line_is_the_date(tmp_path: Path) -> None:
    dump = tmp_path / "page.txt"
    dump.write_text(
        "Collèges rénovés\n\nPublié le 8 février 2022 à 7h45\n\n"
        + BODY.replace("<p>", "").replace("</p>", "\n\n"),
        encoding="utf-8",
    )
    doc = extract(dump)
    assert (doc.date, doc.crawl_date) == ("2022-02-08", None)


def test_jsonl_date_is_kept_as_its_day_and_a_non_date_is_reported(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import json

    feed = tmp_path / "feed.jsonl"
    text = BODY.replace("<p>", "").replace("</p>", "\n\n")
    records = [{"id": "j1", "text": text, "date": "2024-03-05T10:00:00+01:00"},
               {"id": "j2", "text": text, "date": "bientôt"}]  # fmt: skip
    feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    first, second = process_many(iter_pages([str(feed)], NO_QUOTES.read), NO_QUOTES, None)
    assert (first.date, second.date) == ("2024-03-05", None)
    assert "feed.jsonl#2: date 'bientôt'" in caplog.text
