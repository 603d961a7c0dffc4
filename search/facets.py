"""The facets of the search page: their URL keys, legends, and the values each accepts.

Values are the stable codes stored in the index (C7, a theme's slug, 16 for SDG 16, ISO
country and language codes, a partner's slug, a year); labels are looked up here when a
page is shown, in the reader's language, so renaming a theme needs no reindexing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .kinds import Kind

# A facet never needs more values than this from a query string; more is abuse.
MAX_VALUES_PER_FACET = 20


@dataclass(frozen=True)
class FacetSpec:
    key: str
    legend: str


FACETS = [
    FacetSpec("kind", _("Kind")),
    FacetSpec("line", _("WSIS action line")),
    FacetSpec("theme", _("Theme")),
    FacetSpec("sdg", _("Sustainable Development Goal")),
    FacetSpec("region", _("Region")),
    FacetSpec("country", _("Country")),
    FacetSpec("language", _("Language")),
    FacetSpec("partner", _("Partner organisation")),
    FacetSpec("year", _("Year")),
]
FACET_KEYS = [facet.key for facet in FACETS]
LEGENDS = {facet.key: facet.legend for facet in FACETS}


class Vocabulary:
    """Every value each facet accepts, with its label; read from the database once per use."""

    def choices(self, facet: str) -> Mapping[str, str]:
        return getattr(self, f"_{facet}")

    def label(self, facet: str, value: str) -> str | None:
        return self.choices(facet).get(value)

    @cached_property
    def _kind(self) -> dict[str, str]:
        return {value: str(label) for value, label in Kind.choices}

    @cached_property
    def _line(self) -> dict[str, str]:
        from community.models import ActionLine

        return {line.code: str(line) for line in ActionLine.objects.all()}

    @cached_property
    def _theme(self) -> dict[str, str]:
        from community.models import Theme

        return {theme.slug: theme.title for theme in Theme.objects.all()}

    @cached_property
    def _sdg(self) -> dict[str, str]:
        from community.models import SustainableDevelopmentGoal

        return {str(goal.number): str(goal) for goal in SustainableDevelopmentGoal.objects.all()}

    @cached_property
    def _region(self) -> dict[str, str]:
        from community.models import Region

        return {region.slug: region.name for region in Region.objects.all()}

    @cached_property
    def _country(self) -> dict[str, str]:
        return dict(countries)

    @cached_property
    def _language(self) -> dict[str, str]:
        from community.listings.facets import language_choices

        return language_choices()

    @cached_property
    def _partner(self) -> dict[str, str]:
        from community.models import PartnerPage
        from community.visibility import public_pages

        partners = public_pages(PartnerPage.objects.all()).only("slug", "title")
        return {partner.slug: partner.title for partner in partners}

    @cached_property
    def _year(self) -> dict[str, str]:
        return {str(year): str(year) for year in range(dt.date.today().year + 5, 1899, -1)}
