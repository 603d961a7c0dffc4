"""A call for good practices and its submission form in a real browser: axe-clean, both ways.

(A resource page in a browser is tested in test_knowledge_base_in_a_browser.py.)
"""

import pytest
from allauth.account.models import EmailAddress

from community.models import CallPage
from tests.browser.test_home_in_a_browser import axe_violations, browser_page  # noqa: F401
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LANGUAGES = [("", "ltr"), ("/ar", "rtl")]


def open_page(browser_page, url: str, direction: str):  # noqa: F811
    response = browser_page.goto(url)
    assert response.status == 200
    assert browser_page.get_attribute("html", "dir") == direction
    assert browser_page.console_errors == []
    assert axe_violations(browser_page) == []


@pytest.mark.parametrize(("prefix", "direction"), LANGUAGES)
def test_submitting_a_practice_with_mistakes_is_accessible(
    live_server,
    demo,
    browser_page,  # noqa: F811
    client,
    prefix,
    direction,
):
    call = CallPage.objects.live().filter(kind=CallPage.Kind.GOOD_PRACTICES).first()
    member = UserFactory()
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    client.force_login(member)
    browser_page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    open_page(browser_page, f"{live_server.url}{prefix}{call.url}", direction)

    browser_page.locator(f'a[href$="{call.url}submit/"]').click()
    browser_page.locator("form.form button[type=submit]").click()  # everything left empty

    assert browser_page.locator("[aria-invalid=true]").count() >= 1
    # The form answers 400 when it has mistakes; the browser logs that, nothing else.
    assert [e for e in browser_page.console_errors if "status of 400" not in e] == []
    assert axe_violations(browser_page) == []
