"""Related resources and experts on resource, event and discussion pages."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory

from community.models import EventPage, ResourcePage
from forums.models import Thread
from search.audience import Reader
from search.indexing import rebuild
from search.related import related_to, subject_of

pytestmark = pytest.mark.django_db

TEMPLATE = Template(
    "{% load search_tags %}{% related_for object as related %}"
    '{% include "search/includes/related.html" %}'
)


def render(obj, user=None) -> str:
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    return TEMPLATE.render(Context({"object": obj, "request": request}))


@pytest.fixture
def indexed_world(world):
    rebuild()
    return world


def test_a_resource_page_shows_related_resources_and_experts(indexed_world):
    html = render(ResourcePage.objects.get(slug="quokka-registry"))

    assert 'aria-labelledby="related-title"' in html
    assert "Experts who know this subject" in html and "Kinkajou Expert" in html
    assert "Related resources" in html
    assert "Quokka registry reform" not in html, "never the page itself"
    assert 'href="/search/?line=C7' in html


def test_experts_are_shown_as_the_reader_may_see_them(indexed_world):
    resource = ResourcePage.objects.get(slug="quokka-registry")

    assert "Capybara Expert" not in render(resource)
    assert "Capybara Expert" in render(resource, indexed_world.users["member"])
    assert "Tapir Expert" not in render(resource, indexed_world.users["hidden_owner"])


def test_hidden_resources_are_never_related(indexed_world):
    html = render(ResourcePage.objects.get(slug="quokka-registry"))

    for word in ["Wombat", "Platypus", "Dingo", "Bilby"]:
        assert word not in html


def test_an_event_and_a_discussion_have_related_content_too(indexed_world):
    event = EventPage.objects.get(slug="narwhal-summit")
    thread = Thread.objects.get(title="Gecko coordination")

    assert "Kinkajou Expert" in render(thread)
    assert subject_of(event).facets["country"] == ["JO"]
    assert related_to(event, Reader.anonymous()).resources


def test_nothing_related_shows_nothing(indexed_world, partner):
    bare = ResourcePage(
        title="Untagged note",
        slug="untagged-note",
        resource_type="report",
        summary="Nothing in common.",
        publication_date="2020-01-01",
    )
    partner.add_child(instance=bare)

    assert render(bare).strip() == ""
    assert render(object()).strip() == "", "anything else: nothing, and no error"


def test_a_failing_backend_leaves_the_page_working(indexed_world, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("index on fire")

    monkeypatch.setattr("search.engine.related", broken)

    assert render(ResourcePage.objects.get(slug="quokka-registry")).strip() == ""


def test_a_page_just_hidden_is_not_related_from_a_cache(
    indexed_world, partner, django_capture_on_commit_callbacks
):
    subject = ResourcePage.objects.get(slug="quokka-registry")
    cousin = ResourcePage(
        title="Cousin registry",
        slug="cousin-registry",
        resource_type="report",
        summary="Shares the topics.",
        publication_date="2020-01-01",
        countries=["KE"],
    )
    partner.add_child(instance=cousin)
    cousin.action_lines.set(subject.action_lines.all())
    cousin.save()
    rebuild()
    assert "Cousin registry" in render(subject)

    with django_capture_on_commit_callbacks(execute=True):
        cousin.unpublish()

    assert "Cousin registry" not in render(subject)
