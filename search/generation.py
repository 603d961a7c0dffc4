"""A number that changes whenever the index changes, for caches of search answers."""

from __future__ import annotations

from community import generations

KEY = "search:generation"


def generation() -> int:
    return generations.current(KEY)


def advance() -> None:
    """Called after every write to the index: cached answers are no longer used."""
    generations.advance(KEY)
