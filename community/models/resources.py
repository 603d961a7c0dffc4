from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .tagging import TaggedContent


class ResourceIndexPage(Page):
    """The knowledge base."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["community.HomePage"]
    subpage_types = ["community.ResourcePage"]
    max_count = 1

    class Meta:
        verbose_name = _("knowledge base")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["resources"] = (
            ResourcePage.objects.child_of(self)
            .live()
            .public()
            .select_related("publisher")
            .order_by("-publication_date")
        )
        return context


class ResourcePage(TaggedContent, Page):
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
    body = StreamField(
        [
            ("text", blocks.RichTextBlock(label=_("Text"))),
            ("quote", blocks.BlockQuoteBlock(label=_("Quote"))),
        ],
        blank=True,
        verbose_name=_("body"),
    )
    publisher = models.ForeignKey(
        "community.PartnerPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="published_resources",
        verbose_name=_("publisher"),
    )
    publication_date = models.DateField(_("publication date"))
    language = models.CharField(_("language of the resource"), max_length=10, default="en")
    licence = models.CharField(
        _("licence"), max_length=30, choices=Licence.choices, default=Licence.CC_BY
    )
    external_url = models.URLField(_("external link"), blank=True)
    featured = models.BooleanField(_("featured on the home page"), default=False)

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("resource_type"),
            FieldPanel("summary"),
            FieldPanel("body"),
            FieldPanel("publisher"),
            FieldPanel("publication_date"),
            FieldPanel("language"),
            FieldPanel("licence"),
            FieldPanel("external_url"),
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
    parent_page_types = ["community.ResourceIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("resource")
