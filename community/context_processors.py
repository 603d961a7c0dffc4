from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page

from .models.translations import TranslatablePage, page_language_links
from .navigation import chrome_urls, main_navigation
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
        links = [
            {"code": code, "name": name, "url": url, "alternate": True}
            for (code, name), url in zip(
                settings.LANGUAGES, _same_address_in_each_language(request), strict=True
            )
        ]
    for link in links:
        link["absolute_url"] = request.build_absolute_uri(link["url"])
    return links


def _same_address_in_each_language(request) -> list[str]:
    """This request's address in each of the site's languages, query string kept.

    What translate_url does, from the route the request was resolved to rather than by
    resolving its path again for each language (a third of the switcher's time)."""
    full_path = request.get_full_path()
    match = getattr(request, "resolver_match", None)
    if match is None or not match.url_name:
        return [translate_url(full_path, code) for code, _name in settings.LANGUAGES]
    _path, separator, query = full_path.partition("?")
    urls = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            try:
                url = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                url = full_path
            else:
                url = f"{url}{separator}{query}"
        urls.append(url)
    return urls


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
        "chrome_urls": chrome_urls(),
        "navigation": SimpleLazyObject(lambda: main_navigation(request)),
        "language_links": SimpleLazyObject(lambda: _language_links(request)),
    }
