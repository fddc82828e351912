"""Bytes → text: detect the encoding, repair unambiguous mojibake, normalise to NFC.

Order of trust: a byte-order mark, then strict UTF-8 (valid UTF-8 with accents is almost never
an accident), then the charset the page declares (HTML meta / HTTP header), then
charset-normalizer. UTF-8 with a few stray bytes (more well-formed multibyte characters than
bad bytes) stays UTF-8: each stray byte becomes its Windows-1252 character, or U+FFFD, and is
never a reason to re-decode the page with a CJK code page. A BOM'd UTF-16/32 text with a broken
code unit keeps its encoding; the broken unit becomes U+FFFD.
French, English and German pages that are not UTF-8 are nearly always
Windows-1252 (pages labelled ISO-8859-1 included), and charset-normalizer often names a sibling
Latin code page (cp1250, mac_latin2, even cp932) on short French texts, so Windows-1252 wins
whenever the bytes read as Windows-1252 look like Western European text (see _looks_western);
charset-normalizer decides the rest (Cyrillic, Greek, CJK...).
"""

from __future__ import annotations

import codecs
import functools
import logging
import re
import unicodedata

from guillemets.errors import DecodeError

log = logging.getLogger(__name__)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BOM_STARTS = tuple(bom for bom, _name in _BOMS)
# WHATWG: these labels mean windows-1252 on the web
_AS_CP1252 = {"latin_1", "iso8859_1", "ascii", "cp1252"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_NEWLINES = re.compile(r"\r\n?")
# Fewer non-ASCII bytes than this say too little to prefer an exotic code page to windows-1252.
_MIN_EVIDENCE = 8
_MAX_HIGH_LETTERS = 0.5  # share of non-ASCII letters above which text is not Western European
_WESTERN_SIGNS = set("«»‘’‚“”„–—…€£°·•§©®™\xa0\xad×÷²³¹¼½¾¿¡ªº")
# Mojibake ftfy may repair: UTF-8 read as windows-1252/latin-1 ("Ã©", "Â«", "Å“", "â€™").
# Repairs are only tried where such a marker occurs, so rare letter pairs are never "fixed".
# Only the text around each marker is handed to ftfy (ftfy on a whole minified HTML line is slow).
_MARKS = ("Ã", "Â", "Å", "â€")
_MOJIBAKE_MARK = re.compile("[ÃÂÅ]|â€")
_REACH = 300  # characters of context ftfy sees on each side of a marker (whole line if shorter)
_STRAY = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, after decoding with surrogateescape
_NON_ASCII = re.compile("[^\x00-\x7f]")
_MAX_BROKEN_UNITS = 0.01  # share of broken UTF-16/32 code units still repaired (a cut last unit always is)


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
    # a UTF-16/32 label without a BOM is a mistake (WHATWG reads it as UTF-8): ASCII would decode as CJK
    unicode_label = declared_codec is not None and declared_codec.startswith(("utf_8", "utf_16", "utf_32"))
    if declared_codec and not unicode_label and _decodes(data, declared_codec):
        return declared_codec
    if _mostly_utf8(data):
        return "utf-8"
    return _guess(data)


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 but for stray bytes: more well-formed multibyte characters than bytes that are not UTF-8.

    Windows-1252 French text almost never holds a well-formed UTF-8 sequence (an accented capital
    followed by one or two signs from 0x80-0xBF), so one is strong evidence for UTF-8.
    """
    text = data.decode("utf-8", "surrogateescape")
    stray = len(_STRAY.findall(text))
    return len(_NON_ASCII.findall(text)) - stray > stray


def _guess(data: bytes) -> str:
    if _looks_western(data):
        return "cp1252"
    if sum(1 for b in data if b > 0x7F) < _MIN_EVIDENCE:  # too little evidence for any code page
        return "utf-8"  # its stray bytes are repaired by decode_bytes, never re-read as CJK
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("could not detect the text encoding; convert the file to UTF-8")
    return str(best.encoding)


def _looks_western(data: bytes) -> bool:
    """True when the bytes read as windows-1252 look like Western European text.

    In French, English or German text most letters are ASCII (accented ones are 2-5 %, more in
    short snippets); Cyrillic, Greek or CJK bytes read as windows-1252 give almost only
    non-ASCII letters. Non-letters must be the usual typographic signs, not random symbols.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    high = [c for c in text if not c.isascii()]
    if len(high) < _MIN_EVIDENCE:
        return True
    letters = sum(1 for c in text if c.isalpha())
    high_letters = sum(1 for c in high if c.isalpha())
    odd_signs = sum(1 for c in high if not c.isalpha() and c not in _WESTERN_SIGNS)
    return high_letters <= _MAX_HIGH_LETTERS * letters and odd_signs <= 0.1 * len(high)


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
    """Repair unambiguous mojibake ("Ã©" → "é"), unify line ends to "\\n", normalise to NFC.

    Also what no output can hold: NUL characters are removed (PostgreSQL text refuses them), and
    lone surrogates (from JSON escapes such as "\\ud800") become U+FFFD instead of failing the page.
    """
    return _repaired(text, utf8=False)


def _repaired(text: str, utf8: bool) -> str:
    """``repair_text``; ``utf8``: ``text`` was strictly decoded from UTF-8, so it holds no surrogate."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    if not utf8:
        text = _without_lone_surrogates(text)
    # str.isascii is O(1); str.find is far faster than a regex on big pages
    if not text.isascii() and any(mark in text for mark in _MARKS):
        import ftfy

        config = _ftfy_config()
        parts, done = [], 0
        for start, end in _marked_spans(text):
            parts += [text[done:start], str(ftfy.fix_text(text[start:end], config))]
            done = end
        text = "".join([*parts, text[done:]])
    if "\r" in text:
        text = _NEWLINES.sub("\n", text)
    text = text.lstrip("\ufeff")
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def repair_field(text: str) -> str:
    """What no output can hold, repaired: NUL removed, lone surrogates → U+FFFD (ids, URLs, text)."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    return _without_lone_surrogates(text)


def _without_lone_surrogates(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # pairs become their character, lone halves U+FFFD
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def _marked_spans(text: str) -> list[tuple[int, int]]:
    """Spans around mojibake markers: the enclosing line, cut at a space beyond _REACH characters."""
    spans: list[tuple[int, int]] = []
    for match in _MOJIBAKE_MARK.finditer(text):
        if spans and match.start() < spans[-1][1]:
            continue
        start = _boundary(text, match.start(), -1)
        end = _boundary(text, match.end(), +1)
        if spans and start < spans[-1][1]:
            start = spans.pop()[0]
        spans.append((start, end))
    return spans


def _boundary(text: str, pos: int, step: int) -> int:
    """The line end (or, past _REACH characters, the next space) from ``pos`` in direction ``step``."""
    if step < 0:
        line = text.rfind("\n", 0, pos) + 1
        if pos - line <= _REACH:
            return line
        space = text.rfind(" ", 0, pos - _REACH)
        return space + 1 if space >= line else line
    line = text.find("\n", pos)
    line = len(text) if line < 0 else line
    if line - pos <= _REACH:
        return line
    space = text.find(" ", pos + _REACH, line)
    return line if space < 0 else space


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Text of ``data``: detected encoding (``declared`` charset honoured when it fits), repaired, NFC."""
    if not data.startswith(_BOM_STARTS):  # most pages: valid UTF-8, decoded once, not re-checked
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return _repaired(text, utf8=True)
    encoding = detect_encoding(data, declared)
    return repair_text(_decode(data, encoding))


def _decode(data: bytes, encoding: str) -> str:
    """``data`` decoded; UTF-8 or BOM'd UTF-16/32 with a few bad bytes is repaired; raises DecodeError."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        name = codecs.lookup(encoding).name
        log.info("bytes not valid in %s at offset %d", name, exc.start)
        if name == "utf-8-sig":  # a BOM, then bytes that are not all UTF-8
            body = data.removeprefix(codecs.BOM_UTF8)
            return _decode(body, "utf-8" if _mostly_utf8(body) else _guess(body))
        if name == "utf-8":  # chosen because it is UTF-8 but for a few stray bytes
            return utf8_repaired(data)
        if name in ("utf-16", "utf-32"):
            return _unicode_repaired(data, encoding)
        raise DecodeError(
            f"bytes not valid in the detected encoding {name} (offset {exc.start}); convert the file to UTF-8"
        ) from None


def _unicode_repaired(data: bytes, encoding: str) -> str:
    """UTF-16/32 with a BOM: a few broken code units become U+FFFD; many mean it is not that encoding."""
    text = data.decode(encoding, errors="replace")
    broken = text.count("\ufffd")
    if broken > max(1, len(text) * _MAX_BROKEN_UNITS):
        raise DecodeError(
            f"starts with a {encoding.upper()} byte-order mark but {broken} of its {len(text)} "
            "characters are not valid in it; convert the file to UTF-8"
        )
    return text


def utf8_repaired(data: bytes) -> str:
    """UTF-8 with each byte that is not UTF-8 read as Windows-1252 (U+FFFD where it has no character)."""
    text = data.decode("utf-8", "surrogateescape")
    return _STRAY.sub(_stray_char, text)


def _stray_char(match: re.Match[str]) -> str:
    return bytes([ord(match.group()) - 0xDC00]).decode("cp1252", errors="replace")
