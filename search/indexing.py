"""Keeping the indexes in step with the database.

Every change anywhere comes down to `sync(keys)`: read those documents as they are now
(sources), and write or remove them in the database index and, when configured,
Elasticsearch. Reading the current state makes a sync safe to repeat and to run late, so a
failed one is simply run again: the keys Elasticsearch missed are kept in PendingUpdate
and `drain()` sends them once it answers again.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .backends import BackendUnavailable, database_backend, get_backend
from .models import PendingUpdate
from .sources import SOURCES, Record, records_for_keys
from .sources.base import now_version

logger = logging.getLogger(__name__)

DRAIN_BATCH = 500
DRAIN_CHECK_PREFIX = "search:drain-checked"
DRAIN_CHECK_SECONDS = 30


def retry_delay(attempts: int) -> dt.timedelta:
    """30 s, 1 min, 2 min ... at most an hour between attempts."""
    return dt.timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


def _has_remote_index() -> bool:
    return get_backend() is not database_backend()


def _send(keys: list[str]) -> bool:
    """Write these documents as they are now; False if Elasticsearch missed them."""
    records, gone = records_for_keys(keys)
    database = database_backend()
    database.write(records)
    database.delete(gone)
    if _has_remote_index():
        try:
            get_backend().write(records)
            get_backend().delete(gone)
        except BackendUnavailable as error:
            remember(keys, error)
            return False
    PendingUpdate.objects.filter(key__in=keys).delete()
    return True


def sync(keys: Iterable[str]) -> None:
    """Bring these documents up to date in every index. Never raises for Elasticsearch."""
    keys = list(dict.fromkeys(keys))
    if keys and _send(keys) and _has_remote_index():
        from .engine import mark_available

        mark_available()
        drain_soon()


def remember(keys: list[str], error: Exception) -> None:
    """Keep keys Elasticsearch missed, to send again later (with a growing delay)."""
    logger.warning("Search index update deferred for %d documents: %s", len(keys), error)
    now = timezone.now()
    with transaction.atomic():
        existing = {
            p.key: p for p in PendingUpdate.objects.select_for_update().filter(key__in=keys)
        }
        for key in keys:
            pending = existing.get(key) or PendingUpdate(key=key)
            pending.attempts += 1
            pending.last_error = str(error)[:500]
            pending.next_attempt_at = now + retry_delay(pending.attempts)
            pending.save()
    from .tasks import schedule_drain

    schedule_drain(now + retry_delay(1))


def drain(limit: int = DRAIN_BATCH, *, due_only: bool = True) -> int:
    """Send what an index missed; how many documents went through."""
    pending = PendingUpdate.objects.order_by("next_attempt_at")
    if due_only:
        pending = pending.filter(next_attempt_at__lte=timezone.now())
    keys = list(pending.values_list("key", flat=True)[:limit])
    if not keys or not _send(keys):
        return 0
    return len(keys)


def drain_check_key() -> str:
    return f"{DRAIN_CHECK_PREFIX}:{get_backend().identity}"


def drain_soon() -> None:
    """After Elasticsearch answered: send what it missed, if anything is due (checked rarely)."""
    if not cache.add(drain_check_key(), True, DRAIN_CHECK_SECONDS):
        return
    if PendingUpdate.objects.filter(next_attempt_at__lte=timezone.now()).exists():
        from .tasks import drain_search_updates

        drain_search_updates.enqueue()


# Rebuilding ------------------------------------------------------------------------------


@dataclass
class RebuildReport:
    counts: dict[str, int] = field(default_factory=dict)
    removed: int = 0
    seconds: float = 0.0
    # Elasticsearch: documents sent and the time it took (None: not configured, or skipped).
    remote_documents: int | None = None
    remote_seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def total_documents(kinds: Iterable[str]) -> int:
    return sum(SOURCES[kind].count() for kind in kinds)


def rebuild_database(
    kinds: Iterable[str] | None = None, *, progress: Callable[[int], None] | None = None
) -> RebuildReport:
    """Write every findable document into the database index and drop what no longer is."""
    started = timezone.now()
    report = RebuildReport()
    database = database_backend()
    for kind in kinds or SOURCES:
        version = now_version()
        count = 0
        for batch in SOURCES[kind].iter_records():
            database.write(batch)
            count += len(batch)
            if progress is not None:
                progress(len(batch))
        report.counts[kind] = count
        report.removed += database.delete_older_than(version, kind)
    report.seconds = (timezone.now() - started).total_seconds()
    return report


def entries_in_batches(kinds: Iterable[str], size: int = 1000) -> Iterator[list[Record]]:
    """The database index, as records, in batches: what a new Elasticsearch index is filled
    from (reading it is much faster than reading the pages, profiles and posts again)."""
    from .models import SearchEntry

    ids = list(
        SearchEntry.objects.filter(kind__in=list(kinds)).order_by("id").values_list("id", flat=True)
    )
    for start in range(0, len(ids), size):
        entries = SearchEntry.objects.filter(id__in=ids[start : start + size]).order_by("id")
        yield [Record.from_entry(entry) for entry in entries]


def entry_count(kinds: Iterable[str]) -> int:
    from .models import SearchEntry

    return SearchEntry.objects.filter(kind__in=list(kinds)).count()


def rebuild(
    kinds: Iterable[str] | None = None,
    *,
    progress: Callable[[int], None] | None = None,
    remote_progress: Callable[[int], None] | None = None,
    database: bool = True,
) -> RebuildReport:
    """Rebuild the database index from the site's content, then (when configured) a fresh
    Elasticsearch index from it, which replaces the old one only once it is complete (see
    ElasticsearchBackend.rebuild). `database=False` refills Elasticsearch only."""
    kinds = list(kinds or SOURCES)
    report = rebuild_database(kinds, progress=progress) if database else RebuildReport()
    if _has_remote_index():
        started = timezone.now()
        report.remote_documents = get_backend().rebuild(
            kinds, entries_in_batches(kinds), progress=remote_progress
        )
        report.remote_seconds = (timezone.now() - started).total_seconds()
    return report


def fill_if_empty(using: str = "default", **kwargs) -> None:
    """After `migrate`: a site that has content but an empty database index gets it filled
    (a first install, or an upgrade that brings this index), so search works at once."""
    from django.db import DatabaseError

    from .models import SearchEntry

    try:
        if SearchEntry.objects.using(using).exists():
            return
        if not any(source.indexable().exists() for source in SOURCES.values()):
            return
    except DatabaseError:
        return  # the tables are not there yet: a partial migrate
    rebuild_database()
