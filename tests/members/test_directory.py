"""The expert directory shows each profile only to those its owner chose."""

import pytest

from members.models import ExpertProfile, User, Visibility

pytestmark = pytest.mark.django_db


@pytest.fixture
def profiles():
    def make(name: str, visibility: str) -> ExpertProfile:
        user = User.objects.create_user(email=f"{name.lower()}@example.org", password="x")
        return ExpertProfile.objects.create(user=user, display_name=name, visibility=visibility)

    return {
        "public": make("Publicia", Visibility.PUBLIC),
        "members": make("Membera", Visibility.MEMBERS),
        "hidden": make("Hiddena", Visibility.HIDDEN),
    }


def test_visitors_see_public_profiles_only(client, profiles):
    html = client.get("/experts/").content.decode()

    assert "Publicia" in html
    assert "Membera" not in html and "Hiddena" not in html
    assert client.get(profiles["members"].get_absolute_url()).status_code == 404
    assert client.get(profiles["hidden"].get_absolute_url()).status_code == 404


def test_members_also_see_members_only_profiles(client, profiles):
    client.force_login(User.objects.create_user(email="reader@example.org", password="x"))

    html = client.get("/experts/").content.decode()

    assert "Publicia" in html and "Membera" in html
    assert "Hiddena" not in html
    assert client.get(profiles["members"].get_absolute_url()).status_code == 200
    assert client.get(profiles["hidden"].get_absolute_url()).status_code == 404


def test_a_hidden_profile_is_seen_by_its_owner_and_staff_but_never_listed(client, profiles):
    client.force_login(profiles["hidden"].user)
    assert client.get(profiles["hidden"].get_absolute_url()).status_code == 200
    assert "Hiddena" not in client.get("/experts/").content.decode()

    client.force_login(User.objects.create_user(email="s@example.org", password="x", is_staff=True))
    assert client.get(profiles["hidden"].get_absolute_url()).status_code == 200
    assert "Hiddena" not in client.get("/experts/").content.decode()


def test_sample_profiles_are_marked_as_samples(client, demo):
    html = client.get("/experts/").content.decode()

    assert "Sample profile" in html
