"""The notifications WebSocket, through Channels' WebsocketCommunicator and the site's real
ASGI application (session authentication, origin checks, the configured channel layer)."""

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import Group
from django.test import Client

from community.asgi import application
from forums.actions import posting, reactions
from forums.models import CategoryVisibility
from tests.factories import CategoryFactory, VerifiedUserFactory, thread_with_posts

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def session_cookie(user) -> bytes:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


def socket(cookie: bytes | None, origin: bytes = b"http://localhost") -> WebsocketCommunicator:
    headers = [(b"origin", origin), (b"host", b"localhost")]
    if cookie:
        headers.append((b"cookie", cookie))
    return WebsocketCommunicator(application, "/ws/notifications/", headers=headers)


def test_a_visitor_is_turned_away():
    async def scenario():
        connected, code = await socket(None).connect()
        return connected, code

    connected, code = async_to_sync(scenario)()

    assert not connected
    assert code == 4401


def test_a_page_from_another_site_is_refused():
    cookie = session_cookie(VerifiedUserFactory())

    async def scenario():
        connected, _ = await socket(cookie, b"https://evil.example").connect()
        return connected

    assert async_to_sync(scenario)() is False


def test_a_member_gets_the_count_then_each_new_notification_as_it_happens():
    thread = thread_with_posts(title="Live thread")
    watcher = VerifiedUserFactory()
    reactions.set_watch_level(user=watcher, level="watching", thread=thread)
    cookie = session_cookie(watcher)

    async def scenario():
        communicator = socket(cookie)
        connected, _ = await communicator.connect()
        assert connected
        await communicator.send_json_to({"type": "catch_up", "after": 0, "lang": "en"})
        state = await communicator.receive_json_from()
        author = await sync_to_async(VerifiedUserFactory)(first_name="Amal")
        await sync_to_async(posting.post_reply)(author=author, thread=thread, body="Hello live")
        live = await communicator.receive_json_from(timeout=5)
        await communicator.disconnect()
        return state, live

    state, live = async_to_sync(scenario)()

    assert state == {"type": "state", "unread": 0, "missed": []}
    assert live["type"] == "notification"
    assert live["texts"]["en"] == "Amal posted in “Live thread”"
    assert live["texts"]["ar"] and live["texts"]["fr"]
    assert live["url"].startswith("/forums/p/")


def test_after_a_dropped_connection_the_page_catches_up_from_the_database():
    thread = thread_with_posts(title="While away")
    watcher = VerifiedUserFactory()
    reactions.set_watch_level(user=watcher, level="watching", thread=thread)
    cookie = session_cookie(watcher)

    async def scenario():
        first = socket(cookie)
        await first.connect()
        await first.disconnect()  # the connection drops; news arrives meanwhile
        author = await sync_to_async(VerifiedUserFactory)(first_name="Karim")
        await sync_to_async(posting.post_reply)(author=author, thread=thread, body="Missed")
        again = socket(cookie)
        await again.connect()
        await again.send_json_to({"type": "catch_up", "after": 0, "lang": "fr"})
        state = await again.receive_json_from()
        await again.disconnect()
        return state

    state = async_to_sync(scenario)()

    assert state["unread"] == 1
    assert "While away" in state["missed"][0]["text"]


def test_nobody_hears_of_anothers_notifications():
    thread = thread_with_posts()
    watcher, bystander = VerifiedUserFactory(), VerifiedUserFactory()
    reactions.set_watch_level(user=watcher, level="watching", thread=thread)
    cookie = session_cookie(bystander)

    async def scenario():
        communicator = socket(cookie)
        await communicator.connect()
        author = await sync_to_async(VerifiedUserFactory)()
        await sync_to_async(posting.post_reply)(author=author, thread=thread, body="Not for you")
        nothing = await communicator.receive_nothing(timeout=0.5)
        await communicator.disconnect()
        return nothing

    assert async_to_sync(scenario)() is True


def test_a_connection_open_for_long_does_not_keep_rights_its_member_lost():
    group = Group.objects.create(name="Working group on e-procurement")
    room = CategoryFactory(visibility=CategoryVisibility.GROUP, group=group)
    watcher, starter = VerifiedUserFactory(), VerifiedUserFactory()
    watcher.groups.add(group)
    starter.groups.add(group)
    thread = thread_with_posts(category=room, author=starter, title="Tender data")
    reactions.set_watch_level(user=watcher, level="watching", thread=thread)
    cookie = session_cookie(watcher)

    async def scenario():
        communicator = socket(cookie)
        await communicator.connect()
        await sync_to_async(posting.post_reply)(author=starter, thread=thread, body="Draft terms")
        await communicator.receive_json_from(timeout=5)  # the live notification
        await communicator.send_json_to({"type": "catch_up", "after": 0, "lang": "en"})
        while_in = await communicator.receive_json_from()
        await sync_to_async(watcher.groups.remove)(group)  # same connection, rights lost
        await communicator.send_json_to({"type": "catch_up", "after": 0, "lang": "en"})
        after = await communicator.receive_json_from()
        await communicator.disconnect()
        return while_in, after

    while_in, after = async_to_sync(scenario)()

    assert while_in["unread"] == 1
    assert "Tender data" in while_in["missed"][0]["text"]
    assert after == {"type": "state", "unread": 0, "missed": []}
