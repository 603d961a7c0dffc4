"""Joining, confirming the e-mail address, signing in, resetting a password, changing e-mail."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied

from members.models import User
from members.permissions import can_contribute, check_can_contribute, has_verified_email
from tests.members.accounts_support import (
    PASSWORD,
    link_in,
    sign_in,
    signed_in_user_id,
    unique_email,
    verified_member,
    visitor,
)

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "another long passphrase"


def sign_up(client, email, password=PASSWORD, password2=None):
    return client.post(
        "/accounts/signup/",
        {"email": email, "password1": password, "password2": password2 or password},
    )


def test_a_newcomer_joins_confirms_by_the_emailed_link_and_is_signed_in():
    client = visitor()
    email = unique_email("amina")

    response = sign_up(client, email)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    page = client.get(response["Location"]).content.decode()
    assert "We have sent an email to you for verification" in page
    assert signed_in_user_id(client) is None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [email]

    confirm_page = client.get(link_in(mail.outbox[0]))
    assert confirm_page.status_code == 200
    assert email in confirm_page.content.decode()
    response = client.post(link_in(mail.outbox[0]))

    member = User.objects.get(email=email)
    assert response.status_code == 302
    assert signed_in_user_id(client) == member.pk
    assert has_verified_email(member)
    check_can_contribute(member)  # does not raise


def test_until_the_address_is_confirmed_the_member_can_neither_sign_in_nor_contribute():
    client = visitor()
    email = unique_email()
    sign_up(client, email)
    member = User.objects.get(email=email)

    assert not has_verified_email(member)
    assert not can_contribute(member)
    with pytest.raises(PermissionDenied, match="Confirm your e-mail address"):
        check_can_contribute(member)

    response = sign_in(visitor(), email)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert signed_in_user_id(client) is None


def test_signing_up_with_an_address_already_in_use_creates_no_second_account():
    existing = verified_member()
    client = visitor()

    response = sign_up(client, existing.email.upper())

    # The page does not say whether the address is known (no account enumeration); the
    # owner of the address is told by e-mail instead.
    assert response.status_code == 302
    assert User.objects.filter(email__iexact=existing.email).count() == 1
    assert len(mail.outbox) == 1
    assert "already" in mail.outbox[0].body.lower()


def test_bad_sign_up_input_is_explained_at_the_field():
    client = visitor()

    response = sign_up(client, "not-an-address", password="short", password2="different")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<ul class="errorlist" id="id_email_error">' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_email_error"' in html
    assert "Enter a valid email address." in html
    assert User.objects.filter(email="not-an-address").count() == 0


def test_the_sign_up_form_is_translated_into_arabic():
    html = visitor().get("/ar/accounts/signup/").content.decode()

    assert 'dir="rtl"' in html
    assert "تسجيل" in html  # allauth's own Arabic catalogue: "sign up"


def test_a_member_signs_in_with_their_email_address():
    member = verified_member()
    client = visitor()

    response = sign_in(client, member.email.upper())

    assert response.status_code == 302
    assert signed_in_user_id(client) == member.pk
    assert "Sign out" in client.get("/").content.decode()


def test_a_wrong_password_is_refused_with_a_message_that_reveals_nothing():
    member = verified_member()
    client = visitor()

    response = sign_in(client, member.email, "not the password")

    html = response.content.decode()
    assert response.status_code == 200
    assert signed_in_user_id(client) is None
    assert 'role="alert"' in html
    assert "The email address and/or password you specified are not correct." in html


def test_a_forgotten_password_is_reset_by_the_emailed_link():
    member = verified_member()
    client = visitor()

    response = client.post("/accounts/password/reset/", {"email": member.email})
    assert response.status_code == 302
    assert "/accounts/password/reset/done/" in response["Location"]
    assert len(mail.outbox) == 1

    # The key in the link is swapped for a session, so it does not leak through Referer.
    response = client.get(link_in(mail.outbox[0]))
    assert response.status_code == 302
    form_url = response["Location"]
    assert client.get(form_url).status_code == 200
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302

    assert signed_in_user_id(sign_in_as := visitor()) is None
    assert sign_in(sign_in_as, member.email, NEW_PASSWORD).status_code == 302
    assert signed_in_user_id(sign_in_as) == member.pk
    refused = visitor()
    sign_in(refused, member.email, PASSWORD)
    assert signed_in_user_id(refused) is None


def test_a_used_or_made_up_reset_link_gets_a_clear_page():
    html = visitor().get("/accounts/password/reset/key/1-made-up-key/").content.decode()

    assert "The password reset link was invalid" in html


def test_a_reset_for_an_unknown_address_looks_the_same_and_tells_the_addressee():
    client = visitor()
    email = unique_email("nobody")

    response = client.post("/accounts/password/reset/", {"email": email})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [email]
    assert not User.objects.filter(email=email).exists()


def test_a_new_email_address_replaces_the_old_one_only_once_confirmed():
    member = verified_member()
    old_email = member.email
    new_email = unique_email("moved")
    client = visitor()
    sign_in(client, member.email)

    response = client.post("/accounts/email/", {"action_add": "", "email": new_email})

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.email == old_email
    assert EmailAddress.objects.get(user=member, email=new_email).verified is False
    assert mail.outbox[-1].to == [new_email]
    # The confirmed old address still counts while the new one waits.
    assert has_verified_email(member)

    client.post(link_in(mail.outbox[-1]))

    member.refresh_from_db()
    assert member.email == new_email
    assert has_verified_email(member)
    assert not EmailAddress.objects.filter(user=member, email=old_email).exists()


def test_contributing_needs_a_signed_in_member_and_says_why_not():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied, match="Sign in"):
        check_can_contribute(AnonymousUser())
    staff = User.objects.create_user(email=unique_email("staff"), password=PASSWORD, is_staff=True)
    assert can_contribute(staff)


def test_a_verified_address_that_is_not_the_account_address_does_not_count():
    member = User.objects.create_user(email=unique_email(), password=PASSWORD)
    EmailAddress.objects.create(user=member, email=member.email, primary=True, verified=False)
    EmailAddress.objects.create(user=member, email=unique_email("other"), verified=True)

    assert not has_verified_email(member)
