"""Verified experts: apply with evidence, moderators decide with a reason."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from members.models import VerificationRequest
from tests.factories import ExpertProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(client):
    profile = ExpertProfileFactory(display_name="Applying Expert")
    client.force_login(profile.user)
    client.post(
        "/experts/me/verification/",
        {"evidence": "Ten years leading e-services.", "links": "https://example.org/cv"},
    )
    return profile


@pytest.fixture
def moderator():
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def test_a_moderator_approves_and_the_profile_shows_the_badge(
    client, applicant, moderator, django_capture_on_commit_callbacks
):
    application = VerificationRequest.objects.get(user=applicant.user)
    client.force_login(moderator)
    assert "Applying Expert" in client.get("/experts/verification/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/experts/verification/{application.pk}/", {"decision": "approve", "reason": ""}
        )

    assert "Verified expert" in client.get(applicant.get_absolute_url()).content.decode()
    assert applicant.user.groups.filter(name="Verified experts").exists()
    assert mail.outbox[-1].to == [applicant.user.email]
    assert "verified expert" in mail.outbox[-1].subject


def test_a_rejection_needs_a_reason_which_the_member_sees(client, applicant, moderator):
    application = VerificationRequest.objects.get(user=applicant.user)
    client.force_login(moderator)

    response = client.post(f"/experts/verification/{application.pk}/", {"decision": "reject"})
    assert "Say why" in response.content.decode()

    client.post(
        f"/experts/verification/{application.pk}/",
        {"decision": "reject", "reason": "Please add links to published work."},
    )
    client.force_login(applicant.user)
    html = client.get("/experts/me/verification/").content.decode()
    assert "Please add links to published work." in html
    assert "Verified expert" not in client.get(applicant.get_absolute_url()).content.decode()


def test_members_cannot_see_or_decide_the_queue(client, applicant):
    application = VerificationRequest.objects.get(user=applicant.user)
    client.force_login(UserFactory())

    assert client.get("/experts/verification/").status_code == 403
    response = client.post(
        f"/experts/verification/{application.pk}/", {"decision": "approve", "reason": ""}
    )
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == "pending"


def test_applying_twice_while_waiting_is_refused(client, applicant):
    client.post("/experts/me/verification/", {"evidence": "Again", "links": ""})

    assert VerificationRequest.objects.filter(user=applicant.user).count() == 1


def test_bad_links_are_explained(client):
    profile = ExpertProfileFactory()
    client.force_login(profile.user)

    response = client.post("/experts/me/verification/", {"evidence": "x", "links": "not a link"})

    assert "is not a valid web address" in response.content.decode()
