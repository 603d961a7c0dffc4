"""The one interface every search backend offers; views and templates see only this."""

from __future__ import annotations

from abc import ABC, abstractmethod

from search.audience import Reader
from search.query import SearchQuery
from search.results import Hit, SearchResults, Subject, Suggestion
from search.sources import Record

# Related content weighs a shared topic above a shared place.
RELATED_WEIGHTS = {"line": 2, "theme": 2, "region": 1, "country": 1}


class BackendUnavailable(Exception):
    """The backend could not answer (Elasticsearch unreachable, timed out, refused)."""


class SearchBackend(ABC):
    name: str

    @property
    def identity(self) -> str:
        """Names this backend and its index, e.g. in cache keys."""
        return self.name

    # Reading ------------------------------------------------------------------------------

    @abstractmethod
    def search(self, query: SearchQuery, reader: Reader) -> SearchResults:
        """One page of hits, the total, the facet counts and, for few hits, a spelling."""

    @abstractmethod
    def count(self, query: SearchQuery, reader: Reader) -> int:
        """How many documents the query finds (capped at search.query.MAX_RESULTS)."""

    @abstractmethod
    def suggest(self, text: str, reader: Reader, limit: int = 8) -> list[Suggestion]:
        """Titles that begin with what is typed, for the search box."""

    @abstractmethod
    def related(self, subject: Subject, reader: Reader, kind: str, limit: int) -> list[Hit]:
        """Documents of one kind sharing most topics and places with the subject."""

    # Writing ------------------------------------------------------------------------------

    @abstractmethod
    def write(self, records: list[Record]) -> None:
        """Add or replace these documents."""

    @abstractmethod
    def delete(self, keys: list[str]) -> None:
        """Remove these documents; keys not in the index are no error."""

    @abstractmethod
    def counts_by_kind(self) -> dict[str, int]:
        """How many documents of each kind the index holds."""
