"""Pages in English, Arabic and French: translations, the language switcher, outdated marks."""

from __future__ import annotations

import datetime as dt
import io
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import formats, timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext
from wagtail.models import Locale, Page

from community.models import (
    CallIndexPage,
    CallPage,
    EventIndexPage,
    EventPage,
    HomePage,
    PartnerPage,
    ResourceIndexPage,
    ResourcePage,
)
from community.models.translations import in_reader_language, language_name, outdated_against
from community.visibility import public_pages
from tests.factories import UserFactory, thread_with_posts

pytestmark = pytest.mark.django_db

CALL = "good-practices-technology-innovation-arab-public-sector"
ARABIC_CALL_TITLE = "الممارسات الجيدة في التكنولوجيا والابتكار في المؤسسات العامة العربية"
FRENCH_CALL_TITLE = "Bonnes pratiques de technologie et d'innovation dans les institutions arabes"
OUTDATED = 'class="notice notice--warning translation-notice"'


@pytest.fixture(autouse=True)
def _english_afterwards():
    """A request to /ar/ leaves Arabic active in this thread; later tests expect English."""
    yield
    translation.activate("en")


def html_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def url_of(page: Page) -> str:
    """The page's own address, whatever language the last request left active."""
    with translation.override(page.locale.language_code):
        return page.url


def locale(code: str) -> Locale:
    return Locale.objects.get(language_code=code)


def call(language: str = "en") -> CallPage:
    return CallPage.objects.get(slug=CALL, locale__language_code=language)


def switcher(html: str) -> dict[str, str]:
    nav = re.search(r'<nav class="language-nav".*?</nav>', html, re.S).group(0)
    return {code: href for href, code in re.findall(r'<a href="([^"]+)" lang="([^"]+)"', nav)}


def alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))


def republish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page: Page, code: str, **fields) -> Page:
    """A translation as the admin's "Translate" makes it (a draft copy), given content."""
    translated = page.copy_for_translation(locale(code), copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision()
    return translated


@pytest.fixture
def translated_home(demo) -> HomePage:
    """The home page in Arabic and French, published (the demo may have done it already)."""
    home = HomePage.objects.get(locale__language_code="en")
    for code, tagline in [("ar", "شعار الصفحة الرئيسية"), ("fr", "Le slogan de l'accueil")]:
        if home.get_translation_or_none(locale(code)) is None:
            translate(home, code, tagline=tagline).get_latest_revision().publish()
    return home


@pytest.fixture
def translated_call(translated_home) -> CallPage:
    """The call for the Arab region, and the calls page above it, translated into Arabic and
    French and published, parents first, as an editor does it in the admin."""
    index = CallIndexPage.objects.get(locale__language_code="en")
    for code, index_title, call_title in [
        ("ar", "الدعوات والفرص", ARABIC_CALL_TITLE),
        ("fr", "Appels et opportunités", FRENCH_CALL_TITLE),
    ]:
        translate(index, code, title=index_title).get_latest_revision().publish()
        translate(call(), code, title=call_title).get_latest_revision().publish()
    return call()


def resource() -> ResourcePage:
    return ResourcePage.objects.live().filter(locale__language_code="en").order_by("pk").first()


# --- Set-up --------------------------------------------------------------------------------


def test_the_three_locales_exist_and_the_originals_are_english(demo):
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"en", "ar", "fr"}
    english_home = HomePage.objects.get(locale__language_code="en")
    originals = Page.objects.descendant_of(english_home, inclusive=True)
    assert originals.count() > 20
    assert not originals.exclude(locale__language_code="en").exists()


def test_moderators_may_translate(demo):
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name="Moderators"))

    assert moderator.has_perm("simple_translation.submit_translation")


def test_a_moderator_translates_a_page_with_the_admins_translate_action(client, translated_home):
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    index = CallIndexPage.objects.get(locale__language_code="en")

    response = client.post(
        f"/admin/translation/submit/page/{index.pk}/", {"locales": [locale("ar").pk]}
    )

    translated = index.get_translation(locale("ar"))
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{translated.pk}/edit/"
    assert not translated.live, "a draft until it is published"
    assert translated.get_parent().specific == HomePage.objects.get(locale__language_code="ar")


# --- Reading in each language --------------------------------------------------------------


def test_the_arabic_home_page_is_the_translation_right_to_left(client, translated_home):
    html = html_of(client, "/ar/")

    assert '<html lang="ar" dir="rtl">' in html
    assert escape(translated_home.get_translation(locale("ar")).tagline) in html
    assert escape(translated_home.tagline) not in html


def test_the_french_home_page_is_the_translation(client, translated_home):
    html = html_of(client, "/fr/")

    assert '<html lang="fr" dir="ltr">' in html
    assert escape(translated_home.get_translation(locale("fr")).tagline) in html


