"""Thread and category pages read the database a fixed number of times, however many posts,
threads or authors they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forums.actions.posting import mark_read
from tests.factories import CategoryFactory, VerifiedUserFactory
from tests.forum_bulk import bulk_authors, bulk_thread, bulk_threads

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def reader(client, request):
    """A visitor, or a signed-in member who has read part of each thread."""
    if request.param == "member":
        member = VerifiedUserFactory()
        client.force_login(member)
        return member
    return None


@pytest.mark.parametrize("reader", ["visitor", "member"], indirect=True)
@pytest.mark.parametrize("per_page", [20, 100])
def test_a_thread_page_does_not_read_more_with_more_posts_or_authors(client, reader, per_page):
    category = CategoryFactory()
    small = bulk_thread(category, posts=10, authors=bulk_authors(5, "small"))
    big = bulk_thread(category, posts=100, authors=bulk_authors(50, "big"))
    if reader is not None:
        mark_read(reader, small, 3)
        mark_read(reader, big, 3)

    client.get("/forums/")  # the session and the site's caches are warm from then on
    counted = [
        queries_for(client, f"/forums/t/{thread.pk}/?per_page={per_page}")
        for thread in (small, big)
    ]

    assert counted[0] == counted[1]
    # A visitor: the thread, its action lines and themes (forums/thread_tags.py), the
    # posts with their authors; the site's menu comes from the cache. A member adds the
    # session (unless in Redis) and the account, their standing (groups, moderated
    # categories, e-mail confirmed, suspension: forums/standing.py), their read marker,
    # watching level, likes, bookmarks and whether any notification is unread (one query:
    # forums/reader_state.py), and the read marker moved forward.
    assert counted[1] <= (3 if reader is None else 8)


def test_a_members_first_visit_to_a_thread_costs_no_more_than_a_return(client):
    member = VerifiedUserFactory()
    client.force_login(member)
    category = CategoryFactory()
    first, returning = (
        bulk_thread(category, posts=30, authors=bulk_authors(3, name)) for name in "ab"
    )
    mark_read(member, returning, 3)
    client.get("/forums/")

    counted = [queries_for(client, f"/forums/t/{t.pk}/") for t in (first, returning)]

    # The read marker is created or moved by one statement (forums/actions/posting.py).
    assert counted[0] == counted[1]
    assert [t.read_states.get(user=member).last_read_position for t in (first, returning)] == [
        20,
        20,
    ]


@pytest.mark.parametrize("reader", ["visitor", "member"], indirect=True)
def test_a_category_page_does_not_read_more_with_more_threads(client, reader):
    authors = bulk_authors(30, "cat")
    few, many = CategoryFactory(), CategoryFactory()
    bulk_threads(few, 5, authors)
    bulk_threads(many, 400, authors)

    client.get("/forums/")
    counted = [queries_for(client, f"/forums/c/{c.slug}/") for c in (few, many)]

    assert counted[0] == counted[1]


@pytest.mark.parametrize("reader", ["visitor", "member"], indirect=True)
def test_a_20_post_page_stays_under_40_kb_of_html(client, reader):
    thread = bulk_thread(CategoryFactory(), posts=20, authors=bulk_authors(20, "weight"))

    response = client.get(f"/forums/t/{thread.pk}/")

    html = response.content.decode()
    assert html.count('class="post') >= 20
    if reader is not None:
        assert html.count('formaction="') >= 40, "a like and a bookmark button on each post"
    assert len(response.content) <= 40_000


def test_a_reply_reads_and_writes_a_fixed_number_of_times(
    client, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    member = VerifiedUserFactory()
    thread = bulk_thread(CategoryFactory(), posts=100, authors=[member, *bulk_authors(9, "r")])
    client.force_login(member)
    for n in range(3):  # an established member, who has taken part in the last hour
        client.post(f"/forums/t/{thread.pk}/reply/", {"body": f"Earlier reply {n}."})

    with (
        CaptureQueriesContext(connection) as captured,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(f"/forums/t/{thread.pk}/reply/", {"body": "Agreed on registers."})

    assert response.status_code == 302
    assert thread.posts.filter(body="Agreed on registers.").exists()
    statements = [query["sql"] for query in captured]
    assert sum(sql.startswith('INSERT INTO "django_tasks') for sql in statements) == 2
    # Session (unless cached) and account (2); the thread; the member's standing; the
    # member's posts of the last hour (duplicate guard, trust and hourly limit); the
    # thread's counters with the new position, and the post (2); watching and the read
    # marker (2); the notifications and search tasks queued (2); the savepoint and release.
    # With Redis the session is read from the cache (community/settings.py).
    reads_session = settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert len(captured) == (13 if reads_session else 12), statements
