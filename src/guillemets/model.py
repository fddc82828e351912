"""The one data model every stage reads and writes: a Document and all it holds.

Offsets in quotes and entity mentions index ``Document.text``, which is final
after cleaning (title, lede and paragraphs joined with blank lines).
Serialisation keeps keys in schema order so that every executor emits
byte-identical JSON lines for the same input.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

PARAGRAPH_SEPARATOR = "\n\n"


class QuoteType(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"


class ChromeKind(StrEnum):
    NAVIGATION = "navigation"
    HEADING = "heading"
    ADVERTISING = "advertising"
    SOCIAL = "social"
    LEGAL = "legal"
    RELATED = "related"
    OTHER = "other"


class EntityLabel(StrEnum):
    PERSON = "PER"
    ORGANISATION = "ORG"
    PLACE = "LOC"


@dataclass(slots=True)
class CharSpan:
    """A span of ``Document.text``: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CharSpan:
        return cls(int(d["start"]), int(d["end"]), str(d["text"]))


@dataclass(slots=True)
class SpeakerMention:
    """The mention nearest the cue, and the canonical name it resolves to (or None)."""

    start: int
    end: int
    text: str
    name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "name": self.name}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SpeakerMention:
        return cls(int(d["start"]), int(d["end"]), str(d["text"]), d.get("name"))


@dataclass(slots=True)
class Quote:
    """One attributed quote, in exactly the shape the shared quote scorer reads."""

    type: QuoteType
    start: int
    end: int
    text: str
    speaker: SpeakerMention | None = None
    cue: CharSpan | None = None

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

    name: str
    label: EntityLabel
    mentions: list[CharSpan] = field(default_factory=list)
    quotes: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": str(self.label),
            "quotes": self.quotes,
            "mentions": [m.to_dict() for m in self.mentions],
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

    line: int
    kind: ChromeKind
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "kind": str(self.kind), "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ChromeLine:
        return cls(int(d["line"]), ChromeKind(d["kind"]), str(d["text"]))


@dataclass(slots=True)
class Story:
    """Another story found on the page (a teaser), kept apart from the article."""

    title: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Story:
        return cls(str(d.get("title", "")), str(d.get("text", "")))


@dataclass(slots=True)
class RecordError:
    """Why a stage failed on one input; a document may carry several."""

    stage: str
    code: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"stage": self.stage, "code": self.code, "message": self.message}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> RecordError:
        return cls(str(d["stage"]), str(d["code"]), str(d["message"]))


@dataclass(slots=True)
class Source:
    """Where a document came from: a file path, and the record inside an archive if any."""

    path: str
    record: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "record": self.record}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Source:
        return cls(str(d["path"]), d.get("record"))

    def label(self) -> str:
        """Human name for error messages: ``file`` or ``file#record``."""
        return f"{self.path}#{self.record}" if self.record else self.path


@dataclass(slots=True)
class Document:
    """One page: the clean article, what was dropped, and later its quotes and entities."""

    id: str
    source: Source
    url: str | None = None
    lang: str | None = None
    date: str | None = None
    section: list[str] = field(default_factory=list)
    title: str = ""
    lede: str = ""
    paragraphs: list[str] = field(default_factory=list)
    text: str = ""
    chrome: list[ChromeLine] = field(default_factory=list)
    related: list[Story] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickle chrome lines and stories as plain tuples: documents cross process boundaries
        (``--jobs``, Spark) and the default pickling of ~150 slotted objects per page cost more
        than cleaning the page (1.4 ms vs 0.2 ms per document, DEV pages)."""
        chrome = [(c.line, c.kind, c.text) for c in self.chrome]  # pickle memoises the few kinds
        related = [(s.title, s.text) for s in self.related]
        head = (self.id, self.source, self.url, self.lang, self.date, self.section, self.title, self.lede)
        tail = (self.paragraphs, self.text, chrome, related, self.quotes, self.entities, self.errors)
        return (_unpickle_document, (*head, *tail))

    def set_article(self, title: str, lede: str, paragraphs: list[str]) -> None:
        """Fill title, lede, paragraphs and the ``text`` all offsets refer to."""
        self.title, self.lede, self.paragraphs = title, lede, list(paragraphs)
        self.text = join_article(title, lede, paragraphs)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source.to_dict(),
            "url": self.url,
            "lang": self.lang,
            "date": self.date,
            "section": list(self.section),
            "title": self.title,
            "lede": self.lede,
            "paragraphs": list(self.paragraphs),
            "text": self.text,
            "chrome": [c.to_dict() for c in self.chrome],
            "related": [r.to_dict() for r in self.related],
            "quotes": [q.to_dict() for q in self.quotes],
            "entities": [e.to_dict() for e in self.entities],
            "errors": [e.to_dict() for e in self.errors],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        return cls(
            id=str(d["id"]),
            source=Source.from_dict(d.get("source") or {"path": "?"}),
            url=d.get("url"),
            lang=d.get("lang"),
            date=d.get("date"),
            section=[str(s) for s in d.get("section", [])],
            title=str(d.get("title", "")),
            lede=str(d.get("lede", "")),
            paragraphs=[str(p) for p in d.get("paragraphs", [])],
            text=str(d.get("text", "")),
            chrome=[ChromeLine.from_dict(c) for c in d.get("chrome", [])],
            related=[Story.from_dict(r) for r in d.get("related", [])],
            quotes=[Quote.from_dict(q) for q in d.get("quotes", [])],
            entities=[Entity.from_dict(e) for e in d.get("entities", [])],
            errors=[RecordError.from_dict(e) for e in d.get("errors", [])],
        )


def join_article(title: str, lede: str, paragraphs: list[str]) -> str:
    """The clean article text: non-empty title, lede and paragraphs, blank-line separated."""
    return PARAGRAPH_SEPARATOR.join(p for p in [title, lede, *paragraphs] if p)


def content_id(text: str) -> str:
    """A stable id from content: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _unpickle_document(*fields: Any) -> Document:
    """Inverse of ``Document.__reduce__``."""
    id_, source, url, lang, date, section, title, lede, paragraphs, text, chrome, related, *rest = fields
    quotes, entities, errors = rest
    return Document(
        id_, source, url, lang, date, section, title, lede, paragraphs, text,
        chrome=[ChromeLine(line, kind, t) for line, kind, t in chrome],
        related=[Story(title, t) for title, t in related],
        quotes=quotes, entities=entities, errors=errors,
    )  # fmt: skip
