"""Country and region hubs: one place's public resources, events, partners and experts."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django_countries import countries
from wagtail.models import Page

from community.listings.events import in_calendar_order, visible_events
from community.listings.knowledge_base import visible_resources
from community.models import EventPage, PartnerPage, Region, ResourcePage
from community.visibility import public_pages
from members.models import ExpertProfile

ITEMS_PER_SECTION = 12


@dataclass
class Hub:
    """What a place's page shows; each section a slice plus the total it was cut from."""

    name: str
    code: str  # ISO code or region slug, as the listings' filters name it
    facet: str  # "country" or "region"
    resources: list
    resource_count: int
    events: list
    event_count: int
    partners: models.QuerySet
    experts: models.QuerySet


def country_name(code: str) -> str | None:
    """The country's name for an ISO 3166-1 alpha-2 code, or None if there is no such code."""
    code = code.upper()
    return dict(countries).get(code) if len(code) == 2 else None


def _hub(name, code, facet, resources, events, partners, experts) -> Hub:
    resources = resources.select_related("publisher").order_by("-publication_date", "-pk")
    return Hub(
        name=name,
        code=code,
        facet=facet,
        resources=list(resources[:ITEMS_PER_SECTION]),
        resource_count=resources.count(),
        events=list(in_calendar_order(events, _now())[:ITEMS_PER_SECTION]),
        event_count=events.count(),
        partners=partners.order_by("title"),
        experts=experts.order_by("display_name")[:ITEMS_PER_SECTION],
    )


def _now():
    from django.utils import timezone

    return timezone.now()


def country_hub(code: str, user, within: Page | None = None) -> Hub | None:
    name = country_name(code)
    if name is None:
        return None
    code = code.upper()
    return _hub(
        name,
        code,
        "country",
        visible_resources(within).filter(countries__contains=code),
        visible_events(within).filter(Q(country=code) | Q(countries__contains=code)),
        public_pages(PartnerPage.objects.all()).filter(country=code),
        ExpertProfile.objects.listed_for(user).filter(country=code),
    )


def region_hub(region: Region, user, within: Page | None = None) -> Hub:
    resource_links = ResourcePage.regions.through.objects.filter(region=region)
    event_links = EventPage.regions.through.objects.filter(region=region)
    return _hub(
        region.name,
        region.slug,
        "region",
        visible_resources(within).filter(pk__in=resource_links.values("resourcepage_id")),
        visible_events(within).filter(pk__in=event_links.values("eventpage_id")),
        public_pages(PartnerPage.objects.all()).filter(region=region),
        ExpertProfile.objects.listed_for(user).filter(region=region),
    )
