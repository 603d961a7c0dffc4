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
]


@cache
def database_backend() -> DatabaseBackend:
    return DatabaseBackend()


@cache
def get_backend() -> SearchBackend:
    if settings.ELASTICSEARCH_URL:
        from .elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend.from_settings()
    return database_backend()


def reset() -> None:
    """Forget the chosen backend (tests that change the settings)."""
    get_backend.cache_clear()


def on_setting_changed(setting: str, **kwargs) -> None:
    if setting.startswith(("ELASTICSEARCH", "SEARCH")):
        reset()
