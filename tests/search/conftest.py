"""Fixtures of the search tests: the world to find, and each backend to find it with.

`index` runs a test once per backend: the database (SQLite in the embedded run,
PostgreSQL in the services run) and Elasticsearch (marked, so only where it is configured).
Each test indexes what it built with `index.build()`, as `search_index rebuild` would.

Elasticsearch keeps nothing of a test's rolled-back transaction, so with Elasticsearch
configured every test here gets an alias of its own, removed afterwards: tests never see
each other's documents, nor those of another run sharing the cluster.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache

from community.models import PartnerPage
from search import backends, engine
from search.audience import Reader
from search.backends import SearchBackend, database_backend
from search.backends.database import spelling
from search.indexing import drain_check_key, rebuild
from search.query import SearchQuery
from search.results import SearchResults
from search.text import clean_query
from tests.search.world import World, build_world


@pytest.fixture
def partner(demo) -> PartnerPage:
    return PartnerPage.objects.get(acronym="UN ESCWA")


@pytest.fixture
def world(partner) -> World:
    return build_world(partner)


@dataclass
class Index:
    """One backend, and what a test asks of it."""

    backend: SearchBackend
    name: str
    world: World | None = None

    def build(self) -> None:
        rebuild()

    def reader(self, role: str = "visitor") -> Reader:
        users = self.world.users if self.world else {}
        return Reader.for_user(users.get(role) or AnonymousUser())

    def search(
        self,
        text: str = "",
        role: str = "visitor",
        *,
        sort: str = "relevance",
        page: int = 1,
        per_page: int = 100,
        **filters: list[str],
    ) -> SearchResults:
        query = SearchQuery(
            typed=text,
            text=clean_query(text),
            filters={key: list(values) for key, values in filters.items()},
            sort=sort,
            page=page,
            per_page=per_page,
        )
        return self.backend.search(query, self.reader(role))

    def keys(self, text: str = "", role: str = "visitor", **filters) -> list[str]:
        return [hit.key for hit in self.search(text, role, **filters).hits]


def elasticsearch_backend():
    """A backend on the configured cluster, with an alias of its own."""
    from search.backends.elasticsearch import ElasticsearchBackend

    alias = f"{settings.ELASTICSEARCH_INDEX_PREFIX}-search-test-{uuid.uuid4().hex[:10]}"
    return ElasticsearchBackend(
        settings.ELASTICSEARCH_URL, alias=alias, analysis=settings.ELASTICSEARCH_ANALYSIS
    )


def remove_indices(backend) -> None:
    from search.backends.elasticsearch import indices

    for name in indices.concrete(backend.client, backend.alias):
        backend.client.options(ignore_status=404).indices.delete(index=name)


def forget_search_state() -> None:
    cache.delete_many([engine.down_key(), drain_check_key(), spelling.cache_key()])


@pytest.fixture(autouse=True)
def own_search_backend():
    """The configured backend, on an index of this test's own when it is Elasticsearch."""
    backend = elasticsearch_backend() if settings.ELASTICSEARCH_URL else database_backend()
    backends.use(backend)
    forget_search_state()
    yield backend
    forget_search_state()
    backends.reset()
    if backend is not database_backend():
        remove_indices(backend)


@pytest.fixture(params=["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def index(request, demo, own_search_backend):
    if request.param == "database":
        backends.use(database_backend())
        return Index(database_backend(), "database")
    backends.use(own_search_backend)
    return Index(own_search_backend, "elasticsearch")


@pytest.fixture
def world_index(index: Index, world: World) -> Index:
    index.world = world
    index.build()
    return index
