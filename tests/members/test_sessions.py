"""The list of devices a member is signed in on, and signing out of the others."""

import pytest

from tests.members.accounts_support import sign_in, signed_in_user_id, verified_member, visitor

pytestmark = pytest.mark.django_db


def test_a_member_sees_both_devices_and_signs_out_of_the_other_one():
    member = verified_member()
    laptop = visitor(HTTP_USER_AGENT="Laptop browser")
    phone = visitor(HTTP_USER_AGENT="Phone browser")
    sign_in(laptop, member.email)
    sign_in(phone, member.email)

    page = laptop.get("/accounts/sessions/")
    html = page.content.decode()
    assert page.context["session_count"] == 2
    assert "Laptop browser" in html and "Phone browser" in html
    assert "Current" in html
    assert "Sign Out Other Sessions" in html

    response = laptop.post("/accounts/sessions/")

    assert response.status_code == 302
    assert signed_in_user_id(laptop) == member.pk
    assert laptop.get("/accounts/sessions/").context["session_count"] == 1
    # The phone's next request finds its session gone.
    assert phone.get("/accounts/sessions/").status_code == 302
    assert signed_in_user_id(phone) is None


def test_the_sessions_page_is_for_signed_in_members_only():
    response = visitor().get("/accounts/sessions/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_last_seen_is_written_once_a_minute_not_on_every_page():
    from allauth.usersessions.models import UserSession
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from members.session_activity import TRACK_EVERY_SECONDS, TRACKED_AT

    member = verified_member()
    browser = visitor()
    sign_in(browser, member.email)
    browser.get("/forums/")
    seen = UserSession.objects.get(user=member).last_seen_at

    with CaptureQueriesContext(connection) as queries:
        browser.get("/forums/")
    assert not [q for q in queries if "usersessions_usersession" in q["sql"]]
    assert UserSession.objects.get(user=member).last_seen_at == seen

    session = browser.session  # as when the minute is over
    session[TRACKED_AT] -= TRACK_EVERY_SECONDS + 1
    session.save()
    browser.get("/forums/")
    assert UserSession.objects.get(user=member).last_seen_at > seen
