"""Spelling suggestions for the database backend, from the words of public titles only.

The vocabulary is made from the titles and summaries of public documents, so a suggestion
can never reveal a word that only members-only or private content contains. It is kept in
the cache for a few minutes: a new word becomes suggestible soon, not at once.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict

from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from search.audience import PUBLIC
from search.models import SearchEntry
from search.text import fold_word

CACHE_SECONDS = 600


def cache_key() -> str:
    """Per database, so that sites sharing a cache do not share a vocabulary."""
    return f"search:spelling:v1:{connection.alias}:{connection.settings_dict['NAME']}"


_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def vocabulary() -> dict[str, list[str]]:
    """Words by their first letter, most frequent first."""
    cached = cache.get(cache_key())
    if cached is not None:
        return cached
    counter: Counter = Counter()
    rows = (
        SearchEntry.objects.filter(audience=PUBLIC)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))
        .values_list("title", "summary")
    )
    for title, summary in rows.iterator(chunk_size=2000):
        counter.update(word.lower() for word in _WORD.findall(f"{title} {summary}"))
    by_letter: dict[str, list[str]] = defaultdict(list)
    for word, _count in counter.most_common(50_000):
        by_letter[word[0]].append(word)
    result = dict(by_letter)
    cache.set(cache_key(), result, CACHE_SECONDS)
    return result


def correct(text: str) -> str | None:
    """The text with each unknown word replaced by the closest known one; None if no change."""
    words = vocabulary()
    known = {fold_word(word) for group in words.values() for word in group}
    changed = False
    corrected = []
    for word in text.split():
        lower = word.lower()
        if fold_word(lower) in known or len(lower) < 3 or lower.isdigit():
            corrected.append(word)
            continue
        candidates = [
            candidate
            for candidate in words.get(lower[0], [])
            if abs(len(candidate) - len(lower)) <= 2
        ]
        match = difflib.get_close_matches(lower, candidates, n=1, cutoff=0.75)
        if match:
            corrected.append(match[0])
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else None
