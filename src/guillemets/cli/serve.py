"""``guillemets serve``: the JSON API and the web pages over a corpus database, with uvicorn."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

import click

from guillemets.cli.options import db_option, quiet_option
from guillemets.errors import require
from guillemets.settings import database_url

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
@quiet_option("No access log.")
def command(db: str | None, host: str, port: int, lang: str, quiet: bool) -> None:
    """Serve the JSON API (/api/…) and the web pages (/) over a corpus, read-only.

    \b
    Examples:
      guillemets serve --db corpus.db
      guillemets serve --db postgresql://localhost/news --port 8080
      GUILLEMETS_DB=corpus.db guillemets serve --lang en
    """
    url = database_url(db)
    require("fastapi", "web")  # a typed error stops the command; the group maps it to its exit code
    require("uvicorn", "web")
    app = build(url, lang)
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

    warm_up_in_background(app)  # the French model for POST /api/extract, loaded once, at start-up

    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning" if quiet else "info",
        access_log=not quiet,
        server_header=False,
        proxy_headers=False,
    )


def build(url: str, lang: str) -> FastAPI:
    """The app, after checking the database answers, so a bad --db fails now (exit 3), not per request."""
    from guillemets.web.app import create_app
    from guillemets.web.db import check

    app = create_app(url, lang=lang)
    if app.state.engine is None:
        raise app.state.engine_error
    check(app.state.engine)
    return app
