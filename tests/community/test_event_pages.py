import pytest

from community.models import EventPage

pytestmark = pytest.mark.django_db


def test_an_event_shows_its_times_in_the_time_zone_where_it_happens(client, demo):
    webinar = EventPage.objects.get(title__icontains="ENACT")

    html = client.get(webinar.url).content.decode()

    assert "10 a.m." in html and "12:30 p.m." in html
    assert "Asia/Beirut" in html


def test_the_events_page_lists_past_events_latest_first(client, demo):
    html = client.get("/events/").content.decode()

    assert html.index("ENACT") < html.index("WSIS Forum 2018") < html.index("Palermo")
