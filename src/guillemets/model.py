"""The one data model every stage reads and writes: a Document and all it holds.

These dataclasses are the only schema. Their fields, types and ``describe`` metadata give the
JSON Schema (``write/jsonschema.py`` generates ``document.schema.json``) and the Parquet columns
(``write/columns.py``); JSON lines come from ``to_dict``. Adding a field to Document is one line
here (plus the reader that fills it).

Offsets in quotes and entity mentions index ``Document.text``, which is final
after cleaning (title, lede and paragraphs joined with blank lines).
Serialisation keeps keys in schema order so that every executor emits
byte-identical JSON lines for the same input.
"""

from __future__ import annotations

import abc
import hashlib
import logging
import re
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any, Generic, TypeVar

import orjson

T = TypeVar("T")
log = logging.getLogger(__name__)
_SURROGATE = re.compile("[\ud800-\udfff]")

PARAGRAPH_SEPARATOR = "\n\n"


def describe(doc: str, *, arrow: str | None = None, **json_schema: Any) -> dict[str, Any]:
    """Field metadata for the format adapters: a description, extra JSON Schema keywords
    (``minimum``, ``format``...) and, for dates, the Arrow type (``date32`` or ``timestamp``)."""
    return {"doc": doc, "arrow": arrow, "json": json_schema}


class QuoteType(StrEnum):
    """direct: between quotation marks; indirect: reported speech ("il a dit que..."); mixed:
    reported speech holding a quoted fragment."""

    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"


class ChromeKind(StrEnum):
    """navigation (menus, breadcrumb, links), heading (block titles such as "À la une"),
    advertising (sponsored content), social (share/follow buttons), legal (cookies, copyright,
    terms), related (part of another story), other."""

    NAVIGATION = "navigation"
    HEADING = "heading"
    ADVERTISING = "advertising"
    SOCIAL = "social"
    LEGAL = "legal"
    RELATED = "related"
    OTHER = "other"


class EntityLabel(StrEnum):
    """PER person, ORG organisation, LOC place."""

    PERSON = "PER"
    ORGANISATION = "ORG"
    PLACE = "LOC"


@dataclass(slots=True)
class CharSpan:
    """A span of ``Document.text``: ``text == document.text[start:end]``."""

    start: int = field(metadata=describe("Offset of the first character in `text`.", minimum=0))
    end: int = field(
        metadata=describe("Offset just after the last character in `text` (exclusive).", minimum=0)
    )
    text: str = field(metadata=describe("The characters of the span."))

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CharSpan:
        return cls(int(d["start"]), int(d["end"]), str(d["text"]))


@dataclass(slots=True)
class SpeakerMention:
    """The mention nearest the cue, and the canonical name it resolves to (or None)."""

    start: int = field(metadata=describe("Offset of the mention in `text`.", minimum=0))
    end: int = field(metadata=describe("End offset of the mention in `text` (exclusive).", minimum=0))
    text: str = field(metadata=describe('The mention as written (e.g. "le ministre", "Macron").'))
    name: str | None = field(
        default=None,
        metadata=describe(
            'The canonical name the mention resolves to (e.g. "Emmanuel Macron"), or null if unresolved.'
        ),
    )

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "name": self.name}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SpeakerMention:
        return cls(int(d["start"]), int(d["end"]), str(d["text"]), d.get("name"))


@dataclass(slots=True)
class Quote:
    """One attributed quote, in exactly the shape the shared quote scorer reads."""

    type: QuoteType = field(metadata=describe("The kind of quote:"))
    start: int = field(metadata=describe("Offset of the quote's content in `text`.", minimum=0))
    end: int = field(metadata=describe("End offset of the quote's content in `text` (exclusive).", minimum=0))
    text: str = field(metadata=describe("The quote's content: text[start:end]."))
    speaker: SpeakerMention | None = field(
        default=None, metadata=describe("Who said it, or null if no speaker was found.")
    )
    cue: CharSpan | None = field(
        default=None,
        metadata=describe('The verb or phrase that introduces the quote ("a déclaré", "selon"), or null.'),
    )

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": str(self.type),
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": self.cue.to_dict() if self.cue else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quote:
        return cls(
            type=QuoteType(d["type"]),
            start=int(d["start"]),
            end=int(d["end"]),
            text=str(d["text"]),
            speaker=SpeakerMention.from_dict(d["speaker"]) if d.get("speaker") else None,
            cue=CharSpan.from_dict(d["cue"]) if d.get("cue") else None,
        )


