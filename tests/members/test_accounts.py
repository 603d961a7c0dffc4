"""Members sign in with their e-mail address; there is no username."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from members.models import User

pytestmark = pytest.mark.django_db


def test_the_email_address_is_the_login_identifier():
    user = User.objects.create_user(email="Amina@Example.org", password="a long passphrase")

    assert User.USERNAME_FIELD == "email"
    assert not hasattr(user, "username") or user.username is None
    assert authenticate(email="Amina@example.org", password="a long passphrase") == user
    assert authenticate(email="Amina@example.org", password="wrong") is None


def test_an_address_can_belong_to_only_one_member():
    User.objects.create_user(email="one@example.org", password="x")

    with pytest.raises(Exception):  # noqa: B017 (the database's unique constraint, whichever it is)
        User.objects.create_user(email="one@example.org", password="y")


def test_sign_in_page_asks_for_an_email_address(client):
    html = client.get("/accounts/login/").content.decode()

    assert 'type="email"' in html
    assert "username" not in html.lower()


def test_demo_administrator_password_is_printed_only_once(capsys):
    call_command("create_demo_admin")
    first = capsys.readouterr().out
    call_command("create_demo_admin")
    second = capsys.readouterr().out

    password = first.split("password:")[1].split()[0]
    admin = User.objects.get(email="admin@example.org")
    assert admin.is_superuser and admin.check_password(password)
    assert password not in second
    assert User.objects.filter(email="admin@example.org").count() == 1


def test_the_demo_administrator_signs_in_to_the_site_without_confirming_the_address(client, capsys):
    call_command("create_demo_admin")
    password = capsys.readouterr().out.split("password:")[1].split()[0]

    response = client.post("/accounts/login/", {"login": "admin@example.org", "password": password})

    assert response.status_code == 302
    assert "confirm-email" not in response["Location"]
    assert client.get("/experts/me/settings/").status_code == 200


def test_the_demo_administrator_can_sign_in_to_the_wagtail_admin(client):
    User.objects.create_superuser(email="admin@example.org", password="pass-for-test")

    response = client.post(
        "/admin/login/", {"username": "admin@example.org", "password": "pass-for-test"}
    )

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
