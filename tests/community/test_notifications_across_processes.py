"""Live notifications between two real server processes, as in production behind a proxy:
a member replies through process A, a watcher's page is connected to process B, and the
notification crosses over Redis. Both processes share the test database and its sessions.
"""

import asyncio
import json

import pytest
from django.conf import settings
from django.db import connection

from community.models import Notification, NotificationKind
from forums.actions import reactions
from forums.models import Post
from tests.factories import VerifiedUserFactory, thread_with_posts
from tests.servers import HttpClient, daphnes, database_url, server_environment, session_key_for
from tests.servers import websocket as open_websocket

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SECONDS = 5  # for anything that should be instant
QUIET = 7  # longer than channels_redis's 5 s blocking read of a process's messages


@pytest.fixture(scope="module")
def servers(django_db_setup, tmp_path_factory):
    """Processes A and B on the test database (pytest-django's, named once it is set up) and
    the test settings' Redis; they search the database, as nothing here is about search."""
    env = server_environment(
        DATABASE_URL=database_url(connection.settings_dict),
        REDIS_URL=settings.REDIS_URL,
        SECRET_KEY=settings.SECRET_KEY,
        DJANGO_SETTINGS_MODULE="tests.settings",
        ELASTICSEARCH_URL="",
    )
    with daphnes(2, env, tmp_path_factory.mktemp("daphne")) as pair:
        yield pair


class Replier:
    """A member's browser on one server: the thread opened, then the reply form posted."""

    def __init__(self, server, session_key: str, thread):
        self.browser, self.thread = HttpClient(server, session_key), thread
        assert self.browser.get(f"/forums/t/{thread.pk}/").status == 200

    def reply(self, body: str):
        return self.browser.post(f"/forums/t/{self.thread.pk}/reply/", {"body": body})


def notifications_socket(server, session_key: str):
    return open_websocket(server, "/ws/notifications/", session_key)


async def receive(socket) -> dict:
    return json.loads(await asyncio.wait_for(socket.recv(), SECONDS))


def watched_thread(title: str):
    thread = thread_with_posts(title=title)
    watcher = VerifiedUserFactory()
    reactions.set_watch_level(user=watcher, level="watching", thread=thread)
    return thread, watcher


def test_a_reply_on_one_process_reaches_a_watcher_connected_to_the_other(servers):
    a, b = servers
    thread, watcher = watched_thread("Interoperability across ministries")
    watcher_session = session_key_for(watcher)
    replier = Replier(a, session_key_for(VerifiedUserFactory(first_name="Amal")), thread)

    async def scenario():
        async with notifications_socket(b, watcher_session) as socket:
            await socket.send(json.dumps({"type": "catch_up", "after": 0, "lang": "en"}))
            state = await receive(socket)
            response = await asyncio.to_thread(replier.reply, "We share one address register.")
            live = await receive(socket)
        return state, response, live

    state, response, live = asyncio.run(scenario())

    assert state == {"type": "state", "unread": 0, "missed": []}
    assert response.status == 302, response.text[:500]
    post = Post.objects.get(thread=thread, body="We share one address register.")
    assert live["type"] == "notification"
    assert live["texts"]["en"] == "Amal posted in “Interoperability across ministries”"
    assert live["url"] == f"/forums/p/{post.pk}/"
    assert live["id"] == Notification.objects.get(recipient=watcher).pk


def test_a_watcher_who_was_offline_catches_up_on_the_other_process(servers):
    a, b = servers
    thread, watcher = watched_thread("Digital identity for refugees")
    watcher_session = session_key_for(watcher)
    replier = Replier(a, session_key_for(VerifiedUserFactory(first_name="Karim")), thread)

    response = replier.reply("Our pilot used the UNHCR card.")

    async def scenario():
        async with notifications_socket(b, watcher_session) as socket:
            await socket.send(json.dumps({"type": "catch_up", "after": 0, "lang": "en"}))
            return await receive(socket)

    state = asyncio.run(scenario())

    assert response.status == 302, response.text[:500]
    post = Post.objects.get(thread=thread, body="Our pilot used the UNHCR card.")
    assert state["unread"] == 1
    assert state["missed"] == [
        {
            "id": Notification.objects.get(recipient=watcher).pk,
            "text": "Karim posted in “Digital identity for refugees”",
            "url": f"/forums/p/{post.pk}/",
            "kind": NotificationKind.REPLY,
        }
    ]


def test_a_page_left_open_in_silence_still_hears_of_the_next_reply(servers):
    a, b = servers
    thread, watcher = watched_thread("Open contracting data")
    watcher_session = session_key_for(watcher)
    replier = Replier(a, session_key_for(VerifiedUserFactory(first_name="Lina")), thread)

    async def scenario():
        async with notifications_socket(b, watcher_session) as socket:
            await socket.send(json.dumps({"type": "catch_up", "after": 0, "lang": "en"}))
            await receive(socket)
            await asyncio.sleep(QUIET)  # nothing happens on the site for a while
            await asyncio.to_thread(replier.reply, "Any news?")
            return await receive(socket)

    live = asyncio.run(scenario())

    assert live["texts"]["en"] == "Lina posted in “Open contracting data”"
