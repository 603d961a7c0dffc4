"""The knowledge base with a filter, and a resource page, in a browser, in English and Arabic."""

import pytest

from community.models import ResourcePage
from tests.browser import test_home_in_a_browser as home

browser_page = home.browser_page  # the same Chromium fixture as the home page tests
axe_violations = home.axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _demo_in_place(demo):
    """The first transactional test of a session restores rows as the migrations left them
    on top of the demo content, which resets the home page's count of children to zero:
    treebeard then finds no page under it. Recount, and drop cached site root paths.
    """
    from django.core.cache import cache
    from wagtail.models import Page

    Page.fix_tree()
    cache.clear()


@pytest.mark.parametrize(("prefix", "lang", "direction"), [("", "en", "ltr"), ("/ar", "ar", "rtl")])
def test_the_filtered_knowledge_base_loads_cleanly_and_is_accessible(
    live_server,
    demo,
    browser_page,
    prefix,
    lang,
    direction,
):
    response = browser_page.goto(f"{live_server.url}{prefix}/knowledge-base/?line=C7")

    assert response.status == 200
    assert browser_page.get_attribute("html", "dir") == direction
    assert browser_page.locator('input[name="line"][value="C7"]').is_checked()
    assert browser_page.console_errors == []
    assert axe_violations(browser_page) == []


def test_a_reader_filters_by_ticking_a_box_without_javascript_help(live_server, demo, browser_page):
    browser_page.goto(f"{live_server.url}/knowledge-base/")

    browser_page.locator('input[name="type"][value="report"]').check()
    browser_page.get_by_role("button", name="Apply filters").click()

    assert "type=report" in browser_page.url
    assert browser_page.get_by_role("link", name="Remove Type: Report").count() == 1


@pytest.mark.parametrize(("prefix", "direction"), [("", "ltr"), ("/ar", "rtl")])
def test_a_resource_page_loads_cleanly_and_is_accessible(
    live_server,
    demo,
    browser_page,
    prefix,
    direction,
):
    resource = ResourcePage.objects.live().filter(countries__contains="JO").first()

    response = browser_page.goto(f"{live_server.url}{prefix}{resource.url}")

    assert response.status == 200
    assert browser_page.get_attribute("html", "dir") == direction
    assert browser_page.console_errors == []
    assert axe_violations(browser_page) == []
