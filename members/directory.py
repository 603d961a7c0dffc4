"""Find an expert: the directory's filters, text query, facet counts and sorting.

Everything starts from ExpertProfile.objects.listed_for(viewer), the one visibility rule.
The number of queries is fixed whatever the number of members: one per facet, one count,
one page of profiles and its prefetches.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from community.models import ActionLine, PartnerPage, Region, Theme

from .models import ExpertProfile, Language, User

MAX_QUERY_LENGTH = 200
SORTS = {
    "name": (_("Name"), ["display_name", "pk"]),
    "recent": (_("Recently updated"), ["-updated_at", "pk"]),
    # Profiles that state no experience come last on every database (PostgreSQL sorts NULL first).
    "experience": (
        _("Most experience"),
        [F("years_of_experience").desc(nulls_last=True), "display_name", "pk"],
    ),
}
OPEN_TO = {name.removeprefix("open_to_"): name for name in ExpertProfile.OPEN_TO_FIELDS}


def _ints(values: list[str]) -> list[int]:
    return [int(value) for value in values if value.isdigit()]


@dataclass
class DirectoryFilters:
    query: str = ""
    action_lines: list[int] = field(default_factory=list)
    themes: list[int] = field(default_factory=list)
    regions: list[int] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    organisations: list[int] = field(default_factory=list)
    open_to: list[str] = field(default_factory=list)
    verified: bool = False
    sort: str = "name"

    @classmethod
    def from_query(cls, params: QueryDict) -> DirectoryFilters:
        """Read the URL's parameters; values that mean nothing are dropped, never an error."""
        return cls(
            query=" ".join(params.get("q", "")[:MAX_QUERY_LENGTH].split()),
            action_lines=_ints(params.getlist("action_line")),
            themes=_ints(params.getlist("theme")),
            regions=_ints(params.getlist("region")),
            countries=[c.upper() for c in params.getlist("country") if c.upper() in countries],
            languages=[code for code in params.getlist("language") if code.isalpha()],
            organisations=_ints(params.getlist("organisation")),
            open_to=[value for value in params.getlist("open_to") if value in OPEN_TO],
            verified=params.get("verified") == "1",
            sort=params.get("sort") if params.get("sort") in SORTS else "name",
        )

    @property
    def active(self) -> bool:
        return any(
            [
                self.query,
                self.action_lines,
                self.themes,
                self.regions,
                self.countries,
                self.languages,
                self.organisations,
                self.open_to,
                self.verified,
            ]
        )

    def conditions(self, *, without: str = "") -> Q:
        """All active filters as one condition, leaving out one facet (for its own counts)."""
        condition = Q()
        if self.query:
            for word in self.query.split():
                condition &= (
                    Q(display_name__icontains=word)
                    | Q(headline__icontains=word)
                    | Q(biography__icontains=word)
                )
        facets = {
            "action_line": ("action_lines__in", self.action_lines),
            "theme": ("themes__in", self.themes),
            "region": ("region__in", self.regions),
            "country": ("country__in", self.countries),
            "language": ("languages__code__in", self.languages),
            "organisation": ("organisation__in", self.organisations),
        }
        for name, (lookup, values) in facets.items():
            if values and name != without:
                # A subquery keeps one row per profile whatever the joins.
                condition &= Q(pk__in=ExpertProfile.objects.filter(**{lookup: values}).values("pk"))
        if without != "open_to":
            for value in self.open_to:
                condition &= Q(**{OPEN_TO[value]: True})
        if self.verified:
            condition &= Q(verified_at__isnull=False)
        return condition


def search_directory(viewer: User, filters: DirectoryFilters) -> QuerySet[ExpertProfile]:
    return (
        ExpertProfile.objects.listed_for(viewer)
        .filter(filters.conditions())
        .select_related("region", "organisation")
        .prefetch_related("action_lines", "languages")
        .order_by(*SORTS[filters.sort][1])
    )


def _counts(viewer: User, filters: DirectoryFilters, facet: str, key: str) -> dict:
    rows = (
        ExpertProfile.objects.listed_for(viewer)
        .filter(filters.conditions(without=facet))
        .exclude(**{f"{key}__isnull": True})
        .values(key)
        .annotate(total=Count("pk", distinct=True))
    )
    return {row[key]: row["total"] for row in rows}


def facet_counts(viewer: User, filters: DirectoryFilters) -> dict[str, list[dict]]:
    """Each facet's values with how many profiles match the other active filters."""

    def options(facet: str, key: str, choices, selected) -> list[dict]:
        counts = _counts(viewer, filters, facet, key)
        return [
            {
                "value": value,
                "label": label,
                "count": counts.get(value, 0),
                "selected": value in selected,
            }
            for value, label in choices
            if counts.get(value) or value in selected
        ]

    open_counts = (
        ExpertProfile.objects.listed_for(viewer)
        .filter(filters.conditions(without="open_to"))
        .aggregate(
            **{value: Count("pk", filter=Q(**{name: True})) for value, name in OPEN_TO.items()}
        )
    )
    return {
        "action_line": options(
            "action_line",
            "action_lines",
            [(line.pk, str(line)) for line in ActionLine.objects.all()],
            filters.action_lines,
        ),
        "theme": options(
            "theme", "themes", [(t.pk, t.title) for t in Theme.objects.all()], filters.themes
        ),
        "region": options(
            "region", "region", [(r.pk, r.name) for r in Region.objects.all()], filters.regions
        ),
        "country": options("country", "country", list(countries), filters.countries),
        "language": options(
            "language",
            "languages__code",
            [(lang.code, lang.name) for lang in Language.objects.all()],
            filters.languages,
        ),
        "organisation": options(
            "organisation",
            "organisation",
            [(p.pk, p.title) for p in PartnerPage.objects.live().only("pk", "title")],
            filters.organisations,
        ),
        "open_to": [
            {
                "value": value,
                "label": ExpertProfile._meta.get_field(name).verbose_name,
                "count": open_counts[value],
                "selected": value in filters.open_to,
            }
            for value, name in OPEN_TO.items()
        ],
    }
