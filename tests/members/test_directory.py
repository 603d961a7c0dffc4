"""The expert directory shows each profile only to those its owner chose."""

import pytest

from members.models import Visibility
from tests.factories import ExpertProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def profiles():
    return {
        "public": ExpertProfileFactory(display_name="Publicia", visibility=Visibility.PUBLIC),
        "members": ExpertProfileFactory(display_name="Membera", visibility=Visibility.MEMBERS),
        "hidden": ExpertProfileFactory(display_name="Hiddena", visibility=Visibility.HIDDEN),
    }


def test_visitors_see_public_profiles_only(client, profiles):
    html = client.get("/experts/").content.decode()

    assert "Publicia" in html
    assert "Membera" not in html and "Hiddena" not in html
    assert client.get(profiles["members"].get_absolute_url()).status_code == 404
    assert client.get(profiles["hidden"].get_absolute_url()).status_code == 404


def test_members_also_see_members_only_profiles(client, profiles):
    client.force_login(UserFactory())

    html = client.get("/experts/").content.decode()

    assert "Publicia" in html and "Membera" in html
    assert "Hiddena" not in html
    assert client.get(profiles["members"].get_absolute_url()).status_code == 200
    assert client.get(profiles["hidden"].get_absolute_url()).status_code == 404


def test_a_hidden_profile_is_seen_by_its_owner_and_staff_but_never_listed(client, profiles):
    client.force_login(profiles["hidden"].user)
    assert client.get(profiles["hidden"].get_absolute_url()).status_code == 200
    assert "Hiddena" not in client.get("/experts/").content.decode()

    client.force_login(UserFactory(is_staff=True))
    assert client.get(profiles["hidden"].get_absolute_url()).status_code == 200
    assert "Hiddena" not in client.get("/experts/").content.decode()


def test_sample_profiles_are_marked_as_samples(client, demo):
    html = client.get("/experts/").content.decode()

    assert "Sample profile" in html
