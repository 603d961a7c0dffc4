"""community.postgresql: Django's PostgreSQL backend with the join type check remembered.

It must write the very SQL Django's own backend writes, casts included, every time."""

import pytest
from django.db import connection
from django.db.backends.postgresql.operations import DatabaseOperations as DjangosOperations
from wagtail.models import Page

from forums.models import Post, Thread
from forums.queries import _POST_PAGE_FIELDS
from tests.factories import thread_with_posts

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def _sql(queryset) -> str:
    return queryset.query.get_compiler(connection=connection).as_sql()[0]


def _sql_with_djangos_operations(queryset) -> str:
    ours = connection.ops
    connection.ops = DjangosOperations(connection)
    try:
        return _sql(queryset)
    finally:
        connection.ops = ours


def _querysets():
    posts = (
        Post.objects.filter(thread_id=1)
        .select_related("author__profile", "reply_to__author__profile")
        .only(*_POST_PAGE_FIELDS)
        .order_by("position")
    )
    threads = Thread.objects.select_related(
        "category__action_line", "category__theme", "accepted_post"
    ).filter(category__moderators__isnull=True)
    # A join of an integer to a text column: Wagtail's revisions of a page.
    revised_pages = Page.objects.filter(_revisions__isnull=False)
    return [posts[:20], threads, revised_pages]


def test_the_backend_is_ours():
    assert type(connection.ops).__module__ == "community.postgresql.base"


@pytest.mark.parametrize("index", range(3))
def test_it_writes_the_sql_djangos_backend_writes_the_first_time_and_after(index):
    expected = _sql_with_djangos_operations(_querysets()[index])

    assert _sql(_querysets()[index]) == expected
    assert _sql(_querysets()[index]) == expected  # the remembered answer


def test_columns_of_different_types_are_still_cast():
    for _ in range(2):
        sql = _sql(Page.objects.filter(_revisions__isnull=False))
        assert '("wagtailcore_revision"."object_id")::integer' in sql


def test_the_queries_return_what_they_did(demo):
    thread = thread_with_posts(replies=3)
    page = Page.objects.live().filter(depth__gt=1).first().specific
    page.save_revision()

    # Revisions are kept under the page's own type: the join casts their text object_id.
    assert type(page).objects.filter(_revisions__isnull=False, pk=page.pk).exists()
    posts = Post.objects.filter(thread=thread).select_related("author__profile")
    assert [post.position for post in posts.order_by("position")] == [1, 2, 3, 4]
