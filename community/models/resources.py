from __future__ import annotations

import datetime as dt

from django.conf import global_settings, settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from community.blocks import resource_body_blocks
from community.visibility import HiddenWhenExpired, is_expired

from .tagging import TaggedContent
from .translations import TranslatablePage

# A resource goes stale after this long without a review, unless its editors set a date.
DEFAULT_REVIEW_INTERVAL = dt.timedelta(days=getattr(settings, "RESOURCE_REVIEW_INTERVAL_DAYS", 730))


def resource_languages() -> list[tuple[str, str]]:
    """Any language Django knows: resources are written in many more than the interface's."""
    return list(global_settings.LANGUAGES)


class ResourceIndexPage(TranslatablePage, Page):
    """The knowledge base: every public resource, wherever in the tree it lives.

    Partners' resources live under their partner page (so Wagtail's permissions confine each
    partner's editors to their own); community submissions live directly under this page.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["community.HomePage"]
    subpage_types = ["community.ResourcePage"]
    max_count = 1

    class Meta:
        verbose_name = _("knowledge base")

    def get_context(self, request, *args, **kwargs):
        from community.listings.knowledge_base import resource_listing  # imports this module

        context = super().get_context(request, *args, **kwargs)
        # Filters, counts and pagination: see community/listings/ and docs/knowledge-base.md.
        context["listing"] = resource_listing(request.GET, within=self.get_site().root_page)
        context["resources"] = context["listing"].page
        return context


class ResourcePage(HiddenWhenExpired, TranslatablePage, TaggedContent, Page):
    class ResourceType(models.TextChoices):
        REPORT = "report", _("Report")
        CASE_STUDY = "case-study", _("Case study")
        GOOD_PRACTICE = "good-practice", _("Good practice")
        TOOLKIT = "toolkit", _("Toolkit or guide")
        POLICY = "policy", _("Policy or strategy")
        DATASET = "dataset", _("Dataset")
        PRESENTATION = "presentation", _("Presentation")
        VIDEO = "video", _("Video")
        OUTCOME = "outcome", _("Outcome document")

    class Licence(models.TextChoices):
        CC_BY = "CC-BY-4.0", "CC BY 4.0"
        CC_BY_SA = "CC-BY-SA-4.0", "CC BY-SA 4.0"
        CC_BY_NC = "CC-BY-NC-4.0", "CC BY-NC 4.0"
        CC0 = "CC0-1.0", "CC0 1.0"
        ALL_RIGHTS = "all-rights-reserved", _("All rights reserved")

    resource_type = models.CharField(_("type"), max_length=20, choices=ResourceType.choices)
    summary = models.TextField(_("summary"), max_length=1000)
    body = StreamField(resource_body_blocks(), blank=True, verbose_name=_("body"))
    # Derived from the tree (see derive_publisher), stored so that listings of thousands of
    # resources can filter and show the publisher without walking the tree.
    publisher = models.ForeignKey(
        "community.PartnerPage",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="published_resources",
        verbose_name=_("publisher"),
    )
    publication_date = models.DateField(_("publication date"))
    language = models.CharField(
        _("language of the resource"), max_length=10, choices=resource_languages, default="en"
    )
    licence = models.CharField(
        _("licence"), max_length=30, choices=Licence.choices, default=Licence.CC_BY
    )
    external_url = models.URLField(_("external link"), blank=True)
    featured = models.BooleanField(_("featured on the home page"), default=False)
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("When an editor last checked that the content is still accurate."),
    )
    review_due = models.DateField(
        _("review due"),
        null=True,
        blank=True,
        help_text=_(
            "After this date readers are told the content may be outdated. Left empty, it is "
            "two years after the last review (or the publication date)."
        ),
    )

    content_panels = (
        Page.content_panels
        + [
            HelpPanel(
                _(
                    "The publisher is the partner organisation this resource is filed under. "
                    "Resources filed directly in the knowledge base are community submissions."
                )
            ),
            FieldPanel("resource_type"),
            FieldPanel("summary"),
            FieldPanel("body"),
            InlinePanel("attachments", label=_("Attachments")),
            InlinePanel("authors", label=_("Authors")),
            FieldRowPanel([FieldPanel("publication_date"), FieldPanel("language")]),
            FieldPanel("licence"),
            FieldPanel("external_url"),
            MultiFieldPanel(
                [FieldPanel("last_reviewed"), FieldPanel("review_due")],
                heading=_("Currency"),
            ),
            FieldPanel("featured"),
        ]
        + TaggedContent.taxonomy_panels
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("resource_type"),
        index.FilterField("publication_date"),
    ]
    parent_page_types = ["community.ResourceIndexPage", "community.PartnerPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("resource")
        indexes = [
            models.Index(fields=["-publication_date"], name="resource_newest_idx"),
            models.Index(fields=["resource_type", "-publication_date"], name="resource_type_idx"),
            models.Index(fields=["language"], name="resource_language_idx"),
        ]

    def full_clean(self, *args, **kwargs) -> None:
        self.derive_publisher()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self) -> None:
        # What Wagtail runs instead of full_clean when it saves a draft.
        self.derive_publisher()
        super().minimal_clean()

    def clean(self) -> None:
        super().clean()
        if self.last_reviewed and self.last_reviewed > timezone.localdate():
            raise ValidationError({"last_reviewed": _("The last review cannot be in the future.")})
        if self.last_reviewed and self.review_due and self.review_due < self.last_reviewed:
            raise ValidationError(
                {"review_due": _("The next review cannot be due before the last review.")}
            )

    def derive_publisher(self) -> None:
        """A resource under a partner's page is published by that partner, always.

        Runs whenever Wagtail cleans the page (on every save, draft or live, and for every
        revision) and after a move (community.publishing), so the stored column never
        disagrees with the tree. Community submissions, directly in the knowledge base, have
        no publisher.
        """
        from .partners import PartnerPage

        parent = self.get_parent() if self.path else None
        specific = parent.specific_deferred if parent else None
        self.publisher = specific if isinstance(specific, PartnerPage) else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["citable_url"] = request.build_absolute_uri(reverse("citable_link", args=[self.pk]))
        context["authors"] = list(self.authors.select_related("member__profile"))
        context["attachments"] = list(self.attachments.select_related("document"))
        context["today"] = timezone.localdate()
        return context

    @property
    def cited_as(self) -> str:
        """Who a citation names first: the publisher, else the authors, else the community."""
        if self.publisher_id:
            return self.publisher.title
        names = [author.display_name for author in self.authors.all()]
        return "; ".join(names) or str(settings.COMMUNITY_NAME)

    @property
    def review_due_date(self) -> dt.date:
        if self.review_due:
            return self.review_due
        return (self.last_reviewed or self.publication_date) + DEFAULT_REVIEW_INTERVAL

    @property
    def may_be_outdated(self) -> bool:
        return self.review_due_date < timezone.localdate()

    @property
    def is_expired(self) -> bool:
        return is_expired(self)


class ResourceAttachment(Orderable):
    """A file that belongs to a resource: the report itself, its annexes, its data."""

    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("file")
    )
    title = models.CharField(
        _("title"), max_length=255, blank=True, help_text=_("The file's title if left empty.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")

    @property
    def label(self) -> str:
        return self.title or self.document.title


class ResourceAuthor(Orderable):
    """An author: a member of the community, or the name of someone who is not one."""

    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="authors")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="authored_resources",
        verbose_name=_("member"),
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_("For authors who are not members; shown instead of the member's name."),
    )

    panels = [FieldPanel("member"), FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")

    def clean(self) -> None:
        if not self.member_id and not self.name.strip():
            raise ValidationError({"name": _("Choose a member or type the author's name.")})

    @property
    def display_name(self) -> str:
        # Never the e-mail address: a resource page is public.
        if self.name:
            return self.name
        if self.member is None:
            return str(_("Former member"))
        profile = getattr(self.member, "profile", None)
        return (
            self.member.get_full_name()
            or (profile.display_name if profile else "")
            or str(_("Community member"))
        )
