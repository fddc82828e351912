"""Query parameters of the API and the pages, validated once by pydantic models.

A bad value is a 422 with a message naming the parameter, never a 500. Pages reuse the
same models; an empty form field there means "not given".
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from guillemets.model import QuoteType
from guillemets.store.tables import MAX_ID

MAX_PER_PAGE = 100
MAX_PAGE = 1000  # deeper than 100,000 results, ask a narrower question (keeps OFFSET scans bounded)
MAX_QUERY = 300


class SearchType(StrEnum):
    QUOTES = "quotes"
    ARTICLES = "articles"


class Paging(BaseModel):
    """``page`` (from 1) and ``per_page`` (1 to 100), turned into limit/offset for the store."""

    model_config = ConfigDict(extra="ignore")

    page: int = Field(1, ge=1, le=MAX_PAGE, description=f"Page number, from 1 to {MAX_PAGE}.")
    per_page: int = Field(20, ge=1, le=MAX_PER_PAGE, description=f"Results per page, 1 to {MAX_PER_PAGE}.")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


class Filters(Paging):
    """Filters shared by quote and article search."""

    q: str | None = Field(
        None, max_length=MAX_QUERY, description="Words to look for (plain text, accents optional)."
    )
    speaker: int | None = Field(None, ge=1, le=MAX_ID, description="Only this speaker (its id).")
    domain: str | None = Field(
        None,
        min_length=1,
        max_length=253,
        pattern=r"^[A-Za-z0-9.\-]+$",
        description="Only this outlet, by domain (e.g. lesoir.be).",
    )
    since: dt.date | None = Field(None, description="From this date, YYYY-MM-DD, inclusive.")
    until: dt.date | None = Field(None, description="Up to this date, YYYY-MM-DD, inclusive.")
    lang: str | None = Field(None, pattern=r"^[a-z]{2,3}$", description="Article language (fr, en…).")

    @field_validator("q")
    @classmethod
    def _strip(cls, value: str | None) -> str | None:
        value = value.strip() if value is not None else None
        return value or None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Self:
        if self.since and self.until and self.since > self.until:
            raise ValueError("since must not be after until")
        return self

    def store_filters(self) -> dict[str, Any]:
        """Keyword arguments for the store's search functions."""
        return {
            "speaker_id": self.speaker,
            "domain": self.domain.lower() if self.domain else None,
            "date_from": self.since.isoformat() if self.since else None,
            "date_to": self.until.isoformat() if self.until else None,
            "lang": self.lang,
            "limit": self.per_page,
            "offset": self.offset,
        }


class QuoteFilters(Filters):
    quote_type: QuoteType | None = Field(None, description="direct, indirect or mixed.")


class SearchParams(QuoteFilters):
    """``/api/search``: a query is required; ``type`` chooses quotes or articles."""

    q: str = Field(..., min_length=1, max_length=MAX_QUERY, description="Words to look for (required).")
    type: SearchType = Field(SearchType.QUOTES, description="quotes or articles.")

    @field_validator("q")
    @classmethod
    def _strip(cls, value: str | None) -> str:  # replaces Filters._strip: blank is an error here
        if value is None or not value.strip():
            raise ValueError("q must contain at least one non-space character")
        return value.strip()


class PageSearch(QuoteFilters):
    """The search page: like ``/api/search`` but the query is optional."""

    type: SearchType = SearchType.QUOTES


class SpeakerParams(Paging):
    q: str | None = Field(None, max_length=MAX_QUERY, description="Only names containing these words.")
    per_page: int = Field(50, ge=1, le=MAX_PER_PAGE, description=f"Results per page, 1 to {MAX_PER_PAGE}.")

    @field_validator("q")
    @classmethod
    def _strip(cls, value: str | None) -> str | None:
        value = value.strip() if value is not None else None
        return value or None


def pages_count(total: int, per_page: int) -> int:
    return max(1, -(-total // per_page))


def form_values(
    query: Any, renames: dict[str, str] | None = None, drop: tuple[str, ...] = ()
) -> dict[str, str]:
    """Query parameters of an HTML form: empty fields dropped, some names mapped to model names."""
    renames = renames or {}
    values: dict[str, str] = {}
    for key, value in query.items():
        if value == "" or key in drop:
            continue
        values[renames.get(key, key)] = value
    return values


def errors_of(exc: ValidationError, renames: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Pydantic errors as API ``errors`` entries located in the query string."""
    back = {v: k for k, v in (renames or {}).items()}
    return [
        {
            "loc": ["query", *(back.get(str(p), str(p)) for p in err["loc"])],
            "msg": err["msg"],
            "type": err["type"],
        }
        for err in exc.errors()
    ]
