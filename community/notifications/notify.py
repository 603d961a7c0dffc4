"""`notify()`: store a notification for each recipient (collapsing into an unread one of the
same kind and subject), then push it live and e-mail it as each recipient chose."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from community.models import Delivery, Notification

from . import delivery
from .preferences import deliveries_for


def notify(
    recipient_ids: Iterable[int],
    *,
    kind: str,
    group_key: str,
    actor=None,
    exclude: Iterable[int] = (),
    **about,
) -> list[Notification]:
    """Tell each recipient once; nobody is told of their own action.

    `about` names what it is about: thread, post, conversation, page, note, link.
    Call it after the triggering transaction committed (the triggers do).
    """
    skip = set(exclude)
    if actor is not None:
        skip.add(actor.pk)
    ids = {pk for pk in recipient_ids if pk not in skip}
    if not ids:
        return []
    choices = deliveries_for(ids, kind)
    ids = {pk for pk in ids if choices[pk] != Delivery.OFF}
    if not ids:
        return []
    now = timezone.now()
    with transaction.atomic():
        unread = Notification.objects.filter(
            recipient__in=ids, group_key=group_key, read_at__isnull=True
        )
        collapsed_ids = set(unread.values_list("recipient", flat=True))
        if collapsed_ids:
            # The first post of a collapsed group stays its link: the reader starts there.
            unread.update(count=F("count") + 1, updated_at=now, actor=actor)
        created = Notification.objects.bulk_create(
            Notification(
                recipient_id=pk,
                kind=kind,
                group_key=group_key,
                actor=actor,
                created_at=now,
                updated_at=now,
                **about,
            )
            for pk in ids - collapsed_ids
        )
        notifications = created + list(
            Notification.objects.filter(
                recipient__in=collapsed_ids, group_key=group_key, read_at__isnull=True
            ).select_related("actor__profile", "thread", "conversation", "page")
        )
    _deliver(notifications, collapsed_ids, choices)
    return notifications


def _deliver(notifications: list[Notification], collapsed: set[int], choices: dict) -> None:
    messages = []
    # Recipients of one event mostly read the same words: render each wording once.
    rendered: dict[tuple, dict] = {}
    for notification in notifications:
        was_collapsed = notification.recipient_id in collapsed
        key = (notification.count, notification.post_id, was_collapsed)
        if key not in rendered:
            rendered[key] = delivery.live_message(notification, collapsed=was_collapsed)
        messages.append((notification.recipient_id, {**rendered[key], "id": notification.pk}))
        if choices[notification.recipient_id] == Delivery.EMAIL and not was_collapsed:
            delivery.email_now(notification)
            Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    delivery.push(messages)
