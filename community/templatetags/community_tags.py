"""Template tags for readers' pages: schema.org JSON-LD and links to place hubs."""

from __future__ import annotations

import json

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Page

from community.visibility import is_public

register = template.Library()

LICENCE_URLS = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC-BY-NC-4.0": "https://creativecommons.org/licenses/by-nc/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
}
ATTENDANCE_MODES = {
    "in-person": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}


def _organisation(partner, request) -> dict:
    data = {"@type": "Organization", "name": partner.title, "url": partner.get_full_url(request)}
    if partner.acronym:
        data["alternateName"] = partner.acronym
    return data


def resource_data(page, request) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Report" if page.resource_type == "report" else "CreativeWork",
        "name": page.title,
        "description": page.summary,
        "url": page.get_full_url(request),
        "datePublished": page.publication_date.isoformat(),
        "inLanguage": page.language,
        "genre": str(page.get_resource_type_display()),
    }
    if page.licence in LICENCE_URLS:
        data["license"] = LICENCE_URLS[page.licence]
    if page.publisher_id and is_public(page.publisher):
        data["publisher"] = _organisation(page.publisher, request)
    keywords = [str(line) for line in page.action_lines.all()]
    keywords += [theme.title for theme in page.themes.all()]
    if keywords:
        data["keywords"] = keywords
    places = [
        {"@type": "Country", "name": str(c.name), "identifier": c.code} for c in page.countries
    ]
    places += [{"@type": "Place", "name": region.name} for region in page.regions.all()]
    if places:
        data["spatialCoverage"] = places
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    return data


def event_data(page, request) -> dict:
    url = page.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.summary,
        "url": url,
        # In the event's own time zone, with its offset, as schema.org asks.
        "startDate": page.local_start.isoformat(),
        "endDate": page.local_end.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODES.get(page.event_format),
    }
    locations = []
    if page.event_format in ("in-person", "hybrid") and (page.venue or page.city or page.country):
        address = {"@type": "PostalAddress"}
        if page.city:
            address["addressLocality"] = page.city
        if page.country:
            address["addressCountry"] = page.country.code
        locations.append(
            {
                "@type": "Place",
                "name": page.venue or page.city or str(page.country.name),
                "address": address,
            }
        )
    if page.event_format in ("online", "hybrid"):
        locations.append({"@type": "VirtualLocation", "url": page.registration_url or url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    organisers = [_organisation(p, request) for p in page.organisers.all() if is_public(p)]
    if organisers:
        data["organizer"] = organisers
    if page.registration_url:
        data["offers"] = {"@type": "Offer", "url": page.registration_url}
    return data


def partner_data(page, request) -> dict:
    data = _organisation(page, request)
    data = {"@context": "https://schema.org", **data, "description": page.summary}
    if page.website:
        data["sameAs"] = [page.website]
    if page.country:
        data["address"] = {"@type": "PostalAddress", "addressCountry": page.country.code}
    if page.region_id:
        data["areaServed"] = page.region.name
    return data


BUILDERS = {
    "resourcepage": resource_data,
    "eventpage": event_data,
    "partnerpage": partner_data,
}


@register.simple_tag(takes_context=True)
def json_ld(context, page: Page | None = None):
    """A <script type="application/ld+json"> describing the page for search engines."""
    page = page or context.get("page")
    builder = BUILDERS.get(type(page)._meta.model_name) if page is not None else None
    if builder is None:
        return ""
    data = builder(page, context.get("request"))
    text = json.dumps({k: v for k, v in data.items() if v is not None}, ensure_ascii=False)
    # Inside <script>, "<", ">" and "&" must not end the element or start markup.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


@register.simple_tag
def country_link(country):
    """A country's name linking to its hub page."""
    url = reverse("reader:country", args=[country.code])
    return format_html('<a href="{}">{}</a>', url, country.name)


@register.simple_tag
def region_link(region):
    """A region's name linking to its hub page."""
    url = reverse("reader:region", args=[region.slug])
    return format_html('<a href="{}" dir="auto">{}</a>', url, region.name)
