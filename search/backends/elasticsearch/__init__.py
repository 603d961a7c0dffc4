"""The Elasticsearch backend: elasticsearch-dsl searches over one index behind an alias.

Ranking, facet counts (aggregations), marked snippets (highlighting), the search box
(completion suggester, with the reader's audiences as contexts) and spelling (term
suggester over public titles) come from Elasticsearch. What is shown of each hit comes
from the database index, and only for entries the reader may find there too: a document
Elasticsearch still holds after it was hidden (an update not yet delivered) is dropped
rather than shown.

Any failure to reach the cluster is raised as BackendUnavailable; search.engine then
answers from the database and search.indexing keeps the missed updates for later.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import replace

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from elasticsearch import ApiError, Elasticsearch, TransportError
from elasticsearch.helpers import BulkIndexError, bulk
from elasticsearch_dsl import MultiSearch, Search
from elasticsearch_dsl import Q as EQ

from search.audience import Reader
from search.kinds import Kind
from search.models import SearchEntry
from search.query import MAX_RESULTS, SearchQuery
from search.results import FacetCount, Hit, SearchResults, Subject, Suggestion
from search.sources import FACET_KEYS, Record
from search.sources.base import now_version
from search.text import clean_query, query_terms

from ..base import RELATED_WEIGHTS, BackendUnavailable, SearchBackend
from . import indices
from .documents import to_source
from .loading import load

logger = logging.getLogger(__name__)

LANGUAGES = ["en", "fr", "ar"]


def text_fields(analysis: str) -> list[str]:
    """The fields a query searches. With the standard analysis every language sub-field is
    analysed like its parent, so searching them would only cost time."""
    fields = ["title^4", "body"]
    if analysis != "standard":
        fields += [f"title.{lang}^4" for lang in LANGUAGES] + [f"body.{lang}" for lang in LANGUAGES]
    return fields


def snippet_fields(analysis: str) -> list[str]:
    return [field.split("^")[0] for field in text_fields(analysis) if field.startswith("body")]


FACET_SIZE = 200
READ_TIMEOUT = 3
WRITE_TIMEOUT = 30
BULK_CHUNK = 1000

UNAVAILABLE = (TransportError, ApiError, BulkIndexError, ConnectionError, TimeoutError)


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, url: str, alias: str, analysis: str = "full"):
        self.url = url
        self.alias = alias
        self.analysis = analysis
        self.client = Elasticsearch(url, request_timeout=READ_TIMEOUT, max_retries=1)

    @property
    def identity(self) -> str:
        return f"{self.name}:{self.url}:{self.alias}"

    @classmethod
    def from_settings(cls) -> ElasticsearchBackend:
        return cls(
            settings.ELASTICSEARCH_URL,
            alias=f"{settings.ELASTICSEARCH_INDEX_PREFIX}-search",
            analysis=settings.ELASTICSEARCH_ANALYSIS,
        )

    def _call(self, what: Callable):
        try:
            return what()
        except UNAVAILABLE as error:
            raise BackendUnavailable(f"{type(error).__name__}: {error}"[:300]) from error

    # Reading ------------------------------------------------------------------------------

    def _search(self) -> Search:
        return Search(using=self.client, index=self.alias)

    def _findable(self, reader: Reader) -> list:
        return [
            EQ("terms", audience=reader.keys()),
            ~EQ("range", expires_at={"lte": "now"}),
        ]

    def _filter(self, facet: str, values: list[str]):
        field = "kind" if facet == "kind" else f"facets.{facet}"
        return EQ("terms", **{field: values})

    def _text_query(self, terms: list[str]):
        return EQ(
            "multi_match",
            query=" ".join(terms),
            fields=text_fields(self.analysis),
            type="cross_fields",
            operator="and",
        )

    def _base(self, query: SearchQuery, reader: Reader) -> Search:
        search = self._search()
        if query.terms:
            search = search.query(self._text_query(query.terms))
        return search.filter(EQ("bool", filter=self._findable(reader)))

    def _facet_filters(self, query: SearchQuery, skip: str | None = None) -> list:
        return [
            self._filter(facet, values) for facet, values in query.filters.items() if facet != skip
        ]

    def search(self, query: SearchQuery, reader: Reader) -> SearchResults:
        base = self._base(query, reader)
        search = base
        if query.filters:
            search = search.filter(EQ("bool", filter=self._facet_filters(query)))
        if query.by_date:
            search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
        else:
            search = search.sort("_score", {"date": {"order": "desc", "missing": "_last"}})
        search = search.highlight(
            *snippet_fields(self.analysis),
            fragment_size=220,
            number_of_fragments=1,
        ).highlight_options(encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"])
        search = search.extra(track_total_hits=MAX_RESULTS + 1)
        search = search.source(["key"])
        # Facets are counted with every filter but their own, so that each count says what
        # ticking that value would add, and, as in the database backend, over the first
        # MAX_RESULTS matches only (terminate_after: the shard stops collecting there): a
        # common word is not counted over every document that has it. One request per set
        # of filters, beside the hits', in one round trip: counted in the hits' request
        # over the best MAX_RESULTS (a sampler), every match of a common word was scored
        # and the aggregations were most of its time, about 30 of 50 ms on 100,000
        # documents, against a few ms stopping at the first MAX_RESULTS.
        unfiltered = [facet for facet in ["kind", *FACET_KEYS] if facet not in query.filters]
        # The facets not filtered on, with every filter; each one filtered on, without its own.
        counted = [(unfiltered, None), *[([facet], facet) for facet in query.filters]]
        counts = []
        for facets, skip in counted:
            # size 1, not 0: with no hits to collect, Elasticsearch 8.19 counts every match
            # whatever terminate_after says (elastic/elasticsearch#126665).
            count = base.extra(size=1, track_total_hits=False, terminate_after=MAX_RESULTS)
            count = count.source(False)
            others = self._facet_filters(query, skip=skip)
            if others:
                count = count.filter(EQ("bool", filter=others))
            for facet in facets:
                field = "kind" if facet == "kind" else f"facets.{facet}"
                count.aggs.bucket(facet, "terms", field=field, size=FACET_SIZE)
            counts.append(count)

        def execute(query: SearchQuery):
            requests = MultiSearch(using=self.client, index=self.alias)
            for one in [search[query.offset : query.offset + query.per_page], *counts]:
                requests = requests.add(one)
            return requests.execute()

        response, *responses = self._call(lambda: execute(query))
        total = min(response.hits.total.value, MAX_RESULTS)
        capped = response.hits.total.value > MAX_RESULTS
        pages = max(1, -(-total // query.per_page))
        if query.page > pages:
            query = replace(query, page=pages)
            response, *responses = self._call(lambda: execute(query))

        snippets = {}
        for hit in response.hits:
            highlight = getattr(hit.meta, "highlight", None)
            for field in snippet_fields(self.analysis):
                fragments = getattr(highlight, field, None) if highlight else None
                if fragments:
                    snippets[hit.key] = fragments[0]
                    break
        hits = self._hits([hit.key for hit in response.hits], reader, snippets)
        facets = {}
        for (counted_facets, _skip), answer in zip(counted, responses, strict=True):
            for facet in counted_facets:
                buckets = answer.aggregations[facet].buckets
                facets[facet] = [FacetCount(bucket.key, bucket.doc_count) for bucket in buckets]
        facets = {facet: facets[facet] for facet in ["kind", *FACET_KEYS]}
        suggestion = None
        if not total and query.terms:
            suggestion = self._spelling(query, reader)
        return SearchResults(
            query=query,
            hits=hits,
            total=total,
            capped=capped,
            facets={facet: counts for facet, counts in facets.items() if counts},
            suggestion=suggestion,
        )

    def _hits(self, keys: list[str], reader: Reader, snippets: dict[str, str]) -> list[Hit]:
        """The hits as the database index has them, for entries this reader may find."""
        from django.utils.safestring import mark_safe

        findable = reader.q() & (Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))
        entries = {entry.key: entry for entry in SearchEntry.objects.filter(findable, key__in=keys)}
        hits = []
        for key in keys:
            entry = entries.get(key)
            if entry is None:
                continue  # held by Elasticsearch, hidden since: never shown
            snippet = snippets.get(key)
            # Escaped by Elasticsearch (encoder "html"); only <mark> is markup.
            hits.append(Hit.from_entry(entry, mark_safe(snippet) if snippet else None))
        return hits

    def _spelling(self, query: SearchQuery, reader: Reader) -> str | None:
        search = self._search().extra(size=0)
        search = search.suggest(
            "spelling", query.text, term={"field": "spell", "suggest_mode": "missing"}
        )
        response = self._call(search.execute)
        words, changed = [], False
        for entry in response.suggest.spelling:
            if entry.options:
                words.append(entry.options[0].text)
                changed = True
            else:
                words.append(entry.text)
        if not changed:
            return None
        corrected = " ".join(words)
        return corrected if self.count(query.with_text(corrected), reader) else None

    def count(self, query: SearchQuery, reader: Reader) -> int:
        search = self._base(query, reader)
        if query.filters:
            search = search.filter(EQ("bool", filter=self._facet_filters(query)))
        search = search.extra(size=0, track_total_hits=MAX_RESULTS)
        return min(self._call(search.execute).hits.total.value, MAX_RESULTS)

    def suggest(self, text: str, reader: Reader, limit: int = 8) -> list[Suggestion]:
        prefix = " ".join(query_terms(clean_query(text)))
        if not prefix:
            return []
        search = self._search().source(["key"]).extra(size=0)
        search = search.suggest(
            "titles",
            prefix,
            completion={
                "field": "suggest",
                "size": limit * 3,
                "skip_duplicates": True,
                "contexts": {"audience": reader.keys()},
            },
        )
        response = self._call(search.execute)
        keys = [option._source["key"] for option in response.suggest.titles[0].options]
        hits = {hit.key: hit for hit in self._hits(keys, reader, {})}
        suggestions: dict[str, Suggestion] = {}
        for key in keys:
            hit = hits.get(key)
            if hit is not None and hit.kind != Kind.POST:
                suggestions.setdefault(
                    hit.title.casefold(), Suggestion(hit.title, hit.url, hit.kind)
                )
        return list(suggestions.values())[:limit]

    def related(self, subject: Subject, reader: Reader, kind: str, limit: int) -> list[Hit]:
        shared = [
            EQ("constant_score", filter=EQ("term", **{f"facets.{facet}": value}), boost=weight)
            for facet, weight in RELATED_WEIGHTS.items()
            for value in subject.facets.get(facet, [])
        ]
        if not shared:
            return []
        search = (
            self._search()
            .query(EQ("bool", should=shared, minimum_should_match=1))
            .filter(EQ("bool", filter=[*self._findable(reader), EQ("term", kind=kind)]))
            .exclude(EQ("term", key=subject.key))
            .sort("_score", {"date": {"order": "desc", "missing": "_last"}}, {"key": "desc"})
            .source(["key"])
        )
        response = self._call(search[:limit].execute)
        return self._hits([hit.key for hit in response.hits], reader, {})

    # Writing ------------------------------------------------------------------------------

    def _bulk(self, actions: Iterable[dict], *, refresh: bool) -> None:
        def send():
            _, errors = bulk(
                self.client.options(request_timeout=WRITE_TIMEOUT),
                actions,
                chunk_size=BULK_CHUNK,
                refresh=refresh,
                raise_on_error=False,
                raise_on_exception=True,
            )
            # A newer version already there (409) or a delete of what is not (404) is fine.
            real = [
                error
                for error in errors
                if next(iter(error.values())).get("status") not in {404, 409}
            ]
            if real:
                raise BulkIndexError(f"{len(real)} documents not indexed", real)

        self._call(send)

    def _targets(self) -> list[str]:
        return self._call(lambda: indices.ensure(self.client, self.alias, self.analysis))

    def write(self, records: list[Record], *, index: str | None = None) -> None:
        if not records:
            return
        targets = [index] if index else self._targets()
        actions = [
            {
                "_op_type": "index",
                "_index": target,
                "_id": record.key,
                "version": record.version,
                "version_type": "external_gte",
                "_source": to_source(record),
            }
            for target in targets
            for record in records
        ]
        # Refreshed at once: whoever saved sees the change in the next search.
        self._bulk(actions, refresh=index is None)

    def delete(self, keys: list[str]) -> None:
        if not keys:
            return
        version = now_version()
        actions = [
            {
                "_op_type": "delete",
                "_index": target,
                "_id": key,
                "version": version,
                "version_type": "external_gte",
            }
            for target in self._targets()
            for key in keys
        ]
        self._bulk(actions, refresh=True)

    def counts_by_kind(self) -> dict[str, int]:
        search = self._search().extra(size=0)
        search.aggs.bucket("kinds", "terms", field="kind", size=20)
        response = self._call(search.execute)
        return {bucket.key: bucket.doc_count for bucket in response.aggregations.kinds.buckets}

    def describe(self) -> str:
        """The alias, the index it points at, and any index being built beside it."""
        live = self._call(lambda: indices.live(self.client, self.alias))
        building = [
            name
            for name in self._call(lambda: indices.concrete(self.client, self.alias))
            if name not in live
        ]
        text = f"{self.alias} -> {', '.join(live) or 'nothing'}"
        return text + (f" (being built: {', '.join(building)})" if building else "")

    def refresh(self) -> None:
        self._call(lambda: self.client.indices.refresh(index=self.alias))

    # Rebuilding ---------------------------------------------------------------------------

    def rebuild(
        self,
        kinds: list[str],
        batches: Iterable[list[Record]],
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Fill a new index and move the alias to it once it is complete; documents sent.

        Searches read the old index until the alias moves, in one request; updates made
        meanwhile go to both (write() writes to every index of the alias). Rebuilding only
        some kinds rewrites them in the live index instead, and removes their documents
        the rebuild did not write.
        """
        if set(kinds) != set(Kind.values):
            return self._rebuild_in_place(kinds, batches, progress)
        name = indices.new_name(self.alias)
        self._call(lambda: indices.create(self.client, name, self.analysis, loading=True))
        try:
            sent = load(lambda batch: self.write(batch, index=name), batches, progress)
            # The first refresh of a whole new index can take longer than a search may.
            writer = self.client.options(request_timeout=WRITE_TIMEOUT)
            self._call(lambda: indices.finish_loading(writer, name))
            old = self._call(lambda: indices.swap(self.client, self.alias, name))
        except Exception:
            try:
                self.client.options(ignore_status=404).indices.delete(index=name)
            except UNAVAILABLE:
                logger.warning("Could not remove the unfinished index %s", name)
            raise
        leftovers = [
            index
            for index in self._call(lambda: indices.concrete(self.client, self.alias))
            if index < name and index not in old
        ]
        for index in old + leftovers:
            self._call(lambda index=index: self.client.indices.delete(index=index))
        return sent

    def _rebuild_in_place(self, kinds: list[str], batches, progress) -> int:
        started = now_version()
        sent = 0
        for batch in batches:
            # Written at the time of the rebuild, so that what it did not write is older.
            self.write([replace(record, version=max(record.version, started)) for record in batch])
            sent += len(batch)
            if progress is not None:
                progress(len(batch))
        self._call(
            lambda: self.client.delete_by_query(
                index=self.alias,
                query={
                    "bool": {
                        "filter": [
                            {"terms": {"kind": kinds}},
                            {"range": {"version": {"lt": started}}},
                        ]
                    }
                },
                refresh=True,
                conflicts="proceed",
            )
        )
        return sent
