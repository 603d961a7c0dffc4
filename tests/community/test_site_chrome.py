"""The home page and the chrome around every page, as a visitor sees them."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.utils import translation

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NAV_LABELS = ["Knowledge base", "Partners", "Experts", "Forums", "Events", "Search"]


def test_home_page_presents_the_community(client, demo):
    html = client.get("/").content.decode()

    assert "<h1" in html and "Community of Expertise on eGovernance for Development" in html
    assert "What we do" in html
    for section in ["Featured resources", "Events", "Partners"]:
        assert section in html
    assert "Division for Public Administration and Development Management" in html


def test_every_page_has_the_site_chrome(client, demo):
    html = client.get("/").content.decode()

    main_nav = re.search(r'<nav class="main-nav"[^>]*>(.*?)</nav>', html, re.S).group(1)
    assert [label for label in NAV_LABELS if f">{label}<" in main_nav] == NAV_LABELS
    assert 'href="#main"' in html and 'id="main"' in html, "skip link to the main landmark"
    assert "<header" in html and "<main" in html and "<footer" in html
    assert ">Sign in<" in html and ">Join the community<" in html
    for name in ["English", "العربية", "Français"]:
        assert f">{name}</a>" in html


def test_navigation_links_lead_to_real_pages(client, demo):
    html = client.get("/").content.decode()
    main_nav = re.search(r'<nav class="main-nav"[^>]*>(.*?)</nav>', html, re.S).group(1)

    for url in re.findall(r'href="([^"]+)"', main_nav):
        response = client.get(url)
        assert response.status_code == 200, url


def test_arabic_turns_the_page_right_to_left(client, demo):
    html = client.get("/ar/").content.decode()

    assert '<html lang="ar" dir="rtl">' in html
    assert "قاعدة المعارف" in html  # "Knowledge base" in the navigation
    assert "تسجيل الدخول" in html  # "Sign in"


@pytest.mark.parametrize("prefix", ["", "/ar", "/fr"])
def test_account_and_footer_links_stay_in_the_readers_language(client, demo, prefix):
    visitor = client.get(f"{prefix}/").content.decode()
    client.force_login(UserFactory())
    member = client.get(f"{prefix}/").content.decode()
    translation.activate("en")  # the request left its language active in this thread

    for path in ["/accounts/login/", "/accounts/signup/", "/search/"]:
        assert f'href="{prefix}{path}"' in visitor, path
    for path in ["/notifications/", "/forums/conversations/", "/experts/me/", "/accounts/logout/"]:
        assert f'href="{prefix}{path}"' in member, path
    assert f'href="{prefix}/accounts/login/"' not in member


def test_french_is_left_to_right_and_translated(client, demo):
    html = client.get("/fr/").content.decode()

    assert '<html lang="fr" dir="ltr">' in html
    assert "Base de connaissances" in html


def test_language_switcher_keeps_the_reader_on_the_same_page(client, demo):
    html = client.get("/partners/").content.decode()

    assert 'href="/ar/partners/"' in html
    assert 'href="/fr/partners/"' in html


def test_home_page_weight_is_under_50_kb_compressed(client, demo):
    """HTML, CSS and JavaScript the home page loads, gzip-compressed, images aside."""
    html = client.get("/").content
    assets = re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
    total = len(gzip.compress(html))
    for asset in assets:
        with open(finders.find(asset.decode()), "rb") as file:
            total += len(gzip.compress(file.read()))

    assert assets, "the page links its stylesheet"
    assert total < 50 * 1024, f"home page weighs {total} bytes compressed"


def test_home_page_query_count_is_bounded(client, demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        client.get("/")


def test_wagtail_admin_is_at_admin_and_django_admin_elsewhere(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]

    response = client.get("/django-admin/")
    assert response.status_code == 302 and "/django-admin/login/" in response["Location"]


def test_health_check_reports_ok(client):
    assert client.get("/healthz").json() == {"status": "ok"}


def _main_nav(html: str) -> str:
    return re.search(r'<nav class="main-nav"[^>]*>(.*?)</nav>', html, re.S).group(1)


def test_the_navigation_follows_the_page_tree_although_it_is_cached(client, demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from community.models import EventIndexPage

    client.get("/forums/")
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/forums/").content.decode()
    assert ">Events<" in _main_nav(html)
    assert not [q for q in queries if "wagtailcore_page" in q["sql"]], "read from the cache"

    events = EventIndexPage.objects.live().filter(locale__language_code="en").first()
    events.unpublish()
    assert ">Events<" not in _main_nav(client.get("/forums/").content.decode())

    events.refresh_from_db()
    events.slug = "whats-on"
    events.save_revision().publish()
    nav = _main_nav(client.get("/forums/").content.decode())
    assert 'href="/whats-on/"' in nav and ">Events<" in nav
