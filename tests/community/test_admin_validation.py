"""Dates out of order in the admin: a clear error at the field, and nothing saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import querydict_from_html

from community.models import EventPage, PartnerPage, ResourcePage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(client, demo):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    return user


@pytest.fixture
def partner(demo) -> PartnerPage:
    return PartnerPage.objects.get(acronym="UN ESCWA")


def post_new_page(client, model: str, parent, fields: dict, action: str):
    url = f"/admin/pages/add/community/{model}/{parent.pk}/"
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    for stream in ("body", "agenda"):
        data[f"{stream}-count"] = "0"  # StreamFields are drawn by JavaScript
    data.update(fields)
    data[action] = "1"
    return client.post(url, data)


def field_errors(response, name: str) -> list[str]:
    form = response.context["form"]
    return [str(error) for error in form.errors.get(name, [])]


@pytest.mark.parametrize("action", ["action-publish", "action-submit"])
def test_an_event_cannot_end_before_it_starts(client, moderator, partner, action):
    before = EventPage.objects.count()

    response = post_new_page(
        client,
        "eventpage",
        partner,
        {
            "title": "Workshop on digital registries",
            "slug": "workshop-digital-registries",
            "summary": "Two days on registries.",
            "start": "2027-05-10 09:00",
            "end": "2027-05-09 17:00",
            "time_zone": "Asia/Beirut",
            "event_format": "in-person",
        },
        action,
    )

    assert response.status_code == 200
    assert field_errors(response, "end") == ["The event cannot end before it starts."]
    assert "The event cannot end before it starts." in response.content.decode()
    assert EventPage.objects.count() == before


RESOURCE = {
    "title": "Service design handbook",
    "slug": "service-design-handbook",
    "resource_type": "toolkit",
    "summary": "How to design public services with their users.",
    "publication_date": "2024-01-15",
    "language": "en",
    "licence": "CC-BY-4.0",
}


def test_a_review_cannot_fall_due_before_the_last_review(client, moderator, partner):
    before = ResourcePage.objects.count()

    response = post_new_page(
        client,
        "resourcepage",
        partner,
        {**RESOURCE, "last_reviewed": "2025-03-01", "review_due": "2025-02-01"},
        "action-publish",
    )

    assert response.status_code == 200
    assert field_errors(response, "review_due") == [
        "The next review cannot be due before the last review."
    ]
    assert ResourcePage.objects.count() == before


def test_a_review_cannot_be_in_the_future(client, moderator, partner):
    response = post_new_page(
        client,
        "resourcepage",
        partner,
        {**RESOURCE, "last_reviewed": "2999-01-01"},
        "action-publish",
    )

    assert field_errors(response, "last_reviewed") == ["The last review cannot be in the future."]
    assert not ResourcePage.objects.filter(slug="service-design-handbook").exists()


def test_a_malformed_link_is_refused_at_the_field(client, moderator, partner):
    response = post_new_page(
        client,
        "resourcepage",
        partner,
        {**RESOURCE, "external_url": "not a link"},
        "action-publish",
    )

    assert field_errors(response, "external_url") == ["Enter a valid URL."]
    assert not ResourcePage.objects.filter(slug="service-design-handbook").exists()


def test_well_ordered_dates_are_published(client, moderator, partner):
    response = post_new_page(
        client,
        "resourcepage",
        partner,
        {**RESOURCE, "last_reviewed": "2025-01-01", "review_due": "2026-01-01"},
        "action-publish",
    )

    assert response.status_code == 302
    page = ResourcePage.objects.get(slug="service-design-handbook")
    assert page.live
    assert page.publisher == partner


def test_event_times_are_typed_in_the_events_own_time_zone(client, moderator, partner):
    response = post_new_page(
        client,
        "eventpage",
        partner,
        {
            "title": "Webinar on open government portals",
            "slug": "webinar-open-government-portals",
            "summary": "Two hours on portals.",
            "start": "2027-05-10 10:00",
            "end": "2027-05-10 12:30",
            "time_zone": "Asia/Beirut",
            "event_format": "online",
        },
        "action-publish",
    )

    assert response.status_code == 302
    event = EventPage.objects.get(slug="webinar-open-government-portals")
    assert event.start.astimezone(dt.UTC).strftime("%H:%M") == "07:00"  # Beirut is UTC+3 in May
    assert event.local_start.strftime("%Y-%m-%d %H:%M") == "2027-05-10 10:00"
    edit_form = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert 'value="2027-05-10 10:00"' in edit_form
