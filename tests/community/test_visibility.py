"""Unpublished, rejected and expired content is nowhere to be seen by the public."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from community.models import EventPage, PartnerPage, ResourcePage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

WORD = "Zanzibarine"


@pytest.fixture
def partner(demo) -> PartnerPage:
    return PartnerPage.objects.get(acronym="UN ESCWA")


def new_resource(partner: PartnerPage) -> ResourcePage:
    # Featured and dated ahead of everything else, so it would top every listing if shown.
    page = ResourcePage(
        title=f"{WORD} registry reform",
        slug="zanzibarine-registry-reform",
        resource_type="report",
        summary=f"How the {WORD} civil registry went online.",
        publication_date=dt.date(2030, 1, 1),
        featured=True,
        live=False,
    )
    partner.add_child(instance=page)
    page.save_revision()
    return page


def new_event(partner: PartnerPage) -> EventPage:
    start = timezone.now() + dt.timedelta(days=1)
    page = EventPage(
        title=f"{WORD} summit",
        slug="zanzibarine-summit",
        summary=f"The {WORD} summit on digital registries.",
        start=start,
        end=start + dt.timedelta(hours=3),
        live=False,
    )
    partner.add_child(instance=page)
    page.save_revision()
    return page


def draft(page: Page) -> Page:
    return page


def unpublished(page: Page) -> Page:
    page.get_latest_revision().publish()
    page.refresh_from_db()
    page.unpublish()
    return page


def rejected(page: Page) -> Page:
    submitter, moderator = UserFactory(), UserFactory()
    moderator.groups.add(Group.objects.get(name="Moderators"))
    page.get_workflow().start(page, submitter)
    task_state = page.current_workflow_task_state
    task_state.task.specific.on_action(task_state, moderator, "reject", comment="Not yet.")
    return page


def expired(page: Page) -> Page:
    """Past its expiry date, but `publish_scheduled` has not run yet: still "live"."""
    page.get_latest_revision().publish()
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - dt.timedelta(minutes=1))
    page.refresh_from_db()
    assert page.live
    return page


def places_a_reader_looks(client, partner: PartnerPage, page: Page) -> dict[str, str]:
    # Index as `update_index` would (Elasticsearch keeps no test's rollback), then refresh:
    # Elasticsearch shows new documents after a refresh, the database at once.
    call_command("update_index", stdout=io.StringIO())
    get_search_backend().get_index_for_model(Page).refresh()
    return {
        url: client.get(url).content.decode()
        for url in [
            "/",
            "/knowledge-base/",
            "/events/",
            partner.get_url(),
            f"/search/?q={WORD}",
            "/sitemap.xml",
        ]
    }


@pytest.mark.parametrize("state", [draft, unpublished, rejected, expired])
@pytest.mark.parametrize("kind", [new_resource, new_event])
def test_hidden_content_is_nowhere_to_be_seen(
    client, partner, state, kind, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # search indexing runs on commit
        page = state(kind(partner))
    address = f"/partners/{partner.slug}/{page.slug}/"

    assert client.get(address).status_code == 404
    assert client.get(f"/r/{page.pk}/").status_code == 404
    for url, html in places_a_reader_looks(client, partner, page).items():
        assert page.title not in html, url
        assert page.slug not in html, url


@pytest.mark.parametrize("kind", [new_resource, new_event])
def test_the_same_content_published_is_seen_everywhere_it_belongs(
    client, partner, kind, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # search indexing runs on commit
        page = kind(partner)
        page.get_latest_revision().publish()
    address = f"/partners/{partner.slug}/{page.slug}/"

    assert client.get(address).status_code == 200
    seen = places_a_reader_looks(client, partner, page)
    assert page.title in seen["/"]
    assert page.title in seen[partner.get_url()]
    assert page.title in seen["/knowledge-base/" if kind is new_resource else "/events/"]
    assert page.title in seen[f"/search/?q={WORD}"]
    assert address in seen["/sitemap.xml"]


def test_a_rejected_change_to_a_live_page_leaves_the_approved_content(client, partner):
    page = new_resource(partner)
    page.get_latest_revision().publish()
    page.refresh_from_db()
    page.summary = "A claim the moderators turned down."
    page.save_revision()

    rejected(page)

    html = client.get(f"/partners/{partner.slug}/{page.slug}/").content.decode()
    assert f"How the {WORD} civil registry went online." in html
    assert "A claim the moderators turned down." not in html


def test_publish_scheduled_takes_an_expired_page_down(partner):
    page = expired(new_resource(partner))

    call_command("publish_scheduled")

    page.refresh_from_db()
    assert not page.live
    assert page.expired
