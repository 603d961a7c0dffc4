"""A member's own data: the settings page, the downloadable archive, deleting the account."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate

from community.models import PartnerPage
from members.models import ExpertProfile, OrganisationMembership, OrganisationRole, User
from members.my_data import display_name
from members.organisations import set_role
from tests.factories import ExpertProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long test passphrase"  # the factory's


@pytest.fixture
def organisation(demo) -> PartnerPage:
    return PartnerPage.objects.live().order_by("title").first()


@pytest.fixture
def amina(organisation) -> User:
    user = UserFactory(email="amina@example.org", first_name="Amina", last_name="Diallo")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    ExpertProfileFactory(user=user, display_name="Dr Amina Diallo", headline="Open data for cities")
    set_role(user, organisation, OrganisationRole.EDITOR)
    return user


@pytest.fixture
def someone_else(organisation) -> User:
    user = UserFactory(email="other@example.org", first_name="Omar", last_name="Other")
    ExpertProfileFactory(user=user, display_name="Omar Other", headline="Not Amina's")
    set_role(user, organisation, OrganisationRole.ADMIN)
    return user


# Settings ------------------------------------------------------------------------------------


def test_the_settings_page_gathers_account_profile_organisations_and_data(
    client, amina, someone_else, organisation
):
    assert client.get("/experts/me/settings/").status_code == 302  # sign in first

    client.force_login(amina)
    html = client.get("/experts/me/settings/").content.decode()

    assert 'href="/experts/me/settings/"' in client.get("/").content.decode()  # in the header
    assert "/accounts/email/" in html and "/accounts/password/change/" in html
    assert "/experts/me/data.json" in html and "/experts/me/delete/" in html
    assert organisation.title in html and "Editor" in html
    assert f"/experts/organisations/{organisation.pk}/people/" not in html  # not her to manage

    client.force_login(someone_else)
    html = client.get("/experts/me/settings/").content.decode()
    assert f"/experts/organisations/{organisation.pk}/people/" in html


def test_a_member_without_a_profile_has_a_settings_page_too(client):
    client.force_login(UserFactory())

    response = client.get("/experts/me/settings/")

    assert response.status_code == 200
    assert "/experts/me/data.json" in response.content.decode()


# Download my data ----------------------------------------------------------------------------


def test_downloading_my_data_needs_signing_in(client):
    response = client.get("/experts/me/data.json")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_archive_holds_my_account_profile_and_memberships_and_nobody_elses(
    client, amina, someone_else, organisation
):
    client.force_login(amina)

    response = client.get("/experts/me/data.json")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    data = json.loads(response.content)
    assert data["account"]["email"] == "amina@example.org"
    assert data["account"]["first_name"] == "Amina" and data["account"]["last_name"] == "Diallo"
    assert data["account"]["date_joined"]
    assert data["account"]["email_addresses"] == [
        {"email": "amina@example.org", "verified": True, "primary": True}
    ]
    assert data["profile"]["display_name"] == "Dr Amina Diallo"
    assert data["profile"]["headline"] == "Open data for cities"
    assert data["profile"]["visibility"] == "public"
    assert [(m["organisation"], m["role"]) for m in data["organisation_memberships"]] == [
        (organisation.title, "editor")
    ]
    for section in ("posts", "follows", "notifications"):
        assert data[section] == []
    text = response.content.decode()
    assert "other@example.org" not in text and "Omar" not in text and "Not Amina" not in text


def test_a_member_without_a_profile_gets_an_archive_too(client):
    client.force_login(UserFactory(email="plain@example.org"))

    data = client.get("/experts/me/data.json").json()

    assert data["account"]["email"] == "plain@example.org"
    assert data["profile"] is None and data["organisation_memberships"] == []


# Delete my account ---------------------------------------------------------------------------


def test_the_page_explains_what_deleting_does_before_asking_for_the_password(client, amina):
    client.force_login(amina)

    html = client.get("/experts/me/delete/").content.decode()

    assert "former member" in html
    assert "profile is removed" in html
    assert 'type="password"' in html


def test_a_wrong_password_changes_nothing(client, amina):
    client.force_login(amina)

    response = client.post("/experts/me/delete/", {"password": "not my password"})

    assert response.status_code == 400
    assert "This is not your password" in response.content.decode()
    amina.refresh_from_db()
    assert amina.is_active and amina.email == "amina@example.org"
    assert ExpertProfile.objects.filter(user=amina).exists()
    assert client.get("/experts/me/settings/").status_code == 200  # still signed in


def test_deleting_removes_the_person_and_keeps_a_former_member_for_their_content(
    client, amina, someone_else, organisation
):
    profile_url = amina.profile.get_absolute_url()
    client.force_login(amina)

    response = client.post("/experts/me/delete/", {"password": PASSWORD}, follow=True)

    assert "Your account is deleted" in response.content.decode()
    assert client.get("/experts/me/settings/").status_code == 302  # signed out
    former = User.objects.get(pk=amina.pk)  # the row stays for what they wrote
    assert former.email == f"former-member-{amina.pk}@invalid"
    assert (former.first_name, former.last_name) == ("", "")
    assert not former.is_active and not former.has_usable_password()
    assert display_name(former) == "former member"
    assert not ExpertProfile.objects.filter(user=former).exists()
    assert not OrganisationMembership.objects.filter(user=former).exists()
    assert former.groups.count() == 0
    assert not EmailAddress.objects.filter(user=former).exists()
    assert authenticate(email="amina@example.org", password=PASSWORD) is None
    assert not client.login(email="amina@example.org", password=PASSWORD)
    directory = client.get("/experts/").content.decode()
    assert "Dr Amina Diallo" not in directory and "Omar Other" in directory
    assert client.get(profile_url).status_code == 404
    # Nobody else is touched.
    someone_else.refresh_from_db()
    assert someone_else.is_active and someone_else.email == "other@example.org"
    assert OrganisationMembership.objects.get(user=someone_else).role == OrganisationRole.ADMIN
    assert display_name(someone_else) == "Omar Other"


def test_the_address_of_a_deleted_account_can_join_again(client, amina):
    client.force_login(amina)
    client.post("/experts/me/delete/", {"password": PASSWORD})

    client.post(
        "/accounts/signup/",
        {"email": "amina@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )

    newcomer = User.objects.get(email="amina@example.org")
    assert newcomer.pk != amina.pk and newcomer.is_active
