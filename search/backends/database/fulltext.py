"""Full-text matching and ranking in the database: SQLite FTS5 or PostgreSQL tsvector.

The table `search_fulltext` is made by search/migrations/0002: an FTS5 virtual table on
SQLite (Porter stemming for English, diacritics removed; and `search_titles`, unstemmed,
for the search box), a tsvector column with a GIN index on PostgreSQL (simple + English +
French configurations). Both hold the words of
SearchEntry folded by search.text.fold, keyed by the entry's id, and are written here only.

Django's ORM has no expression for "this row matches an FTS5 table", so the join is added
with QuerySet.extra(), kept to this module.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from django.db import connection
from django.db.models import Q, QuerySet

TABLE = "search_fulltext"
TITLES = "search_titles"  # SQLite only: unstemmed titles, for prefixes
ENTRY_TABLE = "search_searchentry"
# Longer texts are cut before they reach the full-text index (tsvector's limit is 1 MB).
MAX_INDEXED_CHARACTERS = 200_000


class FullText(ABC):
    @abstractmethod
    def write(self, rows: list[tuple[int, str, str]]) -> None:
        """(entry id, folded title, folded body) for each entry to add or replace."""

    @abstractmethod
    def delete(self, entry_ids: list[int]) -> None: ...

    @abstractmethod
    def matching(self, entries: QuerySet, words: list[str]) -> QuerySet:
        """Entries with every word, annotated with `rank` (higher is better)."""

    @abstractmethod
    def titles_starting(self, entries: QuerySet, words: list[str]) -> QuerySet:
        """Entries whose title has every word, the last one as a prefix."""

    def count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {TABLE}")
            return cursor.fetchone()[0]


class SQLiteFullText(FullText):
    """Two FTS5 tables: words stemmed for matching, and titles as typed for the search box
    (a stemmed "aligning" is "align", which the prefix "aligni" would not find)."""

    def write(self, rows: list[tuple[int, str, str]]) -> None:
        if not rows:
            return
        self.delete([row[0] for row in rows])
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, title, body) VALUES (%s, %s, %s)",
                [(pk, title, body[:MAX_INDEXED_CHARACTERS]) for pk, title, body in rows],
            )
            cursor.executemany(
                f"INSERT INTO {TITLES} (rowid, title) VALUES (%s, %s)",
                [(pk, title) for pk, title, _ in rows if title],
            )

    def delete(self, entry_ids: list[int]) -> None:
        with connection.cursor() as cursor:
            for start in range(0, len(entry_ids), 500):
                chunk = entry_ids[start : start + 500]
                marks = ", ".join(["%s"] * len(chunk))
                for table in (TABLE, TITLES):
                    cursor.execute(f"DELETE FROM {table} WHERE rowid IN ({marks})", chunk)

    @staticmethod
    def _phrase(words: list[str], prefix_last: bool = False) -> str:
        # Words are letters and digits only (search.text), so quoting each one is enough.
        terms = [f'"{word}"' for word in words]
        if prefix_last and terms:
            terms[-1] += "*"
        return " ".join(terms)

    def _join(self, entries: QuerySet, match: str, rank: bool) -> QuerySet:
        return entries.extra(
            tables=[TABLE],
            where=[f"{TABLE}.rowid = {ENTRY_TABLE}.id", f"{TABLE} MATCH %s"],
            params=[match],
            # bm25 is lower for better matches; title words weigh four times body words.
            select={"rank": f"-bm25({TABLE}, 4.0, 1.0)"} if rank else {},
        )

    def matching(self, entries: QuerySet, words: list[str]) -> QuerySet:
        return self._join(entries, self._phrase(words), rank=True)

    def titles_starting(self, entries: QuerySet, words: list[str]) -> QuerySet:
        return entries.extra(
            tables=[TITLES],
            where=[f"{TITLES}.rowid = {ENTRY_TABLE}.id", f"{TITLES} MATCH %s"],
            params=[self._phrase(words, prefix_last=True)],
            select={"rank": f"-bm25({TITLES})"},
        )


class PostgresFullText(FullText):
    CONFIGS = ("simple", "english", "french")

    def _vector(self, weight: str) -> str:
        return " || ".join(f"setweight(to_tsvector('{c}', %s), '{weight}')" for c in self.CONFIGS)

    def write(self, rows: list[tuple[int, str, str]]) -> None:
        if not rows:
            return
        sql = (
            f"INSERT INTO {TABLE} (entry_id, document) "
            f"VALUES (%s, {self._vector('A')} || {self._vector('B')}) "
            "ON CONFLICT (entry_id) DO UPDATE SET document = EXCLUDED.document"
        )
        params = []
        for pk, title, body in rows:
            body = body[:MAX_INDEXED_CHARACTERS]
            params.append((pk, *[title] * len(self.CONFIGS), *[body] * len(self.CONFIGS)))
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)

    def delete(self, entry_ids: list[int]) -> None:
        if entry_ids:
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {TABLE} WHERE entry_id = ANY(%s)", [entry_ids])

    def _query(self) -> str:
        return "(" + " || ".join(f"plainto_tsquery('{c}', %s)" for c in self.CONFIGS) + ")"

    def _join(self, entries: QuerySet, tsquery: str, params: list) -> QuerySet:
        return entries.extra(
            tables=[TABLE],
            where=[f"{TABLE}.entry_id = {ENTRY_TABLE}.id", f"{TABLE}.document @@ {tsquery}"],
            params=params,
            select={"rank": f"ts_rank_cd({TABLE}.document, {tsquery})"},
            select_params=params,
        )

    def matching(self, entries: QuerySet, words: list[str]) -> QuerySet:
        text = " ".join(words)
        return self._join(entries, self._query(), [text] * len(self.CONFIGS))

    def titles_starting(self, entries: QuerySet, words: list[str]) -> QuerySet:
        # Words are letters and digits only, so they can go into to_tsquery as they are.
        terms = [f"{word}:A" for word in words[:-1]] + [f"{words[-1]}:*A"]
        return self._join(entries, "to_tsquery('simple', %s)", [" & ".join(terms)])


class LikeFullText(FullText):
    """Any other database: no full-text index, a plain substring match (slow, but right)."""

    def write(self, rows: list[tuple[int, str, str]]) -> None:
        pass

    def delete(self, entry_ids: list[int]) -> None:
        pass

    def count(self) -> int:
        from search.models import SearchEntry

        return SearchEntry.objects.count()

    def matching(self, entries: QuerySet, words: list[str]) -> QuerySet:
        for word in words:
            entries = entries.filter(Q(title__icontains=word) | Q(body__icontains=word))
        return entries.extra(select={"rank": "0"})

    def titles_starting(self, entries: QuerySet, words: list[str]) -> QuerySet:
        for word in words:
            entries = entries.filter(title__icontains=word)
        return entries.extra(select={"rank": "0"})


def fulltext() -> FullText:
    if connection.vendor == "sqlite":
        return SQLiteFullText()
    if connection.vendor == "postgresql":
        return PostgresFullText()
    return LikeFullText()
