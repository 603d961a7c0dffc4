"""Two-factor authentication: an authenticator app (TOTP) and single-use recovery codes."""

import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.members.accounts_support import (
    PASSWORD,
    sign_in,
    signed_in_user_id,
    verified_member,
    visitor,
)

pytestmark = pytest.mark.django_db


def current_code(secret: str, steps_ahead: int = 0) -> str:
    """What the member's authenticator app shows now (RFC 6238, as allauth computes it)."""
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD + steps_ahead
    return format_hotp_value(hotp_value(secret, counter))


def wrong_code(secret: str) -> str:
    valid = {current_code(secret, step) for step in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222") if code not in valid)


def confirm_password(client) -> None:
    """Security settings ask for the password again, even just after signing in."""
    response = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302


def activate_totp(client) -> str:
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = client.post("/accounts/2fa/totp/activate/", {"code": current_code(secret)})
    assert response.status_code == 302
    return secret


@pytest.fixture
def member_with_totp():
    member = verified_member()
    client = visitor()
    sign_in(client, member.email)
    confirm_password(client)
    secret = activate_totp(client)
    return member, secret


def test_a_member_turns_on_two_factor_authentication_from_their_settings():
    member = verified_member()
    client = visitor()
    sign_in(client, member.email)

    index = client.get("/accounts/2fa/").content.decode()
    assert "Authenticator App" in index
    asked = client.get("/accounts/2fa/totp/activate/")
    assert asked["Location"].startswith("/accounts/reauthenticate/")
    confirm_password(client)
    page = client.get("/accounts/2fa/totp/activate/").content.decode()
    assert "QR code for your authenticator app" in page
    assert 'autocomplete="one-time-code"' in page

    activate_totp(client)

    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()
    # Recovery codes come with it, shown to the member to keep.
    codes = client.get("/accounts/2fa/recovery-codes/")
    assert codes.status_code == 200
    assert len(codes.context["unused_codes"]) == mfa_settings.RECOVERY_CODE_COUNT


def test_activation_refuses_a_wrong_code_at_the_field():
    member = verified_member()
    client = visitor()
    sign_in(client, member.email)
    confirm_password(client)
    secret = client.get("/accounts/2fa/totp/activate/").context["form"].secret

    response = client.post("/accounts/2fa/totp/activate/", {"code": wrong_code(secret)})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-invalid="true"' in html
    assert "Incorrect code." in html
    assert not Authenticator.objects.filter(user=member).exists()


def test_with_two_factor_on_the_password_alone_does_not_sign_in(member_with_totp):
    member, secret = member_with_totp
    client = visitor()

    response = sign_in(client, member.email)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert signed_in_user_id(client) is None
    page = client.get(response["Location"]).content.decode()
    assert 'name="code"' in page

    refused = client.post("/accounts/2fa/authenticate/", {"code": wrong_code(secret)})
    assert refused.status_code == 200
    assert "Incorrect code." in refused.content.decode()
    assert signed_in_user_id(client) is None

    accepted = client.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert accepted.status_code == 302
    assert signed_in_user_id(client) == member.pk


def test_a_recovery_code_signs_in_once_only(member_with_totp):
    member, _secret = member_with_totp
    authenticator = Authenticator.objects.get(user=member, type=Authenticator.Type.RECOVERY_CODES)
    code = RecoveryCodes(authenticator).get_unused_codes()[0]

    first = visitor()
    sign_in(first, member.email)
    assert first.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302
    assert signed_in_user_id(first) == member.pk

    second = visitor()
    sign_in(second, member.email)
    response = second.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 200
    assert "Incorrect code." in response.content.decode()
    assert signed_in_user_id(second) is None
