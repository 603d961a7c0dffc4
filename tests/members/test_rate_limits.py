"""Rate limits on signing in, joining and password resets: reached, they say so clearly.

The counts live in the cache: local memory in the embedded run, Redis in the production
run, where every ASGI process shares them. Each test comes from an IP address of its own
(see accounts_support), so the counts start at zero whatever ran before.
"""

import pytest
from django.core import mail

from tests.members.accounts_support import (
    PASSWORD,
    sign_in,
    signed_in_user_id,
    unique_email,
    unique_ip,
    verified_member,
    visitor,
)

pytestmark = pytest.mark.django_db

TOO_MANY = "Too many attempts: please wait a few minutes"


def assert_rate_limited(response):
    html = response.content.decode()
    assert response.status_code == 429
    assert TOO_MANY in html
    assert 'class="site-header"' in html  # the designed page, in the site's chrome


def test_the_configured_limits_are_in_force(settings):
    from allauth.account import app_settings

    limits = app_settings.RATE_LIMITS
    assert limits["login_failed"] == "10/m/ip,5/5m/key"
    assert limits["signup"] == "20/m/ip,100/h/ip"
    assert limits["reset_password"] == "20/m/ip,5/h/key"
    assert limits["login"] == "30/m/ip"


def test_failed_sign_ins_lock_the_address_even_for_the_right_password():
    member = verified_member()
    attacker = visitor()

    for _ in range(5):
        response = sign_in(attacker, member.email, "guess")
        assert "are not correct" in response.content.decode()
    response = sign_in(visitor(), member.email, PASSWORD)

    assert response.status_code == 200
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    assert signed_in_user_id(attacker) is None


def test_too_many_sign_in_attempts_from_one_address_get_the_429_page(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "3/m/ip"}
    client = visitor()

    for _ in range(3):
        assert sign_in(client, unique_email(), "guess").status_code == 200

    assert_rate_limited(sign_in(client, unique_email(), "guess"))


def test_too_many_sign_ups_from_one_address_get_the_429_page(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/m/ip"}
    client = visitor()

    def sign_up():
        return client.post(
            "/accounts/signup/",
            {"email": unique_email(), "password1": PASSWORD, "password2": PASSWORD},
        )

    assert sign_up().status_code == 302
    client.logout()
    assert sign_up().status_code == 302
    client.logout()

    assert_rate_limited(sign_up())


def test_password_reset_requests_for_one_address_are_limited():
    member = verified_member()

    for _ in range(5):
        assert (
            visitor().post("/accounts/password/reset/", {"email": member.email}).status_code == 302
        )
    response = visitor().post("/accounts/password/reset/", {"email": member.email})

    assert_rate_limited(response)
    assert len(mail.outbox) == 5


def test_the_429_page_is_translated():
    member = verified_member()
    for _ in range(5):
        visitor().post("/accounts/password/reset/", {"email": member.email})

    response = visitor().post("/ar/accounts/password/reset/", {"email": member.email})

    assert response.status_code == 429
    assert 'dir="rtl"' in response.content.decode()


def test_behind_the_proxy_each_client_address_is_counted_apart(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}
    proxy = visitor()  # every request reaches the site from the proxy's address
    first_client = {"HTTP_X_FORWARDED_FOR": unique_ip()}
    second_client = {"HTTP_X_FORWARDED_FOR": unique_ip()}

    def attempt(headers):
        return proxy.post(
            "/accounts/login/", {"login": unique_email(), "password": "guess"}, **headers
        )

    assert attempt(first_client).status_code == 200
    assert attempt(first_client).status_code == 200
    assert attempt(first_client).status_code == 429
    assert attempt(second_client).status_code == 200
