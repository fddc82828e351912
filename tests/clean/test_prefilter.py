"""The language prefilter of HTML pages: a cheap look at title and paragraphs, conservative on doubt."""

from __future__ import annotations

import pytest

import guillemets.pipeline
from guillemets.clean.prefilter import declared_language, html_language, page_sample, wanted
from guillemets.model import Source
from guillemets.pipeline import build_document
from guillemets.read.base import PageKind, RawPage
from guillemets.settings import CleanSettings, Settings

GERMAN = (
    "Der Gemeinderat hat am Dienstag beschlossen, dass die alte Brücke über den Fluss im nächsten"
    " Jahr erneuert wird. Die Arbeiten sollen im Frühling beginnen und bis zum Herbst dauern, und"
    " die Anwohner werden über die Umleitungen informiert."
)
FRENCH = (
    "Le conseil municipal a décidé mardi que le vieux pont sur la rivière serait rénové l'an"
    " prochain. Les travaux doivent commencer au printemps et durer jusqu'à l'automne, et les"
    " riverains seront informés des déviations."
)
COOKIES = "We use cookies to improve your experience on our website and to show you relevant offers."


def page(paragraphs: list[str], lang: str | None = None, title: str = "Une page") -> str:
    attr = f' lang="{lang}"' if lang else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<!DOCTYPE html><html{attr}><head><title>{title}</title></head><body>{body}</body></html>"


def test_sample_holds_title_and_long_paragraphs_not_scripts_nor_short_ones() -> None:
    html = page(["Par Jean", FRENCH], title="Le pont rénové").replace(
        "<body>", "<body><script>var x = 'le script';</script>"
    )
    sample = page_sample(html)
    assert sample.splitlines() == ["Le pont rénové", FRENCH]


def test_language_of_the_text_and_the_declared_one() -> None:
    assert html_language(page([GERMAN, GERMAN])) == "de"
    assert html_language(page([FRENCH, FRENCH])) == "fr"
    assert declared_language(page([FRENCH], lang="fr-BE")) == "fr"
    assert declared_language(page([FRENCH])) is None


def test_a_page_in_another_language_is_not_wanted() -> None:
    assert wanted(page([GERMAN, GERMAN], lang="de"), ("fr",)) == (False, "de")
    assert wanted(page([GERMAN, GERMAN]), ("fr", "en")) == (False, "de")


@pytest.mark.parametrize(
    "html",
    [
        page([FRENCH, FRENCH], lang="en"),  # a template's wrong declaration: the text is French
        page([COOKIES, COOKIES], lang="fr"),  # an English banner on a French site
        "<html><body><div>rien</div></body></html>",  # no text, no declaration: unknown, kept
        "",
        "<<<>>>&&&",
    ],
)
def test_a_page_any_sign_says_is_wanted_or_that_says_nothing_is_kept(html: str) -> None:
    assert wanted(html, ("fr",))[0] is True


def test_pipeline_skips_the_html_cleaner_for_a_page_in_another_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_cleaning(*_: object, **__: object) -> None:
        raise AssertionError("trafilatura must not run on this page")

    monkeypatch.setattr(guillemets.pipeline, "clean_html", no_cleaning)
    raw = RawPage(Source(path="b.html"), PageKind.HTML, page([GERMAN, GERMAN], lang="de"))
    doc = build_document(raw, Settings(clean=CleanSettings(languages=("fr",))))
    assert doc.lang == "de" and doc.text == "" and doc.id
    assert [(e.stage, e.code) for e in doc.errors] == [("clean", "other-language")]
    assert "de" in doc.errors[0].message and "fr" in doc.errors[0].message


def test_pipeline_keeps_a_wanted_html_page_as_without_the_filter() -> None:
    raw = RawPage(Source(path="a.html"), PageKind.HTML, page([FRENCH, FRENCH], lang="fr"))
    kept = build_document(raw, Settings(clean=CleanSettings(languages=("fr",))))
    assert kept.to_json() == build_document(raw, Settings()).to_json()
    assert kept.errors == [] and kept.lang == "fr"
