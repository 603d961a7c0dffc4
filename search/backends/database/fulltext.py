"""Full-text matching and ranking in the database: SQLite FTS5 or PostgreSQL tsvector.

SQLite: the FTS5 virtual tables `search_fulltext` (Porter stemming for English, diacritics
removed) and `search_titles` (unstemmed, for the search box), keyed by the entry's id
(migrations 0002 and 0003). PostgreSQL: a tsvector column on the entries' table with a GIN
index (simple + English + French configurations; migration 0004). Both hold the words of
SearchEntry folded by search.text.fold, and are written here only.

Django's ORM has no expression for "this row matches an FTS5 table", so the join is added
with QuerySet.extra(), kept to this module.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections import Counter

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

TABLE = "search_fulltext"
TITLES = "search_titles"  # SQLite only: unstemmed titles, for prefixes
FACET_WORDS = "search_facet_words"  # SQLite only: facet values as words, for filters
ENTRY_TABLE = "search_searchentry"
# Longer texts are cut before they reach the full-text index (tsvector's limit is 1 MB).
MAX_INDEXED_CHARACTERS = 200_000
# A facet value as EntryFacet stores it (and as the filters compare it).
VALUE_LENGTH = 64


class FullText(ABC):
    # False: matching(rank=False) is cheaper, and ranked() ranks the few kept afterwards.
    ranks_inline = True

    @abstractmethod
    def write(self, rows: list[tuple[int, str, str, str]]) -> None:
        """(entry id, folded title, folded body, language) for each entry to add or replace."""

    @abstractmethod
    def delete(self, entry_ids: list[int]) -> None: ...

    def write_facets(self, pairs: dict[int, list[tuple[str, str]]]) -> None:
        """(facet, value) pairs of each entry to add or replace, as EntryFacet holds them;
        nothing to do by default, where filters read EntryFacet itself."""
        return None

    def filtered(
        self, entries: QuerySet, filters: dict[str, list[str]], with_words: bool = False
    ) -> QuerySet:
        """Entries with, for each facet, one of its values (`with_words`: the query has words
        too, matched afterwards by matching()): through EntryFacet, by default."""
        from search.models import EntryFacet

        for facet, values in filters.items():
            if facet == "kind":
                entries = entries.filter(kind__in=values)
            else:
                links = EntryFacet.objects.filter(facet=facet, value__in=values)
                entries = entries.filter(id__in=links.values("entry_id"))
        return entries

    @abstractmethod
    def matching(self, entries: QuerySet, words: list[str], rank: bool = True) -> QuerySet:
        """Entries with every word, annotated with `rank` (higher is better), the most
        recently indexed first: sliced, it gives the newest matches without ranking every
        match of a common word (the caller ranks the slice)."""

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
        rank=False), ranked: for the backends that do not rank inline."""
        raise NotImplementedError

    def count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {TABLE}")
            return cursor.fetchone()[0]


def facet_word(facet: str, value: str) -> str:
    """One facet value as one word of the SQLite table of facet words (migration 0005)."""
    return f"{facet}x{value.encode().hex()}"


