"""Live notifications in real browsers: member A replies in a thread member B watches, and
B's page, open all along, shows the new count and announces it, without a reload."""

import pytest
from django.test import Client

from forums.actions import reactions
from forums.actions.posting import start_thread
from tests.browser.test_home_in_a_browser import axe_violations, browser_page  # noqa: F401
from tests.factories import CategoryFactory, VerifiedUserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def signed_in_context(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context()
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context


@pytest.mark.parametrize(("prefix", "direction"), [("", "ltr"), ("/ar", "rtl")])
def test_a_reply_by_a_updates_bs_open_page(
    live_server,
    demo,
    browser_page,  # noqa: F811
    prefix,
    direction,
):
    category = CategoryFactory()
    member_a = VerifiedUserFactory(first_name="Amina")
    member_b = VerifiedUserFactory(first_name="Bilal")
    thread = start_thread(
        author=member_b, category=category, title="Shared registers", body="Who has one?"
    ).thread
    reactions.set_watch_level(user=member_b, level="watching", thread=thread)
    browser = browser_page.context.browser
    page_b = signed_in_context(browser, live_server, member_b).new_page()
    page_b.goto(f"{live_server.url}{prefix}/forums/")
    badge = page_b.locator("[data-notifications] .notification-count")
    assert badge.is_hidden()
    page_b.wait_for_timeout(300)  # the socket connects and catches up

    page_a = signed_in_context(browser, live_server, member_a).new_page()
    page_a.goto(f"{live_server.url}{prefix}/forums/t/{thread.pk}/")
    page_a.fill("#id_body", "We do: one address register for every ministry.")
    page_a.locator("#reply button[type=submit]").click()
    page_a.wait_for_selector("#post-2")

    badge.wait_for(state="visible", timeout=5000)
    assert badge.inner_text() == "1"
    announced = page_b.locator("#live-announcer")
    page_b.wait_for_function(
        "() => document.getElementById('live-announcer').textContent.includes('Shared registers')"
    )
    assert "Shared registers" in announced.inner_text()
    assert page_b.get_attribute("html", "dir") == direction
    assert axe_violations(page_b) == []
