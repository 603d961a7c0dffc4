"""Publishing through Wagtail's admin: partners' editors draft, moderators decide.

Everything goes through the real admin URLs with the test client, as a person would, so what
is tested is Wagtail's permission model on our page tree, not buttons being hidden.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowState
from wagtail.test.utils.form_data import querydict_from_html

from community.models import (
    EventIndexPage,
    EventPage,
    PartnerIndexPage,
    PartnerPage,
    ResourceIndexPage,
    ResourcePage,
)
from members.models import OrganisationRole, User
from members.organisations import set_role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


# --- People and pages -----------------------------------------------------------------------


@pytest.fixture
def org_a(demo) -> PartnerPage:
    return PartnerPage.objects.get(acronym="UN ESCWA")


@pytest.fixture
def org_b(demo) -> PartnerPage:
    return PartnerPage.objects.get(is_lead=True)


def as_role_of(organisation: PartnerPage, role: str) -> User:
    user = UserFactory()
    set_role(user, organisation, role)
    return user


@pytest.fixture
def editor_a(org_a) -> User:
    return as_role_of(org_a, OrganisationRole.EDITOR)


@pytest.fixture
def moderator(db) -> User:
    user = UserFactory(email="moderator@example.org")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def resource_of(partner: PartnerPage) -> ResourcePage:
    return ResourcePage.objects.child_of(partner).live().first()


def admin_form(client, url: str):
    """The admin's own page form as the browser would send it.

    The body's StreamField is drawn by JavaScript, so its block count is added by hand: an
    empty body, which is all these tests need.
    """
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data["body-count"] = "0"
    return data


def resource_data(client, parent: Page, **fields) -> dict:
    """The create form with a resource's fields filled in."""
    data = admin_form(client, f"/admin/pages/add/community/resourcepage/{parent.pk}/")
    data.update(
        {
            "title": "Digital identity in Arab public services",
            "slug": "digital-identity-arab-public-services",
            "resource_type": "report",
            "summary": "How four administrations introduced digital identity.",
            "publication_date": "2025-05-01",
            "language": "en",
            "licence": "CC-BY-4.0",
        }
    )
    data.update(fields)
    return data


