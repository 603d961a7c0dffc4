"""Index updates as background tasks: queued after the commit, retried when they fail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from search import backends
from search.backends.elasticsearch import ElasticsearchBackend
from search.models import PendingUpdate, SearchEntry
from tests.search.conftest import forget_search_state
from tests.search.test_contract import make_resource

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker() -> None:
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)


@override_settings(TASKS=QUEUED)
def test_a_change_is_indexed_by_the_worker_not_by_the_save(partner):
    page = make_resource(partner, "Zenith registry", "Indexed by the worker.")
    key = f"resource:{page.pk}"

    task = DBTaskResult.objects.get(task_path="search.tasks.update_search_index")
    assert task.status == TaskResultStatus.READY and key in task.args_kwargs["args"][0]
    assert not SearchEntry.objects.filter(key=key).exists(), "the save did not wait"

    run_worker()

    assert SearchEntry.objects.filter(key=key).exists()


@override_settings(TASKS=QUEUED)
def test_an_update_elasticsearch_missed_is_retried_by_a_later_task(partner, own_search_backend):
    backends.use(ElasticsearchBackend("http://127.0.0.1:9", alias="nowhere-search"))
    forget_search_state()
    try:
        page = make_resource(partner, "Nadir review", "Missed, then retried.")
        run_worker()

        pending = PendingUpdate.objects.get(key=f"resource:{page.pk}")
        retry = DBTaskResult.objects.get(task_path="search.tasks.drain_search_updates")
        assert retry.status == TaskResultStatus.READY
        assert retry.run_after >= pending.next_attempt_at - dt.timedelta(seconds=1)

        # Still unreachable when the retry runs: kept, with a longer wait.
        DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
        PendingUpdate.objects.update(next_attempt_at=timezone.now())
        run_worker()
        assert PendingUpdate.objects.get().attempts == 2

        # Back (here: no Elasticsearch at all, the database index is the index).
        backends.use(backends.database_backend())
        PendingUpdate.objects.update(next_attempt_at=timezone.now())
        DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())
        run_worker()
        assert not PendingUpdate.objects.exists()
    finally:
        backends.use(own_search_backend)