def test_untranslated_pages_are_served_in_every_language_marked_english(client, demo):
    pages = [
        ResourceIndexPage.objects.get(),
        PartnerPage.objects.get(acronym="UN ESCWA"),
        resource(),
        EventPage.objects.live().first(),
    ]
    for page in pages:
        for prefix in ["/ar", "/fr"]:
            html = html_of(client, f"{prefix}{url_of(page)}")
            assert f'lang="en">{escape(page.title)}' in html, f"{prefix}{url_of(page)}"


def test_links_on_arabic_pages_stay_in_arabic_and_none_is_broken(client, translated_call):
    seen, queue = set(), ["/ar/", "/ar/knowledge-base/", "/ar/partners/un-escwa/", "/ar/calls/"]
    while queue and len(seen) < 60:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code in (200, 302), url  # 302: the sign-in a form asks for
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        main = re.search(r'<main id="main".*?</main>', html, re.S).group(0)
        for href in re.findall(r'href="(/[^"?#]*)"', main):
            if href.startswith(("/static/", "/media/", "/documents/", "/r/")):
                continue
            assert href.startswith("/ar/"), f"{href} on {url}"
            queue.append(href)
    assert len(seen) >= 20


def test_the_navigation_leads_to_the_sections_in_the_readers_language(client, demo):
    english = re.search(r'<nav class="main-nav".*?</nav>', html_of(client, "/"), re.S).group(0)
    arabic = re.search(r'<nav class="main-nav".*?</nav>', html_of(client, "/ar/"), re.S).group(0)

    assert 'href="/calls/"' in english and 'href="/knowledge-base/"' in english
    assert 'href="/ar/calls/"' in arabic and 'href="/ar/knowledge-base/"' in arabic


def test_a_translated_listing_shows_each_call_once_in_the_readers_language(client, translated_call):
    english = html_of(client, "/calls/")
    arabic = html_of(client, "/ar/calls/")

    assert call().title in english and ARABIC_CALL_TITLE not in english
    assert ARABIC_CALL_TITLE in arabic and call().title not in arabic
    assert english.count('class="card"') == arabic.count('class="card"')


def test_a_published_translation_of_a_resource_replaces_it_in_arabic_listings_only(client, demo):
    original = resource()
    translated = translate(original, "ar", title="تقرير مترجم إلى العربية")
    translated.get_latest_revision().publish()
    partner = original.get_parent().specific

    assert "تقرير مترجم إلى العربية" in html_of(client, f"/ar{url_of(original)}")
    arabic_partner = html_of(client, f"/ar{url_of(partner)}")
    assert "تقرير مترجم إلى العربية" in arabic_partner and original.title not in arabic_partner
    for url in ["/", url_of(partner), "/knowledge-base/"]:
        english = html_of(client, url)
        assert "تقرير مترجم إلى العربية" not in english, url
    originals = public_pages(ResourcePage.objects.filter(locale=original.locale))
    with translation.override("ar"):
        listed = in_reader_language(originals)
        assert listed.count() == originals.count()
        assert listed.filter(pk=translated.pk).exists()
        assert not listed.filter(pk=original.pk).exists()


def test_a_translated_event_is_listed_once_by_its_organisers(client, demo):
    event = EventPage.objects.live().filter(locale__language_code="en").first()
    translated = translate(event, "fr", title="Un événement traduit")
    translated.get_latest_revision().publish()
    organiser = event.organisers.first() or event.get_parent().specific

    english = html_of(client, url_of(organiser))
    french = html_of(client, f"/fr{url_of(organiser)}")

    assert english.count(escape(event.title)) == 1 and "Un événement traduit" not in english
    assert "Un événement traduit" in french and escape(event.title) not in french


# --- The language switcher and hreflang ----------------------------------------------------


def test_the_switcher_leads_to_the_translations_of_a_translated_page(client, translated_call):
    links = switcher(html_of(client, url_of(call())))

    assert links == {
        "en": f"/calls/{CALL}/",
        "ar": f"/ar/calls/{CALL}/",
        "fr": f"/fr/calls/{CALL}/",
    }
    assert ARABIC_CALL_TITLE in html_of(client, links["ar"])
    assert switcher(html_of(client, links["ar"]))["en"] == f"/calls/{CALL}/"


def test_the_switcher_of_an_untranslated_page_keeps_the_page(client, demo):
    page = resource()

    links = switcher(html_of(client, f"/ar{url_of(page)}"))

    assert links == {"en": url_of(page), "ar": f"/ar{url_of(page)}", "fr": f"/fr{url_of(page)}"}


def test_the_switcher_keeps_the_knowledge_base_filters(client, demo):
    links = switcher(html_of(client, "/knowledge-base/?line=C7"))

    assert links["ar"] == "/ar/knowledge-base/?line=C7"


