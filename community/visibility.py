"""The one definition of which pages the public may see.

Listings, search, feeds, the sitemap, citable links and page serving all go through here, so
unpublished, rejected, restricted and expired content cannot leak through a second,
hand-written filter.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from wagtail.models import Page
from wagtail.query import PageQuerySet


def public_pages(pages: PageQuerySet, now: dt.datetime | None = None) -> PageQuerySet:
    """Live, without view restrictions, and not past their expiry.

    Wagtail unpublishes an expired page only when `publish_scheduled` runs; until then the
    page is still "live", so the expiry date is checked here too.
    """
    now = now or timezone.now()
    return pages.live().public().exclude(expire_at__lte=now)


def searchable_public_pages() -> PageQuerySet:
    """public_pages for the search backends, which filter only on indexed fields.

    expire_at is not indexed by Wagtail, so the few pages that are past their expiry but not
    yet unpublished by `publish_scheduled` are excluded by id.
    """
    expired = Page.objects.live().filter(expire_at__lte=timezone.now()).values_list("pk", flat=True)
    return Page.objects.live().public().exclude(pk__in=list(expired))


def is_expired(page: Page, now: dt.datetime | None = None) -> bool:
    return page.expire_at is not None and page.expire_at <= (now or timezone.now())


def is_public(page: Page) -> bool:
    """The single-page twin of public_pages, for a page already in hand."""
    return page.live and not is_expired(page) and not page.get_view_restrictions().exists()


class HiddenWhenExpired:
    """For page models: no sitemap entry once the page is past its expiry date."""

    def get_sitemap_urls(self, request=None):
        return [] if is_expired(self) else super().get_sitemap_urls(request)
