"""What the cleaner returns, independent of how it decided."""

from __future__ import annotations

from dataclasses import dataclass, field

from guillemets.model import ChromeLine, DeferredField, Story


@dataclass(slots=True)
class LineDecision:
    """One line's fate and why, for ``--explain``."""

    line: int
    label: str  # section | title | lede | paragraph | chrome:<kind> | related
    reason: str
    text: str


@dataclass(slots=True)
class Cleaned:
    section: list[str] = field(default_factory=list)
    title: str = ""
    lede: str = ""
    paragraphs: list[str] = field(default_factory=list)
    chrome: list[ChromeLine] = field(default_factory=list)
    related: list[Story] = field(default_factory=list)
    date: str | None = None
    explain: list[LineDecision] = field(default_factory=list)


# Holds a ``clean.chrome.ChromeRows`` until first read (a dump's chrome lines as the cleaner's arrays).
CLEANED_CHROME = DeferredField(Cleaned, "chrome")
