"""Background work of the search app, run by django-tasks after the transaction commits.

With TASKS_BACKEND=immediate the update runs at once, in the request that made the change;
with the database backend a worker (`manage.py db_worker`) runs it. Either way a failure
never reaches the save that caused it: what Elasticsearch missed waits in PendingUpdate and
is retried with a growing delay (search/indexing.py).
"""

from __future__ import annotations

import datetime as dt
import logging

from django_tasks import default_task_backend, task

logger = logging.getLogger(__name__)


@task()
def update_search_index(keys: list[str]) -> int:
    """Bring these documents ("resource:12", "post:7" ...) up to date in every index."""
    from .indexing import remember, sync

    try:
        sync(keys)
    except Exception as error:
        # The database index itself could not be written: keep the keys for a later try.
        logger.exception("Search index update failed for %s", keys[:10])
        try:
            remember(keys, error)
        except Exception:
            logger.exception("Could not keep the failed search index update for later")
        raise
    return len(keys)


@task()
def drain_search_updates() -> int:
    """Send Elasticsearch the updates it missed while it could not be reached."""
    from .indexing import drain

    return drain()


def schedule_drain(when: dt.datetime) -> None:
    """A later drain, where the task backend can defer work; elsewhere the next successful
    search or update drains (search.indexing.drain_soon), as does `search_index drain`."""
    if not getattr(default_task_backend, "supports_defer", False):
        return
    try:
        drain_search_updates.using(run_after=when).enqueue()
    except Exception:
        logger.exception("Could not schedule the search index drain")