@dataclass(slots=True)
class Entity:
    """A person, organisation or place of the article, with its canonical name and mentions."""

    name: str = field(metadata=describe("Canonical name (the longest full form used in the article)."))
    label: EntityLabel = field(metadata=describe("The kind of entity:"))
    mentions: list[CharSpan] = field(
        default_factory=list, metadata=describe("Every mention of the entity in `text`.")
    )
    quotes: int = field(
        default=0,
        metadata=describe("How many quotes of this document are attributed to this entity.", minimum=0),
    )

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": str(self.label),
            "mentions": [m.to_dict() for m in self.mentions],
            "quotes": self.quotes,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        return cls(
            name=str(d["name"]),
            label=EntityLabel(d["label"]),
            mentions=[CharSpan.from_dict(m) for m in d.get("mentions", [])],
            quotes=int(d.get("quotes", 0)),
        )


@dataclass(slots=True)
class ChromeLine:
    """A line of the page that is not the article, kept so nothing is lost silently."""

    line: int = field(
        metadata=describe(
            "0-based number of the line in the page text as the cleaner split it (for a text dump: its"
            " line in the dump, str.splitlines numbering, blank lines counted).",
            minimum=0,
        )
    )
    kind: ChromeKind = field(metadata=describe("What the line is:"))
    text: str = field(metadata=describe("The line's text."))

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "kind": str(self.kind), "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ChromeLine:
        return cls(int(d["line"]), ChromeKind(d["kind"]), str(d["text"]))


@dataclass(slots=True)
class Story:
    """Another story found on the page (a teaser), kept apart from the article."""

    title: str = field(metadata=describe("The other story's title (may be empty)."))
    text: str = field(metadata=describe("The other story's text as shown on the page (teaser lines)."))

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Story:
        return cls(str(d.get("title", "")), str(d.get("text", "")))


@dataclass(slots=True)
class RecordError:
    """Why a stage failed on one input; a document may carry several."""

    stage: str = field(metadata=describe("The stage that failed: read, clean, nlp, store, pipeline."))
    code: str = field(
        metadata=describe(
            "Stable kebab-case error code from errors.py (e.g. empty-input, binary-input, truncated-archive,"
            " bad-record, too-large, not-found, no-inputs, no-pages, bad-encoding, unreadable, no-article);"
            " listed in the README.",
            pattern="^[a-z]+(-[a-z]+)*$",
        )
    )
    message: str = field(
        metadata=describe("What went wrong, in plain words, and what to do when there is something to do.")
    )

    def to_dict(self) -> dict[str, Any]:
        return {"stage": self.stage, "code": self.code, "message": self.message}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> RecordError:
        return cls(str(d["stage"]), str(d["code"]), str(d["message"]))


@dataclass(slots=True)
class Source:
    """Where a document came from: a file path, and the record inside an archive if any."""

    path: str = field(
        metadata=describe(
            "The input file as given on the command line (or found in a directory or glob);"
            ' "<stdin>" for standard input.'
        )
    )
    record: str | None = field(
        default=None,
        metadata=describe(
            "The record inside the file: the 1-based line number for JSONL, the WARC-Record-ID (or the"
            ' target URI) for WARC/WET, "record N" / "line N" for an error naming where an archive broke;'
            " null for a single-page file."
        ),
    )

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "record": self.record}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Source:
        return cls(str(d["path"]), d.get("record"))

    def label(self) -> str:
        """Human name for error messages: ``file`` or ``file#record``."""
        return f"{self.path}#{self.record}" if self.record else self.path


class Deferred(abc.ABC, Generic[T]):
    """A list field's items not yet made into objects (see ``DeferredField``)."""

    __slots__ = ()

    @abc.abstractmethod
    def build(self) -> list[T]:
        """The items, as the field would have held them."""

    def json_items(self) -> bytes | None:
        """The items as ``record_bytes`` writes a list's items (between its brackets), if this
        holder can make them faster than the objects; ``None`` otherwise."""
        return None


class DeferredField:
    """A list field of a slotted dataclass that may hold a ``Deferred`` until it is first read.

    A dump's record is mostly chrome lines (about 140 a page on the DEV dumps), and most records
    are only written as JSON lines: building one ``ChromeLine`` per line cost as much as a fifth
    of cleaning. The cleaner stores its arrays instead (``clean/chrome.py``); reading the field
    (``doc.chrome``, equality, ``to_dict``, pickling) builds the list once and stores it, so every
    caller still sees a plain list. ``raw`` is for the two places that want the arrays: the
    pipeline handing them from the cleaner's result to the Document, and the JSON lines writer.
    """

    def __init__(self, cls: type, name: str) -> None:
        self.slot = cls.__dict__[name]  # the slot's own member descriptor
        self.name = name
        setattr(cls, name, self)

    def raw(self, obj: Any) -> Any:
        """The stored value: a list, or a ``Deferred`` not yet built."""
        return self.slot.__get__(obj, type(obj))

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = self.slot.__get__(obj, owner)
        if isinstance(value, Deferred):
            value = value.build()
            self.slot.__set__(obj, value)
        return value

    def __set__(self, obj: Any, value: Any) -> None:
        self.slot.__set__(obj, value)


