"""What the rest of the site calls to search: one interface, whichever backend answers.

When the configured backend cannot answer (Elasticsearch down or too slow), the database
backend answers instead and the results say so (SearchResults.degraded), so the page can
tell the reader; the site keeps working.
"""

from __future__ import annotations

import logging

from django.core.cache import cache

from .audience import Reader
from .backends import BackendUnavailable, database_backend, get_backend
from .query import SearchQuery
from .results import Hit, SearchResults, Subject, Suggestion

logger = logging.getLogger(__name__)

# After a failure, the configured backend is not asked again for this long.
RETRY_AFTER_SECONDS = 30


def down_key() -> str:
    """Per backend and index, so that sites sharing a cache do not share an outage."""
    return f"search:down:{get_backend().identity}"


def _primary_is_down() -> bool:
    return get_backend() is not database_backend() and bool(cache.get(down_key()))


def _mark_down(error: Exception) -> None:
    logger.warning("Search backend unavailable, answering from the database: %s", error)
    cache.set(down_key(), True, RETRY_AFTER_SECONDS)


def _answer(method: str, *args):
    """(answer, degraded): from the configured backend, else from the database."""
    backend = get_backend()
    if backend is not database_backend() and not _primary_is_down():
        _catch_up()
        try:
            return getattr(backend, method)(*args), False
        except BackendUnavailable as error:
            _mark_down(error)
    return getattr(database_backend(), method)(*args), backend is not database_backend()


def _catch_up() -> None:
    """Send Elasticsearch what it missed, if anything is due, before asking it (checked
    every half minute at most; with TASKS_BACKEND=immediate it is sent at once)."""
    from .indexing import drain_soon

    try:
        drain_soon()
    except Exception:  # the search must answer whatever happens to the catching up
        logger.exception("Could not send the missed search index updates")


def search(query: SearchQuery, reader: Reader) -> SearchResults:
    results, degraded = _answer("search", query, reader)
    results.degraded = degraded
    return results


def count(query: SearchQuery, reader: Reader) -> int:
    return _answer("count", query, reader)[0]


def suggest(text: str, reader: Reader, limit: int = 8) -> list[Suggestion]:
    return _answer("suggest", text, reader, limit)[0]


def related(subject: Subject, reader: Reader, kind: str, limit: int) -> list[Hit]:
    return _answer("related", subject, reader, kind, limit)[0]


def mark_available() -> None:
    """The configured backend answered again (an index update went through)."""
    cache.delete(down_key())
