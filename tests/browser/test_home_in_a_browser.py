"""The home page in a real browser: no console errors, right to left in Arabic, axe-clean."""

import os
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


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


@pytest.mark.parametrize(("path", "lang", "direction"), [("/", "en", "ltr"), ("/ar/", "ar", "rtl")])
def test_home_page_loads_cleanly_and_is_accessible(
    live_server, demo, browser_page, path, lang, direction
):
    response = browser_page.goto(live_server.url + path)

    assert response.status == 200
    assert browser_page.get_attribute("html", "lang") == lang
    assert browser_page.get_attribute("html", "dir") == direction
    assert browser_page.console_errors == []
    assert axe_violations(browser_page) == []


def test_a_visitor_switches_to_arabic_with_the_language_links(live_server, demo, browser_page):
    browser_page.goto(live_server.url + "/")

    browser_page.get_by_role("navigation", name="Language").get_by_role(
        "link", name="العربية"
    ).click()

    assert browser_page.get_attribute("html", "dir") == "rtl"
    assert browser_page.url.endswith("/ar/")


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(
    live_server, demo, browser_page
):
    browser_page.goto(live_server.url + "/")

    browser_page.keyboard.press("Tab")
    assert (
        browser_page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    )
    browser_page.keyboard.press("Enter")

    assert browser_page.evaluate("document.activeElement.id") == "main"
