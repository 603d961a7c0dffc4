from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .models import CallIndexPage, EventIndexPage, PartnerIndexPage, ResourceIndexPage


def _navigation(request) -> list[dict]:
    sections = {
        type(page.specific_deferred): page
        for page in Page.objects.live()
        .type(ResourceIndexPage, PartnerIndexPage, EventIndexPage, CallIndexPage)
        .specific(defer=True)
    }

    def page_url(model) -> str | None:
        page = sections.get(model)
        return page.get_url(request) if page else None

    links = [
        (_("Knowledge base"), page_url(ResourceIndexPage)),
        (_("Partners"), page_url(PartnerIndexPage)),
        (_("Experts"), reverse("members:directory")),
        (_("Forums"), reverse("forums:index")),
        (_("Events"), page_url(EventIndexPage)),
        (_("Calls"), page_url(CallIndexPage)),
        (_("Search"), reverse("search:search")),
    ]
    path = request.path
    return [
        {"label": label, "url": url, "current": url != "/" and path.startswith(url)}
        for label, url in links
        if url
    ]


def site_chrome(request):
    """What the header and footer need on every page: the name, navigation, language links."""
    path = request.get_full_path()
    user = getattr(request, "user", None)
    unread = 0
    if user is not None and user.is_authenticated:
        from .notifications.queries import unread_count

        unread = SimpleLazyObject(lambda: unread_count(user))
    return {
        "unread_notifications": unread,
        "community_name": settings.COMMUNITY_NAME,
        "navigation": SimpleLazyObject(lambda: _navigation(request)),
        "language_links": [
            {"code": code, "name": name, "url": translate_url(path, code)}
            for code, name in settings.LANGUAGES
        ],
    }
