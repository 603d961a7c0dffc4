"""When Redis is unreachable, actions still succeed, notifications are stored, and members
see them on their next page load; no error reaches anyone."""

import pytest

from community.models import Notification
from forums.actions import reactions
from tests.factories import VerifiedUserFactory, thread_with_posts

pytestmark = pytest.mark.django_db

UNREACHABLE = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        # Nothing listens on port 9 of this machine: every connection is refused.
        "CONFIG": {"hosts": [{"address": "redis://127.0.0.1:9/0", "socket_connect_timeout": 1}]},
    }
}


@pytest.fixture
def redis_is_down(settings):
    from channels.layers import channel_layers

    settings.CHANNEL_LAYERS = UNREACHABLE
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


def test_a_reply_still_posts_and_the_watcher_sees_it_on_the_next_page(
    client, redis_is_down, django_capture_on_commit_callbacks
):
    thread = thread_with_posts(title="Resilient thread")
    watcher = VerifiedUserFactory()
    reactions.set_watch_level(user=watcher, level="watching", thread=thread)
    client.force_login(VerifiedUserFactory())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/forums/t/{thread.pk}/reply/", {"body": "Still here"})

    assert response.status_code == 302
    assert Notification.objects.filter(recipient=watcher).count() == 1
    client.force_login(watcher)
    page = client.get("/forums/").content.decode()
    assert '<span class="notification-count">1</span>' in page
