"""The knowledge base's listing: live public resources, filtered by facets, paginated."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.query import PageQuerySet

from community.models import PartnerPage, ResourcePage
from community.visibility import public_pages

from . import facets
from .facets import Listing

PER_PAGE = 20


def visible_resources(within: Page | None = None) -> PageQuerySet:
    """What readers may see, by the site's one visibility rule, under a site's root."""
    resources = ResourcePage.objects.all()
    if within is not None:
        resources = resources.descendant_of(within)
    return public_pages(resources)


def resource_facets() -> list[facets.Facet]:
    return [
        facets.FieldFacet(
            "type", _("Type"), "resource_type", lambda: dict(ResourcePage.ResourceType.choices)
        ),
        facets.ManyToManyFacet(
            "line", _("WSIS action line"), ResourcePage, "action_lines", lambda line: line.code
        ),
        facets.ManyToManyFacet(
            "theme", _("Theme"), ResourcePage, "themes", lambda theme: theme.slug
        ),
        facets.ManyToManyFacet(
            "sdg", _("SDG target"), ResourcePage, "sdg_targets", lambda target: target.code
        ),
        facets.ManyToManyFacet(
            "region", _("Region"), ResourcePage, "regions", lambda region: region.slug
        ),
        facets.CountryFacet("country", _("Country"), "countries"),
        facets.FieldFacet("language", _("Language"), "language", facets.language_choices),
        facets.ForeignKeyFacet(
            "publisher",
            _("Publisher"),
            "publisher",
            lambda: public_pages(PartnerPage.objects.all()).order_by("title").only("title", "slug"),
        ),
        facets.YearFacet("year", _("Year"), "publication_date"),
    ]


def resource_listing(query: Mapping, within: Page | None = None) -> Listing:
    """The page of resources the query asks for, with the facets and their counts."""
    return facets.build(
        query,
        visible_resources(within),
        resource_facets(),
        order_by=lambda resources, selected: resources.select_related("publisher").order_by(
            "-publication_date", "-pk"
        ),
        per_page=PER_PAGE,
    )
