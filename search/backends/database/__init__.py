"""The database backend: the embedded default, and the fallback when Elasticsearch is down.

Every query starts from `_findable(reader)`: the reader's audiences (search/audience.py) and
no expired page. Words and filters go through the full-text module (fulltext.py: on SQLite
one FTS5 query for both, the facet values being words of the same rows; PostgreSQL's
tsvector and jsonb; EntryFacet elsewhere). At most MAX_RESULTS matches are ranked, and the
facets are counted over those (from the facets each match carries, read with it), which keeps a
common word on a large corpus fast; the page then says "1,000+" (SearchResults.capped).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import replace
from operator import itemgetter

from django.db import transaction
from django.db.models import Case, Count, F, Q, QuerySet, Sum, Value, When
from django.utils import timezone

from community.query_plans import planned_for_their_values
from search.addresses import in_reader_language
from search.audience import Reader
from search.generation import advance
from search.kinds import Kind
from search.models import EntryFacet, SearchEntry
from search.query import MAX_RESULTS, SearchQuery
from search.results import FacetCount, Hit, SearchResults, Subject, Suggestion
from search.sources import FACET_KEYS, Record
from search.text import clean_query, fold, highlight, query_words

from ..base import RELATED_WEIGHTS, SearchBackend
from .fulltext import VALUE_LENGTH, Document, fetched, fulltext
from .spelling import correct

ENTRY_FIELDS = [
    "kind",
    "object_id",
    "title",
    "body",
    "summary",
    "url",
    "date",
    "language",
    "facets",
    "audience",
    "forum_category",
    "expires_at",
    "version",
]


def _advance_now_and_on_commit() -> None:
    """Cached answers go stale now, and again once the change is visible to others."""
    advance()
    transaction.on_commit(advance)


# A facet value cut as EntryFacet stores it.
CUT = itemgetter(slice(None, VALUE_LENGTH))
# What the ranked matches are read with: enough to count the facets without another query.
COUNTED = ("id", "kind", "facets")


def tally(rows: Iterable[tuple[str, dict]], skip: Collection[str] = ()) -> dict[str, Counter]:
    """Facet counts over (kind, facets) of matching entries, each value once per entry; not
    of the facets in `skip` (those filtered on are counted without their filter, apart)."""
    kinds: list[str] = []
    found_by_facet: dict[str, list[str]] = {f: [] for f in FACET_KEYS if f not in skip}
    for kind, facets in rows:
        kinds.append(kind)
        for facet, values in facets.items():
            found = found_by_facet.get(facet)
            if found is None:
                continue
            if len(values) == 1:  # most are (a single value needs no set)
                found.append(values[0])
            else:
                found.extend(set(map(CUT, values)))
    # Gathered first and counted by Counter in one go: a third of the time of counting
    # value by value (about 3 ms instead of 7 for 1,000 matches).
    counts = {} if "kind" in skip else {"kind": Counter(kinds)}
    for facet, found in found_by_facet.items():
        counts[facet] = Counter(map(CUT, found))
    return counts


def by_count(counter: Counter) -> list[tuple[str, int]]:
    """Most first, then by value (as Elasticsearch orders its terms)."""
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def hit_from_entry(entry: SearchEntry, words: list[str]) -> Hit:
    return Hit.from_entry(entry, highlight(entry.body, words))


class DatabaseBackend(SearchBackend):
    name = "database"
    # How many matches are ranked and counted (search/benchmark_naive.py lifts it).
    bound = MAX_RESULTS

    # Reading ------------------------------------------------------------------------------

    def _findable(self, reader: Reader, prefix: str = "") -> Q:
        return reader.q(prefix) & (
            Q(**{f"{prefix}expires_at__isnull": True})
            | Q(**{f"{prefix}expires_at__gt": timezone.now()})
        )

    def _matches(
        self, query: SearchQuery, reader: Reader, skip: str | None = None, rank: bool = True
    ) -> QuerySet:
        entries = SearchEntry.objects.filter(self._findable(reader))
        filters = {facet: values for facet, values in query.filters.items() if facet != skip}
        return fulltext().matching(entries, query.words, filters, rank)

    def _ranked(self, query: SearchQuery, reader: Reader) -> list[tuple[int, str, dict]]:
        """At most MAX_RESULTS + 1 matches, (id, kind, facets), in the order of the results.

        With words, the newest MAX_RESULTS + 1 matches are ranked, not every match: a common
        word on a large corpus costs no more than a rare one, and the page says "1,000+".
        """
        index = fulltext()
        entries = self._matches(query, reader, rank=index.ranks_inline)
        if not query.words:
            order = [F("date").desc(nulls_last=True), "-id"]
            return fetched(entries.order_by(*order).values_list(*COUNTED)[: self.bound + 1])
        rows = index.ranked(entries, query.words, self.bound + 1)
        if query.by_date:
            rows.sort(key=lambda row: (row[4] is not None, row[4] or dt.date.min, row[0]))
        else:
            rows.sort(key=lambda row: (row[3], row[0]))
        return [row[:3] for row in reversed(rows)]

    def _counted_without(self, query: SearchQuery, reader: Reader, facet: str) -> Counter:
        """One facet's counts over the matches of every filter but its own: in the order
        cheapest to read, so the database can stop at MAX_RESULTS; all when there are fewer."""
        entries = self._matches(query, reader, facet, rank=False)
        return fulltext().count_values(entries, facet, self.bound)

    # Under a generic plan (community/query_plans.py) PostgreSQL ranked a common word about
    # twice as slowly: the words and the reader's audiences are its parameters.
    @planned_for_their_values()
    def search(self, query: SearchQuery, reader: Reader) -> SearchResults:
        rows = self._ranked(query, reader)
        capped = len(rows) > self.bound
        rows = rows[: self.bound]
        pages = max(1, -(-len(rows) // query.per_page))
        query = replace(query, page=min(query.page, pages))
        page_ids = [row[0] for row in rows[query.offset : query.offset + query.per_page]]
        entries = SearchEntry.objects.in_bulk(page_ids)
        words = query.words
        hits = [hit_from_entry(entries[pk], words) for pk in page_ids if pk in entries]

        # Counted from the facets the matches carry (what EntryFacet holds of them), not by
        # another query. Each facet is counted with every other filter applied, but not its
        # own, so that its counts say what ticking another of its values would add.
        counts = tally([(kind, facets) for _, kind, facets in rows], skip=query.filters)
        for facet in query.filters:
            counts[facet] = self._counted_without(query, reader, facet)
        facets = {
            facet: [FacetCount(value, n) for value, n in by_count(counts[facet])]
            for facet in ("kind", *FACET_KEYS)
            if counts.get(facet) or facet in query.filters
        }
        suggestion = None
        if not rows and words:
            suggestion = self._spelling(query, reader)
        return SearchResults(
            query=query,
            hits=hits,
            total=len(rows),
            capped=capped,
            facets=facets,
            suggestion=suggestion,
        )

    def _spelling(self, query: SearchQuery, reader: Reader) -> str | None:
        corrected = correct(query.text)
        if corrected and self.count(query.with_text(corrected), reader):
            return corrected
        return None

    def count(self, query: SearchQuery, reader: Reader) -> int:
        entries = fulltext().any_order(self._matches(query, reader, rank=False))
        return entries.values("id")[:MAX_RESULTS].count()

    def suggest(self, text: str, reader: Reader, limit: int = 8) -> list[Suggestion]:
        words = query_words(clean_query(text))
        if not words:
            return []
        # Replies carry their thread's title: the thread is the one to suggest.
        entries = SearchEntry.objects.filter(self._findable(reader)).exclude(kind=Kind.POST)
        # The newest matching titles, the best of them first.
        rows = list(
            fulltext()
            .titles_starting(entries, words)
            .values_list("title", "url", "kind", "rank")[: limit * 5]
        )
        rows.sort(key=lambda row: -row[3])
        suggestions: dict[str, Suggestion] = {}
        for title, url, kind, _rank in rows:
            suggestion = Suggestion(title, in_reader_language(url), kind)
            suggestions.setdefault(title.casefold(), suggestion)
        return list(suggestions.values())[:limit]

    def related(self, subject: Subject, reader: Reader, kind: str, limit: int) -> list[Hit]:
        shared = Q()
        for facet in RELATED_WEIGHTS:
            if subject.facets.get(facet):
                shared |= Q(facet=facet, value__in=subject.facets[facet])
        if not shared:
            return []
        topics = [facet for facet, weight in RELATED_WEIGHTS.items() if weight > 1]
        weight = Case(When(facet__in=topics, then=Value(2)), default=Value(1))
        rows = (
            EntryFacet.objects.filter(shared, entry__kind=kind)
            .filter(self._findable(reader, "entry__"))
            .exclude(entry__key=subject.key)
            .values("entry_id")
            .annotate(score=Sum(weight))
            .order_by("-score", F("entry__date").desc(nulls_last=True), "-entry_id")
            .values_list("entry_id", flat=True)[:limit]
        )
        ids = list(rows)
        entries = SearchEntry.objects.in_bulk(ids)
        return [hit_from_entry(entries[pk], []) for pk in ids if pk in entries]

    # Writing ------------------------------------------------------------------------------

    @transaction.atomic
    def write(self, records: list[Record]) -> None:
        if not records:
            return
        records = list({record.key: record for record in records}.values())
        stored = dict(
            SearchEntry.objects.filter(key__in=[r.key for r in records]).values_list(
                "key", "version"
            )
        )
        # Never replace a document with an older reading of it (a rebuild racing an update).
        records = [r for r in records if stored.get(r.key, -1) <= r.version]
        SearchEntry.objects.bulk_create(
            [
                SearchEntry(
                    key=r.key,
                    kind=r.kind,
                    object_id=r.object_id,
                    title=r.title[:500],
                    body=r.body,
                    summary=r.summary,
                    url=r.url[:500],
                    date=r.date,
                    language=r.language,
                    facets={facet: values for facet, values in r.facets.items() if values},
                    audience=r.audience.level,
                    forum_category=r.audience.forum_category,
                    expires_at=r.expires_at,
                    version=r.version,
                )
                for r in records
            ],
            update_conflicts=True,
            unique_fields=["key"],
            update_fields=ENTRY_FIELDS,
        )
        ids = dict(
            SearchEntry.objects.filter(key__in=[r.key for r in records]).values_list("key", "id")
        )
        EntryFacet.objects.filter(entry_id__in=ids.values()).delete()
        EntryFacet.objects.bulk_create(
            [
                EntryFacet(entry_id=ids[r.key], facet=facet, value=value[:VALUE_LENGTH])
                for r in records
                for facet, value in r.facet_pairs()
            ],
            batch_size=2000,
        )
        fulltext().write(
            [
                Document(
                    id=ids[r.key],
                    title=fold(r.searchable_title),
                    body=fold(r.body),
                    language=r.language,
                    facets=[(facet, value[:VALUE_LENGTH]) for facet, value in r.facet_pairs()],
                )
                for r in records
            ]
        )
        _advance_now_and_on_commit()

    @transaction.atomic
    def delete(self, keys: list[str]) -> None:
        ids = list(SearchEntry.objects.filter(key__in=keys).values_list("id", flat=True))
        if ids:
            fulltext().delete(ids)
            SearchEntry.objects.filter(id__in=ids).delete()
            _advance_now_and_on_commit()

    def delete_older_than(self, version: int, kind: str) -> int:
        """Remove entries of a kind not rewritten since `version`: what a rebuild left out."""
        ids = list(
            SearchEntry.objects.filter(kind=kind, version__lt=version).values_list("id", flat=True)
        )
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            fulltext().delete(chunk)
            SearchEntry.objects.filter(id__in=chunk).delete()
        return len(ids)

    def counts_by_kind(self) -> dict[str, int]:
        rows = SearchEntry.objects.values_list("kind").annotate(n=Count("id"))
        return dict(rows)
