"""A member's own marks on a thread page (forums/reader_state.py): likes and bookmarks on the
page shown, the read marker and the watching level; never another member's."""

import re

import pytest

from forums.actions.posting import mark_read
from forums.models import Bookmark, Reaction, Watch, WatchLevel
from forums.reader_state import reader_state
from tests.factories import CategoryFactory, VerifiedUserFactory
from tests.forum_bulk import bulk_authors, bulk_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread():
    return bulk_thread(CategoryFactory(), posts=45, authors=bulk_authors(5, "state"))


def pressed(html: str, label: str) -> set[int]:
    """Positions of the posts whose `label` button is pressed ("Unlike", "Remove bookmark")."""
    found = set()
    for item in html.split('<li class="post')[1:]:  # a post's body may hold lists of its own
        if f">{label}</button>" in item:
            found.add(int(re.search(r'class="post__number">#(\d+)<', item).group(1)))
    return found


def test_likes_and_bookmarks_are_pressed_on_the_page_that_shows_them(client, thread):
    member = VerifiedUserFactory()
    posts = {post.position: post for post in thread.posts.all()}
    for position in (3, 25, 41):
        Reaction.objects.create(user=member, post=posts[position])
    Bookmark.objects.create(user=member, post=posts[24])
    client.force_login(member)

    first = client.get(f"/forums/t/{thread.pk}/").content.decode()
    second = client.get(f"/forums/t/{thread.pk}/?page=2").content.decode()
    third = client.get(f"/forums/t/{thread.pk}/?page=3").content.decode()

    assert pressed(first, "Unlike") == {3}
    assert pressed(second, "Unlike") == {25}
    assert pressed(second, "Remove bookmark") == {24}
    assert pressed(third, "Unlike") == {41}
    assert pressed(third, "Remove bookmark") == set()


def test_another_members_likes_bookmarks_and_levels_never_show(client, thread):
    other, member = VerifiedUserFactory(), VerifiedUserFactory()
    first = thread.posts.get(position=1)
    Reaction.objects.create(user=other, post=first)
    Bookmark.objects.create(user=other, post=first)
    Watch.objects.create(user=other, thread=thread, level=WatchLevel.MUTED)
    client.force_login(member)

    html = client.get(f"/forums/t/{thread.pk}/").content.decode()

    assert pressed(html, "Unlike") == set()
    assert pressed(html, "Remove bookmark") == set()
    assert f'value="{WatchLevel.MUTED}" selected' not in html


def test_the_read_marker_and_the_watching_level_are_the_members_own(thread):
    member, newcomer = VerifiedUserFactory(), VerifiedUserFactory()
    Watch.objects.create(user=member, thread=thread, level=WatchLevel.TRACKING)

    mark_read(member, thread, 30)

    state = reader_state(member, thread.pk, offset=20, limit=20)
    assert (state.last_read, state.watch_level) == (30, WatchLevel.TRACKING)
    assert reader_state(newcomer, thread.pk, offset=0, limit=20).last_read is None
    assert reader_state(newcomer, thread.pk, offset=0, limit=20).watch_level is None


def test_a_member_who_read_part_of_a_thread_is_offered_the_first_unread_post(client, thread):
    member = VerifiedUserFactory()

    mark_read(member, thread, 10)
    client.force_login(member)

    html = client.get(f"/forums/t/{thread.pk}/?page=3").content.decode()

    assert "Jump to the first unread post" in html
    assert html.count("post--unread") == 5  # posts 41 to 45
