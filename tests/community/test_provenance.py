"""Readers see who published a resource, how current it is, and how to cite it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from community.models import PartnerPage, ResourceAuthor, ResourceIndexPage, ResourcePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(demo) -> PartnerPage:
    return PartnerPage.objects.get(acronym="UN ESCWA")


def publish(parent, **fields) -> ResourcePage:
    values = {
        "title": "Open data portals in the Arab region",
        "slug": "open-data-portals-arab-region",
        "resource_type": "report",
        "summary": "A survey of national open data portals.",
        "publication_date": dt.date(2024, 6, 1),
        **fields,
    }
    page = ResourcePage(**values)
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_a_resource_says_who_published_it_and_when_it_was_reviewed(client, partner):
    today = timezone.localdate()
    page = publish(partner, last_reviewed=today - dt.timedelta(days=10))

    html = client.get(page.url).content.decode()

    assert page.publisher == partner
    assert "Published by" in html
    assert f'href="{partner.url}"' in html
    assert "Last reviewed" in html
    assert (today - dt.timedelta(days=10)).isoformat() in html
    assert "may be outdated" not in html


def test_past_its_review_date_a_resource_may_be_outdated(client, partner):
    page = publish(
        partner,
        last_reviewed=dt.date(2024, 6, 1),
        review_due=timezone.localdate() - dt.timedelta(days=1),
    )

    html = client.get(page.url).content.decode()

    assert "This content may be outdated." in html


def test_without_a_review_date_it_is_due_two_years_after_the_last_review(partner):
    page = publish(partner, last_reviewed=timezone.localdate() - dt.timedelta(days=800))

    assert page.review_due_date == page.last_reviewed + dt.timedelta(days=730)
    assert page.may_be_outdated


def test_the_citable_link_survives_a_new_slug_and_a_move(client, partner, demo):
    page = publish(partner)
    assert client.get(f"/r/{page.pk}/").headers["Location"] == page.url

    page.slug = "arab-open-data-portals"
    page.save_revision().publish()
    other = PartnerPage.objects.get(is_lead=True)
    page.move(other, pos="last-child")
    page = ResourcePage.objects.get(pk=page.pk)

    response = client.get(f"/r/{page.pk}/", follow=True)
    assert response.redirect_chain[0][0] == f"/partners/{other.slug}/arab-open-data-portals/"
    assert response.status_code == 200
    # Moving it to another partner's page makes that partner its publisher.
    assert page.publisher == other


def test_how_to_cite(client, partner):
    page = publish(partner)

    html = client.get(page.url).content.decode()

    assert "How to cite" in html
    assert f"{partner.title} (2024). <cite>Open data portals in the Arab region</cite>." in html
    assert f"http://testserver/r/{page.pk}/" in html
    assert "accessed" in html


def test_a_community_submission_is_cited_by_its_authors(client, demo):
    knowledge_base = ResourceIndexPage.objects.get()
    page = publish(knowledge_base)
    ResourceAuthor.objects.create(page=page, name="Layla Haddad")

    html = client.get(page.url).content.decode()

    assert page.publisher is None
    assert "A community submission" in html
    assert "Layla Haddad (2024). <cite>" in html


def test_files_and_authors_are_listed_without_e_mail_addresses(client, partner):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from community.models import ResourceAttachment
    from tests.factories import UserFactory

    page = publish(partner)
    document = get_document_model().objects.create(
        title="Full report", file=ContentFile(b"%PDF-1.4 report", name="report.pdf")
    )
    ResourceAttachment.objects.create(page=page, document=document)
    author = UserFactory(first_name="Omar", last_name="Khalil", email="omar@example.org")
    ResourceAuthor.objects.create(page=page, member=author, sort_order=0)
    ResourceAuthor.objects.create(page=page, name="Sara Mansour", sort_order=1)

    html = client.get(page.url).content.decode()

    assert "Full report" in html
    assert document.url in html
    assert html.index("Omar Khalil") < html.index("Sara Mansour")
    assert "omar@example.org" not in html


def test_an_event_lists_only_public_outcomes(client, partner):
    from community.models import EventPage

    shown = publish(partner)
    hidden = publish(partner, title="Draft findings", slug="draft-findings")
    hidden.unpublish()
    event = EventPage.objects.child_of(partner).live().first()
    event.outcomes.set([shown, hidden])
    event.save_revision().publish()

    html = client.get(event.url).content.decode()

    assert "Outcomes" in html
    assert shown.title in html
    assert "Draft findings" not in html