@dataclass(slots=True)
class Document:
    """One page: the clean article, what was dropped, and later its quotes and entities."""

    id: str = field(
        metadata=describe(
            'Document id: the id the input gives (a JSONL record\'s "id"), else the first 16 hex digits'
            " of the SHA-256 of `text` (of the source label for a record without text). Stable: the same"
            " page always gets the same id.",
            minLength=1,
        )
    )
    source: Source = field(metadata=describe("Where the page came from."))
    url: str | None = field(
        default=None,
        metadata=describe(
            'The page\'s URL when the input says it (WARC-Target-URI, a JSONL "url"), else null.'
        ),
    )
    lang: str | None = field(
        default=None,
        metadata=describe(
            'Language of the article: the input\'s own "lang" if given, else an ISO 639-1 code detected'
            ' on `text` (e.g. "fr", "en", "de"); null when there is no text.'
        ),
    )
    date: str | None = field(
        default=None,
        metadata=describe(
            'Publication day of the article, YYYY-MM-DD: a JSONL "date", else the page\'s own date'
            " (HTML/WARC: article:published_time, JSON-LD or the byline, via trafilatura/htmldate; a text"
            " dump: its date line); null if unknown. Never the crawl date (see `crawl_date`).",
            arrow="date32",
            format="date",
        ),
    )
    crawl_date: str | None = field(
        default=None,
        metadata=describe(
            "When the page was fetched, as the input says it (WARC-Date), in UTC: YYYY-MM-DDTHH:MM:SSZ;"
            " null for inputs that do not say.",
            arrow="timestamp",
            format="date-time",
        ),
    )
    section: list[str] = field(
        default_factory=list,
        metadata=describe(
            'The breadcrumb path of the page, outermost first (e.g. ["Accueil", "Actu", "Monde"]);'
            " empty when the page has none."
        ),
    )
    title: str = field(default="", metadata=describe("The article's headline; empty if none was found."))
    lede: str = field(
        default="",
        metadata=describe(
            "The article's lede (standfirst, chapô): the summary paragraph under the headline;"
            " empty if the page has none."
        ),
    )
    paragraphs: list[str] = field(
        default_factory=list,
        metadata=describe("The article's body paragraphs, in page order, without title and lede."),
    )
    text: str = field(
        default="",
        metadata=describe(
            'The clean article: the non-empty title, lede and paragraphs joined with a blank line ("\\n\\n").'
            " Every offset in `quotes` and `entities` indexes this string. Empty for an error record."
        ),
    )
    chrome: list[ChromeLine] = field(
        default_factory=list,
        metadata=describe(
            "The lines of the page that are not the article (navigation, headings, ads, share buttons,"
            " legal notices...), each with its line number and kind, so nothing is dropped silently."
        ),
    )
    related: list[Story] = field(
        default_factory=list,
        metadata=describe(
            'Other stories found on the page (teasers, "Lire aussi" blocks), kept apart from the article'
            " and never merged into `text`."
        ),
    )
    quotes: list[Quote] = field(
        default_factory=list,
        metadata=describe(
            "Quotes found in `text`, in text order, each with its speaker and cue; empty when the quote"
            " stage is off (`--no-quotes`) or the language is not handled."
        ),
    )
    entities: list[Entity] = field(
        default_factory=list,
        metadata=describe(
            "People, organisations and places of the article, each with its canonical name and mentions;"
            " empty when the quote stage is off."
        ),
    )
    errors: list[RecordError] = field(
        default_factory=list,
        metadata=describe(
            "Why a stage failed on this input; empty for a good record. A record with errors is an error"
            " record: it keeps `id` and `source` and says what went wrong. Append-only: each stage adds"
            " its own."
        ),
    )

    @property
    def ok(self) -> bool:
        return not self.errors

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickle chrome lines and stories as plain tuples: documents cross process boundaries
        (``--jobs``, Spark) and the default pickling of ~150 slotted objects per page cost more
        than cleaning the page (1.4 ms vs 0.2 ms per document, DEV pages)."""
        values = [getattr(self, name) for name in DOCUMENT_FIELDS]
        values[_CHROME] = [(c.line, c.kind, c.text) for c in self.chrome]  # pickle memoises the few kinds
        values[_RELATED] = [(s.title, s.text) for s in self.related]
        return (_unpickle_document, tuple(values))

    def set_article(self, title: str, lede: str, paragraphs: list[str]) -> None:
        """Fill title, lede, paragraphs and the ``text`` all offsets refer to."""
        self.title, self.lede, self.paragraphs = title, lede, list(paragraphs)
        self.text = join_article(title, lede, paragraphs)

    def to_dict(self) -> dict[str, Any]:
        """Every field in schema order, nested records as dicts (the JSON line's shape)."""
        return {name: _to_plain(getattr(self, name)) for name in DOCUMENT_FIELDS}

    def to_json(self) -> str:
        return record_json(self.to_dict(), self.source.label())

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        """The Document a ``to_dict`` record (or an export record: extra keys ignored) holds."""
        values = {name: read(d.get(name)) for name, read in _READERS.items()}
        values["id"] = str(d["id"])
        values["source"] = Source.from_dict(d.get("source") or {"path": "?"})
        return cls(**values)


def record_json(record: dict[str, Any], label: str = "") -> str:
    """``record_bytes`` as text."""
    return record_bytes(record, label).decode()


def record_bytes(record: dict[str, Any], label: str = "") -> bytes:
    """A record as one JSON object in UTF-8: text unescaped, keys in the dict's order, no spaces,
    always valid UTF-8 — the JSON lines' one format.

    orjson, not ``json``: the record of a dump (its article twice, as paragraphs and as ``text``)
    took ``json``'s C encoder 0.07 ms a page, orjson 0.01. A lone surrogate, which a caller's
    Document may still hold (the readers repair theirs), becomes U+FFFD: one code point for one,
    so every offset stays right.
    """
    try:
        return orjson.dumps(record, default=_plain_float, option=_ORJSON_OPTIONS)
    except orjson.JSONEncodeError as exc:
        if "surrogates" not in str(exc):
            raise
    log.info("%s: lone surrogates replaced by U+FFFD in the output", label or "a record")
    return orjson.dumps(_without_surrogates(record), default=_plain_float, option=_ORJSON_OPTIONS)


_ORJSON_OPTIONS = orjson.OPT_SERIALIZE_NUMPY  # numpy's numbers, as json took its float64


def _plain_float(value: Any) -> Any:
    """What orjson does not encode itself but ``json`` did: subclasses of float (those of int and
    str it encodes)."""
    if isinstance(value, float):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _without_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return without_surrogates(value)
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_without_surrogates(v) for v in value]
    return value


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate code point replaced by U+FFFD (JSON lines are UTF-8)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def _to_plain(value: Any) -> Any:
    if isinstance(value, list):
        return [v.to_dict() for v in value] if value and hasattr(value[0], "to_dict") else list(value)
    return value.to_dict() if hasattr(value, "to_dict") else value


