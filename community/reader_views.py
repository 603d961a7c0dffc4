"""Views for readers beside the Wagtail pages: place hubs and event calendar files."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from wagtail.models import Site

from community import places
from community.calendar import event_calendar
from community.listings.events import visible_events
from community.models import EventIndexPage, Region, ResourceIndexPage
from community.visibility import public_pages


def _within(request):
    site = Site.find_for_request(request)
    return site.root_page if site else None


def _index_url(request, model) -> str | None:
    index = public_pages(model.objects.all()).first()
    return index.get_url(request) if index else None


def _render_hub(request, hub: places.Hub):
    return render(
        request,
        "places/hub.html",
        {
            "hub": hub,
            "knowledge_base_url": _index_url(request, ResourceIndexPage),
            "events_url": _index_url(request, EventIndexPage),
        },
    )


def country(request, code: str):
    hub = places.country_hub(code, request.user, _within(request))
    if hub is None:
        raise Http404
    return _render_hub(request, hub)


def region(request, slug: str):
    hub = places.region_hub(get_object_or_404(Region, slug=slug), request.user, _within(request))
    return _render_hub(request, hub)


def event_ics(request, pk: int):
    """An event as an iCalendar file that calendar programs import."""
    event = get_object_or_404(visible_events(_within(request)), pk=pk)
    url = event.get_full_url(request)
    text = event_calendar(event, url, request.get_host().split(":")[0])
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response
