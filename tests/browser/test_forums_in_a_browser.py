"""The forums in a real browser: start a thread, reply, quote, edit, in English and Arabic,
with no console errors and axe-core clean at every step; a reply's draft survives a reload."""

import pytest

from forums.models import Post
from tests.browser.test_home_in_a_browser import axe_violations, browser_page  # noqa: F401
from tests.factories import CategoryFactory, VerifiedUserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LANGUAGES = [("", "ltr"), ("/ar", "rtl")]


def sign_in(browser_page, client, live_server, user):  # noqa: F811
    client.force_login(user)
    browser_page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def check(browser_page, direction: str):  # noqa: F811
    assert browser_page.get_attribute("html", "dir") == direction
    assert browser_page.console_errors == []
    assert axe_violations(browser_page) == []


@pytest.mark.parametrize(("prefix", "direction"), LANGUAGES)
def test_a_member_starts_a_thread_replies_quotes_and_edits(
    live_server,
    demo,
    browser_page,  # noqa: F811
    client,
    prefix,
    direction,
):
    category = CategoryFactory(name="Open government data")
    sign_in(browser_page, client, live_server, VerifiedUserFactory(first_name="Salma"))
    browser_page.goto(f"{live_server.url}{prefix}/forums/c/{category.slug}/")
    check(browser_page, direction)

    browser_page.locator(f'a[href$="/forums/c/{category.slug}/new/"]').click()
    check(browser_page, direction)
    browser_page.fill("#id_title", "بوابات البيانات المفتوحة: ما الذي يستخدمه الناس؟")
    browser_page.fill("#id_body", "Which datasets do people **really** download?")
    browser_page.locator("form.stacked-form button[type=submit]").click()

    assert browser_page.locator("h1").inner_text().startswith("بوابات البيانات")
    assert browser_page.locator("#post-1 strong").inner_text() == "really"
    check(browser_page, direction)

    browser_page.fill("#id_body", "Budgets and transport timetables, mostly.")
    browser_page.locator("#reply button[type=submit]").click()
    assert "Budgets and transport" in browser_page.locator("#post-2").inner_text()
    check(browser_page, direction)

    browser_page.locator("#post-1 a", has_text="Quote" if not prefix else "اقتباس").first.click()
    assert "really" in browser_page.input_value("#id_body")
    browser_page.locator("#reply button[type=submit]").click()
    assert browser_page.locator("#post-3 blockquote").count() == 1
    check(browser_page, direction)

    reply = Post.objects.get(position=2, thread__category=category)
    browser_page.goto(f"{live_server.url}{prefix}/forums/p/{reply.pk}/edit/")
    check(browser_page, direction)
    browser_page.fill("#id_body", "Budgets, procurement and transport timetables.")
    browser_page.locator("form.stacked-form button[type=submit]").click()
    assert "procurement" in browser_page.locator("#post-2").inner_text()
    check(browser_page, direction)


def test_a_reply_being_written_survives_a_reload(
    live_server,
    demo,
    browser_page,  # noqa: F811
    client,
):
    category = CategoryFactory()
    member = VerifiedUserFactory()
    from forums.actions.posting import start_thread

    thread = start_thread(
        author=member, category=category, title="Drafts that survive", body="Hello"
    ).thread
    sign_in(browser_page, client, live_server, VerifiedUserFactory())
    browser_page.goto(f"{live_server.url}/forums/t/{thread.pk}/")
    browser_page.fill("#id_body", "Half a thought")
    browser_page.locator("#id_body").dispatch_event("input")

    browser_page.reload()

    assert browser_page.input_value("#id_body") == "Half a thought"
    assert "restored" in browser_page.locator(".draft-status").inner_text()
