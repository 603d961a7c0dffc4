"""Faceted listings: filters read from a shareable GET query, with a count per value.

A facet is one way of narrowing a listing (resource type, action line, country ...). Within a
facet the chosen values are alternatives (C7 or C10); across facets they all apply (C7 and
Jordan). Each facet's counts are taken with every *other* active filter applied, so a count
says how many results ticking that box would add, which is what readers expect of facets.

The number of SQL queries is fixed by the number of facets, never by the number of pages
listed: each facet counts with one grouped query, and taxonomy labels are read once.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

from django.conf.locale import LANG_INFO
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django_countries import countries

from community.query_plans import planned_for_their_values

# A facet never needs more values than this from a query string; more is abuse.
MAX_VALUES_PER_FACET = 50


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class ActiveFilter:
    facet: str
    legend: str
    label: str
    remove_url: str


@dataclass
class FacetResult:
    key: str
    legend: str
    options: list[Option]
    single: bool = False  # radio buttons: one value at a time (upcoming or past)

    @property
    def chosen(self) -> bool:
        return any(option.selected for option in self.options)

    @property
    def input_type(self) -> str:
        return "radio" if self.single else "checkbox"


class Facet:
    """One filter: its URL key, the values it accepts, how it filters and counts."""

    single = False

    def __init__(self, key: str, legend: str):
        self.key = key
        self.legend = legend

    def choices(self) -> Mapping[str, str]:
        """Every value the facet accepts, with its label, in display order."""
        raise NotImplementedError

    def q(self, values: list[str]) -> Q:
        raise NotImplementedError

    def counts(self, queryset: models.QuerySet) -> Counter:
        raise NotImplementedError


class FieldFacet(Facet):
    """A plain column: one grouped query counts every value."""

    def __init__(self, key: str, legend: str, field_name: str, choices: Callable[[], dict]):
        super().__init__(key, legend)
        self.field_name = field_name
        self._choices = choices

    @cached_property
    def _loaded(self) -> dict[str, str]:
        return self._choices()

    def choices(self) -> Mapping[str, str]:
        return self._loaded

    def q(self, values: list[str]) -> Q:
        return Q(**{f"{self.field_name}__in": values})

    def counts(self, queryset: models.QuerySet) -> Counter:
        rows = queryset.order_by().values(self.field_name).annotate(n=Count("pk"))
        return Counter({str(row[self.field_name]): row["n"] for row in rows})


class ForeignKeyFacet(Facet):
    """A link to another row (a resource's publisher), named in the URL by the row's slug."""

    def __init__(self, key: str, legend: str, field_name: str, targets: Callable[[], Iterable]):
        super().__init__(key, legend)
        self.field_name = field_name
        self._targets = targets

    @cached_property
    def _by_slug(self) -> dict[str, models.Model]:
        return {target.slug: target for target in self._targets()}

    def choices(self) -> Mapping[str, str]:
        return {slug: str(target) for slug, target in self._by_slug.items()}

    def q(self, values: list[str]) -> Q:
        return Q(**{f"{self.field_name}__in": [self._by_slug[value].pk for value in values]})

    def counts(self, queryset: models.QuerySet) -> Counter:
        slugs = {target.pk: slug for slug, target in self._by_slug.items()}
        column = f"{self.field_name}_id"
        rows = queryset.order_by().values(column).annotate(n=Count("pk"))
        return Counter({slugs[row[column]]: row["n"] for row in rows if row[column] in slugs})


class ManyToManyFacet(Facet):
    """A taxonomy link (action lines, themes ...), filtered and counted on the link table.

    Going through the link table with a subquery keeps the listing free of duplicate rows
    and of DISTINCT, whatever the number of tags on a page.
    """

    def __init__(
        self,
        key: str,
        legend: str,
        model: type[models.Model],
        field_name: str,
        slug: Callable[[models.Model], str],
        label: Callable[[models.Model], str] = str,
    ):
        super().__init__(key, legend)
        relation = model._meta.get_field(field_name)
        self.through = relation.remote_field.through
        self.source = relation.m2m_field_name() + "_id"
        self.target = relation.m2m_reverse_field_name() + "_id"
        self.target_model = relation.related_model
        self.slug = slug
        self.label = label

    @cached_property
    def _by_slug(self) -> dict[str, models.Model]:
        return {self.slug(item): item for item in self.target_model.objects.all()}

    def choices(self) -> Mapping[str, str]:
        return {slug: self.label(item) for slug, item in self._by_slug.items()}

    def q(self, values: list[str]) -> Q:
        ids = [self._by_slug[value].pk for value in values]
        links = self.through.objects.filter(**{f"{self.target}__in": ids})
        return Q(pk__in=links.values(self.source))

    def counts(self, queryset: models.QuerySet) -> Counter:
        slugs = {item.pk: slug for slug, item in self._by_slug.items()}
        rows = (
            self.through.objects.filter(**{f"{self.source}__in": queryset.order_by().values("pk")})
            .values(self.target)
            .annotate(n=Count(self.source, distinct=True))
        )
        return Counter(
            {slugs[row[self.target]]: row["n"] for row in rows if row[self.target] in slugs}
        )


class CountryFacet(Facet):
    """Countries, kept by django-countries as ISO codes (several in one column, comma separated).

    Codes are two letters between commas, so a substring match on the code is exact. The
    counts are tallied from one query's codes; the query count stays fixed.
    """

    def __init__(self, key: str, legend: str, *field_names: str):
        super().__init__(key, legend)
        self.field_names = field_names

    def choices(self) -> Mapping[str, str]:
        return dict(countries)

    def q(self, values: list[str]) -> Q:
        q = Q()
        for code in values:
            for name in self.field_names:
                q |= Q(**{f"{name}__contains": code})
        return q

    def counts(self, queryset: models.QuerySet) -> Counter:
        tally: Counter = Counter()
        for row in queryset.order_by().values_list(*self.field_names):
            codes = set()
            for stored in row:
                codes.update(code for code in str(stored or "").split(",") if code)
            tally.update(codes)
        return tally


class YearFacet(Facet):
    def __init__(self, key: str, legend: str, field_name: str):
        super().__init__(key, legend)
        self.field_name = field_name

    def choices(self) -> Mapping[str, str]:
        return {str(year): str(year) for year in range(dt.date.today().year + 1, 1899, -1)}

    def q(self, values: list[str]) -> Q:
        return Q(**{f"{self.field_name}__year__in": [int(value) for value in values]})

    def counts(self, queryset: models.QuerySet) -> Counter:
        rows = (
            queryset.order_by()
            .annotate(facet_year=ExtractYear(self.field_name))
            .values("facet_year")
            .annotate(n=Count("pk"))
        )
        return Counter({str(row["facet_year"]): row["n"] for row in rows})


def language_choices() -> dict[str, str]:
    """Languages a resource can be written in, named in the reader's language."""
    from django.conf import global_settings
    from django.utils.translation import get_language_info

    names = {}
    for code, name in global_settings.LANGUAGES:
        names[code] = get_language_info(code)["name_translated"] if code in LANG_INFO else name
    return names


@dataclass
class Listing:
    """What a faceted index page renders."""

    page: PaginatorPage
    facets: list[FacetResult]
    active: list[ActiveFilter]
    ignored: list[str]
    clear_url: str
    feed_query: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def filtered(self) -> bool:
        return bool(self.active)


def parse(query: Mapping, facets: list[Facet]) -> tuple[dict[str, list[str]], list[str]]:
    """The valid values of each facet in a GET query, and what had to be ignored.

    Unknown parameter names (tracking tags and the like) are ignored silently; a value a
    facet does not know is reported, so a mistyped shared link does not silently mislead.
    """
    selected: dict[str, list[str]] = {}
    ignored: list[str] = []
    for facet in facets:
        raw = [value.strip() for value in query.getlist(facet.key) if value.strip()]
        known = facet.choices()
        values: list[str] = []
        for value in raw[:MAX_VALUES_PER_FACET]:
            if value in known:
                if value not in values:
                    values.append(value)
            else:
                ignored.append(f"{facet.legend}: {value[:40]}")
        if facet.single and len(values) > 1:
            values = values[:1]
        if values:
            selected[facet.key] = values
    return selected, ignored


# Each count is a scan over the page tree that a generic plan gets wrong.
@planned_for_their_values()
def build(
    query: Mapping,
    base: models.QuerySet,
    facets: list[Facet],
    *,
    order_by: Callable[[models.QuerySet, dict], models.QuerySet],
    per_page: int = 20,
) -> Listing:
    selected, ignored = parse(query, facets)
    by_key = {facet.key: facet for facet in facets}

    def narrowed(skip: str | None = None) -> models.QuerySet:
        queryset = base
        for key, values in selected.items():
            if key != skip:
                queryset = queryset.filter(by_key[key].q(values))
        return queryset

    def url_with(params: dict[str, list[str]]) -> str:
        pairs = [(key, value) for key, values in params.items() for value in values]
        return "?" + urlencode(pairs) if pairs else "?"

    results = []
    for facet in facets:
        counts = facet.counts(narrowed(skip=facet.key))
        chosen = selected.get(facet.key, [])
        options = [
            Option(value, label, counts.get(value, 0), value in chosen)
            for value, label in facet.choices().items()
            if counts.get(value) or value in chosen
        ]
        results.append(FacetResult(facet.key, facet.legend, options, facet.single))

    active = []
    for facet in facets:
        labels = facet.choices()
        for value in selected.get(facet.key, []):
            remaining = {
                key: [v for v in values if not (key == facet.key and v == value)]
                for key, values in selected.items()
            }
            active.append(ActiveFilter(facet.key, facet.legend, labels[value], url_with(remaining)))

    listed = order_by(narrowed(), selected)
    # get_page: a page number that is not a number gives page 1, one past the end the last.
    page = Paginator(listed, per_page).get_page(query.get("page"))
    page.object_list = list(page.object_list)  # read here, under the decorator's plans
    return Listing(
        page=page,
        facets=results,
        active=active,
        ignored=ignored,
        clear_url="?",
        feed_query=url_with(selected)[1:],
    )
