"""What a reader asks for, read from the query string the page and the JSON endpoint share.

Nothing a reader can put in the address is an error: a query too long is cut, query syntax
is taken as words, values a facet does not know are reported and ignored, a page number
that is not one is page 1 and one past the end is the last page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from .facets import FACET_KEYS, LEGENDS, MAX_VALUES_PER_FACET, Vocabulary
from .text import MAX_QUERY_LENGTH, clean_query, query_terms, query_words

RELEVANCE = "relevance"
DATE = "date"
SORTS = (RELEVANCE, DATE)
PER_PAGE = 20
# Both backends rank at most this many matches; more are counted as "1,000+".
MAX_RESULTS = 1000
MAX_PAGE = MAX_RESULTS // PER_PAGE


@dataclass
class SearchQuery:
    typed: str = ""  # as the reader typed it (cut to MAX_QUERY_LENGTH), to show back
    text: str = ""  # the words searched for
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = RELEVANCE
    page: int = 1
    per_page: int = PER_PAGE
    ignored: list[str] = field(default_factory=list)
    shortened: bool = False

    @property
    def words(self) -> list[str]:
        """Folded, as the database backend matches them (search.text.fold)."""
        return query_words(self.text)

    @property
    def terms(self) -> list[str]:
        """As typed, for Elasticsearch, whose analysers fold words themselves."""
        return query_terms(self.text)

    @property
    def is_empty(self) -> bool:
        """Nothing asked: no words and no filters."""
        return not self.words and not self.filters

    @property
    def by_date(self) -> bool:
        return self.sort == DATE or not self.words

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def without(self, facet: str, value: str | None = None) -> SearchQuery:
        """The same query without one filter value (or the whole facet), from page 1."""
        filters = {
            key: [v for v in values if key != facet or (value is not None and v != value)]
            for key, values in self.filters.items()
        }
        return replace(self, filters={k: v for k, v in filters.items() if v}, page=1, ignored=[])

    def with_text(self, typed: str) -> SearchQuery:
        return replace(self, typed=typed, text=clean_query(typed), page=1, ignored=[])

    def params(self, *, page: int | None = None, sort: str | None = None) -> list[tuple]:
        pairs: list[tuple] = [("q", self.typed)] if self.typed else []
        for key in FACET_KEYS:
            pairs += [(key, value) for value in self.filters.get(key, [])]
        if (sort or self.sort) != RELEVANCE:
            pairs.append(("sort", sort or self.sort))
        if page and page > 1:
            pairs.append(("page", page))
        return pairs

    def url(self, *, page: int | None = None, sort: str | None = None) -> str:
        return "?" + urlencode(self.params(page=page, sort=sort))


def _page_number(raw: str | None) -> int:
    try:
        number = int(str(raw or "1").strip()[:6])
    except ValueError:
        return 1
    return min(max(number, 1), MAX_PAGE)


def parse_query(params: Mapping, vocabulary: Vocabulary | None = None) -> SearchQuery:
    """The search a query string asks for; every value checked, none trusted."""
    vocabulary = vocabulary or Vocabulary()
    raw = str(params.get("q", "") or "")
    typed = " ".join(raw.split())[:MAX_QUERY_LENGTH]
    filters: dict[str, list[str]] = {}
    ignored: list[str] = []
    for key in FACET_KEYS:
        values = params.getlist(key) if hasattr(params, "getlist") else params.get(key, [])
        if isinstance(values, str):
            values = [values]
        known = vocabulary.choices(key)
        chosen: list[str] = []
        for value in [str(v).strip() for v in values if str(v).strip()][:MAX_VALUES_PER_FACET]:
            if value.upper() in known and key == "country":
                value = value.upper()
            if value in known:
                if value not in chosen:
                    chosen.append(value)
            else:
                ignored.append(f"{LEGENDS[key]}: {value[:40]}")
        if chosen:
            filters[key] = chosen
    sort = str(params.get("sort", RELEVANCE) or RELEVANCE)
    return SearchQuery(
        typed=typed,
        text=clean_query(typed),
        filters=filters,
        sort=sort if sort in SORTS else RELEVANCE,
        page=_page_number(params.get("page")),
        ignored=ignored,
        shortened=len(" ".join(raw.split())) > MAX_QUERY_LENGTH,
    )
