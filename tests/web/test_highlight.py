"""Highlighted article HTML: escaped text, only our tags, well-formed even for crossing spans."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from guillemets.web.highlight import Span, blocks, render, valid_spans

TAG = re.compile(r"<(/?)(mark|a|span)\b[^>]*>")


def strip_tags(markup: str) -> str:
    return html.unescape(TAG.sub("", markup))


def well_formed(markup: str) -> bool:
    stack: list[str] = []
    for closing, name in TAG.findall(markup):
        if closing:
            if not stack or stack.pop() != name:
                return False
        else:
            stack.append(name)
    return not stack


def test_render_escapes_text_and_attributes() -> None:
    text = "a <script>alert(1)</script> b"
    spans = [Span(2, 10, "mark", (("title", '"><img src=x onerror=alert(1)>'),))]
    out = str(render(text, spans))
    assert "<script>" not in out and "<img" not in out
    assert out.startswith('a <mark title="&#34;&gt;&lt;img src=x onerror=alert(1)&gt;">&lt;script&gt;</mark>')
    assert strip_tags(out) == text


def test_render_splits_crossing_spans() -> None:
    text = "0123456789"
    out = str(render(text, [Span(0, 6, "mark"), Span(4, 9, "span")]))
    assert out == "<mark>0123<span>45</span></mark><span>678</span>9"


def test_render_nests_contained_spans_by_layer() -> None:
    text = "Vladimir Poutine"
    out = str(render(text, valid_spans(text, [Span(0, 8, "span", layer=2), Span(0, 16, "a", layer=1)])))
    assert out == "<a><span>Vladimir</span> Poutine</a>"


def test_valid_spans_drops_bad_offsets_and_stale_text() -> None:
    text = "hello world"
    spans = [
        Span(0, 5, "mark", expect="hello"),
        Span(6, 11, "mark", expect="WORLD"),  # stale: text changed since the offsets were computed
        Span(5, 3, "mark"),
        Span(-1, 4, "mark"),
        Span(0, 99, "mark"),
        Span(0, 5, "script"),  # not a tag we write
        Span(0, 5, "mark", expect="hello"),  # duplicate
    ]
    assert valid_spans(text, spans) == [Span(0, 5, "mark", expect="hello")]


def test_blocks_follow_title_lede_paragraphs() -> None:
    text = "Titre\n\nChapeau\n\nUn.\n\nDeux."
    found = blocks(text, "Titre", "Chapeau", ["Un.", "Deux."])
    assert [(b.kind, text[b.start : b.end]) for b in found] == [
        ("title", "Titre"),
        ("lede", "Chapeau"),
        ("paragraph", "Un."),
        ("paragraph", "Deux."),
    ]


def test_blocks_fall_back_to_blank_lines_when_parts_do_not_match() -> None:
    text = "Titre\n\nautre chose"
    found = blocks(text, "Titre modifié", "", [])
    assert [text[b.start : b.end] for b in found] == ["Titre", "autre chose"]


span_strategy = st.builds(
    lambda a, b, tag, layer: Span(min(a, b), max(a, b), tag, (("class", "x"),), layer),
    st.integers(-2, 40),
    st.integers(-2, 40),
    st.sampled_from(["mark", "a", "span"]),
    st.integers(0, 2),
)


@given(st.text(alphabet="ab <>&\"'é\n", max_size=40), st.lists(span_strategy, max_size=8), st.data())
def test_render_is_safe_and_lossless(text: str, spans: list[Span], data: st.DataObject) -> None:
    kept = valid_spans(text, spans)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    out = str(render(text, kept, start, end))
    assert strip_tags(out) == text[start:end]
    assert well_formed(out)
    assert "<" not in TAG.sub("", out) and ">" not in TAG.sub("", out)


def test_article_view_skips_malformed_offsets() -> None:
    from guillemets.web.article_view import build
    from guillemets.web.i18n import translator
    from guillemets.web.ui import UI

    text = "Titre\n\n« Oui », dit Paul."
    article = {
        "text": text,
        "title": "Titre",
        "lede": "",
        "paragraphs": ["« Oui », dit Paul."],
        "quotes": [
            {"type": "direct", "start": None, "end": 3, "text": "Oui"},
            {
                "type": "direct",
                "start": 9,
                "end": 12,
                "text": "Oui",
                "speaker_id": 4,
                "speaker": {"start": "x", "end": 20, "text": "Paul"},
            },
        ],
        "entities": [
            {"name": "Paul", "label": "PER", "mentions": [{"start": 20, "end": 24, "text": "Paul"}, {}]}
        ],
    }
    view = build(article, UI(translator("fr"), False, "/", ()))
    html = "".join(str(b.html) for b in view["blocks"])
    assert html.count("<mark") == 1 and '<span class="entity entity-PER" title="Paul">Paul</span>' in html
    assert 'class="speaker"' not in html
