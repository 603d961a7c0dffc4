"""SearchResults made ready for the page and the JSON endpoint: labels, links, counts.

The backends answer in codes (C7, a theme's slug, 16 for SDG 16); readers see names, in
their language, and links that add or remove one filter while keeping the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext as _

from . import engine
from .audience import Reader
from .facets import FACETS, LEGENDS, Vocabulary
from .query import DATE, RELEVANCE, SearchQuery
from .results import Hit, SearchResults

# Drop-filter links on an empty page: one count each, so a handful at most.
MAX_DROP_LINKS = 6
# Facet values listed before "more" (the rest are still in the form, after these).
SHOWN_VALUES = 12


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class FacetGroup:
    key: str
    legend: str
    options: list[Option]

    @property
    def shown(self) -> list[Option]:
        return self.options[:SHOWN_VALUES]

    @property
    def more(self) -> list[Option]:
        return self.options[SHOWN_VALUES:]


@dataclass
class ActiveFilter:
    legend: str
    label: str
    remove_url: str


@dataclass
class DropLink:
    label: str
    url: str
    count: int


@dataclass
class SortLink:
    value: str
    label: str
    url: str
    current: bool


@dataclass
class PageLink:
    number: int
    url: str
    current: bool


@dataclass
class ResultItem:
    hit: Hit
    tags: list[str]


@dataclass
class SearchPage:
    query: SearchQuery
    results: SearchResults | None
    items: list[ResultItem] = field(default_factory=list)
    facets: list[FacetGroup] = field(default_factory=list)
    active: list[ActiveFilter] = field(default_factory=list)
    drop_links: list[DropLink] = field(default_factory=list)
    sort_links: list[SortLink] = field(default_factory=list)
    page_links: list[PageLink] = field(default_factory=list)
    previous_url: str = ""
    next_url: str = ""
    suggestion_url: str = ""
    clear_url: str = "?"

    @property
    def total_text(self) -> str:
        if self.results is None:
            return ""
        if self.results.capped:
            return _("%(count)s+") % {"count": intcomma(self.results.total)}
        return intcomma(self.results.total)


def toggled(query: SearchQuery, facet: str, value: str) -> SearchQuery:
    if value in query.filters.get(facet, []):
        return query.without(facet, value)
    filters = {key: list(values) for key, values in query.filters.items()}
    filters.setdefault(facet, []).append(value)
    return SearchQuery(
        typed=query.typed,
        text=query.text,
        filters=filters,
        sort=query.sort,
    )


def hit_tags(hit: Hit, vocabulary: Vocabulary) -> list[str]:
    """The facets a result shows under its title: where it is from and what it is about."""
    tags = list(hit.facets.get("line", [])[:4])  # the codes (C7) say enough
    for facet in ("partner", "country", "language"):
        for value in hit.facets.get(facet, [])[:3]:
            label = vocabulary.label(facet, value)
            if label:
                tags.append(label)
    return tags


def present(query: SearchQuery, results: SearchResults, reader: Reader) -> SearchPage:
    vocabulary = Vocabulary()
    query = results.query  # the page number the backend settled on
    page = SearchPage(query=query, results=results)
    page.items = [ResultItem(hit, hit_tags(hit, vocabulary)) for hit in results.hits]

    for spec in FACETS:
        chosen = query.filters.get(spec.key, [])
        counts = {fc.value: fc.count for fc in results.facets.get(spec.key, [])}
        options = []
        for value, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            label = vocabulary.label(spec.key, value)
            if label is not None:
                options.append(
                    Option(
                        value,
                        label,
                        count,
                        value in chosen,
                        toggled(query, spec.key, value).url(),
                    )
                )
        for value in chosen:
            if value not in counts:
                label = vocabulary.label(spec.key, value) or value
                options.insert(
                    0, Option(value, label, 0, True, query.without(spec.key, value).url())
                )
        if spec.key == "year":
            options.sort(key=lambda option: option.value, reverse=True)
        if options:
            page.facets.append(FacetGroup(spec.key, str(spec.legend), options))

    for spec in FACETS:
        for value in query.filters.get(spec.key, []):
            page.active.append(
                ActiveFilter(
                    str(spec.legend),
                    vocabulary.label(spec.key, value) or value,
                    query.without(spec.key, value).url(),
                )
            )
    page.clear_url = SearchQuery(typed=query.typed, text=query.text, sort=query.sort).url()

    if query.words:
        page.sort_links = [
            SortLink(RELEVANCE, _("Relevance"), query.url(sort=RELEVANCE), query.sort == RELEVANCE),
            SortLink(DATE, _("Newest first"), query.url(sort=DATE), query.sort == DATE),
        ]
    pages = results.num_pages
    if pages > 1:
        numbers = sorted({1, pages, *range(max(1, query.page - 2), min(pages, query.page + 2) + 1)})
        page.page_links = [PageLink(n, query.url(page=n), n == query.page) for n in numbers]
        if query.page > 1:
            page.previous_url = query.url(page=query.page - 1)
        if query.page < pages:
            page.next_url = query.url(page=query.page + 1)

    if results.suggestion:
        page.suggestion_url = query.with_text(results.suggestion).url()
    if not results.hits and query.filters:
        page.drop_links = drop_links(query, reader, vocabulary)
    return page


def drop_links(query: SearchQuery, reader: Reader, vocabulary: Vocabulary) -> list[DropLink]:
    """On an empty page: the same search without each filter, and how much each would find."""
    links = []
    for facet, values in query.filters.items():
        for value in values:
            if len(links) >= MAX_DROP_LINKS:
                break
            wider = query.without(facet, value)
            count = engine.count(wider, reader)
            if count:
                label = _("Without %(legend)s: %(label)s") % {
                    "legend": LEGENDS[facet],
                    "label": vocabulary.label(facet, value) or value,
                }
                links.append(DropLink(label, wider.url(), count))
    everything = SearchQuery(typed=query.typed, text=query.text, sort=query.sort)
    if len(query.filters) > 1 or sum(len(v) for v in query.filters.values()) > 1:
        count = engine.count(everything, reader)
        if count:
            links.append(DropLink(_("Without any filter"), everything.url(), count))
    return links


def as_json(page: SearchPage) -> dict:
    """The JSON endpoint's answer: the same results, facets and links as the page."""
    results = page.results
    return {
        "query": page.query.typed,
        "searched_for": page.query.text,
        "sort": page.query.sort,
        "page": page.query.page,
        "num_pages": results.num_pages if results else 0,
        "total": results.total if results else 0,
        "total_is_capped": bool(results and results.capped),
        "degraded": bool(results and results.degraded),
        "ignored": page.query.ignored,
        "suggestion": results.suggestion if results else None,
        "results": [
            {
                "kind": item.hit.kind,
                "kind_label": item.hit.kind_label,
                "title": item.hit.title,
                "url": item.hit.url,
                "snippet_html": str(item.hit.snippet or ""),
                "summary": item.hit.summary,
                "date": item.hit.date.isoformat() if item.hit.date else None,
                "facets": item.hit.facets,
                "tags": item.tags,
            }
            for item in page.items
        ],
        "facets": {
            group.key: [
                {
                    "value": option.value,
                    "label": option.label,
                    "count": option.count,
                    "selected": option.selected,
                }
                for option in group.options
            ]
            for group in page.facets
        },
    }
