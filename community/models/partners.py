from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from community.visibility import HiddenWhenExpired, public_pages

from .events import EventPage
from .resources import ResourcePage
from .translations import TranslatablePage, in_reader_language


class PartnerIndexPage(TranslatablePage, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["community.HomePage"]
    subpage_types = ["community.PartnerPage"]
    max_count = 1

    class Meta:
        verbose_name = _("partner index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["partners"] = (
            in_reader_language(
                public_pages(PartnerPage.objects.child_of(self.in_default_language()))
            )
            .select_related("region")
            .order_by("title")
        )
        return context


class PartnerPage(HiddenWhenExpired, TranslatablePage, Page):
    class Kind(models.TextChoices):
        UN_ENTITY = "un", _("UN entity")
        GOVERNMENT = "government", _("Government")
        INTERGOVERNMENTAL = "igo", _("Intergovernmental organisation")
        PRIVATE = "private", _("Private sector")
        ACADEMIA = "academia", _("Academia")
        CIVIL_SOCIETY = "civil", _("Civil society")
        NETWORK = "network", _("Network")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    summary = models.TextField(_("summary"), max_length=500)
    description = RichTextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    country = CountryField(_("country"), blank=True)
    region = models.ForeignKey(
        "community.Region",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("region"),
    )
    is_lead = models.BooleanField(
        _("lead organisation"),
        default=False,
        help_text=_("The organisation that leads the community."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("acronym"),
        FieldPanel("kind"),
        FieldPanel("is_lead"),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("country"),
        FieldPanel("region"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("acronym"),
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["community.PartnerIndexPage"]
    # The organisation's own content lives under its page, so that Wagtail's page permissions
    # on this subtree are exactly "edit your organisation's content" (members/organisations.py).
    subpage_types = ["community.ResourcePage", "community.EventPage"]

    class Meta:
        verbose_name = _("partner organisation")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        original = self.in_default_language()
        context["resources"] = in_reader_language(
            public_pages(ResourcePage.objects.child_of(original))
        ).order_by("-publication_date", "-pk")[:10]
        # Its own events, and those of others that it co-organises.
        events = public_pages(EventPage.objects.all()).filter(
            Q(path__startswith=original.path) | Q(organisers=original)
        )
        context["events"] = in_reader_language(events).order_by("-start")[:10]
        return context
