"""Elasticsearch configured but unreachable: the site keeps searching, and loses no update.

The cluster here is an address where nothing listens, so these run without any service;
tests/search/test_elasticsearch.py does the same against the real node, and its return.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from community.models import ResourcePage
from search import backends
from search.backends.elasticsearch import ElasticsearchBackend
from search.indexing import drain, rebuild_database, retry_delay
from search.models import PendingUpdate, SearchEntry
from tests.search.conftest import forget_search_state
from tests.search.test_contract import make_resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreachable(demo, own_search_backend):
    backend = ElasticsearchBackend("http://127.0.0.1:9", alias="nowhere-search")
    backends.use(backend)
    forget_search_state()
    rebuild_database()
    yield backend
    forget_search_state()
    backends.use(own_search_backend)


def test_the_page_answers_from_the_database_and_says_so(client, unreachable):
    resource = ResourcePage.objects.live().first()

    response = client.get("/search/", {"q": resource.title})
    html = response.content.decode()

    assert response.status_code == 200
    assert resource.title in html
    assert "simpler mode" in html and 'role="status"' in html
    data = client.get("/search/results.json", {"q": resource.title}).json()
    assert data["degraded"] is True and data["total"] >= 1
    assert client.get("/search/suggestions.json", {"q": resource.title[:6]}).json()["suggestions"]


def test_after_a_failure_the_cluster_is_left_alone_for_a_while(client, unreachable, monkeypatch):
    calls = []
    search = unreachable.search
    monkeypatch.setattr(unreachable, "search", lambda *a: calls.append(1) or search(*a))

    for _ in range(3):
        assert client.get("/search/", {"q": "government"}).status_code == 200

    assert len(calls) == 1, "one failure, then the database answers without waiting"


def test_a_save_while_it_is_unreachable_succeeds_and_is_kept_for_later(
    partner, unreachable, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_resource(partner, "Nadir registry", "Saved while the cluster is away.")

    assert ResourcePage.objects.filter(pk=page.pk).exists()
    assert SearchEntry.objects.filter(key=f"resource:{page.pk}").exists(), "database index"
    pending = PendingUpdate.objects.get(key=f"resource:{page.pk}")
    assert pending.attempts == 1 and "ConnectionError" in pending.last_error


def test_missed_updates_are_retried_later_and_later(partner, unreachable):
    PendingUpdate.objects.create(key="resource:1", next_attempt_at=timezone.now())

    assert drain() == 0

    pending = PendingUpdate.objects.get()
    assert pending.attempts == 1
    assert pending.next_attempt_at > timezone.now() + dt.timedelta(seconds=20)
    assert drain() == 0, "not due yet: nothing is tried"
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 20)] == [30, 60, 120, 3600]
