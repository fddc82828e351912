"""Bytes → text: encodings French pages come in, mojibake repair, NFC."""

from __future__ import annotations

import codecs
import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from guillemets.errors import DecodeError
from guillemets.read.decode import (
    charset_from_content_type,
    charset_from_meta,
    codec_name,
    decode_bytes,
    repair_text,
)

FRENCH = "L’été à Liège : « C’est déjà fini », a déclaré Émile. Le cœur des Œuvres, naïf, Noël."
FRENCH_ALPHABET = "abcdefghijklmnopqrstuvwxyz ABCDEÉÈÀÇ éèêëàâçùûüôîïœæ«»’“”–—….,;:!?\n0123456789"


def test_decode_cp1252_french_page_round_trips_accents_ligature_apostrophe() -> None:
    text = decode_bytes(FRENCH.encode("cp1252"))
    assert text == FRENCH
    assert all(c in text for c in ("é", "œ", "’", "«"))


@pytest.mark.parametrize("text", ["Été", "Straße und Grüße, schön.", "naïf Noël œuvre", FRENCH * 20])
def test_decode_cp1252_short_and_long_texts(text: str) -> None:
    assert decode_bytes(text.encode("cp1252")) == text


def test_decode_latin1_bytes_read_as_windows_1252() -> None:
    assert decode_bytes("café crème à la française".encode("latin-1")) == "café crème à la française"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32"])
def test_decode_unicode_encodings_with_or_without_bom(encoding: str) -> None:
    assert decode_bytes(FRENCH.encode(encoding)) == FRENCH


def test_decode_cyrillic_is_not_forced_into_cp1252() -> None:
    text = "Привет, как дела? Это тест кодировки страницы новостей."
    assert decode_bytes(text.encode("cp1251")) == text


def test_decode_declared_charset_is_honoured_when_it_fits() -> None:
    # iso-8859-15 has € at 0xA4, where cp1252 has ¤: the declaration decides
    data = "Prix : 20 € le kilo, déjà".encode("iso-8859-15")
    assert decode_bytes(data, "iso-8859-15") == "Prix : 20 € le kilo, déjà"


def test_decode_valid_utf8_beats_a_wrong_declaration() -> None:
    assert decode_bytes(FRENCH.encode("utf-8"), "iso-8859-1") == FRENCH


def test_decode_repairs_unambiguous_mojibake() -> None:
    mangled = FRENCH.encode("utf-8").decode("cp1252")  # "Ã©tÃ©"-style text
    assert "Ã" in mangled
    assert decode_bytes(mangled.encode("utf-8")) == FRENCH


def test_repair_keeps_curly_quotes_guillemets_and_entities() -> None:
    text = "« Oui », dit-il — “yes” — l’État &amp; ﬁn"
    assert repair_text(text) == text


def test_repair_normalises_to_nfc_and_unifies_line_ends() -> None:
    assert repair_text("e\u0301te\u0301\r\nligne\rfin") == "été\nligne\nfin"


def test_charset_from_meta_and_http_header() -> None:
    assert charset_from_meta(b'<html><head><meta charset="windows-1252">') == "windows-1252"
    head = b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
    assert charset_from_meta(head) == "ISO-8859-1"
    assert charset_from_meta(b"<html><body>no charset</body></html>") is None
    assert charset_from_content_type("text/html; charset=UTF-8") == "UTF-8"
    assert charset_from_content_type("text/html") is None


def test_codec_name_maps_web_labels() -> None:
    assert codec_name("ISO-8859-1") == "cp1252"
    assert codec_name("utf8") == "utf_8"
    assert codec_name("no-such-charset") is None


@given(st.text(alphabet=FRENCH_ALPHABET))
def test_decode_utf8_round_trip(text: str) -> None:
    expected = unicodedata.normalize("NFC", text)
    assert decode_bytes(text.encode("utf-8")) == expected


FRENCH_WORDS = [
    "le",
    "la",
    "les",
    "des",
    "une",
    "grève",
    "port",
    "dockers",
    "été",
    "cœur",
    "l’État",
    "déjà",
    "«",
    "»",
    "naïf",
    "Noël",
    "à",
    "Liège",
    "ça",
    "où",
    "français",
    "Œuvre",
    "—",
    "…",
    "élève",
    "réclament",
    "prévient",
    "délégué",
    "syndical",
    "hausse",
    "salaire",
    "“",
    "”",
    "n’irons",
    "pas",
    "plus",
    "loin",
    ",",
]


@given(st.lists(st.sampled_from(FRENCH_WORDS), min_size=1, max_size=60).map(" ".join))
def test_decode_cp1252_round_trip_when_not_valid_utf8(words: str) -> None:
    text = f"Le port est resté fermé toute la journée, selon les dockers : {words}"
    data = text.encode("cp1252")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        assume(False)  # the same bytes are valid UTF-8: inherently ambiguous
    assert decode_bytes(data) == text


