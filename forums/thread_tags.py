"""Threads' action lines and themes, read in one query for a thread page or a list.

prefetch_related reads them in two (one per relation), and builds both queries and a
manager per thread each time: a third of a 30-thread list's time went there. A thread page
shows them, and its related resources and experts are found by them. The rows are kept
where `thread.action_lines.all()` and `thread.themes.all()` look first (the cache that
prefetch_related fills), so every reader of a thread's tags gets them without a query.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cache

from django.db import connection
from django.db.models import Model

from community.models import ActionLine, Theme

from .models import Thread

# Each row: (relation, thread, id, number, slug, title), with NULL where it has none.
RELATIONS = (
    ("action_lines", ActionLine, ("id", "number", "title")),
    ("themes", Theme, ("id", "slug", "title")),
)
COLUMNS = ("number", "slug", "title")


@cache
def _sql() -> str:
    """Both relations' rows with their thread, tagged by relation, in each model's order
    (number, title); `{threads}` is where the threads' ids go."""
    parts = []
    for n, (name, model, fields) in enumerate(RELATIONS):
        relation = Thread._meta.get_field(name)
        through = relation.remote_field.through._meta
        thread_column = through.get_field(relation.m2m_field_name()).column
        target_column = through.get_field(relation.m2m_reverse_field_name()).column
        columns = [
            f"t.{model._meta.get_field(column).column}" if column in fields else "NULL"
            for column in COLUMNS
        ]
        parts.append(
            f"SELECT {n}, m.{thread_column}, t.{model._meta.pk.column}, {', '.join(columns)} "
            f"FROM {model._meta.db_table} t "
            f"JOIN {through.db_table} m ON m.{target_column} = t.{model._meta.pk.column} "
            f"WHERE m.{thread_column} IN ({{threads}})"
        )
    return " UNION ALL ".join(parts) + " ORDER BY 1, 4, 6"


def load_tags(threads: Iterable[Thread]) -> None:
    """Read the threads' action lines and themes, for thread.action_lines/themes.all()."""
    threads = list(threads)
    if not threads:
        return
    ids = [thread.pk for thread in threads]
    with connection.cursor() as cursor:
        marks = ", ".join(["%s"] * len(ids))
        cursor.execute(_sql().format(threads=marks), ids * len(RELATIONS))
        rows = cursor.fetchall()
    found: dict[tuple[int, int], list[Model]] = defaultdict(list)
    for row in rows:
        n, thread_id = row[0], row[1]
        _, model, fields = RELATIONS[n]
        values = [row[2 if field == "id" else 3 + COLUMNS.index(field)] for field in fields]
        found[n, thread_id].append(model.from_db(connection.alias, list(fields), values))
    for thread in threads:
        cache_of = thread.__dict__.setdefault("_prefetched_objects_cache", {})
        for n, (name, model, _) in enumerate(RELATIONS):
            tags = model.objects.none()
            tags._result_cache = found.get((n, thread.pk), [])
            tags._prefetch_done = True
            cache_of[name] = tags
