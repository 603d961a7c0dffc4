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


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_a_reply_does_not_wait_for_its_watchers_to_be_told():
    from community.models import Notification
    from forums.actions import reactions
    from forums.actions.posting import post_reply
    from tests.factories import VerifiedUserFactory, thread_with_posts

    thread = thread_with_posts()
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)
    watchers = [VerifiedUserFactory() for _ in range(3)]
    for watcher in watchers:
        reactions.set_watch_level(user=watcher, level="watching", thread=thread)

    post_reply(author=VerifiedUserFactory(), thread=thread, body="The registry is live.")
    assert not Notification.objects.filter(thread=thread).exists(), "queued, not yet sent"

    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)

    told = set(Notification.objects.filter(thread=thread).values_list("recipient", flat=True))
    assert told == {thread.author_id} | {watcher.pk for watcher in watchers}


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_a_post_hidden_before_the_worker_comes_is_not_announced():
    from community.models import Notification
    from forums.actions import reactions
    from forums.actions.moderation import hide_post
    from forums.actions.posting import post_reply
    from tests.factories import VerifiedUserFactory, thread_with_posts

    thread = thread_with_posts()
    watcher = VerifiedUserFactory()
    reactions.set_watch_level(user=watcher, level="watching", thread=thread)
    spam = post_reply(author=VerifiedUserFactory(), thread=thread, body="Buy followers now")
    hide_post(moderator=VerifiedUserFactory(is_superuser=True), post=spam, reason="Spam")

    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)

    assert not Notification.objects.filter(recipient=watcher, post=spam).exists()
