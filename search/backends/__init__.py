"""Search backends. The one in use is chosen here, once, from settings.

ELASTICSEARCH_URL set: Elasticsearch, with the database as its fallback. Unset: the
database. Nothing else in the project asks which one is active; it calls search.engine.
"""

from __future__ import annotations

from functools import cache

from django.conf import settings

from .base import BackendUnavailable, SearchBackend
from .database import DatabaseBackend
from .wagtail_admin import StandardAnalysisElasticsearch8SearchBackend

__all__ = [
    "BackendUnavailable",
    "DatabaseBackend",
    "SearchBackend",
    "StandardAnalysisElasticsearch8SearchBackend",
    "database_backend",
    "get_backend",
    "reset",
    "use",
]


@cache
def database_backend() -> DatabaseBackend:
    return DatabaseBackend()


_chosen: SearchBackend | None = None


def get_backend() -> SearchBackend:
    global _chosen
    if _chosen is None:
        if settings.ELASTICSEARCH_URL:
            from .elasticsearch import ElasticsearchBackend

            _chosen = ElasticsearchBackend.from_settings()
        else:
            _chosen = database_backend()
    return _chosen


def use(backend: SearchBackend | None) -> None:
    """Make `backend` the one in use (tests, and tools that target another index);
    None goes back to the one the settings choose."""
    global _chosen
    _chosen = backend


def reset() -> None:
    """Forget the chosen backend, so that the settings choose again."""
    use(None)


def on_setting_changed(setting: str, **kwargs) -> None:
    if setting.startswith(("ELASTICSEARCH", "SEARCH")):
        reset()
