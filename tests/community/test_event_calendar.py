"""An event's iCalendar file, and its times shown in the reader's time zone."""

import pytest

from community.calendar import escape_text, fold
from community.models import EventPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def webinar(demo):
    return EventPage.objects.get(title__icontains="ENACT")


def unfold(text: str) -> str:
    return text.replace("\r\n ", "")


def test_an_event_downloads_as_an_icalendar_file(client, webinar):
    response = client.get(f"/events/{webinar.pk}/ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{webinar.slug}.ics"'
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VEVENT\r\nEND:VCALENDAR\r\n")
    lines = unfold(text).split("\r\n")
    assert f"DTSTART:{webinar.start.strftime('%Y%m%dT%H%M%SZ')}" in lines
    assert f"DTEND:{webinar.end.strftime('%Y%m%dT%H%M%SZ')}" in lines
    assert f"UID:event-{webinar.pk}@testserver" in lines
    assert f"URL:{webinar.full_url}" in lines
    assert any(line.startswith("SUMMARY:") for line in lines)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_times_in_the_file_are_utc_whatever_the_event_time_zone(client, webinar):
    # The demo webinar is at 10:00 in Beirut, which is UTC+2 or +3.
    text = unfold(client.get(f"/events/{webinar.pk}/ics").content.decode())

    assert webinar.time_zone == "Asia/Beirut"
    start = next(line for line in text.split("\r\n") if line.startswith("DTSTART:"))
    assert start.endswith("Z") and start[-7:-5] in ("07", "08")


def test_text_is_escaped_and_long_lines_are_folded():
    assert escape_text("Rome, Italy; room 1\nfloor \\2") == "Rome\\, Italy\\; room 1\\nfloor \\\\2"
    long = "SUMMARY:" + "إدارة رقمية " * 20
    folded = fold(long)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == long


def test_an_unpublished_or_unknown_event_has_no_file(client, webinar):
    assert client.get("/events/999999/ics").status_code == 404
    webinar.unpublish()
    assert client.get(f"/events/{webinar.pk}/ics").status_code == 404


def test_the_event_page_links_its_file_and_offers_the_readers_time(client, webinar):
    html = client.get(webinar.url).content.decode()

    assert f'href="/events/{webinar.pk}/ics"' in html
    assert "data-local-time" in html and "js/local-time.js" in html and " defer>" in html
