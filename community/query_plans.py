"""Statements planned for the values they run with, where a plan made once for any values
goes wrong.

On PostgreSQL a connection prepares a statement it has run five times (`prepare_threshold`,
community/settings.py), and after five runs of a prepared statement PostgreSQL may keep one
generic plan, made without the values. For the forums' lookups by id that is the point: no
planning on each request. For a listing's facet counts it is not: Wagtail's `path LIKE %s`
and the expiry time are unknown to a generic plan, and each count took 70 ms instead of 10
(docs/benchmarks.md, "Knowledge base"). The database search backend's ranking, whose words
and audiences are parameters, ran about twice as slowly under one ("Search").
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


@contextmanager
def planned_for_their_values() -> Iterator[None]:
    """Inside, nothing is prepared: PostgreSQL plans each statement with its values."""
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    client = connection.connection
    before = client.prepare_threshold
    client.prepare_threshold = None
    try:
        yield
    finally:
        client.prepare_threshold = before
