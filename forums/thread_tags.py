"""A thread's action lines and themes, read in one query for its page.

prefetch_related reads them in two (one per relation) and builds both queries each time; the
page shows them and its related resources and experts are found by them. The rows are kept
where `thread.action_lines.all()` and `thread.themes.all()` look first (the cache that
prefetch_related fills), so every reader of the thread's tags gets them without a query.
"""

from __future__ import annotations

from functools import cache

from django.db import connection

from community.models import ActionLine, Theme

from .models import Thread

# Each relation's rows: (relation, id, number, slug, title), with NULL where it has none.
RELATIONS = (
    ("action_lines", ActionLine, ("id", "number", "title")),
    ("themes", Theme, ("id", "slug", "title")),
)
COLUMNS = ("number", "slug", "title")


@cache
def _sql() -> str:
    """Both relations' rows, tagged by relation; in each model's order (number, title)."""
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
            f"SELECT {n}, t.{model._meta.pk.column}, {', '.join(columns)} "
            f"FROM {model._meta.db_table} t "
            f"JOIN {through.db_table} m ON m.{target_column} = t.{model._meta.pk.column} "
            f"WHERE m.{thread_column} = %s"
        )
    return " UNION ALL ".join(parts) + " ORDER BY 1, 3, 5"


def load_tags(thread: Thread) -> None:
    """Read the thread's action lines and themes, for thread.action_lines/themes.all()."""
    with connection.cursor() as cursor:
        cursor.execute(_sql(), [thread.pk] * len(RELATIONS))
        rows = cursor.fetchall()
    cache_of = thread.__dict__.setdefault("_prefetched_objects_cache", {})
    for n, (name, model, fields) in enumerate(RELATIONS):
        picked = [1 + (0 if field == "id" else 1 + COLUMNS.index(field)) for field in fields]
        found = model.objects.none()
        found._result_cache = [
            model.from_db(connection.alias, list(fields), [row[i] for i in picked])
            for row in rows
            if row[0] == n
        ]
        found._prefetch_done = True
        cache_of[name] = found
