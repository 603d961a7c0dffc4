"""schema.org JSON-LD on resource, event and partner pages, for search engines."""

import json
import re

import pytest

from community.models import EventPage, PartnerPage, ResourcePage

pytestmark = pytest.mark.django_db


def json_ld(client, page) -> dict:
    html = client.get(page.url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_a_resource_describes_itself_as_a_creative_work(client, demo):
    resource = ResourcePage.objects.live().filter(publisher__isnull=False).first()

    data = json_ld(client, resource)

    assert data["@context"] == "https://schema.org"
    assert data["@type"] in ("Report", "CreativeWork")
    assert data["name"] == resource.title
    assert data["url"] == resource.full_url
    assert data["datePublished"] == resource.publication_date.isoformat()
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == resource.publisher.title


def test_an_event_gives_its_times_with_the_offset_of_its_time_zone(client, demo):
    webinar = EventPage.objects.get(title__icontains="ENACT")

    data = json_ld(client, webinar)

    assert data["@type"] == "Event"
    assert data["startDate"] == webinar.local_start.isoformat()
    assert data["startDate"][-6:] in ("+02:00", "+03:00")
    assert data["eventAttendanceMode"].startswith("https://schema.org/")
    assert "location" in data
    locations = data["location"] if isinstance(data["location"], list) else [data["location"]]
    assert {loc["@type"] for loc in locations} <= {"Place", "VirtualLocation"}


def test_a_partner_is_an_organization(client, demo):
    partner = PartnerPage.objects.live().first()
    partner.website = "https://example.org/"
    partner.save_revision().publish()

    data = json_ld(client, partner)

    assert data["@type"] == "Organization"
    assert data["name"] == partner.title
    assert data["sameAs"] == [partner.website]


def test_markup_in_content_cannot_break_out_of_the_script(client, demo):
    resource = ResourcePage.objects.live().first()
    resource.summary = "</script><script>alert(1)</script>"
    resource.save_revision().publish()

    html = client.get(resource.url).content.decode()

    assert "</script><script>alert(1)" not in html
    assert json_ld(client, resource)["description"] == resource.summary