class SQLiteFullText(FullText):
    """Three FTS5 tables: words stemmed for matching, titles as typed for the search box (a
    stemmed "aligning" is "align", which the prefix "aligni" would not find), and the facet
    values as words, for the filters (FTS5 intersects them newest first, whatever the
    planner knows of the tables)."""

    def write(self, rows: list[tuple[int, str, str, str]]) -> None:
        if not rows:
            return
        self.delete([row[0] for row in rows])
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, title, body) VALUES (%s, %s, %s)",
                [(pk, title, body[:MAX_INDEXED_CHARACTERS]) for pk, title, body, _ in rows],
            )
            cursor.executemany(
                f"INSERT INTO {TITLES} (rowid, title) VALUES (%s, %s)",
                [(pk, title) for pk, title, _, _ in rows if title],
            )

    def delete(self, entry_ids: list[int]) -> None:
        with connection.cursor() as cursor:
            for start in range(0, len(entry_ids), 500):
                chunk = entry_ids[start : start + 500]
                marks = ", ".join(["%s"] * len(chunk))
                for table in (TABLE, TITLES, FACET_WORDS):
                    cursor.execute(f"DELETE FROM {table} WHERE rowid IN ({marks})", chunk)

    def write_facets(self, pairs: dict[int, list[tuple[str, str]]]) -> None:
        if not pairs:
            return
        with connection.cursor() as cursor:
            ids = list(pairs)
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {FACET_WORDS} WHERE rowid IN ({marks})", chunk)
            cursor.executemany(
                f"INSERT INTO {FACET_WORDS} (rowid, words) VALUES (%s, %s)",
                [
                    (pk, " ".join(facet_word(facet, value) for facet, value in found))
                    for pk, found in pairs.items()
                    if found
                ],
            )

    def filtered(
        self, entries: QuerySet, filters: dict[str, list[str]], with_words: bool = False
    ) -> QuerySet:
        if not filters:
            return entries
        # Values are hexadecimal, so the words need no quoting.
        expression = " AND ".join(
            "(" + " OR ".join(facet_word(facet, value) for value in values) + ")"
            for facet, values in filters.items()
        )
        if with_words:
            # The words are read first, newest first; their matches are looked up in the list
            # of entries with these values, made once (a join would run the facet query
            # again for every match: seconds).
            having = f"SELECT rowid FROM {FACET_WORDS} WHERE {FACET_WORDS} MATCH %s"
            return entries.extra(where=[f"{ENTRY_TABLE}.id IN ({having})"], params=[expression])
        # Alone, the facet words are read first, newest first, and stop when there are
        # enough (as "id IN (...)", SQLite read every entry of the reader's audience).
        return entries.extra(
            tables=[FACET_WORDS],
            where=[f"{FACET_WORDS}.rowid = {ENTRY_TABLE}.id", f"{FACET_WORDS} MATCH %s"],
            params=[expression],
            order_by=[f"-{FACET_WORDS}.rowid"],
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

    def matching(self, entries: QuerySet, words: list[str], rank: bool = True) -> QuerySet:
        return entries.extra(
            tables=[TABLE],
            where=[f"{TABLE}.rowid = {ENTRY_TABLE}.id", f"{TABLE} MATCH %s"],
            params=[self._phrase(words)],
            # bm25 is lower for better matches; title words weigh four times body words.
            select={"rank": f"-bm25({TABLE}, 4.0, 1.0)"} if rank else {},
            # FTS5 reads its matches in rowid order at no cost: the newest first.
            order_by=[f"-{TABLE}.rowid"],
        )

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
            return [
                (pk, kind, json.loads(facets) if isinstance(facets, str) else facets, rank, date)
                for pk, kind, facets, rank, date in cursor.fetchall()
            ]

    def write(self, rows: list[tuple[int, str, str, str]]) -> None:
        if not rows:
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
            for pk, title, body, language in rows
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

    def filtered(
        self, entries: QuerySet, filters: dict[str, list[str]], with_words: bool = False
    ) -> QuerySet:
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

    def matching(self, entries: QuerySet, words: list[str], rank: bool = True) -> QuerySet:
        text = " ".join(words)
        return self._match(entries, self.query_sql(), [text] * len(self.CONFIGS), rank)

    def titles_starting(self, entries: QuerySet, words: list[str]) -> QuerySet:
        # Words are letters and digits only, so they can go into to_tsquery as they are.
        terms = [f"{word}:A" for word in words[:-1]] + [f"{words[-1]}:*A"]
        return self._match(entries, "to_tsquery('simple', %s)", [" & ".join(terms)])


class LikeFullText(FullText):
    """Any other database: no full-text index, a plain substring match (slow, but right)."""

    def write(self, rows: list[tuple[int, str, str, str]]) -> None:
        pass

    def delete(self, entry_ids: list[int]) -> None:
        pass

    def count(self) -> int:
        from search.models import SearchEntry

        return SearchEntry.objects.count()

    def matching(self, entries: QuerySet, words: list[str], rank: bool = True) -> QuerySet:
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
