"""PLACEHOLDER ``guillemets extract`` (to be replaced by the readers' work)."""

from __future__ import annotations

import sys

import click

from guillemets.nlp import make_annotator
from guillemets.pipeline import process_many
from guillemets.read import iter_pages
from guillemets.settings import Settings


@click.command("extract")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-")
def command(inputs: tuple[str, ...], output: click.utils.LazyFile) -> None:
    """Extract the main article (and quotes) from pages, as JSON lines."""
    settings = Settings()
    failed = 0
    for doc in process_many(iter_pages(inputs, settings.read), settings, make_annotator(settings.nlp)):
        output.write(doc.to_json() + "\n")
        failed += bool(doc.errors)
    sys.exit(1 if failed else 0)
