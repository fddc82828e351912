"""Bytes → text: detect the encoding, repair unambiguous mojibake, normalise to NFC.

Order of trust: a byte-order mark, then strict UTF-8 (valid UTF-8 with accents is almost never
an accident), then the charset the page declares (HTML meta / HTTP header), then
charset-normalizer. French, English and German pages that are not UTF-8 are nearly always
Windows-1252 (pages labelled ISO-8859-1 included), and charset-normalizer often names a sibling
Latin code page (cp1250, mac_latin2) on short French texts, so Windows-1252 wins whenever the
detector itself thinks the bytes are Latin single-byte text and they decode cleanly as Windows-1252.
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata

from guillemets.errors import DecodeError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# WHATWG: these labels mean windows-1252 on the web
_AS_CP1252 = {"latin_1", "iso8859_1", "ascii", "cp1252", "iso8859_15"}
# code pages charset-normalizer confuses with windows-1252 on Western European text
_LATIN_FAMILY = {
    "cp1250", "cp1252", "cp1254", "cp1257", "cp775", "cp850", "cp437", "cp858", "cp037", "cp500",
    "cp1140", "mac_latin2", "mac_roman", "mac_iceland", "mac_turkish", "latin_1", "iso8859_2",
    "iso8859_3", "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15",
    "iso8859_16", "hp_roman8", "ptcp154", "kz1048",
}  # fmt: skip
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_NEWLINES = re.compile(r"\r\n?")


def codec_name(label: str | None) -> str | None:
    """Python's canonical codec name for a charset label, or None if unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    name = name.replace("-", "_")
    return "cp1252" if name in _AS_CP1252 else name


def charset_from_content_type(value: str | None) -> str | None:
    """The charset parameter of an HTTP Content-Type header, if any."""
    if not value:
        return None
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_:.\-]+)", value, re.IGNORECASE)
    return match.group(1) if match else None


def charset_from_meta(head: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KiB (``<meta charset>`` or http-equiv)."""
    match = _META_CHARSET.search(head[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def detect_encoding(data: bytes, declared: str | None = None) -> str:
    """The codec to decode ``data`` with; raises DecodeError when no encoding fits."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    if _decodes(data, "utf-8"):
        return "utf-8"
    declared_codec = codec_name(declared)
    if declared_codec and declared_codec != "utf_8" and _decodes(data, declared_codec):
        return declared_codec
    return _guess(data)


def _guess(data: bytes) -> str:
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    names = {m.encoding for m in matches}
    cp1252_ok = _decodes(data, "cp1252")
    if cp1252_ok and (best is None or "cp1252" in names or best.encoding in _LATIN_FAMILY):
        return "cp1252"
    if best is None:
        raise DecodeError("could not detect the text encoding; convert the file to UTF-8")
    return str(best.encoding)


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


@functools.cache
def _ftfy_config():  # type: ignore[no-untyped-def]
    import ftfy

    # Only repair encoding mistakes; keep curly quotes, guillemets, ligatures, entities as they are.
    return ftfy.TextFixerConfig(
        unescape_html=False, remove_terminal_escapes=False, fix_encoding=True, restore_byte_a0=True,
        replace_lossy_sequences=False, decode_inconsistent_utf8=True, fix_c1_controls=True,
        fix_latin_ligatures=False, fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
        fix_surrogates=True, remove_control_chars=False, normalization=None, explain=False,
    )  # fmt: skip


def repair_text(text: str) -> str:
    """Repair unambiguous mojibake ("Ã©" → "é"), unify line ends to "\\n", normalise to NFC."""
    import ftfy

    if not text.isascii():
        text = ftfy.fix_text(text, _ftfy_config())
    text = _NEWLINES.sub("\n", text).lstrip("\ufeff")
    return unicodedata.normalize("NFC", text)


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Text of ``data``: detected encoding (``declared`` charset honoured when it fits), repaired, NFC."""
    encoding = detect_encoding(data, declared)
    return repair_text(data.decode(encoding, errors="strict"))
