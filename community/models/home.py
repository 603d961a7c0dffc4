from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from community.visibility import public_pages

from .events import EventPage, past, upcoming
from .partners import PartnerPage
from .resources import ResourcePage


class HomePage(Page):
    """The community's front door: who we are, who takes part, what is on."""

    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    aims = StreamField(
        [("aim", blocks.CharBlock(label=_("Aim")))], blank=True, verbose_name=_("aims")
    )

    content_panels = Page.content_panels + [
        FieldPanel("tagline"),
        FieldPanel("introduction"),
        FieldPanel("aims"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "community.ResourceIndexPage",
        "community.PartnerIndexPage",
        "community.EventIndexPage",
        "community.CallIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        visible_events = public_pages(EventPage.objects.all())
        context["partners"] = public_pages(PartnerPage.objects.all()).order_by("-is_lead", "title")
        context["upcoming_events"] = upcoming(visible_events)[:3]
        context["recent_events"] = past(visible_events)[:3]
        context["featured_resources"] = (
            public_pages(ResourcePage.objects.all())
            .select_related("publisher")
            .order_by("-featured", "-publication_date")[:4]
        )
        return context
