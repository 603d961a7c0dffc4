import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from community.admin_forms import EventPageForm
from community.blocks import agenda_blocks
from community.visibility import HiddenWhenExpired, is_expired, public_pages

from .tagging import TaggedContent
from .translations import TranslatablePage

TIME_ZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones())]


def upcoming(events: models.QuerySet) -> models.QuerySet:
    """Events not yet over, soonest first."""
    return events.filter(end__gte=timezone.now()).order_by("start")


def past(events: models.QuerySet) -> models.QuerySet:
    """Events that have ended, latest first."""
    return events.filter(end__lt=timezone.now()).order_by("-start")


class EventIndexPage(TranslatablePage, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["community.HomePage"]
    subpage_types = ["community.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("event index")

    def get_context(self, request, *args, **kwargs):
        from community.listings.events import event_listing  # imports this module

        context = super().get_context(request, *args, **kwargs)
        # Events live under their organiser's page or here: list them all, with filters
        # (community/listings/, docs/knowledge-base.md).
        context["listing"] = event_listing(request.GET, within=self.get_site().root_page)
        context["events"] = context["listing"].page
        return context


class EventPage(HiddenWhenExpired, TranslatablePage, TaggedContent, Page):
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
        help_text=_("For example: Arabic and English"),
    )
    interpretation = models.CharField(
        _("interpretation"),
        max_length=255,
        blank=True,
        help_text=_("For example: simultaneous interpretation between Arabic and English"),
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    body = StreamField(
        [("text", blocks.RichTextBlock(label=_("Text")))], blank=True, verbose_name=_("details")
    )
    agenda = StreamField(agenda_blocks(), blank=True, verbose_name=_("agenda"))
    outcomes = ParentalManyToManyField(
        "community.ResourcePage",
        blank=True,
        related_name="outcome_of_events",
        verbose_name=_("outcomes"),
        help_text=_("Resources that came out of the event: reports, presentations, recordings."),
    )

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("summary"),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [
                            FieldPanel("start", help_text=_("Local time where the event is.")),
                            FieldPanel("end", help_text=_("Local time where the event is.")),
                        ]
                    ),
                    FieldPanel("time_zone"),
                ],
                heading=_("When"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("event_format"),
                    FieldPanel("venue"),
                    FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
                ],
                heading=_("Where"),
            ),
            FieldPanel("organisers"),
            FieldRowPanel([FieldPanel("languages"), FieldPanel("interpretation")]),
            FieldPanel("registration_url"),
            FieldPanel("body"),
            FieldPanel("agenda"),
            FieldPanel("outcomes"),
        ]
        + TaggedContent.taxonomy_panels
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("city"),
        index.SearchField("body"),
        index.FilterField("start"),
    ]
    base_form_class = EventPageForm
    parent_page_types = ["community.EventIndexPage", "community.PartnerPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event")
        indexes = [
            models.Index(fields=["start"], name="event_start_idx"),
            models.Index(fields=["end"], name="event_end_idx"),
        ]

    def clean(self) -> None:
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The event cannot end before it starts.")})

    @property
    def organising_partners(self) -> list:
        """The organisers chosen, and the partner whose page the event lives under."""
        from .partners import PartnerPage

        partners = list(self.organisers.all())
        parent = self.get_parent().specific_deferred if self.path else None
        if isinstance(parent, PartnerPage) and parent not in partners:
            partners.insert(0, parent)
        return partners

    def public_outcomes(self):
        from .resources import ResourcePage

        # Through the primary keys: in a preview, outcomes.all() is an in-memory list.
        chosen = [resource.pk for resource in self.outcomes.all()]
        return public_pages(ResourcePage.objects.filter(pk__in=chosen)).order_by(
            "-publication_date"
        )

    @property
    def is_expired(self) -> bool:
        return is_expired(self)

    @property
    def local_start(self):
        return timezone.localtime(self.start, zoneinfo.ZoneInfo(self.time_zone))

    @property
    def local_end(self):
        return timezone.localtime(self.end, zoneinfo.ZoneInfo(self.time_zone))
