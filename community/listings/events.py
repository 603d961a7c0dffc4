"""The events listing: upcoming and past live public events, filtered by facets."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from django.db import models
from django.db.models import Case, Count, F, Q, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.query import PageQuerySet

from community.models import EventPage
from community.visibility import public_pages

from . import facets
from .facets import Listing

PER_PAGE = 20


def visible_events(within: Page | None = None) -> PageQuerySet:
    """What readers may see, by the site's one visibility rule, under a site's root."""
    events = EventPage.objects.all()
    if within is not None:
        events = events.descendant_of(within)
    return public_pages(events)


class WhenFacet(facets.Facet):
    """Upcoming (not yet over) or past (ended): one at a time."""

    single = True

    def __init__(self, now):
        super().__init__("when", _("When"))
        self.now = now

    def choices(self) -> Mapping[str, str]:
        return {"upcoming": _("Upcoming"), "past": _("Past")}

    def q(self, values: list[str]) -> Q:
        return Q(end__gte=self.now) if values == ["upcoming"] else Q(end__lt=self.now)

    def counts(self, queryset: models.QuerySet) -> Counter:
        totals = queryset.order_by().aggregate(
            upcoming=Count("pk", filter=Q(end__gte=self.now)),
            past=Count("pk", filter=Q(end__lt=self.now)),
        )
        return Counter(totals)


def event_facets(now) -> list[facets.Facet]:
    return [
        WhenFacet(now),
        facets.FieldFacet(
            "format", _("Format"), "event_format", lambda: dict(EventPage.Format.choices)
        ),
        facets.ManyToManyFacet(
            "line", _("WSIS action line"), EventPage, "action_lines", lambda line: line.code
        ),
        facets.ManyToManyFacet(
            "region", _("Region"), EventPage, "regions", lambda region: region.slug
        ),
        # Where it takes place, or a country it is about.
        facets.CountryFacet("country", _("Country"), "country", "countries"),
    ]


def in_calendar_order(events: models.QuerySet, now) -> models.QuerySet:
    """Upcoming events first, soonest first; then past events, latest first."""
    return events.annotate(
        is_past=Case(When(end__lt=now, then=1), default=0, output_field=models.IntegerField()),
        upcoming_start=Case(When(end__gte=now, then=F("start")), default=None),
    ).order_by("is_past", "upcoming_start", "-start", "-pk")


def event_listing(query: Mapping, within: Page | None = None) -> Listing:
    now = timezone.now()
    return facets.build(
        query,
        visible_events(within),
        event_facets(now),
        order_by=lambda events, selected: in_calendar_order(events, now),
        per_page=PER_PAGE,
    )
