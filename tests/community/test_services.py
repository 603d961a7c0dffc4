"""The production services, exercised against real servers that `make test` starts."""

import uuid

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from community.asgi import application
from tests.factories import thread_with_posts


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_database_is_postgresql():
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        assert cursor.fetchone()[0].startswith("PostgreSQL")


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_plans_a_statement_a_connection_repeats_once(client):
    """Planning the thread page's joined thread query took longer than running it."""
    thread = thread_with_posts()
    for _ in range(6):
        assert client.get(thread.get_absolute_url()).status_code == 200

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ['SELECT "forums_thread"."id"%'],
        )
        assert cursor.fetchone()[0] >= 1


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_listings_facet_counts_are_planned_for_their_values_every_time(client, demo):
    """Under a generic plan (a prepared statement's, after five runs) Wagtail's `path LIKE`
    and the expiry time are unknown, and each count of the knowledge base took seven times
    as long (docs/benchmarks.md). The forums' lookups stay prepared on the same connection."""
    thread = thread_with_posts()
    for _ in range(8):
        assert client.get("/knowledge-base/?type=report").status_code == 200
        assert client.get(thread.get_absolute_url()).status_code == 200

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s",
            ["%community_resourcepage%"],
        )
        prepared_listing_statements = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ['SELECT "forums_thread"."id"%'],
        )
        prepared_thread_statements = cursor.fetchone()[0]
    assert prepared_listing_statements == []
    assert prepared_thread_statements >= 1


@pytest.mark.redis
def test_two_processes_reach_each_other_through_the_redis_channel_layer():
    """Two layer instances stand for two ASGI processes sharing Redis."""
    from channels_redis.core import RedisChannelLayer

    config = settings.CHANNEL_LAYERS["default"]["CONFIG"]
    sender, receiver = RedisChannelLayer(**config), RedisChannelLayer(**config)
    group = f"test-{uuid.uuid4().hex}"

    async def round_trip():
        channel = await receiver.new_channel()
        await receiver.group_add(group, channel)
        await sender.group_send(group, {"type": "hello", "text": "from the other process"})
        message = await receiver.receive(channel)
        await receiver.group_discard(group, channel)
        await sender.flush()
        return message

    assert async_to_sync(round_trip)() == {"type": "hello", "text": "from the other process"}


@pytest.mark.redis
def test_the_cache_is_shared_through_redis():
    import redis

    key = f"probe-{uuid.uuid4().hex}"
    cache.set(key, "shared", timeout=30)

    raw = redis.Redis.from_url(settings.REDIS_URL)
    assert any(key in name.decode() for name in raw.keys(f"*{key}*"))
    assert cache.get(key) == "shared"


@pytest.mark.redis
def test_the_cache_keeps_one_redis_client_that_threads_can_share():
    from concurrent.futures import ThreadPoolExecutor

    import redis

    assert cache._cache.get_client() is cache._cache.get_client(write=True)
    prefix = f"probe-{uuid.uuid4().hex}"

    def round_trip(n: int) -> list:
        key = f"{prefix}-{n}"
        seen = []
        for turn in range(20):
            cache.set(key, (n, turn), timeout=30)
            seen.append(cache.get(key))
        return seen

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(round_trip, range(8)))

    assert answers == [[(n, turn) for turn in range(20)] for n in range(8)]
    # Nothing is kept in the process: a key removed from Redis is gone for the cache too.
    raw = redis.Redis.from_url(settings.REDIS_URL)
    raw.delete(*raw.keys(f"*{prefix}-0*"))
    assert cache.get(f"{prefix}-0") is None
    assert cache.get(f"{prefix}-1") == (1, 19)


@pytest.mark.elasticsearch
@pytest.mark.django_db
def test_published_pages_are_indexed_in_elasticsearch(demo):
    from elasticsearch import Elasticsearch

    from community.models import ResourcePage

    client = Elasticsearch(settings.ELASTICSEARCH_URL)
    client.indices.refresh(index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}*")
    title = ResourcePage.objects.live().first().title

    hits = client.search(
        index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}*",
        query={"multi_match": {"query": title, "fields": ["*"]}},
    )["hits"]["total"]["value"]

    assert hits >= 1


@pytest.mark.django_db
def test_the_websocket_health_check_answers_through_the_channel_layer():
    async def ping():
        communicator = WebsocketCommunicator(
            application, "/ws/health/", headers=[(b"origin", b"http://localhost")]
        )
        connected, _ = await communicator.connect()
        assert connected
        await communicator.send_json_to({"type": "ping"})
        reply = await communicator.receive_json_from(timeout=5)
        await communicator.disconnect()
        return reply

    reply = async_to_sync(ping)()

    assert reply["type"] == "pong"
    assert get_channel_layer() is not None


@pytest.mark.django_db
def test_websockets_from_other_origins_are_refused():
    async def connect_from_elsewhere():
        communicator = WebsocketCommunicator(
            application, "/ws/health/", headers=[(b"origin", b"https://evil.example")]
        )
        connected, _ = await communicator.connect()
        return connected

    assert async_to_sync(connect_from_elsewhere)() is False
