"""Elasticsearch itself: the alias, rebuilds, status, and what happens when it goes away.

Against the real node scripts/services.sh starts; each test on an alias of its own.
"""

from __future__ import annotations

import io
import threading
import time
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from community.models import ResourcePage
from search import backends, engine
from search.backends.elasticsearch import ElasticsearchBackend, indices
from search.indexing import rebuild, sync
from search.models import PendingUpdate, SearchEntry
from tests.search.proxy import Forwarder
from tests.search.test_contract import make_resource

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]


@pytest.fixture
def es(own_search_backend, demo) -> ElasticsearchBackend:
    assert isinstance(own_search_backend, ElasticsearchBackend)
    return own_search_backend


def command(*args) -> str:
    out = io.StringIO()
    call_command("search_index", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_rebuild_fills_a_new_index_and_moves_the_alias(es):
    rebuild()
    first = indices.live(es.client, es.alias)

    output = command("rebuild", "--no-progress")

    second = indices.live(es.client, es.alias)
    assert len(first) == len(second) == 1 and first != second
    assert indices.concrete(es.client, es.alias) == second, "the old index is removed"
    assert "per second" in output
    assert es.counts_by_kind() == database_counts()


def database_counts() -> dict[str, int]:
    return backends.database_backend().counts_by_kind()


def test_the_progress_bar_counts_every_document(es):
    out = io.StringIO()
    call_command("search_index", "rebuild", stdout=out)

    assert f"{SearchEntry.objects.count():,}/{SearchEntry.objects.count():,} documents" in (
        out.getvalue()
    )


def test_status_compares_each_kind(es):
    rebuild()
    output = command("status")
    assert "The indexes match the database." in output
    assert es.alias in output

    # A document Elasticsearch missed shows as a difference.
    key = SearchEntry.objects.filter(kind="resource").values_list("key", flat=True)[0]
    es.delete([key])
    output = command("status")
    assert "differs" in output
    with pytest.raises(SystemExit):
        command("status", "--check")


def test_searches_never_find_an_empty_index_while_it_is_rebuilt(es):
    rebuild()
    counts, errors, stop = [], [], threading.Event()

    def keep_searching():
        while not stop.is_set():
            try:
                counts.append(es.client.count(index=es.alias)["count"])
            except Exception as error:
                errors.append(error)

    searcher = threading.Thread(target=keep_searching)
    searcher.start()
    try:
        for _ in range(3):
            rebuild()
    finally:
        stop.set()
        searcher.join()

    assert errors == []
    assert len(counts) > 10 and min(counts) > 0


def test_updates_made_during_a_rebuild_reach_the_new_index(es, partner, monkeypatch):
    rebuild()
    made = []
    write = es.write

    def write_then_update(records, index=None):
        write(records, index=index)
        if index and not made:
            # Made after the rebuild listed what to read: only the update brings it.
            made.append(make_resource(partner, "Meridian registry", "Made while rebuilding."))
            sync([f"resource:{made[0].pk}"])

    monkeypatch.setattr(es, "write", write_then_update)
    rebuild()

    assert made, "the rebuild wrote through a new index"
    titles = [hit.title for hit in es.search(query("meridian"), reader()).hits]
    assert titles == ["Meridian registry"]


def query(text: str):
    from search.query import SearchQuery
    from search.text import clean_query

    return SearchQuery(typed=text, text=clean_query(text))


def reader():
    from search.audience import Reader

    return Reader.anonymous()


def test_a_document_elasticsearch_still_holds_after_it_was_hidden_is_not_shown(es, partner):
    page = make_resource(partner, "Lodestar registry", "Soon hidden.")
    rebuild()
    assert [hit.title for hit in es.search(query("lodestar"), reader()).hits] == [page.title]

    # The database index knows it is gone; Elasticsearch has not been told yet.
    backends.database_backend().delete([f"resource:{page.pk}"])

    assert es.search(query("lodestar"), reader()).hits == []
    assert es.suggest("lodest", reader()) == []


@pytest.fixture
def forwarder(es):
    target = urlsplit(settings.ELASTICSEARCH_URL)
    proxy = Forwarder(target.hostname, target.port)
    proxy.start()
    yield proxy
    proxy.stop()


@pytest.fixture
def through_forwarder(es, forwarder) -> ElasticsearchBackend:
    """The site talking to the node through the forwarder, on the test's own alias."""
    backend = ElasticsearchBackend(forwarder.url, alias=es.alias, analysis=es.analysis)
    backends.use(backend)
    rebuild()
    return backend


def test_when_the_node_goes_away_the_page_answers_from_the_database(
    client, through_forwarder, forwarder, partner, django_capture_on_commit_callbacks
):
    forwarder.stop()
    with django_capture_on_commit_callbacks(execute=True):
        page = make_resource(partner, "Polaris registry", "Saved while the node is away.")

    assert ResourcePage.objects.filter(pk=page.pk).exists(), "saving did not fail"
    assert PendingUpdate.objects.filter(key=f"resource:{page.pk}").exists()
    response = client.get("/search/", {"q": "polaris"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Polaris registry" in html, "found by the database backend"
    assert "simpler mode" in html
    assert client.get("/search/results.json", {"q": "polaris"}).json()["degraded"] is True


def test_when_the_node_comes_back_the_missed_updates_are_sent(
    client, through_forwarder, forwarder, partner, django_capture_on_commit_callbacks
):
    forwarder.stop()
    with django_capture_on_commit_callbacks(execute=True):
        page = make_resource(partner, "Vega registry", "Saved while the node is away.")
    assert PendingUpdate.objects.exists()

    forwarder.start()
    cache_forget()
    PendingUpdate.objects.update(next_attempt_at=PendingUpdate.objects.get().created_at)
    html = client.get("/search/", {"q": "vega"}).content.decode()

    assert "simpler mode" not in html and "Vega registry" in html
    assert not PendingUpdate.objects.exists(), "a successful search sent what was missed"
    hits = through_forwarder.search(query("vega"), reader()).hits
    assert [hit.key for hit in hits] == [f"resource:{page.pk}"]


def cache_forget() -> None:
    from django.core.cache import cache

    from search.indexing import drain_check_key

    cache.delete_many([engine.down_key(), drain_check_key()])


def test_drain_sends_what_was_missed_and_says_what_is_left(
    through_forwarder, forwarder, partner, django_capture_on_commit_callbacks
):
    forwarder.stop()
    with django_capture_on_commit_callbacks(execute=True):
        make_resource(partner, "Sirius registry", "Missed.")
    with pytest.raises(CommandError):
        command("drain")
    assert PendingUpdate.objects.get().attempts >= 2

    forwarder.start()
    output = command("drain")

    assert "Sent 1 updates; 0 still waiting." in output
    assert through_forwarder.search(query("sirius"), reader()).total == 1


def test_a_rebuild_while_the_node_is_away_says_so_and_changes_nothing(through_forwarder, forwarder):
    before = indices.live(through_forwarder.client, through_forwarder.alias)
    forwarder.stop()

    with pytest.raises(CommandError, match="could not be reached"):
        command("rebuild", "--no-progress")

    forwarder.start()
    time.sleep(0.1)
    assert indices.live(through_forwarder.client, through_forwarder.alias) == before
