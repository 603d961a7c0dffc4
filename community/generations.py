"""Numbers that change whenever something cached is out of date: a cache key that includes
the current number is never read again once the number moves on, in any process."""

from __future__ import annotations

import time

from django.core.cache import cache


def current(key: str) -> int:
    value = cache.get(key)
    if value is None:
        value = time.time_ns()
        cache.add(key, value, None)
        value = cache.get(key, value)
    return value


def advance(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not in the cache (yet, or any more)
        cache.set(key, time.time_ns(), None)