def submit_new_resource(client, parent: Page, **fields) -> ResourcePage:
    data = resource_data(client, parent, **fields)
    data["action-submit"] = "Submit to Moderators approval"
    response = client.post(f"/admin/pages/add/community/resourcepage/{parent.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ResourcePage.objects.get(slug=data["slug"])


def task_state_of(page: Page):
    return WorkflowState.objects.for_instance(page).get().current_task_state


# --- The tree and the roles ----------------------------------------------------------------


def test_partners_hold_their_resources_and_events_and_the_knowledge_base_takes_submissions():
    assert ResourcePage.can_exist_under(PartnerPage())
    assert ResourcePage.can_exist_under(ResourceIndexPage())
    assert not ResourcePage.can_exist_under(EventIndexPage())
    assert not ResourcePage.can_exist_under(PartnerIndexPage())
    assert EventPage.can_exist_under(PartnerPage())
    assert EventPage.can_exist_under(EventIndexPage())
    assert not EventPage.can_exist_under(ResourceIndexPage())
    assert not PartnerPage.can_exist_under(PartnerPage())


def test_the_demo_puts_each_resource_and_event_under_its_partner(org_a):
    assert ResourcePage.objects.child_of(org_a).live().exists()
    assert EventPage.objects.child_of(org_a).live().exists()
    for resource in ResourcePage.objects.child_of(org_a):
        assert resource.publisher == org_a


def test_moderators_publish_everywhere_and_approve_the_default_workflow(db):
    moderators = Group.objects.get(name="Moderators")
    root = Page.get_first_root_node()
    codenames = set(
        GroupPagePermission.objects.filter(group=moderators, page=root).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_page", "change_page", "publish_page"} <= codenames
    workflow = Workflow.objects.get(name="Moderators approval")
    assert workflow.active
    assert workflow.workflow_pages.filter(page=root).exists()
    task = workflow.tasks.get().specific
    assert list(task.groups.all()) == [moderators]


def test_a_plain_member_of_an_organisation_gets_no_admin(client, org_a):
    member = as_role_of(org_a, OrganisationRole.MEMBER)
    client.force_login(member)

    assert client.get("/admin/").status_code == 302
    assert client.get(f"/admin/pages/add/community/resourcepage/{org_a.pk}/").status_code in (
        302,
        403,
    )


# --- An editor at work in their own organisation -------------------------------------------


def test_an_editor_drafts_a_resource_and_submits_it_for_moderation(client, org_a, editor_a):
    client.force_login(editor_a)

    page = submit_new_resource(client, org_a)

    assert not page.live
    assert page.publisher == org_a
    assert page.owner == editor_a
    assert WorkflowState.objects.for_instance(page).get().status == WorkflowState.STATUS_IN_PROGRESS
    assert client.get(page.url or "/digital-identity-arab-public-services/").status_code == 404


def test_an_editor_cannot_publish_even_their_own_draft(client, org_a, editor_a):
    client.force_login(editor_a)
    data = resource_data(client, org_a)
    data["action-publish"] = "Publish"

    response = client.post(f"/admin/pages/add/community/resourcepage/{org_a.pk}/", data)

    assert response.status_code in (302, 403)
    assert not ResourcePage.objects.filter(slug=data["slug"], live=True).exists()


def test_an_editor_cannot_unpublish_their_organisations_live_resource(client, org_a, editor_a):
    client.force_login(editor_a)
    live = resource_of(org_a)

    response = client.post(f"/admin/pages/{live.pk}/unpublish/")

    assert response.status_code in (302, 403)
    live.refresh_from_db()
    assert live.live


def test_an_editors_change_to_a_live_resource_waits_for_moderation(client, org_a, editor_a):
    client.force_login(editor_a)
    live = resource_of(org_a)
    edit_url = f"/admin/pages/{live.pk}/edit/"
    data = admin_form(client, edit_url)
    data["summary"] = "A summary nobody approved yet."
    data["action-publish"] = "Publish"

    client.post(edit_url, data)

    live.refresh_from_db()
    assert live.summary != "A summary nobody approved yet."
    assert "A summary nobody approved yet." not in client.get(live.url).content.decode()


def test_an_editor_previews_a_draft(client, org_a, editor_a):
    client.force_login(editor_a)
    page = submit_new_resource(client, org_a)
    preview_url = f"/admin/pages/{page.pk}/edit/preview/"
    data = admin_form(client, f"/admin/pages/{page.pk}/edit/")

    assert client.post(preview_url, data).json()["is_valid"]
    response = client.get(preview_url)

    assert response.status_code == 200
    assert "Digital identity in Arab public services" in response.content.decode()


# --- ... and refused in another's ----------------------------------------------------------


def test_an_editor_cannot_create_under_another_organisation(client, org_b, editor_a):
    client.force_login(editor_a)
    url = f"/admin/pages/add/community/resourcepage/{org_b.pk}/"

    assert client.get(url).status_code in (302, 403)
    client.post(url, {"title": "Planted", "slug": "planted", "action-submit": "1"})

    assert not ResourcePage.objects.filter(slug="planted").exists()


def test_an_editor_cannot_edit_another_organisations_resource(client, org_a, org_b, editor_a):
    client.force_login(editor_a)
    theirs = resource_of(org_b)
    url = f"/admin/pages/{theirs.pk}/edit/"

    assert client.get(url).status_code in (302, 403)
    client.post(url, {"title": "Defaced", "slug": theirs.slug, "action-submit": "1"})

    theirs.refresh_from_db()
    assert theirs.title != "Defaced"
    assert theirs.get_latest_revision().content["title"] != "Defaced"


def test_an_editor_cannot_delete_another_organisations_resource(client, org_b, editor_a):
    client.force_login(editor_a)
    theirs = resource_of(org_b)

    assert client.get(f"/admin/pages/{theirs.pk}/delete/").status_code in (302, 403)
    client.post(f"/admin/pages/{theirs.pk}/delete/")

    assert ResourcePage.objects.filter(pk=theirs.pk, live=True).exists()


def test_an_editor_cannot_unpublish_another_organisations_resource(client, org_b, editor_a):
    client.force_login(editor_a)
    theirs = resource_of(org_b)

    client.post(f"/admin/pages/{theirs.pk}/unpublish/")

    theirs.refresh_from_db()
    assert theirs.live


def test_an_editor_cannot_move_pages_between_organisations(client, org_a, org_b, editor_a):
    client.force_login(editor_a)
    theirs = resource_of(org_b)
    draft = submit_new_resource(client, org_a)

    # Theirs into A, and their own draft into B: both refused.
    client.post(f"/admin/pages/{theirs.pk}/move/{org_a.pk}/confirm/")
    client.post(f"/admin/pages/{draft.pk}/move/{org_b.pk}/confirm/")

    assert Page.objects.get(pk=theirs.pk).get_parent().pk == org_b.pk
    assert Page.objects.get(pk=draft.pk).get_parent().pk == org_a.pk
    assert ResourcePage.objects.get(pk=theirs.pk).publisher == org_b


def test_an_editor_cannot_copy_pages_between_organisations(client, org_a, org_b, editor_a):
    client.force_login(editor_a)
    theirs = resource_of(org_b)
    ours = resource_of(org_a)
    before = ResourcePage.objects.count()

    client.post(
        f"/admin/pages/{theirs.pk}/copy/",
        {"new_title": "Copied", "new_slug": "copied-in", "new_parent_page": org_a.pk},
    )
    client.post(
        f"/admin/pages/{ours.pk}/copy/",
        {"new_title": "Copied", "new_slug": "copied-out", "new_parent_page": org_b.pk},
    )

    assert ResourcePage.objects.count() == before


# --- Moderators decide; the submitter hears of it ------------------------------------------


def test_a_moderator_approves_and_the_page_goes_live(
    client, org_a, editor_a, moderator, django_capture_on_commit_callbacks
):
    client.force_login(editor_a)
    page = submit_new_resource(client, org_a)
    mail.outbox.clear()
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/pages/workflow/action/{page.pk}/approve/{task_state_of(page).pk}/",
            {"comment": ""},
        )

    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200
    to_submitter = [m for m in mail.outbox if m.to == [editor_a.email]]
    assert len(to_submitter) == 1
    assert to_submitter[0].subject == "Published: Digital identity in Arab public services"
    assert page.full_url in to_submitter[0].body


def test_a_moderator_rejects_with_a_comment(
    client, org_a, editor_a, moderator, django_capture_on_commit_callbacks
):
    client.force_login(editor_a)
    page = submit_new_resource(client, org_a)
    mail.outbox.clear()
    client.force_login(moderator)
    task_state = task_state_of(page)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/pages/workflow/action/{page.pk}/reject/{task_state.pk}/",
            {"comment": "Please add the source of the figures."},
        )

    page.refresh_from_db()
    assert not page.live
    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_REJECTED
    assert task_state.get_comment() == "Please add the source of the figures."
    to_submitter = [m for m in mail.outbox if m.to == [editor_a.email]]
    assert len(to_submitter) == 1
    assert "Please add the source of the figures." in to_submitter[0].body
    assert f"/admin/pages/{page.pk}/edit/" in to_submitter[0].body
    client.logout()
    assert client.get(f"/partners/{org_a.slug}/{page.slug}/").status_code == 404


