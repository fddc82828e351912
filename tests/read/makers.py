"""Builders of small test inputs (WARC/WET archives, pages), shared by tests/read and tests/cli."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

FRENCH = (
    "Grève au port : « Nous n’irons pas plus loin », prévient le délégué. "
    "Le cœur de l’été à Liège, déjà fini, a déclaré Émile."
)


def html_page(title: str, body: str, charset: str = "utf-8") -> str:
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title></head>'
        f"<body><article><h1>{title}</h1><p>{body}</p><p>{body}</p></article></body></html>"
    )


def warc_bytes(pages: list[tuple[str, str]], *, gz: bool, extra: bool = True, wet: bool = False) -> bytes:
    """A WARC (or WET) archive of ``(url, content)`` pages; ``extra`` adds non-page records."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    if extra:
        writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
    for url, content in pages:
        data = content.encode("utf-8")
        if wet:
            headers = {"Content-Type": "text/plain"}
            rec = writer.create_warc_record(
                url, "conversion", payload=io.BytesIO(data), warc_headers_dict=headers
            )
        else:
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(data), http_headers=http)
        writer.write_record(rec)
        if extra and not wet:
            image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            png = io.BytesIO(b"\x89PNG\r\n\x1a\n" + bytes(200))
            writer.write_record(
                writer.create_warc_record(url + ".png", "response", payload=png, http_headers=image)
            )
    return out.getvalue()


def record_pages(n: int) -> list[tuple[str, str]]:
    return [
        (f"https://example.org/{i}", html_page(f"Titre numéro {i}", FRENCH + f" Numéro {i}."))
        for i in range(n)
    ]


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data)


PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def cut_inside_a_record(data: bytes, fraction: float, gz: bool) -> bytes:
    """The first ``fraction`` of ``data``, moved back so that it never ends exactly between records."""
    cut = int(len(data) * fraction)
    if not gz:
        return data[: data.index(b"<p>", cut) + 2] if b"<p>" in data[cut:] else data[:cut]
    while True:
        try:
            gzip.decompress(data[:cut])
        except (EOFError, gzip.BadGzipFile):
            return data[:cut]
        cut -= 5
