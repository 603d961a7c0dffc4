"""A number that changes whenever the index changes, for caches of search answers."""

from __future__ import annotations

import time

from django.core.cache import cache

KEY = "search:generation"


def generation() -> int:
    value = cache.get(KEY)
    if value is None:
        value = time.time_ns()
        cache.add(KEY, value, None)
        value = cache.get(KEY, value)
    return value


def advance() -> None:
    """Called after every write to the index: cached answers are no longer used."""
    try:
        cache.incr(KEY)
    except ValueError:  # not in the cache (yet, or any more)
        cache.set(KEY, time.time_ns(), None)