@given(st.binary(max_size=300))
def test_decode_any_bytes_gives_nfc_text_or_a_typed_error(data: bytes) -> None:
    try:
        text = decode_bytes(data)
    except DecodeError:
        return
    assert unicodedata.is_normalized("NFC", text)
    assert "\r" not in text


def test_decode_bom_is_not_kept_in_text() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + "été".encode()) == "été"


def test_repair_mojibake_inside_a_long_minified_line() -> None:
    text = "<div>" + "x " * 2000 + "Le dÃ©lÃ©guÃ© a parlÃ©." + " y" * 2000 + "</div>"
    fixed = repair_text(text)
    assert "Le délégué a parlé." in fixed
    assert fixed.startswith("<div>x x") and fixed.endswith("y y</div>")


def test_decode_ignores_a_utf16_label_without_bom() -> None:
    data = "Le délégué a parlé.".encode("cp1252")
    assert decode_bytes(data, "utf-16") == "Le délégué a parlé."


def test_repair_text_removes_nul_and_replaces_lone_surrogates() -> None:
    from guillemets.read.decode import repair_text

    assert repair_text("Le\x00 maire \ud800 a dit") == "Le maire \ufffd a dit"
    assert repair_text("paire \ud83d\ude00 gardée") == "paire \U0001f600 gardée"


def test_decode_one_stray_byte_in_utf8_french_stays_utf8_never_cjk() -> None:
    text = "Grève générale au port : « les dockers ont voté », a déclaré le délégué."
    data = text.encode("utf-8").replace(b"dockers", b"dock\x81ers")
    decoded = decode_bytes(data)
    assert decoded == text.replace("dockers", "dock\ufffders")


def test_decode_ascii_with_one_undefined_cp1252_byte_is_not_read_as_cjk() -> None:
    decoded = decode_bytes(b"Greve au port \x81 des dockers, selon le syndicat.")
    assert decoded == "Greve au port \ufffd des dockers, selon le syndicat."


def test_decode_utf8_with_a_cp1252_stray_keeps_both_accents() -> None:
    data = "Le délégué a parlé".encode() + " puis l'été".encode("cp1252")
    assert decode_bytes(data) == "Le délégué a parlé puis l'été"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (codecs.BOM_UTF16_LE + "Bonjour à tous".encode("utf-16-le") + b"A", "Bonjour à tous\ufffd"),
        (codecs.BOM_UTF8 + b"Bonjour \xff le monde", "Bonjour \xff le monde"),
        (codecs.BOM_UTF32_LE + "Été".encode("utf-32-le") + b"\x00\xd8\x00\x00", "Été\ufffd"),
        (codecs.BOM_UTF16_BE + "Noël".encode("utf-16-be") + b"\xd8\x00", "Noël\ufffd"),
    ],
    ids=[
        "utf-16 odd trailing byte",
        "utf-8 bom then invalid byte",
        "utf-32 surrogate",
        "utf-16 lone surrogate",
    ],
)
def test_decode_broken_unicode_with_bom_is_repaired_not_raised(data: bytes, expected: str) -> None:
    assert decode_bytes(data) == expected


@given(
    st.binary(max_size=40), st.sampled_from([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE])
)
def test_decode_bom_then_any_bytes_never_raises_unicode_errors(data: bytes, bom: bytes) -> None:
    try:
        text = decode_bytes(bom + data)
    except DecodeError:
        return
    assert unicodedata.is_normalized("NFC", text)


def test_decode_utf32_bom_then_garbage_is_bad_encoding_not_repaired_noise() -> None:
    with pytest.raises(DecodeError, match="UTF-32 byte-order mark"):
        decode_bytes(codecs.BOM_UTF32_LE + b"\x9f\x92\x96\x00" * 40)


def test_decode_utf8_bom_then_cp1252_text_reads_the_text_as_cp1252() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + "Le délégué a parlé à l'été.".encode("cp1252")) == (
        "Le délégué a parlé à l'été."
    )


def test_decode_valid_utf8_fast_path_still_removes_nul_and_repairs() -> None:
    # valid UTF-8 takes the one-decode path: NUL, CRLF, mojibake and NFD are still repaired
    raw = "Le ma\x00ire a dit : « d\u00c3\u00a9cision prise ».\r\nCafe\u0301 ouvert.".encode()
    assert decode_bytes(raw) == "Le maire a dit : « décision prise ».\nCafé ouvert."


@given(st.text(max_size=200))
def test_decode_bytes_of_utf8_equals_repair_text(text: str) -> None:
    data = text.encode("utf-8", "replace")
    assume(not data.startswith((codecs.BOM_UTF8, b"\xff\xfe", b"\xfe\xff")))
    assert decode_bytes(data) == repair_text(data.decode("utf-8"))