def test_the_switcher_of_a_forum_thread_keeps_the_thread_and_its_page(client, demo):
    thread = thread_with_posts(replies=44)
    address = f"/forums/t/{thread.pk}/?page=2&per_page=20"

    links = switcher(html_of(client, f"/fr{address}"))

    expected = {"en": address, "ar": f"/ar{address}", "fr": f"/fr{address}"}
    assert links == {code: escape(url) for code, url in expected.items()}


def test_the_switcher_of_a_missing_page_still_leads_somewhere(client, demo):
    response = client.get("/ar/forums/t/999999/")

    assert response.status_code == 404
    links = switcher(response.content.decode())
    assert links["ar"] == "/ar/forums/t/999999/" and links["en"] == "/forums/t/999999/"


def test_a_translation_with_another_slug_is_found_from_the_original_one(client, translated_call):
    arabic = call("ar")
    arabic.slug = "ممارسات-جيدة"
    republish(arabic)

    links = switcher(html_of(client, url_of(call())))
    response = client.get(f"/ar/calls/{CALL}/")

    assert links["ar"] == url_of(arabic)
    assert response.status_code == 302 and response["Location"] == url_of(arabic)
    assert ARABIC_CALL_TITLE in html_of(client, url_of(arabic))


def test_hreflang_alternates_are_the_real_translations_with_full_addresses(client, translated_call):
    translated = alternates(html_of(client, f"/fr/calls/{CALL}/"))
    untranslated = alternates(html_of(client, f"/ar{url_of(resource())}"))

    assert translated == {
        "en": f"http://testserver/calls/{CALL}/",
        "ar": f"http://testserver/ar/calls/{CALL}/",
        "fr": f"http://testserver/fr/calls/{CALL}/",
    }
    assert untranslated == {"en": f"http://testserver{url_of(resource())}"}


def test_pages_outside_the_page_tree_have_an_alternate_in_each_language(client, demo):
    assert set(alternates(html_of(client, "/experts/"))) == {"en", "ar", "fr"}


# --- Possibly outdated translations --------------------------------------------------------


def test_a_translation_published_after_its_original_is_current(client, translated_call):
    arabic = call("ar")

    assert arabic.last_published_at > call().last_published_at
    assert outdated_against(arabic) is None
    assert OUTDATED not in html_of(client, url_of(arabic))


def test_a_translation_older_than_its_original_says_so_and_links_it(client, translated_call):
    original = republish(call())

    html = html_of(client, url_of(call("ar")))

    notice = re.search(rf"<p {OUTDATED}[^>]*>(.*?)</p>", html, re.S)
    assert notice, "the reader is told"
    text = " ".join(notice.group(1).split())
    with translation.override("ar"):
        date = formats.date_format(timezone.localtime(original.last_published_at), "DATE_FORMAT")
        expected = gettext(
            "This translation may be out of date; the original in %(language)s was updated "
            "on %(date)s."
        ) % {"language": language_name("en"), "date": date}
    assert expected in text
    assert f'href="/calls/{CALL}/" hreflang="en"' in text
    assert outdated_against(call("ar")).pk == original.pk


def test_publishing_the_translation_again_brings_it_up_to_date(client, translated_call):
    republish(call())
    republish(call("ar"))

    assert OUTDATED not in html_of(client, url_of(call("ar")))


def test_originals_and_aliases_are_never_outdated(demo):
    home = HomePage.objects.get(locale__language_code="en")
    alias = ResourceIndexPage.objects.get().copy_for_translation(
        locale("fr"), copy_parents=True, alias=True
    )
    republish(ResourceIndexPage.objects.get(locale__language_code="en"))

    assert outdated_against(home) is None
    assert outdated_against(alias) is None


def test_a_draft_translation_is_compared_by_its_latest_revision(demo):
    original = resource()
    draft = translate(original, "fr", title="Rapport traduit")
    assert outdated_against(draft) is None

    republish(original)

    assert outdated_against(Page.objects.get(pk=draft.pk)).pk == original.pk


def test_no_notice_points_to_an_original_that_is_not_public(client, translated_call):
    original = republish(call())
    original.unpublish()

    html = html_of(client, url_of(call("ar")))

    assert OUTDATED not in html and f'href="/calls/{CALL}/"' not in html


def test_the_editor_of_an_outdated_translation_is_warned(client, translated_call):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    republish(call())

    outdated = client.get(f"/admin/pages/{call('ar').pk}/edit/").content.decode()
    republish(call("ar"))
    current = client.get(f"/admin/pages/{call('ar').pk}/edit/").content.decode()

    assert "This translation may be out of date: the original in English" in outdated
    assert f"/admin/pages/{call().pk}/history/" in outdated
    assert "This translation may be out of date" not in current


# --- What readers must not see -------------------------------------------------------------


