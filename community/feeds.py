"""RSS and Atom feeds of new resources (all, per action line, per partner) and upcoming events.

Items come from the same visibility rule as the listings, so a draft, a rejected, expired or
restricted page never reaches a feed reader.
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import Site

from community.listings.events import visible_events
from community.listings.knowledge_base import visible_resources
from community.models import (
    ActionLine,
    EventIndexPage,
    PartnerPage,
    ResourceIndexPage,
    ResourcePage,
)
from community.visibility import public_pages

ITEMS_PER_FEED = 50


class _PageFeed(Feed):
    """Links are made absolute from the request, so feeds work under any host name."""

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.site = Site.find_for_request(request)
        return super().__call__(request, *args, **kwargs)

    def within(self):
        return self.site.root_page if self.site else None

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.summary

    def item_link(self, item) -> str:
        return item.get_url(self.request)

    def item_guid(self, item) -> str:
        return f"{self.request.get_host()}:page:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class NewResourcesFeed(_PageFeed):
    """Resources, newest on the site first; optionally of one action line or one partner."""

    def link(self, obj=None) -> str:
        index = public_pages(ResourceIndexPage.objects.all()).first()
        return index.get_url(self.request) if index else "/"

    def title(self, obj=None) -> str:
        return _("New resources in the knowledge base")

    def description(self, obj=None) -> str:
        return _("Reports, case studies, good practices and more, newest first.")

    def resources(self, obj=None):
        return visible_resources(self.within())

    def items(self, obj=None):
        return (
            self.resources(obj)
            .select_related("publisher")
            .order_by("-first_published_at", "-pk")[:ITEMS_PER_FEED]
        )

    def item_author_name(self, item) -> str | None:
        publisher = item.publisher
        return publisher.title if publisher is not None and publisher.live else None


class ActionLineResourcesFeed(NewResourcesFeed):
    def get_object(self, request, code: str):
        if not code.upper().startswith("C") or not code[1:].isdigit():
            raise Http404
        return get_object_or_404(ActionLine, number=int(code[1:]))

    def title(self, obj=None) -> str:
        return _("New resources on action line %(line)s") % {"line": obj}

    def resources(self, obj=None):
        links = ResourcePage.action_lines.through.objects.filter(actionline=obj)
        return visible_resources(self.within()).filter(pk__in=links.values("resourcepage_id"))


class PartnerResourcesFeed(NewResourcesFeed):
    def get_object(self, request, slug: str):
        return get_object_or_404(public_pages(PartnerPage.objects.all()), slug=slug)

    def link(self, obj=None) -> str:
        return obj.get_url(self.request)

    def title(self, obj=None) -> str:
        return _("New resources from %(partner)s") % {"partner": obj.title}

    def resources(self, obj=None):
        return visible_resources(self.within()).filter(publisher=obj)


class UpcomingEventsFeed(_PageFeed):
    def link(self, obj=None) -> str:
        index = public_pages(EventIndexPage.objects.all()).first()
        return index.get_url(self.request) if index else "/"

    def title(self, obj=None) -> str:
        return _("Upcoming events")

    def description(self, obj=None) -> str:
        return _("Events of the community that have not yet ended, soonest first.")

    def items(self, obj=None):
        return (
            visible_events(self.within())
            .filter(end__gte=timezone.now())
            .order_by("start", "pk")[:ITEMS_PER_FEED]
        )

    def item_description(self, item) -> str:
        when = timezone.localtime(item.start, item.local_start.tzinfo)
        return f"{when:%Y-%m-%d %H:%M} ({item.time_zone}). {item.summary}"


def atom(feed_class: type[Feed]) -> type[Feed]:
    """The Atom twin of an RSS feed."""
    return type(
        f"Atom{feed_class.__name__}",
        (feed_class,),
        {"feed_type": Atom1Feed, "subtitle": feed_class.description},
    )
