"""Account pages in a real browser: joining in English and Arabic, axe-clean forms."""

import os
import uuid
from pathlib import Path

import pytest
from django.core import mail

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
LANGUAGES = [("", "en", "ltr"), ("/ar", "ar", "rtl")]


@pytest.fixture
def browser_page():
    # Playwright's sync API runs an event loop in this thread; Django's guard against
    # blocking calls from async code would otherwise refuse the test's own ORM calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page()
        page.console_errors = []
        page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        yield page
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} elements)"
        for violation in result["violations"]
    ]


@pytest.mark.parametrize(("prefix", "lang", "direction"), LANGUAGES)
def test_a_newcomer_fills_in_the_sign_up_form_and_is_asked_to_confirm(
    live_server, browser_page, prefix, lang, direction
):
    page = browser_page
    email = f"newcomer-{uuid.uuid4().hex[:8]}@example.org"
    page.goto(f"{live_server.url}{prefix}/accounts/signup/")
    assert page.get_attribute("html", "dir") == direction

    # Found by their labels, as a screen reader user would.
    page.get_by_label("Email" if lang == "en" else "بريد إلكتروني").first.fill(email)
    page.locator("#id_password1").fill("a long test passphrase")
    page.locator("#id_password2").fill("a long test passphrase")
    page.locator("form.account-form button[type=submit]").click()

    page.wait_for_url(f"**{prefix}/accounts/confirm-email/")
    assert page.get_attribute("html", "lang") == lang
    assert page.get_attribute("html", "dir") == direction
    heading = {"en": "Verify Your Email Address", "ar": "التحقق من البريد الإلكتروني"}[lang]
    assert page.locator("h1").inner_text() == heading
    assert [message.to for message in mail.outbox] == [[email]]
    assert page.console_errors == []
    assert axe_violations(page) == []


@pytest.mark.parametrize(("prefix", "lang", "direction"), LANGUAGES)
@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
)
def test_account_pages_are_accessible(live_server, browser_page, path, prefix, lang, direction):
    response = browser_page.goto(f"{live_server.url}{prefix}{path}")

    assert response.status == 200
    assert browser_page.get_attribute("html", "dir") == direction
    assert browser_page.console_errors == []
    assert axe_violations(browser_page) == []


@pytest.mark.parametrize(("prefix", "lang", "direction"), LANGUAGES)
def test_sign_up_errors_are_announced_at_the_field_and_stay_accessible(
    live_server, browser_page, prefix, lang, direction
):
    page = browser_page
    page.goto(f"{live_server.url}{prefix}/accounts/signup/")
    page.locator("#id_email").fill("newcomer@example.org")
    page.locator("#id_password1").fill("a long test passphrase")
    page.locator("#id_password2").fill("a different passphrase")
    page.locator("form.account-form button[type=submit]").click()
    page.wait_for_load_state()

    invalid = page.locator("[aria-invalid=true]")
    assert invalid.count() == 1
    described_by = invalid.first.get_attribute("aria-describedby")
    assert page.locator(f"#{described_by.split()[0]}").inner_text().strip()
    assert axe_violations(page) == []
