from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page

from .models.translations import TranslatablePage, page_language_links
from .navigation import main_navigation
from .visibility import is_expired


def _served_page(request) -> TranslatablePage | None:
    """The Wagtail page this request serves, found again from the route Wagtail cached."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name != "wagtail_serve":
        return None
    page = Page.find_for_request(request, match.args[0] if match.args else "")
    if not isinstance(page, TranslatablePage) or is_expired(page):
        return None
    return page


def _language_links(request) -> list[dict]:
    """The language switcher, and the hreflang alternates of the pages that have them.

    A Wagtail page links each language to its translation in it where there is one, and to
    the original in that language's interface otherwise; only real translations are
    alternates. Any other page (forums, profiles, search) is the same page in each language.
    """
    page = _served_page(request)
    if page is not None:
        links = page_language_links(page, request)
    else:
        path = request.get_full_path()
        links = [
            {"code": code, "name": name, "url": translate_url(path, code), "alternate": True}
            for code, name in settings.LANGUAGES
        ]
    for link in links:
        link["absolute_url"] = request.build_absolute_uri(link["url"])
    return links


def site_chrome(request):
    """What the header and footer need on every page: the name, navigation, language links."""
    user = getattr(request, "user", None)
    unread = 0
    if user is not None and user.is_authenticated:
        from .notifications.queries import unread_count

        unread = SimpleLazyObject(lambda: unread_count(user))
    return {
        "unread_notifications": unread,
        "community_name": settings.COMMUNITY_NAME,
        "navigation": SimpleLazyObject(lambda: main_navigation(request)),
        "language_links": SimpleLazyObject(lambda: _language_links(request)),
    }
