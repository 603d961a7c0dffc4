"""Background tasks: at once by default, queued for a worker in production."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django_tasks.base import TaskResultStatus

from community.tasks import send_email

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_by_default_a_task_runs_at_once():
    result = send_email.enqueue("Welcome", "Hello", ["amina@example.org"])

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert [message.subject for message in mail.outbox] == ["Welcome"]


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_with_the_database_backend_a_worker_runs_queued_tasks():
    result = send_email.enqueue("Digest", "News", ["a@example.org"])
    assert result.status == TaskResultStatus.READY
    assert mail.outbox == []

    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert [message.subject for message in mail.outbox] == ["Digest"]
