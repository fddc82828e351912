"""The cleaner's chrome lines held as arrays: the same list on first read, the same JSON without it."""

from __future__ import annotations

import json
import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from guillemets.clean import clean_dumps
from guillemets.clean.chrome import ChromeBatch, ChromeRows
from guillemets.clean.result import CLEANED_CHROME, Cleaned
from guillemets.model import DOCUMENT_CHROME, ChromeKind, ChromeLine, Document, Source
from guillemets.write.jsonl import document_json

PROSE = (
    "Le conseil municipal a voté mardi soir le budget de la ville, après un long débat sur les "
    "travaux du port et la rénovation des écoles du quartier nord."
)
PAGE = "\n".join(
    [
        "Menu",
        "Accueil > Région > Économie",
        "Publicité",
        "Le budget de la ville adopté",
        "",
        PROSE,
        "",
        PROSE.replace("mardi", "jeudi"),
        "",
        'Partager sur "Facebook" \\ Twitter',
        "© 2025 La Gazette du Lac. Tous droits réservés.",
        "Contact\x01 rédaction",
    ]
)


def document_of(cleaned: Cleaned) -> Document:
    doc = Document(id="d", source=Source("page.txt"))
    doc.chrome = CLEANED_CHROME.raw(cleaned)  # as the pipeline hands it over: not built
    return doc


def items_of(lines: list[ChromeLine]) -> bytes:
    items = [json.dumps(c.to_dict(), ensure_ascii=False, separators=(",", ":")) for c in lines]
    return ",".join(items).encode()


def test_the_cleaner_hands_over_arrays_and_the_field_reads_as_a_list() -> None:
    cleaned = clean_dumps([PAGE])[0]
    assert isinstance(CLEANED_CHROME.raw(cleaned), ChromeRows)
    chrome = cleaned.chrome
    assert isinstance(chrome, list) and all(isinstance(c, ChromeLine) for c in chrome)
    assert cleaned.chrome is chrome  # built once, then stored
    assert CLEANED_CHROME.raw(cleaned) is chrome
    texts = {c.text: c.kind for c in chrome}
    assert texts["Menu"] == ChromeKind.NAVIGATION
    assert texts["Publicité"] == ChromeKind.ADVERTISING
    assert texts["© 2025 La Gazette du Lac. Tous droits réservés."] == ChromeKind.LEGAL
    assert [c.line for c in chrome] == sorted(c.line for c in chrome)


def test_the_json_needs_no_objects_and_equals_to_json() -> None:
    doc = document_of(clean_dumps([PAGE])[0])
    line = document_json(doc)
    assert isinstance(DOCUMENT_CHROME.raw(doc), ChromeRows)  # writing did not build the list
    assert line == doc.to_json()  # to_json reads the field: builds it
    record = json.loads(line)
    assert 'Partager sur "Facebook" \\ Twitter' in [c["text"] for c in record["chrome"]]
    assert "Contact\x01 rédaction" in [c["text"] for c in record["chrome"]]


def test_a_document_with_chrome_not_built_compares_copies_and_pickles_as_one_built() -> None:
    built = document_of(clean_dumps([PAGE])[0])
    assert built.chrome  # read: built
    lazy = document_of(clean_dumps([PAGE])[0])
    assert lazy == built
    lazy = document_of(clean_dumps([PAGE])[0])
    assert pickle.loads(pickle.dumps(lazy)) == built
    lazy.chrome = [ChromeLine(0, ChromeKind.OTHER, "x")]  # a list set by a caller replaces the arrays
    assert lazy.chrome == [ChromeLine(0, ChromeKind.OTHER, "x")]
    assert document_json(lazy) == lazy.to_json()


def test_a_batch_formatting_that_fails_costs_neither_the_record_nor_the_others(monkeypatch) -> None:
    def broken(self: ChromeBatch) -> list[str]:
        raise MemoryError("no room for the batch's chrome JSON")

    monkeypatch.setattr(ChromeBatch, "_format", broken)
    docs = [document_of(c) for c in clean_dumps([PAGE, PAGE.replace("Menu", "Rubriques")])]
    lines = [document_json(doc) for doc in docs]  # formatted one by one instead
    assert [json.loads(line)["chrome"] for line in lines] == [[c.to_dict() for c in d.chrome] for d in docs]
    assert lines == [doc.to_json() for doc in docs]


def test_a_pages_chrome_json_does_not_depend_on_its_batch() -> None:
    other = "Accueil\nSport\n\n" + PROSE.replace("budget", "match") + "\n\nNewsletter"
    alone = CLEANED_CHROME.raw(clean_dumps([PAGE])[0]).json_items()
    together = [CLEANED_CHROME.raw(c).json_items() for c in clean_dumps([other, PAGE, ""])]
    assert together[1] == alone
    assert together[2] == b""  # an empty page has no chrome line


# Texts JSON must escape (quotes, backslashes, control characters the line split keeps), others
# it must not (accents, guillemets, characters beyond the BMP), and white space the split collapses.
_CHARS = st.sampled_from(list('ab é«»"\\\x01\x08\x0e\x1b\x7f😀\u00a0\t©'))
_LINES = st.lists(st.text(_CHARS, max_size=12) | st.sampled_from(["Menu", "Lire aussi", "Publicité"]),
                  min_size=1, max_size=8)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(_LINES, min_size=1, max_size=4))
def test_chrome_json_equals_the_built_lines_json(pages: list[list[str]]) -> None:
    texts = ["\n".join([*lines, "", PROSE, "", *lines]) for lines in pages]
    for cleaned in clean_dumps(texts):
        items = CLEANED_CHROME.raw(cleaned).json_items()
        assert items == items_of(cleaned.chrome)