def test_an_editor_of_another_organisation_cannot_approve(client, org_a, org_b, editor_a):
    client.force_login(editor_a)
    page = submit_new_resource(client, org_a)
    client.force_login(as_role_of(org_b, OrganisationRole.EDITOR))

    client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state_of(page).pk}/",
        {"comment": ""},
    )

    page.refresh_from_db()
    assert not page.live


# --- Scheduled publishing -------------------------------------------------------------------


def test_a_scheduled_page_appears_only_once_its_time_has_come(client, org_a, editor_a, moderator):
    client.force_login(editor_a)
    go_live = timezone.now() + dt.timedelta(days=2)
    page = submit_new_resource(
        client, org_a, go_live_at=timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M")
    )
    client.force_login(moderator)
    client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state_of(page).pk}/",
        {"comment": ""},
    )
    client.logout()

    page.refresh_from_db()
    assert not page.live
    assert client.get(f"/partners/{org_a.slug}/{page.slug}/").status_code == 404

    # Two days pass: the approved revision's time is now behind us.
    revision = page.get_latest_revision()
    past = timezone.now() - dt.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled")

    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200


def test_a_moderator_deciding_on_their_own_submission_gets_no_e_mail(
    client, org_a, moderator, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    page = submit_new_resource(client, org_a)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/pages/workflow/action/{page.pk}/approve/{task_state_of(page).pk}/",
            {"comment": ""},
        )

    page.refresh_from_db()
    assert page.live
    assert [m for m in mail.outbox if m.to == [moderator.email]] == []