def _reader(name: str, default: Any) -> Any:
    """How ``Document.from_dict`` reads one field: nested records by their class, lists of strings
    as strings, a missing list or text as its default, anything else as given."""
    record = _RECORD_OF.get(name)
    if record is not None:
        return lambda v: [record.from_dict(x) for x in v or []]
    if name in ("section", "paragraphs"):
        return lambda v: [str(x) for x in v or []]
    if isinstance(default, str):
        return lambda v: default if v is None else str(v)
    return lambda v: v


_RECORD_OF: dict[str, Any] = {
    "chrome": ChromeLine, "related": Story, "quotes": Quote, "entities": Entity, "errors": RecordError,
}  # fmt: skip
DOCUMENT_FIELDS = tuple(f.name for f in fields(Document))
_READERS = {f.name: _reader(f.name, f.default) for f in fields(Document)}
_CHROME, _RELATED = DOCUMENT_FIELDS.index("chrome"), DOCUMENT_FIELDS.index("related")
DOCUMENT_CHROME = DeferredField(Document, "chrome")


def join_article(title: str, lede: str, paragraphs: list[str]) -> str:
    """The clean article text: non-empty title, lede and paragraphs, blank-line separated."""
    return PARAGRAPH_SEPARATOR.join(p for p in [title, lede, *paragraphs] if p)


def content_id(text: str) -> str:
    """A stable id from content: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _unpickle_document(*values: Any) -> Document:
    """Inverse of ``Document.__reduce__``."""
    named = dict(zip(DOCUMENT_FIELDS, values, strict=True))
    named["chrome"] = [ChromeLine(line, kind, text) for line, kind, text in named["chrome"]]
    named["related"] = [Story(title, text) for title, text in named["related"]]
    return Document(**named)
