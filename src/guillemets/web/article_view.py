"""What the article page shows: its blocks with quotes, speakers and entities highlighted, and lists.

Turns the store's article record into highlight spans (quote → ``<mark>``, resolved speaker →
``<a>`` to their page, entity mention → ``<span>``); ``highlight`` does the escaping.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from guillemets.web.highlight import Block, Span, blocks, render_blocks, valid_spans

if TYPE_CHECKING:
    from guillemets.web.ui import UI

QUOTE_LAYER, SPEAKER_LAYER, ENTITY_LAYER = 0, 1, 2


def offsets(item: dict[str, Any]) -> tuple[int, int] | None:
    """``(start, end)`` when both are integers; anything else is not a span we can trust."""
    start, end = item.get("start"), item.get("end")
    if isinstance(start, int) and isinstance(end, int) and not isinstance(start | end, bool):
        return start, end
    return None


def quote_anchor(quote_id: object) -> str:
    return f"quote-{quote_id}"


def quote_spans(quotes: list[dict[str, Any]], ui: UI) -> list[Span]:
    """A ``<mark>`` per quote and a link (or plain span) per speaker mention."""
    spans: list[Span] = []
    for index, quote in enumerate(quotes):
        name = speaker_name(quote) or ui.t("quote.unknown_speaker")
        anchor = quote_anchor(quote.get("quote_id", index))
        where = offsets(quote)
        if where is None:
            continue
        spans.append(
            Span(
                where[0],
                where[1],
                "mark",
                (("class", f"quote quote-{quote.get('type', 'direct')}"), ("id", anchor), ("title", name)),
                QUOTE_LAYER,
                quote.get("text"),
            )
        )
        mention = quote.get("speaker")
        if isinstance(mention, dict) and offsets(mention):
            spans.append(speaker_span(mention, quote.get("speaker_id"), ui))
    return spans


def speaker_span(mention: dict[str, Any], speaker_id: object, ui: UI) -> Span:
    start, end, text = int(mention["start"]), int(mention["end"]), mention.get("text")  # checked by caller
    if isinstance(speaker_id, int):
        return Span(
            start,
            end,
            "a",
            (("class", "speaker"), ("href", ui.link(f"/speakers/{speaker_id}"))),
            SPEAKER_LAYER,
            text,
        )
    return Span(start, end, "span", (("class", "speaker"),), SPEAKER_LAYER, text)


def entity_spans(entities: list[dict[str, Any]]) -> list[Span]:
    """A ``<span>`` per entity mention, labelled with its canonical name."""
    spans: list[Span] = []
    for entity in entities:
        attrs = (
            ("class", f"entity entity-{entity.get('label', 'PER')}"),
            ("title", str(entity.get("name", ""))),
        )
        for mention in entity.get("mentions") or []:
            where = offsets(mention) if isinstance(mention, dict) else None
            if where:
                spans.append(Span(where[0], where[1], "span", attrs, ENTITY_LAYER, mention.get("text")))
    return spans


def speaker_name(quote: dict[str, Any]) -> str | None:
    mention = quote.get("speaker") or {}
    name = quote.get("speaker_name") or mention.get("name") or mention.get("text")
    return str(name) if name else None


def quoted_people(quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The speakers of the article, with their number of quotes, most quoted first."""
    people: dict[tuple[object, str], int] = {}
    for quote in quotes:
        name = speaker_name(quote)
        if name:
            key = (quote.get("speaker_id"), name)
            people[key] = people.get(key, 0) + 1
    rows = [{"speaker_id": sid, "name": name, "quotes": n} for (sid, name), n in people.items()]
    return sorted(rows, key=lambda r: (-r["quotes"], r["name"]))


def build(article: dict[str, Any], ui: UI) -> dict[str, Any]:
    """Blocks of highlighted HTML plus the lists shown beside the text."""
    text = str(article.get("text") or "")
    quotes = list(article.get("quotes") or [])
    entities = list(article.get("entities") or [])
    spans = valid_spans(text, [*quote_spans(quotes, ui), *entity_spans(entities)])
    layout: list[Block] = blocks(
        text,
        str(article.get("title") or ""),
        str(article.get("lede") or ""),
        list(article.get("paragraphs") or []),
    )
    return {
        "blocks": render_blocks(text, layout, spans),
        "quotes": [
            {**q, "anchor": quote_anchor(q.get("quote_id", i)), "name": speaker_name(q)}
            for i, q in enumerate(quotes)
        ],
        "people": quoted_people(quotes),
        "entities": sorted(entities, key=lambda e: (-len(e.get("mentions", [])), str(e.get("name", "")))),
    }
