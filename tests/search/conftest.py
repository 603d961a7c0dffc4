"""Fixtures of the search tests: the world to find, and each backend to find it with.

`backend` runs a test once per backend: the database (SQLite in the embedded run,
PostgreSQL in the services run) and Elasticsearch (marked, so only where it is configured).
Each test indexes what it built with `index.build()`, as `search_index rebuild` would.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser

from community.models import PartnerPage
from search.audience import Reader
from search.backends import SearchBackend, database_backend
from search.indexing import rebuild_database
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
        rebuild_database()

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


def _database_index() -> Index:
    return Index(database_backend(), "database")


@pytest.fixture(params=["database"])
def index(request, demo) -> Index:
    return _database_index()


@pytest.fixture
def world_index(index: Index, world: World) -> Index:
    index.world = world
    index.build()
    return index
