"""RSS and Atom feeds: new resources (all, per action line, per partner), upcoming events."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from community.models import EventPage, ResourceIndexPage, ResourcePage
from tests.bulk import bulk_resources

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def rss_titles(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return [item.findtext("title") for item in ET.fromstring(response.content).iter("item")]


def test_the_resources_feed_lists_public_resources_newest_first(client, demo):
    titles = rss_titles(client, "/feeds/resources/rss/")

    newest = ResourcePage.objects.live().order_by("-first_published_at", "-pk")
    assert titles == [page.title for page in newest][: len(titles)]
    assert titles


def test_the_atom_feed_has_the_same_entries_with_absolute_links(client, demo):
    response = client.get("/feeds/resources/atom/")

    assert response["Content-Type"].startswith("application/atom+xml")
    entries = list(ET.fromstring(response.content).iter(f"{ATOM}entry"))
    assert len(entries) == len(rss_titles(client, "/feeds/resources/rss/"))
    assert all(e.find(f"{ATOM}link").get("href").startswith("http://") for e in entries)


def test_an_action_line_feed_has_only_that_line(client, demo):
    titles = rss_titles(client, "/feeds/resources/action-line/C7/rss/")

    expected = ResourcePage.objects.live().filter(action_lines__number=7)
    assert sorted(titles) == sorted(page.title for page in expected)
    assert client.get("/feeds/resources/action-line/C99/rss/").status_code == 404
    assert client.get("/feeds/resources/action-line/garbage/atom/").status_code == 404


def test_a_partner_feed_has_only_its_resources_and_unpublished_partners_have_none(client, demo):
    titles = rss_titles(client, "/feeds/resources/partner/government-of-italy/rss/")

    expected = ResourcePage.objects.live().filter(publisher__slug="government-of-italy")
    assert sorted(titles) == sorted(page.title for page in expected)
    expected[0].publisher.unpublish()
    assert client.get("/feeds/resources/partner/government-of-italy/rss/").status_code == 404
    assert client.get("/feeds/resources/partner/nobody/rss/").status_code == 404


def test_unpublished_resources_never_reach_a_feed(client, demo):
    hidden = bulk_resources(ResourceIndexPage.objects.get(), 3, live=False)

    titles = rss_titles(client, "/feeds/resources/rss/")

    assert not set(titles) & {page.title for page in ResourcePage.objects.filter(pk__in=hidden)}


def test_the_events_feed_has_upcoming_events_only(client, demo):
    event = EventPage.objects.live().first()
    event.start = timezone.now() + dt.timedelta(days=10)
    event.end = event.start + dt.timedelta(hours=2)
    event.save_revision().publish()

    titles = rss_titles(client, "/feeds/events/rss/")

    assert titles == [event.title]
    assert client.get("/feeds/events/atom/").status_code == 200


def test_the_knowledge_base_announces_its_feeds(client, demo):
    html = client.get("/knowledge-base/").content.decode()

    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/feeds/resources/atom/"' in html
