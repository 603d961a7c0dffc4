"""What the database backend's bounds are measured against (manage.py search_benchmark --naive).

The same backend, the same queries and the same code, with the bound lifted: every match is
ranked to find the best 20, and every facet is counted over every match. Never used to
answer a reader.
"""

from __future__ import annotations

from .backends.database import DatabaseBackend


class NaiveDatabaseBackend(DatabaseBackend):
    name = "database, naive (every match ranked and counted)"
    bound = 10**9
