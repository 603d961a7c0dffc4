from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from community.visibility import is_expired, public_pages

from .events import EventPage, past, upcoming
from .partners import PartnerPage
from .resources import ResourcePage
from .translations import (
    TranslatablePage,
    in_reader_language,
    reader_language,
    translation_in,
    tree_language,
)


class HomePage(TranslatablePage, Page):
    """The community's front door: who we are, who takes part, what is on.

    The root of the site's tree in the default language; its translations (Arabic, French)
    are the roots of the other languages' trees.
    """

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
        original = self.in_default_language()

        def listed(model):
            return in_reader_language(public_pages(model.objects.descendant_of(original)))

        visible_events = listed(EventPage)
        context["partners"] = listed(PartnerPage).order_by("-is_lead", "title")
        context["upcoming_events"] = upcoming(visible_events)[:3]
        context["recent_events"] = past(visible_events)[:3]
        context["featured_resources"] = (
            listed(ResourcePage)
            .select_related("publisher")
            .order_by("-featured", "-publication_date")[:4]
        )
        return context

    def get_sitemap_urls(self, request=None):
        """Wagtail's sitemap walks the original tree only; its home page adds the public
        pages of the other languages' trees (aliases, which repeat an original, left out)."""
        urls = super().get_sitemap_urls(request)
        if self.in_default_language() != self:
            return urls
        trees = Q()
        for home in self.get_translations():
            trees |= Q(path__startswith=home.path)
        if not trees:
            return urls
        translations = public_pages(Page.objects.filter(trees)).filter(alias_of__isnull=True)
        for page in translations.specific():
            urls += page.get_sitemap_urls(request)
        return urls

    def route(self, request, path_components):
        """Find the page in the reader's language tree, else in the original tree.

        Wagtail starts routing at the translation of the site's root in the reader's
        language if that one is live, and would answer 404 for every page not translated
        under it. Here the reader's tree is tried first (whether or not its home page is
        live: a live translation under a draft home is still served), then the original
        tree, so /ar/<path> is the Arabic translation of the page where there is a live one
        and the English page otherwise. An expired translation counts as none.
        """
        reader = reader_language()
        local = self if tree_language(self) == reader else translation_in(self, reader)
        if local is not None and (result := local.route_in_tree(request, path_components)):
            return result
        original = self.in_default_language()
        if (local is None or original.pk != local.pk) and (
            result := original.route_in_tree(request, path_components)
        ):
            return result
        raise Http404

    def route_in_tree(self, request, path_components) -> RouteResult | None:
        """Wagtail's routing from this home page down, or None where it finds no live page."""
        try:
            result = super().route(request, path_components)
        except Http404:
            return None
        return None if is_expired(result.page) else result
