"""The shape of an answer, the same from every backend."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from .addresses import in_reader_language
from .kinds import Kind
from .query import SearchQuery


@dataclass
class Hit:
    key: str
    kind: str
    title: str
    url: str
    summary: str = ""
    date: dt.date | None = None
    facets: dict[str, list[str]] = field(default_factory=dict)
    # Safe HTML: escaped text with the matched words in <mark>; None when none are in it.
    snippet: SafeString | None = None

    @property
    def kind_label(self) -> str:
        return str(Kind(self.kind).label)

    @classmethod
    def from_entry(cls, entry, snippet: SafeString | None = None) -> Hit:
        """A hit as the database index has it (a SearchEntry), for the current reader."""
        return cls(
            key=entry.key,
            kind=entry.kind,
            title=entry.title,
            url=in_reader_language(entry.url),
            summary=entry.summary,
            date=entry.date,
            facets=entry.facets,
            snippet=snippet,
        )


@dataclass
class FacetCount:
    value: str
    count: int


@dataclass
class SearchResults:
    query: SearchQuery
    hits: list[Hit]
    total: int
    # True when more documents match than were ranked (search.query.MAX_RESULTS): the
    # total and the facet counts are then "at least".
    capped: bool = False
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)
    # Words that would find something, when the reader's found nothing (or very little).
    suggestion: str | None = None
    # Answered by the database because Elasticsearch could not be reached.
    degraded: bool = False

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))

    @property
    def page(self) -> int:
        return min(self.query.page, self.num_pages)


@dataclass
class Suggestion:
    """What the search box offers while one types."""

    title: str
    url: str
    kind: str

    @property
    def kind_label(self) -> str:
        return str(Kind(self.kind).label)


@dataclass
class Subject:
    """What related content is related to: a document's key and its topics and places."""

    key: str
    facets: dict[str, list[str]]
