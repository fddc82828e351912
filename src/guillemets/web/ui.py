"""What every page template gets: the interface language, translations, links, and rendering.

The Jinja2 environment autoescapes everything; the only unescaped HTML in a page is what
``highlight`` and ``charts`` build, and they escape any text they put in.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse

from guillemets.web.i18n import LANGUAGES, Translator, negotiate, normalise, translator
from guillemets.web.matches import mark_terms


@dataclass(frozen=True, slots=True)
class UI:
    """The interface language of one request and link helpers that keep it."""

    t: Translator
    explicit: bool  # the language came from ?lang=, so links must carry it
    path: str
    query: tuple[tuple[str, str], ...]

    @property
    def lang(self) -> str:
        return self.t.lang

    def link(self, path: str, **params: Any) -> str:
        """``path?params`` without empty values, plus ``lang`` when the user chose it."""
        pairs = [(k, str(v)) for k, v in params.items() if v is not None and v != ""]
        if self.explicit:
            pairs.append(("lang", self.lang))
        return f"{path}?{urlencode(pairs)}" if pairs else path

    def article_link(self, document_id: str) -> str:
        """The article page of ``document_id``: the id percent-encoded whole (it may hold ``/#?%``)."""
        return self.link("/articles/" + quote(document_id, safe=""))

    def switch_link(self) -> str:
        """This page in the other language."""
        other = next(code for code in LANGUAGES if code != self.lang)
        pairs = [(k, v) for k, v in self.query if k != "lang"] + [("lang", other)]
        return f"{self.path}?{urlencode(pairs)}"

    def other_lang(self) -> str:
        return next(code for code in LANGUAGES if code != self.lang)


def ui_for(request: Request) -> UI:
    """The UI of a request: ``?lang=`` beats Accept-Language beats the app default."""
    chosen = normalise(request.query_params.get("lang"))
    default: str = request.app.state.lang
    lang = chosen or negotiate(request.headers.get("accept-language"), default)
    return UI(
        translator(lang), chosen is not None, request.url.path, tuple(request.query_params.multi_items())
    )


def make_environment() -> jinja2.Environment:
    """Templates from the package, autoescaped, undefined variables an error in development."""
    folder = resources.files("guillemets.web").joinpath("templates")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["http_url"] = http_url
    env.filters["marked"] = mark_terms
    return env


def http_url(value: object) -> str | None:
    """The value if it is an http(s) URL, else None: data never becomes a ``javascript:`` link."""
    text = str(value or "").strip()
    return text if urlsplit(text).scheme.lower() in ("http", "https") else None


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """A template rendered with the request's UI in ``ui`` and its translator in ``t``."""
    ui = context.get("ui") or ui_for(request)
    env: jinja2.Environment = request.app.state.templates
    html = env.get_template(name).render({**context, "ui": ui, "t": ui.t})
    return HTMLResponse(
        html, status_code=status, headers={"content-language": ui.lang, "vary": "Accept-Language"}
    )
