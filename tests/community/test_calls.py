"""Calls and opportunities: members answer a call for good practices; moderators decide."""

from __future__ import annotations

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from wagtail.models import WorkflowState

from community.models import CallIndexPage, CallPage, ResourceIndexPage, ResourcePage
from members.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PRACTICE = {
    "title": "One-stop e-services counter in Amman",
    "summary": "Citizens reach forty services of six ministries at one counter and online.",
    "description": "How it started.\n\nWhat changed for citizens.",
    "organisation": "Ministry of Digital Economy and Entrepreneurship",
    "external_url": "https://example.org/one-stop",
}


@pytest.fixture
def open_call(demo) -> CallPage:
    return CallPage.objects.live().get(kind=CallPage.Kind.GOOD_PRACTICES, slug__startswith="good")


@pytest.fixture
def closed_call(demo) -> CallPage:
    call = CallPage(
        title="Case studies of digital identity",
        slug="case-studies-digital-identity",
        kind=CallPage.Kind.GOOD_PRACTICES,
        summary="Closed already.",
        deadline=timezone.localdate() - dt.timedelta(days=1),
    )
    CallIndexPage.objects.get().add_child(instance=call)
    call.save_revision().publish()
    return call


def member(verified: bool = True) -> User:
    user = UserFactory()
    EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
    return user


def submit_url(call: CallPage) -> str:
    return f"{call.url}submit/"


def test_the_calls_page_lists_open_calls(client, open_call, closed_call):
    html = client.get(CallIndexPage.objects.get().url).content.decode()

    assert open_call.title in html
    assert "Closed calls" in html
    assert closed_call.title in html


def test_an_open_call_for_good_practices_invites_submissions(client, open_call):
    html = client.get(open_call.url).content.decode()

    assert "Submit a practice" in html
    assert f'href="{submit_url(open_call)}"' in html


def test_anonymous_readers_are_asked_to_sign_in(client, open_call):
    response = client.get(submit_url(open_call))

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/login/?next=")


def test_a_member_without_a_verified_address_is_told_to_verify_it(client, open_call):
    client.force_login(member(verified=False))

    response = client.post(submit_url(open_call), PRACTICE)

    assert response.status_code == 403
    assert "Verify your e-mail address" in response.content.decode()
    assert not ResourcePage.objects.filter(title=PRACTICE["title"]).exists()


def test_a_member_submits_a_practice_which_awaits_review(client, open_call):
    user = member()
    client.force_login(user)
    assert client.get(submit_url(open_call)).status_code == 200

    response = client.post(submit_url(open_call), PRACTICE, follow=True)

    assert "awaits review" in response.content.decode()
    practice = ResourcePage.objects.get(title=PRACTICE["title"])
    assert practice.get_parent().specific == ResourceIndexPage.objects.get()
    assert practice.resource_type == ResourcePage.ResourceType.GOOD_PRACTICE
    assert practice.owner == user
    assert not practice.live
    assert practice.publisher is None
    state = WorkflowState.objects.for_instance(practice).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == user
    client.logout()
    assert client.get(f"/knowledge-base/{practice.slug}/").status_code == 404


def test_mistakes_are_shown_at_the_field_and_nothing_is_created(client, open_call):
    client.force_login(member())
    before = ResourcePage.objects.count()

    response = client.post(
        submit_url(open_call), {**PRACTICE, "title": "", "external_url": "not a link"}
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "This field is required." in html
    assert "Enter a valid URL." in html
    assert 'aria-invalid="true"' in html
    assert ResourcePage.objects.count() == before


def test_a_closed_call_refuses_new_submissions(client, closed_call):
    client.force_login(member())

    response = client.post(submit_url(closed_call), PRACTICE)

    assert response.status_code == 403
    assert "no longer accepts submissions" in response.content.decode()
    assert not ResourcePage.objects.filter(title=PRACTICE["title"]).exists()
    assert "Submit a practice" not in client.get(closed_call.url).content.decode()


def test_the_member_hears_when_moderators_publish_the_practice(
    client, open_call, django_capture_on_commit_callbacks
):
    user = member()
    client.force_login(user)
    client.post(submit_url(open_call), PRACTICE)
    practice = ResourcePage.objects.get(title=PRACTICE["title"])
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/pages/workflow/action/{practice.pk}/approve/"
            f"{practice.current_workflow_task_state.pk}/",
            {"comment": "Thank you, a clear example."},
        )

    practice.refresh_from_db()
    assert practice.live
    [message] = [m for m in mail.outbox if m.to == [user.email]]
    assert "Thank you, a clear example." in message.body
    assert practice.full_url in message.body
