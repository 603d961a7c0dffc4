"""The demo content a newcomer sees after `manage.py load_demo`."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from community.models import (
    ActionLine,
    EventPage,
    PartnerPage,
    ResourcePage,
    SDGTarget,
    SustainableDevelopmentGoal,
)
from members.models import ExpertProfile

pytestmark = pytest.mark.django_db


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_the_command_reports_what_it_loaded():
    output = load_demo()

    assert "action lines: 11" in output
    assert "partners: 15" in output


def test_the_shared_vocabulary_is_complete():
    load_demo()

    assert [line.code for line in ActionLine.objects.all()] == [f"C{n}" for n in range(1, 12)]
    assert list(SustainableDevelopmentGoal.objects.values_list("number", flat=True)) == list(
        range(1, 18)
    )
    assert SustainableDevelopmentGoal.objects.get(number=16).title == (
        "Peace, justice and strong institutions"
    )
    assert set(SDGTarget.objects.values_list("code", flat=True)) >= {"16.6", "17.7"}


def test_dpadm_leads_the_partners():
    load_demo()

    lead = PartnerPage.objects.live().get(is_lead=True)
    assert lead.acronym == "DPADM/UN DESA"
    assert "Division for Public Administration and Development Management" in lead.title
    assert PartnerPage.objects.live().filter(acronym="UN ESCWA").exists()


def test_the_enact_webinar_starts_at_ten_in_beirut():
    load_demo()

    webinar = EventPage.objects.live().get(title__contains="ENACT")
    assert webinar.local_start.strftime("%Y-%m-%d %H:%M") == "2023-03-20 10:00"
    assert webinar.local_end.strftime("%H:%M") == "12:30"
    assert webinar.event_format == EventPage.Format.ONLINE
    assert "Arabic" in webinar.languages
    assert {target.code for target in webinar.sdg_targets.all()} == {"16.6", "17.7"}
    assert [partner.acronym for partner in webinar.organisers.all()] == ["UN ESCWA"]


def test_the_wsis_forum_2018_is_in_geneva():
    load_demo()

    forum = EventPage.objects.live().get(title__startswith="WSIS Forum 2018")
    assert forum.city == "Geneva"
    assert forum.country.code == "CH"
    assert forum.local_start.date().isoformat() == "2018-03-19"
    assert forum.local_end.date().isoformat() == "2018-03-23"


def test_sample_profiles_are_marked_and_use_example_addresses():
    load_demo()

    profiles = ExpertProfile.objects.select_related("user")
    assert profiles.exists()
    assert all(profile.is_sample for profile in profiles)
    assert all(profile.user.email.endswith("@example.org") for profile in profiles)
    assert not any(profile.user.has_usable_password() for profile in profiles)


def test_loading_twice_creates_nothing_new():
    load_demo()
    first = row_counts()

    load_demo()

    assert row_counts() == first


def test_the_home_page_shows_partners_and_featured_resources(client):
    load_demo()

    html = client.get("/").content.decode()

    for partner in PartnerPage.objects.live():
        assert partner.title in html
    featured = ResourcePage.objects.live().filter(featured=True)
    assert featured.count() >= 2
    for resource in featured:
        assert resource.title in html
