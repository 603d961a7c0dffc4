"""The index follows every change once it commits: publishing, visibility, moderation.

These run on the configured backend: the database, or Elasticsearch in the services run.
"""

from __future__ import annotations

import logging

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from wagtail.models import PageViewRestriction

from community.models import ResourcePage
from forums.actions.moderation import hide_thread, move_thread, restore_thread
from forums.actions.posting import delete_post, edit_post
from forums.models import Category, CategoryVisibility, Post, Thread
from members.models import ExpertProfile, Visibility
from search import engine, receivers
from search.audience import Reader
from search.indexing import rebuild
from search.query import SearchQuery
from search.text import clean_query
from tests.factories import CategoryFactory
from tests.search.test_contract import make_resource

pytestmark = pytest.mark.django_db


def titles(text: str, user=None) -> list[str]:
    query = SearchQuery(typed=text, text=clean_query(text))
    return [
        hit.title for hit in engine.search(query, Reader.for_user(user or AnonymousUser())).hits
    ]


@pytest.fixture
def indexed_world(world):
    rebuild()
    return world


def test_a_published_page_is_found_once_the_transaction_commits(
    partner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page = make_resource(partner, "Sextant registry", "Found after commit.")
        assert titles("sextant") == [], "nothing is indexed before the commit"

    assert callbacks, "the update waited for the commit"
    assert titles("sextant") == [page.title]


def test_a_change_rolled_back_is_never_indexed(partner):
    with pytest.raises(RuntimeError), transaction.atomic():
        make_resource(partner, "Astrolabe registry", "Rolled back.")
        raise RuntimeError

    assert titles("astrolabe") == []


def test_many_changes_in_one_transaction_are_one_update(
    partner, django_capture_on_commit_callbacks, monkeypatch
):
    batches = []
    monkeypatch.setattr("search.indexing.sync", lambda keys: batches.append(list(keys)))
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            make_resource(partner, f"Compass study {n}", "Batched.", slug=f"compass-{n}")

    assert len(batches) == 1 and len(batches[0]) == 5


def test_unpublishing_and_restricting_hide_pages(
    indexed_world, partner, django_capture_on_commit_callbacks
):
    resource = ResourcePage.objects.get(slug="quokka-registry")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=partner, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
    assert titles("quokka") == [], "a restriction on the partner's page hides what is under it"

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.filter(page=partner).delete()
    assert titles("quokka") == [resource.title]

    with django_capture_on_commit_callbacks(execute=True):
        resource.unpublish()
    assert titles("quokka") == []


def test_a_profile_follows_its_visibility(indexed_world, django_capture_on_commit_callbacks):
    profile = ExpertProfile.objects.get(display_name="Kinkajou Expert")
    member = indexed_world.users["member"]
    assert titles("kinkajou") == ["Kinkajou Expert"]

    with django_capture_on_commit_callbacks(execute=True):
        profile.visibility = Visibility.MEMBERS
        profile.save()
    assert titles("kinkajou") == []
    assert titles("kinkajou", member) == ["Kinkajou Expert"]

    with django_capture_on_commit_callbacks(execute=True):
        profile.visibility = Visibility.HIDDEN
        profile.save()
    assert titles("kinkajou", member) == []


def test_moderation_and_moves_change_who_finds_a_thread(
    indexed_world, django_capture_on_commit_callbacks
):
    world = indexed_world
    thread = Thread.objects.get(title="Gecko coordination")
    moderator = world.users["global_moderator"]
    insider = world.users["insider"]
    private = Category.objects.get(group__name="Working group on registries")

    with django_capture_on_commit_callbacks(execute=True):
        hide_thread(moderator=moderator, thread=thread, reason="Off topic.")
    assert titles("gecko") == []
    assert titles("iguana") == [], "the replies of a hidden thread go with it"

    with django_capture_on_commit_callbacks(execute=True):
        restore_thread(moderator=moderator, thread=thread)
    assert titles("gecko") == ["Gecko coordination"]

    with django_capture_on_commit_callbacks(execute=True):
        move_thread(moderator=moderator, thread=thread, to_category=private)
    assert titles("gecko") == []
    assert titles("gecko", insider) == ["Gecko coordination"]
    assert titles("iguana", insider) == ["Gecko coordination"]


def test_a_category_made_private_takes_its_threads_with_it(
    indexed_world, django_capture_on_commit_callbacks
):
    thread = Thread.objects.get(title="Gecko coordination")
    category = thread.category
    with django_capture_on_commit_callbacks(execute=True):
        category.visibility = CategoryVisibility.MEMBERS
        category.save()

    assert titles("gecko") == [] and titles("iguana") == []
    assert titles("gecko", indexed_world.users["member"]) == ["Gecko coordination"]


def test_edited_and_deleted_posts(indexed_world, django_capture_on_commit_callbacks):
    reply = Post.objects.get(body__contains="iguana")
    with django_capture_on_commit_callbacks(execute=True):
        edit_post(editor=reply.author, post=reply, body="We tried chameleons instead.")
    assert titles("iguana") == []
    assert titles("chameleons") == ["Gecko coordination"]

    with django_capture_on_commit_callbacks(execute=True):
        delete_post(user=reply.author, post=reply)
    assert titles("chameleons") == []


def test_an_indexing_failure_never_fails_the_save(
    partner, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broken(keys):
        raise RuntimeError("index on fire")

    monkeypatch.setattr("search.indexing.sync", broken)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        page = make_resource(partner, "Theodolite registry", "Saved anyway.")

    assert ResourcePage.objects.filter(pk=page.pk).exists()
    assert "Search index update failed" in caplog.text


def test_a_failure_to_queue_never_fails_the_save(
    partner, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise ConnectionError("queue unreachable")

    monkeypatch.setattr(receivers, "_enqueue", broken)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        page = make_resource(partner, "Sextant review", "Saved anyway.")

    assert ResourcePage.objects.filter(pk=page.pk).exists()
    assert "Could not queue the search index update" in caplog.text


def test_new_categories_and_threads_need_no_special_handling(
    indexed_world, django_capture_on_commit_callbacks
):
    from forums.actions.posting import start_thread

    category = CategoryFactory()
    with django_capture_on_commit_callbacks(execute=True):
        start_thread(
            author=indexed_world.users["member"],
            category=category,
            title="Sundial interoperability",
            body="A new question.",
        )

    assert titles("sundial") == ["Sundial interoperability"]
