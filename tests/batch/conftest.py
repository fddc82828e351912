"""Fixtures for the batch executors: small French pages on disk, and one Spark session."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SENTENCES = [
    "« Nous ne céderons pas », a déclaré la maire de Lyon, Claire Dubois, lundi soir.",
    "Le ministre a affirmé que la réforme serait votée avant l'été.",
    "Selon le syndicat, la grève pourrait durer plusieurs semaines.",
    "« C'est une victoire pour les salariés », s'est félicité Paul Martin.",
]


def french_page(i: int) -> str:
    """A small page dump: a title, then a few paragraphs that differ from page to page."""
    body = "\n\n".join(f"{SENTENCES[(i + k) % len(SENTENCES)]} (page {i}, paragraphe {k})" for k in range(3))
    return f"Grève au port numéro {i} : les dockers mobilisés\n\n{body}\n"


@pytest.fixture
def text_inputs(tmp_path: Path) -> list[Path]:
    """Five French text pages in a directory of their own."""
    folder = tmp_path / "pages"
    folder.mkdir()
    paths = []
    for i in range(5):
        path = folder / f"page-{i:02d}.txt"
        path.write_text(french_page(i), encoding="utf-8")
        paths.append(path)
    return paths


def _java_available() -> bool:
    return shutil.which("java") is not None or bool(os.environ.get("JAVA_HOME"))


@pytest.fixture(scope="session")
def spark_session() -> Iterator[Any]:
    """One quiet local[2] session for all Spark tests (start-up costs seconds)."""
    missing = []
    try:
        import pyspark  # noqa: F401
    except ImportError:
        missing.append("pyspark")
    if not _java_available():
        missing.append("a Java runtime")
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Spark tests need {' and '.join(missing)}")
        pytest.skip(f"Spark tests need {' and '.join(missing)}")
    from guillemets.batch.spark import start_session

    session = start_session("local[2]")
    yield session
    session.stop()


def write_wet(path: Path, first: int, count: int) -> Path:
    """A gzipped WET file of ``count`` French pages as ``conversion`` records, as Common Crawl writes them."""
    import io

    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for i in range(first, first + count):
            headers = {
                "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{i:012d}>",
                "WARC-Date": f"2025-03-{1 + i % 28:02d}T08:00:00Z",
                "Content-Type": "text/plain",
            }
            body = io.BytesIO(french_page(i).encode("utf-8"))
            uri = f"https://journal.example.fr/article-{i}"
            writer.write_record(
                writer.create_warc_record(uri, "conversion", payload=body, warc_headers_dict=headers)
            )
    return path


@pytest.fixture
def wet_input(text_inputs: list[Path]) -> Path:
    """A WET archive of four more French pages, beside the text pages."""
    return write_wet(text_inputs[0].parent / "crawl.warc.wet.gz", 10, 4)
