"""A thread page shows its action lines and themes, in order, read in one query."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.models import ActionLine, Theme
from forums.queries import thread_for_reader
from tests.factories import thread_with_posts

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged():
    thread = thread_with_posts()
    thread.action_lines.set(ActionLine.objects.filter(number__in=[11, 1, 7]))
    thread.themes.set(
        [
            Theme.objects.create(slug=slug, title=title)
            for slug, title in [("w", "Open data"), ("c", "Cyber")]
        ]
    )
    return thread


def test_the_page_shows_the_tags_in_their_order_and_links_each_to_its_threads(client, tagged):
    html = client.get(f"/forums/t/{tagged.pk}/").content.decode()

    links = ["action-line/C1/", "action-line/C7/", "action-line/C11/", "theme/c/", "theme/w/"]
    places = [html.index(f'href="/forums/tags/{link}"') for link in links]
    assert places == sorted(places)
    assert ">Cyber</a>" in html
    assert ">Open data</a>" in html


def test_both_relations_come_from_one_query_and_read_as_usual(tagged):
    with CaptureQueriesContext(connection) as captured:
        thread = thread_for_reader(AnonymousUser(), tagged.pk)
        lines = [line.code for line in thread.action_lines.all()]
        themes = [theme.title for theme in thread.themes.all()]

    assert len(captured) == 2  # the thread; its tags
    assert lines == ["C1", "C7", "C11"]
    assert themes == ["Cyber", "Open data"]


def test_a_thread_without_tags_shows_none(client):
    thread = thread_with_posts()

    html = client.get(f"/forums/t/{thread.pk}/").content.decode()

    assert list(thread_for_reader(AnonymousUser(), thread.pk).themes.all()) == []
    assert 'class="tag"' not in html


def test_a_category_lists_each_thread_with_its_own_tags(client, tagged):
    untagged = thread_with_posts(category=tagged.category)
    untagged.themes.set([Theme.objects.create(slug="d", title="Data governance")])

    html = client.get(f"/forums/c/{tagged.category.slug}/").content.decode()

    rows = {
        thread.pk: html[html.index(f'href="/forums/t/{thread.pk}/"') :].split("</tr>")[0]
        for thread in (tagged, untagged)
    }
    assert "action-line/C7/" in rows[tagged.pk]
    assert "Open data" in rows[tagged.pk]
    assert "Data governance" not in rows[tagged.pk]
    assert "Data governance" in rows[untagged.pk]
    assert "action-line/" not in rows[untagged.pk]
