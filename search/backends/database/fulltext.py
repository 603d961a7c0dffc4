"""Full-text matching and ranking in the database: SQLite FTS5 or PostgreSQL tsvector.

SQLite: the FTS5 virtual tables `search_fulltext` (Porter stemming for English, diacritics
removed; the entry's facet values beside its words, for the filters) and `search_titles`
(unstemmed, for the search box), keyed by the entry's id (migrations 0002, 0003 and 0006).
PostgreSQL: a tsvector column on the entries' table with a GIN index (simple + English +
French configurations; migration 0004). Both hold the words of SearchEntry folded by
search.text.fold, and are written here only.

Django's ORM has no expression for "this row matches an FTS5 table", so the join is added
with QuerySet.extra(), kept to this module.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections import Counter
from typing import NamedTuple

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

TABLE = "search_fulltext"
TITLES = "search_titles"  # SQLite only: unstemmed titles, for prefixes
ENTRY_TABLE = "search_searchentry"
# Longer texts are cut before they reach the full-text index (tsvector's limit is 1 MB).
MAX_INDEXED_CHARACTERS = 200_000
# A facet value as EntryFacet stores it (and as the filters compare it).
VALUE_LENGTH = 64


class Document(NamedTuple):
    """One entry as the full-text index is given it."""

    id: int
    title: str  # folded by search.text.fold, as body
    body: str
    language: str
    # (facet, value cut to VALUE_LENGTH) pairs, the kind among them, as EntryFacet has them.
    facets: list[tuple[str, str]]


def decoded(rows: list[tuple]) -> list[tuple]:
    """Rows read by a cursor with the entry's facets (JSON text) third, those decoded: in one
    call for all of them (about 3 ms for 1,001 rows, 5 one by one; more through Django's
    converters)."""
    if not rows or not isinstance(rows[0][2], str):
        return rows
    facets = json.loads("[" + ",".join(row[2] for row in rows) + "]")
    return [(*row[:2], found, *row[3:]) for row, found in zip(rows, facets, strict=True)]


def fetched(rows: QuerySet) -> list[tuple]:
    """The rows of a values_list() with the facets third, read without Django's converters:
    the facets decoded by decoded(), the rest (ids, kinds, ranks, and dates that are only
    compared) as the database gives them."""
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return decoded(cursor.fetchall())


class FullText(ABC):
    # False: matching(rank=False) is cheaper, and ranked() ranks the few kept afterwards.
    ranks_inline = True

    @abstractmethod
    def write(self, documents: list[Document]) -> None:
        """Add or replace the words (and, where the filters read them here, the facet
        values) of each entry."""

    @abstractmethod
    def delete(self, entry_ids: list[int]) -> None: ...

    def matching(
        self,
        entries: QuerySet,
        words: list[str],
        filters: dict[str, list[str]],
        rank: bool = True,
    ) -> QuerySet:
        """Entries with every word and, for each facet filtered on, one of its values. With
        words, annotated with `rank` (higher is better; with `rank` and ranks_inline), the
        most recently indexed first: sliced, it gives the newest matches without ranking
        every match of a common word (the caller ranks the slice)."""
        entries = self.filtered(entries, filters)
        return self.with_words(entries, words, rank) if words else entries

    def filtered(self, entries: QuerySet, filters: dict[str, list[str]]) -> QuerySet:
        """Entries with, for each facet, one of its values: through EntryFacet, by default."""
        from search.models import EntryFacet

        for facet, values in filters.items():
            if facet == "kind":
                entries = entries.filter(kind__in=values)
            else:
                links = EntryFacet.objects.filter(facet=facet, value__in=values)
                entries = entries.filter(id__in=links.values("entry_id"))
        return entries

    def with_words(self, entries: QuerySet, words: list[str], rank: bool = True) -> QuerySet:
        """matching() for the words, once the filters are applied."""
        raise NotImplementedError

    @abstractmethod
    def titles_starting(self, entries: QuerySet, words: list[str]) -> QuerySet:
        """Entries whose title has every word, the last one as a prefix; annotated with
        `rank`, the most recently indexed first (like matching())."""

    def any_order(self, entries: QuerySet) -> QuerySet:
        """The matches in whatever order is cheapest to read them in (to count some)."""
        return entries.order_by()

    # SELECT value, count FROM the rows of {matches} (with id, kind and facets), grouped:
    # for the values of one facet (the path or key of the facets' JSON is the parameter)
    # and for the kinds. None: counted in Python.
    COUNT_VALUES: str | None = None
    COUNT_KINDS = "SELECT m.kind, count(*) FROM ({matches}) AS m GROUP BY 1"

    def count_values(self, entries: QuerySet, facet: str, limit: int) -> Counter:
        """How many of the first `limit` entries (in the cheapest order) have each value of a
        facet: each value once per entry, cut as EntryFacet has it."""
        entries = self.any_order(entries)[:limit]
        if self.COUNT_VALUES is None:
            if facet == "kind":
                return Counter(entries.values_list("kind", flat=True))
            counter: Counter = Counter()
            for found in entries.values_list(f"facets__{facet}", flat=True):
                counter.update({value[:VALUE_LENGTH] for value in found or ()})
            return counter
        sql, params = entries.values_list("id", "kind", "facets").query.sql_with_params()
        with connection.cursor() as cursor:
            if facet == "kind":
                cursor.execute(self.COUNT_KINDS.format(matches=sql), params)
            else:
                key = self._facet_key(facet)
                cursor.execute(self.COUNT_VALUES.format(matches=sql), [*params, key])
            return Counter(dict(cursor.fetchall()))

    def _facet_key(self, facet: str) -> str:
        return facet

    def ranked(self, entries: QuerySet, words: list[str], limit: int) -> list[tuple]:
        """(id, kind, facets, rank, date) of the first `limit` matches (matching() with
        rank=ranks_inline), ranked."""
        return fetched(entries.values_list("id", "kind", "facets", "rank", "date")[:limit])

    def count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {TABLE}")
            return cursor.fetchone()[0]


def facet_word(facet: str, value: str) -> str:
    """One facet value (cut as EntryFacet stores it) as one word of the SQLite full-text
    table's `facets` column: its facet, "x" and its UTF-8 bytes in hexadecimal, so that any
    value is one word. The column shares the table's Porter stemmer, which can only take a
    final "e" off such a word (no other suffix it knows is made of hexadecimal digits): a
    value's word is stemmed the same way when written and when asked for, and, a value's
    hexadecimal having an even number of digits, two values never meet in one stem."""
    return f"{facet}x{value[:VALUE_LENGTH].encode().hex()}"


class SQLiteFullText(FullText):
    """Two FTS5 tables: the words stemmed for matching, with the entry's facet values beside
    them (one query intersects the words' and the values' lists, newest first), and the
    titles as typed for the search box (a stemmed "aligning" is "align", which the prefix
    "aligni" would not find)."""

    def write(self, documents: list[Document]) -> None:
        if not documents:
            return
        self.delete([document.id for document in documents])
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, title, body, facets) VALUES (%s, %s, %s, %s)",
                [
                    (
                        document.id,
                        document.title,
                        document.body[:MAX_INDEXED_CHARACTERS],
                        " ".join(dict.fromkeys(facet_word(*pair) for pair in document.facets)),
                    )
                    for document in documents
                ],
            )
            cursor.executemany(
                f"INSERT INTO {TITLES} (rowid, title) VALUES (%s, %s)",
                [(document.id, document.title) for document in documents if document.title],
            )

    def delete(self, entry_ids: list[int]) -> None:
        with connection.cursor() as cursor:
            for start in range(0, len(entry_ids), 500):
                chunk = entry_ids[start : start + 500]
                marks = ", ".join(["%s"] * len(chunk))
                for table in (TABLE, TITLES):
                    cursor.execute(f"DELETE FROM {table} WHERE rowid IN ({marks})", chunk)

    def matching(
        self,
        entries: QuerySet,
        words: list[str],
        filters: dict[str, list[str]],
        rank: bool = True,
    ) -> QuerySet:
        # One MATCH for the words and the filters: FTS5 reads the lists of the words and of
        # the values together, newest first, and stops when there are enough (values are
        # hexadecimal, so they need no quoting).
        terms = [f"({self._phrase(words)})"] if words else []
        terms += [
            "{facets}: (" + " OR ".join(facet_word(facet, value) for value in values) + ")"
            for facet, values in filters.items()
        ]
        if not terms:
            return entries
        return entries.extra(
            tables=[TABLE],
            where=[f"{TABLE}.rowid = {ENTRY_TABLE}.id", f"{TABLE} MATCH %s"],
            params=[" AND ".join(terms)],
            # bm25 is lower for better matches; title words weigh four times body words,
            # facet values nothing (though, as words of the row, they count in the length
            # bm25 evens out: about 20 beside 250).
            select={"rank": f"-bm25({TABLE}, 4.0, 1.0, 0.0)"} if rank and words else {},
            # FTS5 reads its matches in rowid order at no cost: the newest first.
            order_by=[f"-{TABLE}.rowid"],
        )

    def any_order(self, entries: QuerySet) -> QuerySet:
        return entries  # newest first, as FTS5 reads its matches: no other order is cheaper

    COUNT_VALUES = (
        f"SELECT substr(v.value, 1, {VALUE_LENGTH}), count(DISTINCT m.id) "
        "FROM ({matches}) AS m, json_each(m.facets, %s) AS v GROUP BY 1"
    )

    def _facet_key(self, facet: str) -> str:
        return f"$.{facet}"  # facet keys are plain names

    @staticmethod
    def _phrase(words: list[str], prefix_last: bool = False) -> str:
        # Words are letters and digits only (search.text), so quoting each one is enough.
        terms = [f'"{word}"' for word in words]
        if prefix_last and terms:
            terms[-1] += "*"
        return " ".join(terms)

    def titles_starting(self, entries: QuerySet, words: list[str]) -> QuerySet:
        return entries.extra(
            tables=[TITLES],
            where=[f"{TITLES}.rowid = {ENTRY_TABLE}.id", f"{TITLES} MATCH %s"],
            params=[self._phrase(words, prefix_last=True)],
            select={"rank": f"-bm25({TITLES})"},
            order_by=[f"-{TITLES}.rowid"],
        )


class PostgresFullText(FullText):
    """A tsvector column `document` on the entries' own table, with a GIN index (made by
    migration 0004; Django has no portable field for it, so the model does not name it).

    On the same row as the audience and the facets, a query reads entries newest first and
    stops at the first MAX_RESULTS + 1 that match everything, whatever the filters: with
    the words in a table of their own, the planner joined every match of a common word.
    Facet filters use the entry's `facets` (jsonb, GIN index) for the same reason.
    """

    # Queries try every configuration; a document is stemmed in its own language only
    # (English when it is not known), beside the unstemmed words every document has.
    CONFIGS = ("simple", "english", "french")
    STEMMING = {"fr": "french"}
    COLUMN = f"{ENTRY_TABLE}.document"
    # Ranking in the same query ranked every row of a bitmap scan before its LIMIT.
    ranks_inline = False

    def ranked(self, entries: QuerySet, words: list[str], limit: int) -> list[tuple]:
        # Ranked by the query that keeps the matches, once its LIMIT has kept them (ranked
        # in the query itself, every row of a bitmap scan was ranked before the LIMIT; by a
        # query of its own, each kept row was looked up again: 10 to 15 ms). ts_rank (how
        # often and where the words are), not ts_rank_cd: cover density over the three
        # configurations' query took 60 to 90 ms for 1,000 entries, ts_rank 10.
        kept = entries.extra(select={"words": self.COLUMN})
        kept = kept.values_list("id", "kind", "facets", "date", "words")[:limit]
        sql, params = kept.query.sql_with_params()
        outer = (
            f"SELECT m.id, m.kind, m.facets, ts_rank(m.words, {self.query_sql()}), m.date "
            f"FROM ({sql}) AS m"
        )
        with connection.cursor() as cursor:
            cursor.execute(outer, [*[" ".join(words)] * len(self.CONFIGS), *params])
            return decoded(cursor.fetchall())

    def write(self, documents: list[Document]) -> None:
        if not documents:
            return
        vector = (
            "setweight(to_tsvector('simple', %(title)s), 'A')"
            " || setweight(to_tsvector(%(config)s::regconfig, %(title)s), 'A')"
            " || setweight(to_tsvector('simple', %(body)s), 'B')"
            " || setweight(to_tsvector(%(config)s::regconfig, %(body)s), 'B')"
        )
        params = [
            {
                "id": pk,
                "title": title,
                "body": body[:MAX_INDEXED_CHARACTERS],
                "config": self.STEMMING.get(language, "english"),
            }
            for pk, title, body, language, _ in documents
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {ENTRY_TABLE} SET document = {vector} WHERE id = %(id)s", params
            )

    def delete(self, entry_ids: list[int]) -> None:
        pass  # the words go with their entry's row

    def count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {ENTRY_TABLE} WHERE document IS NOT NULL")
            return cursor.fetchone()[0]

    COUNT_VALUES = (
        f"SELECT left(v.value, {VALUE_LENGTH}), count(DISTINCT m.id) "
        "FROM ({matches}) AS m, jsonb_array_elements_text(m.facets -> %s) AS v(value) "
        "GROUP BY 1"
    )

    def filtered(self, entries: QuerySet, filters: dict[str, list[str]]) -> QuerySet:
        for facet, values in filters.items():
            if facet == "kind":
                # As "= ANY(array)", tested in the order written, before the words: as
                # "IN (one value)" PostgreSQL makes it "=" and tests it last, after reading
                # each row's words out of line (a third more pages read for a common word).
                kind = RawSQL(f"{ENTRY_TABLE}.kind = ANY(%s)", [values], BooleanField())
                entries = entries.filter(kind)
                continue
            condition = Q()
            for value in values:
                condition |= Q(facets__contains={facet: [value]})
            entries = entries.filter(condition)
        return entries

    def query_sql(self) -> str:
        """The tsquery of a query's words (one parameter per configuration)."""
        return "(" + " || ".join(f"plainto_tsquery('{c}', %s)" for c in self.CONFIGS) + ")"

    def _match(self, entries: QuerySet, tsquery: str, params: list, rank: bool = True):
        return entries.extra(
            where=[f"{self.COLUMN} @@ {tsquery}"],
            params=params,
            # Computed for the rows kept after ORDER BY ... LIMIT only.
            select={"rank": f"ts_rank_cd({self.COLUMN}, {tsquery})"} if rank else {},
            select_params=params if rank else (),
            order_by=[f"-{ENTRY_TABLE}.id"],
        )

    def with_words(self, entries: QuerySet, words: list[str], rank: bool = True) -> QuerySet:
        text = " ".join(words)
        return self._match(entries, self.query_sql(), [text] * len(self.CONFIGS), rank)

    def titles_starting(self, entries: QuerySet, words: list[str]) -> QuerySet:
        # Words are letters and digits only, so they can go into to_tsquery as they are.
        terms = [f"{word}:A" for word in words[:-1]] + [f"{words[-1]}:*A"]
        return self._match(entries, "to_tsquery('simple', %s)", [" & ".join(terms)])


class LikeFullText(FullText):
    """Any other database: no full-text index, a plain substring match (slow, but right)."""

    def write(self, documents: list[Document]) -> None:
        pass

    def delete(self, entry_ids: list[int]) -> None:
        pass

    def count(self) -> int:
        from search.models import SearchEntry

        return SearchEntry.objects.count()

    def with_words(self, entries: QuerySet, words: list[str], rank: bool = True) -> QuerySet:
        for word in words:
            entries = entries.filter(Q(title__icontains=word) | Q(body__icontains=word))
        return entries.extra(select={"rank": "0"}, order_by=["-id"])

    def titles_starting(self, entries: QuerySet, words: list[str]) -> QuerySet:
        for word in words:
            entries = entries.filter(title__icontains=word)
        return entries.extra(select={"rank": "0"}, order_by=["-id"])


def fulltext() -> FullText:
    if connection.vendor == "sqlite":
        return SQLiteFullText()
    if connection.vendor == "postgresql":
        return PostgresFullText()
    return LikeFullText()
