"""The pages in real headless Chromium (Debian's, driven by Playwright): search, speaker, chart, no XSS.

Needs ``/usr/bin/chromium`` (or CHROMIUM_PATH); skipped without it, except with CI=true where
a missing browser fails. Set GUILLEMETS_SCREENSHOTS=DIR to keep a screenshot of the speaker page.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.web.conftest import build_database

pytestmark = pytest.mark.browser

LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not Path(path).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing; CI must install Debian's chromium")
        pytest.skip(f"{path} not installed (apt-get install chromium)")
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a free 127.0.0.1 port, served by uvicorn in a thread for this module."""
    import uvicorn

    from guillemets.web.app import create_app

    url = build_database(tmp_path_factory.mktemp("browser") / "corpus.db")
    port = free_port()
    config = uvicorn.Config(
        create_app(url), host="127.0.0.1", port=port, log_level="warning", access_log=False
    )
    server = uvicorn.Server(config)
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


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("playwright is not installed; CI installs guillemets[test]")
        pytest.skip("playwright is not installed")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="fr-FR", viewport={"width": 1200, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15000)
    tab.events = {"dialogs": [], "console": [], "errors": []}
    tab.on("dialog", lambda d: (tab.events["dialogs"].append(d.message), d.dismiss()))
    tab.on("console", lambda m: tab.events["console"].append(m.text))
    tab.on("pageerror", lambda e: tab.events["errors"].append(str(e)))
    yield tab
    context.close()


def test_search_open_speaker_see_chart(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.fill("input[name=q]", "contrôle")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector(".quote-card")
    assert "La situation est sous contrôle" in page.inner_text(".results")
    page.click(".quote-card a.speaker")
    page.wait_for_url("**/speakers/*")
    assert page.inner_text("h1") == "Vladimir Poutine"
    bars = page.locator("svg[data-chart=timeline] .mark-rect path")
    assert bars.count() >= 2
    assert page.locator("svg[data-chart=timeline]").bounding_box()["width"] > 200
    assert page.locator(".their-quotes .quote-card").count() == 3
    assert "Oleksandre Syrsky" in page.inner_text(".co-quoted")
    shots = os.environ.get("GUILLEMETS_SCREENSHOTS")
    if shots:
        page.screenshot(path=str(Path(shots) / "speaker.png"), full_page=True)
    assert page.events["errors"] == []


def test_articles_search_and_highlighted_article(page: Any, base_url: str) -> None:
    page.goto(base_url + "/?q=Koursk&type=articles")
    page.click(".article-card h3 a")
    page.wait_for_url("**/articles/koursk0000000001")
    assert page.locator("article.article mark.quote").count() == 3
    assert page.locator("article.article a.speaker").count() == 3
    page.uncheck("#toggle-entities")  # our own script runs
    assert "hide-entities" in (page.get_attribute("body", "class") or "")


def test_language_switch(page: Any, base_url: str) -> None:
    page.goto(base_url + "/speakers")
    assert page.get_attribute("html", "lang") == "fr"
    page.click("a.lang-switch")
    page.wait_for_url("**lang=en")
    assert page.get_attribute("html", "lang") == "en"
    page.click("header nav >> text=Search")
    assert page.get_attribute("html", "lang") == "en"


def test_no_script_from_data_runs(page: Any, base_url: str) -> None:
    page.goto(base_url + "/speakers?q=pirate")
    page.click("table.speakers a")
    page.wait_for_url("**/speakers/*")
    hostile_paths = [
        page.url.removeprefix(base_url),
        "/articles/hostile000000004",
        "/?q=piégée",
        "/?q=piège&type=articles",
        "/?q=%3Cscript%3Ewindow.__pwned%3D9%3C%2Fscript%3E",
    ]
    for path in hostile_paths:
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        assert page.evaluate("() => document.documentElement.classList.contains('js')"), path  # ours ran
        assert page.evaluate("() => window.__pwned") is None, path
        assert "PWNED" not in page.title(), path
        assert page.locator("img").count() == 0, path
    article = base_url + "/articles/hostile000000004"
    page.goto(article)
    assert "<script>" in page.inner_text("article.article h1")  # shown as text
    page.click("a[href='#quote-" + page.get_attribute("mark.quote", "id").removeprefix("quote-") + "']")
    assert page.evaluate("() => window.__pwned") is None
    assert page.events["dialogs"] == []
    # nothing was even blocked by the CSP: escaping alone kept the payloads inert
    assert not [m for m in page.events["console"] if "Content Security Policy" in m]
