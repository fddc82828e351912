"""``guillemets serve``: the JSON API and the web pages over a corpus database, with uvicorn."""

from __future__ import annotations

import ipaddress
from dataclasses import replace
from typing import TYPE_CHECKING

import click

from guillemets.cli.options import db_option, model_option, quiet_option
from guillemets.errors import require
from guillemets.settings import NlpSettings, Settings, database_url

if TYPE_CHECKING:
    from fastapi import FastAPI


def is_loopback(host: str) -> bool:
    """True for 127.0.0.1, ::1 and localhost: the only hosts reachable from this machine alone."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@db_option()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; anything but loopback exposes the corpus to the network.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port.")
@click.option(
    "--lang",
    "lang",
    default="fr",
    show_default=True,
    type=click.Choice(["fr", "en"]),
    help="Default interface language (visitors can switch, or send Accept-Language).",
)
@model_option(
    "spaCy model for one language of POST /api/extract, as LANG=NAME (repeatable): "
    "fr=fr_core_news_lg, en=en_core_web_md. Named models load at start-up."
)
@quiet_option("No access log.")
def command(
    db: str | None, host: str, port: int, lang: str, models: tuple[tuple[str, str], ...], quiet: bool
) -> None:
    """Serve the JSON API (/api/…) and the web pages (/) over a corpus, read-only.

    \b
    Examples:
      guillemets serve --db corpus.db
      guillemets serve --db postgresql://localhost/news --port 8080
      GUILLEMETS_DB=corpus.db guillemets serve --lang en
      guillemets serve --db corpus.db --model en=en_core_web_md
    """
    url = database_url(db)
    require("fastapi", "web")  # a typed error stops the command; the group maps it to its exit code
    require("uvicorn", "web")
    check_models(models)
    app = build(url, lang, serve_settings(models))
    if not is_loopback(host):
        click.echo(
            f"guillemets: warning: listening on {host}: the corpus is reachable from the network", err=True
        )
    if not quiet:
        click.echo(f"guillemets: serving {url} on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    import threading

    import uvicorn

    from guillemets.web.charts import warm_up

    threading.Thread(target=warm_up, name="chart-warm-up", daemon=True).start()
    from guillemets.web.extract_api import warm_up_in_background

    warm_up_in_background(app)  # the models for POST /api/extract (French, --model's), loaded at start-up

    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning" if quiet else "info",
        access_log=not quiet,
        server_header=False,
        proxy_headers=False,
    )


def serve_settings(models: tuple[tuple[str, str], ...] = ()) -> Settings:
    """The settings of POST /api/extract: ``models`` replace or add to the default model per language,
    and every language named there is preloaded at start-up beside French."""
    nlp = NlpSettings().with_models(models)
    preload = tuple(dict.fromkeys([*nlp.preload, *(lang for lang, _ in models)]))
    return Settings(nlp=replace(nlp, preload=preload))


def check_models(models: tuple[tuple[str, str], ...]) -> None:
    """A model named with --model that is not installed stops ``serve`` now (ModelMissing, exit 3)."""
    from guillemets.nlp.models import is_installed

    for _, name in models:
        if not is_installed(name):
            from guillemets.nlp.load import load_model

            load_model(name, quotes=False)  # raises ModelMissing, naming the pip command


def build(url: str, lang: str, settings: Settings | None = None) -> FastAPI:
    """The app, after checking the database answers, so a bad --db fails now (exit 3), not per request."""
    from guillemets.web.app import create_app
    from guillemets.web.db import check

    app = create_app(url, lang=lang, settings=settings)
    if app.state.engine is None:
        raise app.state.engine_error
    check(app.state.engine)
    return app
