import zoneinfo

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .tagging import TaggedContent

TIME_ZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones())]


def upcoming(events: models.QuerySet) -> models.QuerySet:
    """Events not yet over, soonest first."""
    return events.filter(end__gte=timezone.now()).order_by("start")


def past(events: models.QuerySet) -> models.QuerySet:
    """Events that have ended, latest first."""
    return events.filter(end__lt=timezone.now()).order_by("-start")


class EventIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["community.HomePage"]
    subpage_types = ["community.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("event index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = EventPage.objects.child_of(self).live().public()
        context["upcoming_events"] = upcoming(events)
        context["past_events"] = past(events)
        return context


class EventPage(TaggedContent, Page):
    class Format(models.TextChoices):
        IN_PERSON = "in-person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    summary = models.TextField(_("summary"), max_length=1000)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=TIME_ZONE_CHOICES,
        default="UTC",
        help_text=_("The time zone where the event takes place."),
    )
    event_format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.IN_PERSON
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=255, blank=True)
    country = CountryField(_("country"), blank=True)
    organisers = ParentalManyToManyField(
        "community.PartnerPage",
        blank=True,
        related_name="organised_events",
        verbose_name=_("organisers"),
    )
    languages = models.CharField(
        _("languages"),
        max_length=255,
        blank=True,
        help_text=_("For example: Arabic and English, with interpretation"),
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    body = StreamField(
        [("text", blocks.RichTextBlock(label=_("Text")))], blank=True, verbose_name=_("details")
    )

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("summary"),
            FieldPanel("start"),
            FieldPanel("end"),
            FieldPanel("time_zone"),
            FieldPanel("event_format"),
            FieldPanel("venue"),
            FieldPanel("city"),
            FieldPanel("country"),
            FieldPanel("organisers"),
            FieldPanel("languages"),
            FieldPanel("registration_url"),
            FieldPanel("body"),
        ]
        + TaggedContent.taxonomy_panels
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("city"),
        index.SearchField("body"),
        index.FilterField("start"),
    ]
    parent_page_types = ["community.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event")

    @property
    def local_start(self):
        return timezone.localtime(self.start, zoneinfo.ZoneInfo(self.time_zone))

    @property
    def local_end(self):
        return timezone.localtime(self.end, zoneinfo.ZoneInfo(self.time_zone))
