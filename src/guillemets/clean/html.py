"""HTML pages: trafilatura finds the main content from the page structure; we then set apart
markers and other stories' teasers the way the dump cleaner does."""

from __future__ import annotations

import logging

from guillemets.clean.features import marker_kinds
from guillemets.clean.lines import Line, split_pages, table_lines
from guillemets.clean.result import Cleaned, LineDecision
from guillemets.model import ChromeKind, ChromeLine, Story

log = logging.getLogger(__name__)
_KIND = {
    "related": ChromeKind.HEADING, "advertising": ChromeKind.ADVERTISING, "social": ChromeKind.SOCIAL,
    "legal": ChromeKind.LEGAL, "navigation": ChromeKind.NAVIGATION,
}  # fmt: skip
# favor_precision: 0.945 overall F1 on the DEV HTML pages against 0.942 for the default
# (../shared/bench/pages/README.md; bench.pages_html reproduces it).
FAVOR_PRECISION = True
# A line after a related-stories marker, this short and without a full stop, is a teaser.
TEASER_MAX_WORDS = 20


def clean_html(html: str, url: str | None = None, *, explain: bool = False) -> Cleaned:
    """Main text by trafilatura (title and date from its metadata), then teasers and markers set apart."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, favor_precision=FAVOR_PRECISION, with_metadata=True)
    if doc is None:
        return Cleaned()
    meta = doc if isinstance(doc, dict) else doc.as_dict()
    out = Cleaned(title=(meta.get("title") or "").strip(), date=meta.get("date") or None)
    text = meta.get("text") or ""
    table = split_pages([text])
    _split_body(table_lines(table), marker_kinds(table), out, explain)
    return out


def _split_body(lines: list[Line], kinds: list[str | None], out: Cleaned, explain: bool) -> None:
    body: list[str] = []
    in_teasers = False
    for line, kind in zip(lines, kinds, strict=True):
        label, reason = "paragraph", "main content (trafilatura)"
        if not body and line.text == out.title:
            label, reason = "title", "the headline (trafilatura's title) at the top of the main content"
        elif kind == "teaser":
            out.related.append(Story(title=line.text, text=""))
            label, reason = "related", "another story's title after a related-stories marker"
        elif kind:
            in_teasers = kind in ("related", "advertising")
            out.chrome.append(ChromeLine(line.number, _KIND[kind], line.text))
            label, reason = f"chrome:{_KIND[kind].value}", f"marker ({kind})"
        elif in_teasers and _teaser_shaped(line.text):
            out.related.append(Story(title=line.text, text=""))
            label, reason = "related", "short line after a related-stories marker"
        else:
            in_teasers = False
            body.append(line.text)
        if explain:
            out.explain.append(LineDecision(line.number, label, reason, line.text))
    if body:
        out.lede, out.paragraphs = body[0], body[1:]
        if explain:
            first = next(d for d in out.explain if d.label == "paragraph")
            first.label, first.reason = "lede", "first paragraph of the main content"


def _teaser_shaped(text: str) -> bool:
    return len(text.split()) <= TEASER_MAX_WORDS and not text.rstrip().endswith((".", "!", "?", "»", '"'))
