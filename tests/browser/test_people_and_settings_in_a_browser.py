"""The people page, the settings page and account deletion in a real browser, axe-clean."""

import pytest
from allauth.account.models import EmailAddress

from community.models import PartnerPage
from members.models import OrganisationRole
from members.organisations import set_role
from tests.browser.test_home_in_a_browser import axe_violations, browser_page  # noqa: F401 (fixture)
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a long test passphrase"


def sign_in(page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_an_organisation_admins_pages_are_accessible(live_server, demo, browser_page, prefix):  # noqa: F811
    organisation = PartnerPage.objects.live().order_by("title").first()
    admin = UserFactory(email="admin-of-a@example.org", first_name="Aïcha")
    EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
    set_role(admin, organisation, OrganisationRole.ADMIN)
    set_role(UserFactory(first_name="Eduardo"), organisation, OrganisationRole.EDITOR)
    sign_in(browser_page, live_server.url, admin.email)

    for path in (
        f"/experts/organisations/{organisation.pk}/people/",
        "/experts/me/settings/",
        "/experts/me/delete/",
    ):
        response = browser_page.goto(f"{live_server.url}{prefix}{path}")
        assert response.status == 200, path
        assert axe_violations(browser_page) == [], path
        assert browser_page.console_errors == []

    # An invitation with a bad address is refused at the field, still axe-clean.
    browser_page.goto(f"{live_server.url}{prefix}/experts/organisations/{organisation.pk}/people/")
    browser_page.fill("input[name=email]", "not an address")
    browser_page.locator(".people-invite button[type=submit]").click()
    assert browser_page.locator(".people-invite .errorlist").count() == 1
    assert axe_violations(browser_page) == []
