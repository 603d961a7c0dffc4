"""A category's pages list each thread it may show once, pinned first, then by activity,
however deep the page: the page's threads are picked by id before they are joined."""

import re

import pytest

from forums.models import Thread
from tests.factories import CategoryFactory
from tests.forum_bulk import bulk_authors, bulk_threads

pytestmark = pytest.mark.django_db

TITLE = re.compile(r">(Thread \d+)</a>")


def titles_on(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return TITLE.findall(response.content.decode())


def test_every_page_lists_its_threads_in_order_and_none_twice(client):
    category = CategoryFactory()
    bulk_threads(category, 70, bulk_authors(3, "paging"))  # "Thread 69" is the newest
    Thread.objects.filter(title="Thread 5").update(is_pinned=True)
    Thread.objects.filter(title="Thread 68").update(is_hidden=True)

    pages = [titles_on(client, f"/forums/c/{category.slug}/?page={n}") for n in (1, 2, 3)]

    listed = [title for page in pages for title in page]
    by_activity = [f"Thread {n}" for n in range(69, -1, -1) if n not in (5, 68)]
    assert listed == ["Thread 5", *by_activity], "pinned first, then newest; hidden not shown"
    assert [len(page) for page in pages] == [30, 30, 9]
