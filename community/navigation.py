"""The site's main navigation, read from the page tree once per language and host and then
kept in the cache until a page is published, unpublished, moved or deleted.

Without it every page of the site paid a Wagtail query, a Site lookup and four page URLs.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import generations
from .models import CallIndexPage, EventIndexPage, PartnerIndexPage, ResourceIndexPage
from .models.translations import default_language

GENERATION_KEY = "navigation:generation"
# Signals in another process (scheduled publishing, a worker) reach a per-process cache
# only when it expires: without Redis the navigation is at most this old.
TIMEOUT_SECONDS = 300
SECTIONS = (ResourceIndexPage, PartnerIndexPage, EventIndexPage, CallIndexPage)


def forget(**kwargs) -> None:
    """Whatever changed in the tree, every cached navigation is out of date."""
    generations.advance(GENERATION_KEY)


def _section_urls(request: HttpRequest) -> dict[str, str]:
    # The sections of the original tree; in Arabic or French their addresses lead to the
    # translation where there is one (TranslatablePage.get_url_parts).
    pages = (
        Page.objects.live()
        .filter(locale__language_code=default_language())
        .type(*SECTIONS)
        .specific(defer=True)
    )
    urls = {}
    for page in pages:
        name = type(page).__name__
        if name not in urls:
            url = page.get_url(request)
            if url:
                urls[name] = url
    return urls


def section_urls(request: HttpRequest) -> dict[str, str]:
    key = f"navigation:{generations.current(GENERATION_KEY)}:{request.get_host()}:{get_language()}"
    urls = cache.get(key)
    if urls is None:
        urls = _section_urls(request)
        cache.set(key, urls, TIMEOUT_SECONDS)
    return urls


# The routes every page's header and footer link to, by the names the templates use.
CHROME_ROUTES = {
    "home": ("wagtail_serve", ("",)),
    "sign_in": ("account_login", ()),
    "sign_up": ("account_signup", ()),
    "sign_out": ("account_logout", ()),
    "notifications": ("notifications:list", ()),
    "conversations": ("forums:conversations", ()),
    "own_profile": ("members:own_profile", ()),
    "settings": ("members:settings", ()),
    "directory": ("members:directory", ()),
    "forums": ("forums:index", ()),
    "search": ("search:search", ()),
}


def chrome_urls() -> dict[str, str]:
    """The addresses of CHROME_ROUTES in the active language: reversed once per language
    and process, since the routes never change while it runs (a dozen `{% url %}` tags on
    every page cost more than the rest of the header)."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _chrome_urls(get_language(), get_script_prefix(), urlconf)


@functools.cache
def _chrome_urls(language: str, script_prefix: str, urlconf: str) -> dict[str, str]:
    return {
        name: reverse(route, urlconf, args=args) for name, (route, args) in CHROME_ROUTES.items()
    }


def main_navigation(request: HttpRequest) -> list[dict]:
    sections, routes = section_urls(request), chrome_urls()
    links = [
        (_("Knowledge base"), sections.get(ResourceIndexPage.__name__)),
        (_("Partners"), sections.get(PartnerIndexPage.__name__)),
        (_("Experts"), routes["directory"]),
        (_("Forums"), routes["forums"]),
        (_("Events"), sections.get(EventIndexPage.__name__)),
        (_("Calls"), sections.get(CallIndexPage.__name__)),
        (_("Search"), routes["search"]),
    ]
    path = request.path
    return [
        {"label": label, "url": url, "current": url != "/" and path.startswith(url)}
        for label, url in links
        if url
    ]


def connect() -> None:
    page_published.connect(forget, dispatch_uid="navigation_page_published")
    page_unpublished.connect(forget, dispatch_uid="navigation_page_unpublished")
    post_page_move.connect(forget, dispatch_uid="navigation_page_moved")
    post_delete.connect(forget, sender=Page, dispatch_uid="navigation_page_deleted")
    post_save.connect(forget, sender=Site, dispatch_uid="navigation_site_saved")
    post_delete.connect(forget, sender=Site, dispatch_uid="navigation_site_deleted")
