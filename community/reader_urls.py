"""Addresses for readers outside the page tree: feeds, calendar files, place hubs."""

from django.urls import path

from . import feeds, reader_views

app_name = "reader"
urlpatterns = [
    path("feeds/resources/rss/", feeds.NewResourcesFeed(), name="feed-resources-rss"),
    path("feeds/resources/atom/", feeds.atom(feeds.NewResourcesFeed)(), name="feed-resources-atom"),
    path(
        "feeds/resources/action-line/<str:code>/rss/",
        feeds.ActionLineResourcesFeed(),
        name="feed-action-line-rss",
    ),
    path(
        "feeds/resources/action-line/<str:code>/atom/",
        feeds.atom(feeds.ActionLineResourcesFeed)(),
        name="feed-action-line-atom",
    ),
    path(
        "feeds/resources/partner/<slug:slug>/rss/",
        feeds.PartnerResourcesFeed(),
        name="feed-partner-rss",
    ),
    path(
        "feeds/resources/partner/<slug:slug>/atom/",
        feeds.atom(feeds.PartnerResourcesFeed)(),
        name="feed-partner-atom",
    ),
    path("feeds/events/rss/", feeds.UpcomingEventsFeed(), name="feed-events-rss"),
    path("feeds/events/atom/", feeds.atom(feeds.UpcomingEventsFeed)(), name="feed-events-atom"),
    path("events/<int:pk>/ics", reader_views.event_ics, name="event-ics"),
    path("countries/<str:code>/", reader_views.country, name="country"),
    path("regions/<slug:slug>/", reader_views.region, name="region"),
]