def test_an_unpublished_arabic_translation_is_nowhere_to_be_seen(client, translated_call):
    call("ar").unpublish()

    page = html_of(client, f"/ar/calls/{CALL}/")
    assert ARABIC_CALL_TITLE not in page and call().title in page, "the original instead"
    assert ARABIC_CALL_TITLE not in html_of(client, "/ar/calls/")
    assert ARABIC_CALL_TITLE not in html_of(client, "/ar/")
    assert f"/ar/calls/{CALL}/" not in html_of(client, "/sitemap.xml")
    assert "ar" not in alternates(html_of(client, url_of(call())))


def test_a_draft_arabic_translation_of_a_resource_is_nowhere_to_be_seen(client, demo):
    original = resource()
    translate(original, "ar", title="مسودة لم تُنشر")
    partner = original.get_parent().specific

    for url in [f"/ar{url_of(original)}", f"/ar{url_of(partner)}", "/ar/", "/ar/knowledge-base/"]:
        assert "مسودة لم تُنشر" not in html_of(client, url), url
    assert "مسودة لم تُنشر" not in html_of(client, "/sitemap.xml")
    assert "مسودة لم تُنشر" not in html_of(client, "/ar/feeds/resources/rss/")


def test_an_expired_arabic_translation_is_nowhere_to_be_seen(client, translated_call):
    arabic = call("ar")
    Page.objects.filter(pk=arabic.pk).update(expire_at=timezone.now() - dt.timedelta(minutes=1))

    assert ARABIC_CALL_TITLE not in html_of(client, f"/ar/calls/{CALL}/")
    assert ARABIC_CALL_TITLE not in html_of(client, "/ar/calls/")
    assert f"/ar/calls/{CALL}/" not in html_of(client, "/sitemap.xml")


def test_an_unpublished_arabic_home_page_leaves_arabic_readable(client, translated_call):
    HomePage.objects.get(locale__language_code="ar").unpublish()

    html = html_of(client, "/ar/")

    assert '<html lang="ar" dir="rtl">' in html
    assert "Sharing what works in digital government" in html
    assert ARABIC_CALL_TITLE in html_of(client, f"/ar/calls/{CALL}/"), "still published"


# --- The sitemap ---------------------------------------------------------------------------


def test_the_sitemap_lists_translations_once_each_in_their_own_language(client, translated_call):
    sitemap = client.get("/sitemap.xml", headers={"accept-language": "ar"}).content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)

    paths = [urlsplit(location).path for location in locations]

    for prefix in ["", "/ar", "/fr"]:
        assert f"{prefix}/calls/{CALL}/" in paths
    assert "/knowledge-base/" in paths
    assert "/ar/knowledge-base/" not in paths, "no copy of an original"
    assert len(paths) == len(set(paths))


def test_sub_pages_of_a_translated_call_work_in_its_language(client, translated_call):
    response = client.get(f"/ar/calls/{CALL}/submit/")

    assert response.status_code == 302 and "/ar/accounts/login/" in response["Location"]


def test_the_arabic_knowledge_base_lists_from_the_original_tree(client, demo):
    english = html_of(client, "/knowledge-base/")
    arabic = html_of(client, "/ar/knowledge-base/")

    assert english.count('class="card"') == arabic.count('class="card"') > 0


def test_a_call_index_in_arabic_lists_the_calls_of_the_original(translated_call):
    arabic_index = CallIndexPage.objects.get(locale__language_code="ar")

    assert arabic_index.in_default_language() == CallIndexPage.objects.get(
        locale__language_code="en"
    )


# --- The demo ------------------------------------------------------------------------------


def test_the_demo_translates_the_home_page_and_the_events_page(demo):
    home = HomePage.objects.get(locale__language_code="en")
    events = EventIndexPage.objects.get(locale__language_code="en")
    for code in ["ar", "fr"]:
        for original in [home, events]:
            translated = original.get_translation(locale(code))
            assert translated.live and translated.title != original.title


def test_the_demo_shows_a_french_translation_that_may_be_out_of_date(client, demo):
    assert OUTDATED in html_of(client, "/fr/events/")
    assert OUTDATED not in html_of(client, "/ar/events/")
    assert OUTDATED not in html_of(client, "/fr/")


def test_the_demo_home_page_reads_in_arabic_and_french(client, demo):
    assert "نتبادل ما ينجح في الحكومة الرقمية" in html_of(client, "/ar/")
    assert "Partager ce qui marche dans l&#x27;administration numérique" in html_of(client, "/fr/")


def test_loading_the_demo_again_leaves_the_translations_as_they_were(demo):
    before = list(Page.objects.exclude(locale__language_code="en").values())

    call_command("load_demo", stdout=io.StringIO())

    assert list(Page.objects.exclude(locale__language_code="en").values()) == before
