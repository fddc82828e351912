"""The paste page: the form in French and English, its 413/422 answers, highlighted quotes (with
the model), and in real Chromium: paste the example page, submit, see who said what."""

from __future__ import annotations

import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.web.test_browser import LAUNCH_ARGS, chromium_path, free_port

pytest.importorskip("fastapi")

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "lavoixdulac-greve-port.txt"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from guillemets.web.app import create_app

    # no corpus at all: the paste page needs none, and must never create one
    return create_app(f"sqlite:///{tmp_path_factory.mktemp('paste') / 'absent.db'}")


@pytest.fixture(scope="module")
def client(app: Any) -> Iterator[Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    with TestClient(app) as test_client:
        yield test_client


def test_paste_form_in_both_languages(client: Any) -> None:
    fr = client.get("/paste")
    assert fr.status_code == 200
    assert '<textarea id="paste-text" name="text"' in fr.text
    assert "Collez un article" in fr.text
    en = client.get("/paste?lang=en")
    assert "Paste an article" in en.text and 'action="/paste?lang=en"' in en.text
    assert 'href="/paste"' in client.get("/speakers").text  # linked from every page's menu


def test_paste_empty_text_is_422_with_the_form(client: Any) -> None:
    response = client.post("/paste", data={"text": "  \n ", "format": "auto"})
    assert response.status_code == 422
    assert "Collez d’abord un article." in response.text
    assert "<textarea" in response.text


def test_paste_unknown_format_is_422(client: Any) -> None:
    response = client.post("/paste?lang=en", data={"text": "Un titre", "format": "docx"})
    assert response.status_code == 422
    assert "Unknown format." in response.text


@pytest.mark.parametrize("char", ["a", "é"])  # é: 6 bytes once percent-encoded, over the form limit
def test_paste_too_large_is_413(client: Any, char: str) -> None:
    response = client.post("/paste", data={"text": char * (2 * 1024 * 1024 + 10), "format": "text"})
    assert response.status_code == 413
    assert "L’article dépasse 2 Mo" in response.text


@pytest.mark.model
def test_paste_example_shows_quotes_and_speakers(client: Any) -> None:
    response = client.post("/paste", data={"text": EXAMPLE.read_text(encoding="utf-8"), "format": "auto"})
    assert response.status_code == 200
    result = response.text.split('class="article-layout paste-result"', 1)[1]
    assert result.count('<mark class="quote quote-') >= 5
    assert result.count('<span class="speaker">') >= 5  # speaker mentions highlighted in the text
    assert '<li>Martine Lebrun <span class="count">' in result  # and listed beside it


@pytest.mark.model
def test_paste_escapes_what_it_is_given(client: Any) -> None:
    text = "Titre <script>alert(1)</script>\n\n« Rien ne bouge », a dit <b>Jeanne Morel</b>."
    response = client.post("/paste", data={"text": text, "format": "clean"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


# --- in Chromium ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base_url(app: Any) -> Iterator[str]:
    import uvicorn

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.mark.browser
@pytest.mark.model
def test_browser_paste_the_example_and_see_its_quotes(base_url: str) -> None:
    import os

    path = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("playwright is not installed; CI installs guillemets[test]")
        pytest.skip("playwright is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=LAUNCH_ARGS)
        try:
            tab = browser.new_page(locale="fr-FR")
            tab.set_default_timeout(60000)  # the first extraction loads the French model
            errors: list[str] = []
            tab.on("pageerror", lambda e: errors.append(str(e)))
            tab.goto(base_url + "/")
            tab.click("header nav >> text=Analyser un article")
            tab.wait_for_url("**/paste")
            tab.fill("#paste-text", EXAMPLE.read_text(encoding="utf-8"))
            tab.click("form.paste button[type=submit]")
            tab.wait_for_selector(".paste-result article.article mark.quote")
            assert tab.locator("article.article mark.quote").count() >= 5
            speakers = tab.locator("article.article .speaker").all_inner_texts()
            assert "Martine Lebrun" in speakers
            assert "Grève au port de Sainte-Aure" in tab.inner_text("article.article h1")
            assert "Nous ne lâcherons rien" in tab.inner_text(".quote-list")
            tab.uncheck("#toggle-entities")  # the article page's own script works here too
            assert "hide-entities" in (tab.get_attribute("body", "class") or "")
            assert errors == []
        finally:
            browser.close()
