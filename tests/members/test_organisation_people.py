"""Organisations' people: admins invite, change roles and remove; each role is real permissions."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.models import PartnerPage
from members import people
from members.models import OrganisationMembership, OrganisationRole, User
from members.organisations import set_role
from tests.factories import ExpertProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


# Helpers ----------------------------------------------------------------------------------


def verified_member(email: str | None = None, **fields) -> User:
    """A member whose address allauth has verified, as after a real sign-up."""
    user = UserFactory(**({"email": email} if email else {}), **fields)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def as_role_of(organisation: PartnerPage, role: str, **fields) -> User:
    user = verified_member(**fields)
    set_role(user, organisation, role)
    return user


def fresh(user: User) -> User:
    """The same member read again: Django caches permissions on the instance."""
    return User.objects.get(pk=user.pk)


def invitation_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S*/invitations/\S+/)", message.body).group(1)


def people_url(organisation: PartnerPage) -> str:
    return f"/experts/organisations/{organisation.pk}/people/"


@pytest.fixture
def organisations(demo) -> tuple[PartnerPage, PartnerPage]:
    first, second = PartnerPage.objects.live().order_by("title")[:2]
    return first, second


@pytest.fixture
def org_a(organisations) -> PartnerPage:
    return organisations[0]


@pytest.fixture
def org_b(organisations) -> PartnerPage:
    return organisations[1]


@pytest.fixture
def admin_of_a(org_a) -> User:
    return as_role_of(org_a, OrganisationRole.ADMIN, first_name="Aïcha", last_name="Admin")


# Who may see and manage the people ----------------------------------------------------------


def test_an_admin_sees_the_people_and_their_roles_from_the_organisation_page(
    client, org_a, admin_of_a
):
    editor = as_role_of(org_a, OrganisationRole.EDITOR)
    ExpertProfileFactory(user=editor, display_name="Eduardo Editor")
    client.force_login(admin_of_a)

    partner_page = client.get(org_a.url).content.decode()
    assert people_url(org_a) in partner_page

    html = client.get(people_url(org_a)).content.decode()
    assert "Aïcha Admin" in html and "Eduardo Editor" in html
    assert "Organisation admin" in html and "Editor" in html
    assert editor.email not in html  # addresses are never shown whole


def test_an_admin_of_one_organisation_cannot_see_or_manage_another(
    client, org_a, org_b, admin_of_a
):
    person_of_b = as_role_of(org_b, OrganisationRole.MEMBER)
    as_role_of(org_b, OrganisationRole.ADMIN)
    client.force_login(admin_of_a)

    page = client.get(people_url(org_b))
    assert page.status_code == 403
    assert "You do not have permission" in page.content.decode()
    assert people_url(org_b) not in client.get(org_b.url).content.decode()

    invite = client.post(f"{people_url(org_b)}invite/", {"email": "x@example.org", "role": "admin"})
    role = client.post(f"{people_url(org_b)}{person_of_b.pk}/role/", {f"person-{0}-role": "admin"})
    remove = client.post(f"{people_url(org_b)}{person_of_b.pk}/remove/")

    assert [invite.status_code, role.status_code, remove.status_code] == [403, 403, 403]
    assert mail.outbox == []
    assert OrganisationMembership.objects.get(user=person_of_b).role == OrganisationRole.MEMBER
    with pytest.raises(PermissionDenied):
        people.remove_person(actor=admin_of_a, organisation=org_b, user=person_of_b)


@pytest.mark.parametrize("role", [OrganisationRole.EDITOR, OrganisationRole.MEMBER])
def test_editors_and_members_cannot_manage_their_own_organisations_people(client, org_a, role):
    colleague = as_role_of(org_a, OrganisationRole.MEMBER)
    client.force_login(as_role_of(org_a, role))

    assert client.get(people_url(org_a)).status_code == 403
    assert people_url(org_a) not in client.get(org_a.url).content.decode()
    assert client.post(f"{people_url(org_a)}{colleague.pk}/remove/").status_code == 403
    assert OrganisationMembership.objects.filter(user=colleague).exists()


def test_visitors_are_sent_to_sign_in(client, org_a):
    response = client.get(people_url(org_a))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_the_sites_staff_can_manage_any_organisations_people(client, org_b):
    client.force_login(UserFactory(is_staff=True))

    assert client.get(people_url(org_b)).status_code == 200


def test_an_unknown_organisation_is_not_found(client, admin_of_a):
    client.force_login(admin_of_a)

    assert client.get("/experts/organisations/999999/people/").status_code == 404


# Invitations -------------------------------------------------------------------------------


def test_an_existing_member_accepts_an_invitation_and_becomes_an_editor_with_admin_access(
    client, org_a, admin_of_a, django_capture_on_commit_callbacks
):
    invited = verified_member(email="nadia@example.org")
    client.force_login(admin_of_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{people_url(org_a)}invite/", {"email": "Nadia@Example.org", "role": "editor"}
        )
    assert response.status_code == 302
    assert "Invitation sent" in client.get(response["Location"]).content.decode()

    [message] = mail.outbox
    assert message.to == ["nadia@example.org"]
    assert org_a.title in message.subject
    link = invitation_path(message)

    client.force_login(invited)
    assert client.get("/admin/").status_code == 302  # not yet an editor
    page = client.get(link).content.decode()
    assert "Accept the invitation" in page and "Editor" in page
    assert not OrganisationMembership.objects.filter(user=invited).exists()  # GET changes nothing

    accepted = client.post(link)
    assert accepted.status_code == 302
    assert OrganisationMembership.objects.get(user=invited, organisation=org_a).role == "editor"
    assert fresh(invited).has_perm("wagtailadmin.access_admin")
    assert org_a.permissions_for_user(fresh(invited)).can_edit()
    assert client.get("/admin/").status_code == 200

    # Removed by the admin: the editing rights go with the role.
    client.force_login(admin_of_a)
    client.post(f"{people_url(org_a)}{invited.pk}/remove/")
    client.force_login(invited)
    assert client.get("/admin/").status_code == 302
    assert not org_a.permissions_for_user(fresh(invited)).can_edit()


def test_a_newcomer_signs_up_from_the_invitation_and_then_accepts(client, org_a, admin_of_a):
    token = people.invite_person(
        inviter=admin_of_a, organisation=org_a, email="newcomer@example.org", role="member"
    )
    link = f"/experts/invitations/{token}/"
    mail.outbox.clear()

    page = client.get(link).content.decode()
    assert "Create an account" in page and "newcomer@example.org" in page
    signup = re.search(r'href="(/accounts/signup/\?next=[^"]+)"', page).group(1)

    client.post(
        signup.replace("&amp;", "&"),
        {
            "email": "newcomer@example.org",
            "password1": "a long passphrase for tests",
            "password2": "a long passphrase for tests",
            "next": link,
        },
    )
    [confirmation] = mail.outbox
    confirm_path = re.search(r"https?://[^/\s]+(/\S+)", confirmation.body).group(1)
    client.get(confirm_path)
    response = client.post(confirm_path, follow=True)

    # Confirming the address signs the newcomer in and brings them back to the invitation.
    assert response.redirect_chain[-1][0].endswith(link)
    assert "Accept the invitation" in response.content.decode()
    client.post(link)
    newcomer = User.objects.get(email="newcomer@example.org")
    assert OrganisationMembership.objects.get(user=newcomer).role == OrganisationRole.MEMBER
    assert not fresh(newcomer).has_perm("wagtailadmin.access_admin")  # members do not edit


def test_an_invitation_for_another_address_or_an_unverified_one_is_refused(
    client, org_a, admin_of_a
):
    token = people.invite_person(
        inviter=admin_of_a, organisation=org_a, email="right@example.org", role="admin"
    )
    link = f"/experts/invitations/{token}/"
    wrong = verified_member(email="wrong@example.org")
    unverified = UserFactory(email="right@example.org")
    EmailAddress.objects.create(user=unverified, email=unverified.email, verified=False)

    for user in (wrong, unverified):
        client.force_login(user)
        page = client.get(link)
        assert page.status_code == 403
        assert "It was sent to right@example.org" in page.content.decode()
        assert client.post(link).status_code == 403
        assert not OrganisationMembership.objects.filter(user=user).exists()


def test_an_expired_invitation_gets_its_own_page(client, org_a, admin_of_a):
    fifteen_days_ago = (people.datetime.now(tz=people.UTC) - timedelta(days=15)).timestamp()
    with mock.patch("django.core.signing.time.time", return_value=fifteen_days_ago):
        token = people.invite_person(
            inviter=admin_of_a, organisation=org_a, email="late@example.org", role="member"
        )
    client.force_login(verified_member(email="late@example.org"))

    response = client.get(f"/experts/invitations/{token}/")

    assert response.status_code == 410
    assert "This invitation has expired" in response.content.decode()
    assert client.post(f"/experts/invitations/{token}/").status_code == 410


@pytest.mark.parametrize("change", ["altered", "truncated"])
def test_a_tampered_invitation_gets_its_own_page(client, org_a, admin_of_a, change):
    token = people.invite_person(
        inviter=admin_of_a, organisation=org_a, email="eve@example.org", role="member"
    )
    # Changing one character of what the link carries, or cutting it, breaks the signature.
    altered = ("A" if token[3] != "A" else "B").join([token[:3], token[4:]])
    token = altered if change == "altered" else token[:-5]
    client.force_login(verified_member(email="eve@example.org"))

    response = client.post(f"/experts/invitations/{token}/")

    assert response.status_code == 400
    assert "This invitation link does not work" in response.content.decode()
    assert not OrganisationMembership.objects.filter(user__email="eve@example.org").exists()


def test_an_accepted_invitation_cannot_be_replayed_to_undo_a_later_role_change(
    client, org_a, admin_of_a
):
    an_hour_ago = (people.datetime.now(tz=people.UTC) - timedelta(hours=1)).timestamp()
    with mock.patch("django.core.signing.time.time", return_value=an_hour_ago):
        token = people.invite_person(
            inviter=admin_of_a, organisation=org_a, email="rui@example.org", role="member"
        )
    rui = verified_member(email="rui@example.org")
    client.force_login(rui)
    client.post(f"/experts/invitations/{token}/")
    assert client.get(f"/experts/invitations/{token}/").status_code == 200  # friendly page
    people.change_role(actor=admin_of_a, organisation=org_a, user=rui, role="editor")

    response = client.post(f"/experts/invitations/{token}/")

    assert "You have already accepted this invitation" in response.content.decode()
    assert OrganisationMembership.objects.get(user=rui).role == OrganisationRole.EDITOR


def test_an_invitation_dies_with_its_senders_admin_rights(client, org_a, admin_of_a):
    token = people.invite_person(
        inviter=admin_of_a, organisation=org_a, email="late@example.org", role="editor"
    )
    as_role_of(org_a, OrganisationRole.ADMIN)
    people.change_role(actor=admin_of_a, organisation=org_a, user=admin_of_a, role="member")
    client.force_login(verified_member(email="late@example.org"))

    response = client.post(f"/experts/invitations/{token}/")

    assert response.status_code == 403
    assert "can no longer invite" in response.content.decode()


def test_bad_invitations_are_refused_at_the_field(client, org_a, admin_of_a):
    already = as_role_of(org_a, OrganisationRole.MEMBER)
    client.force_login(admin_of_a)

    not_an_address = client.post(f"{people_url(org_a)}invite/", {"email": "nadia", "role": "x"})
    a_member_already = client.post(
        f"{people_url(org_a)}invite/", {"email": already.email, "role": "editor"}
    )

    assert not_an_address.status_code == 400
    assert "Enter a valid email address" in not_an_address.content.decode()
    assert "Select a valid choice" in not_an_address.content.decode()
    assert a_member_already.status_code == 400
    assert "already in the organisation, as Member" in a_member_already.content.decode()
    assert mail.outbox == []


# Changing roles and removing people ---------------------------------------------------------


def test_a_role_change_moves_the_person_between_the_real_groups(client, org_a, admin_of_a):
    person = as_role_of(org_a, OrganisationRole.MEMBER)
    membership = OrganisationMembership.objects.get(user=person)
    client.force_login(admin_of_a)

    client.post(f"{people_url(org_a)}{person.pk}/role/", {f"person-{membership.pk}-role": "admin"})
    assert people.can_manage_organisation_people(fresh(person), org_a)
    assert fresh(person).groups.count() == 2

    client.post(f"{people_url(org_a)}{person.pk}/role/", {f"person-{membership.pk}-role": "member"})
    assert not people.can_manage_organisation_people(fresh(person), org_a)
    assert not fresh(person).has_perm("wagtailadmin.access_admin")
    assert fresh(person).groups.count() == 0


def test_the_last_admin_can_be_neither_demoted_nor_removed(client, org_a, admin_of_a):
    membership = OrganisationMembership.objects.get(user=admin_of_a)
    client.force_login(admin_of_a)

    demoted = client.post(
        f"{people_url(org_a)}{admin_of_a.pk}/role/",
        {f"person-{membership.pk}-role": "member"},
        follow=True,
    )
    removed = client.post(f"{people_url(org_a)}{admin_of_a.pk}/remove/", follow=True)

    assert "at least one admin" in demoted.content.decode()
    assert "only admin" in removed.content.decode()
    assert OrganisationMembership.objects.get(user=admin_of_a).role == OrganisationRole.ADMIN


def test_removing_asks_for_confirmation_first(client, org_a, admin_of_a):
    person = as_role_of(org_a, OrganisationRole.EDITOR, first_name="Rania", last_name="Removed")
    client.force_login(admin_of_a)

    confirm = client.get(f"{people_url(org_a)}{person.pk}/remove/").content.decode()
    assert "Remove Rania Removed from" in confirm
    assert OrganisationMembership.objects.filter(user=person).exists()

    response = client.post(f"{people_url(org_a)}{person.pk}/remove/", follow=True)
    assert "no longer belongs to" in response.content.decode()
    assert not OrganisationMembership.objects.filter(user=person).exists()
    assert fresh(person).groups.count() == 0


def test_the_people_page_costs_the_same_queries_however_many_people(
    client, org_a, admin_of_a, django_assert_num_queries
):
    client.force_login(admin_of_a)
    for _ in range(2):
        as_role_of(org_a, OrganisationRole.EDITOR)
    client.get(people_url(org_a))  # the first request of a session does a little more
    with CaptureQueriesContext(connection) as few:
        assert client.get(people_url(org_a)).status_code == 200
    for _ in range(20):
        ExpertProfileFactory(user=as_role_of(org_a, OrganisationRole.MEMBER))

    with django_assert_num_queries(len(few.captured_queries)):
        html = client.get(people_url(org_a)).content.decode()
    assert html.count('<th scope="row"') == 23
