"""Marking notifications read."""

from __future__ import annotations

from django.utils import timezone

from community.models import Notification

from .queries import forget_unread, has_unread


def mark_read(user, notification_id: int) -> Notification | None:
    notification = Notification.objects.filter(recipient=user, pk=notification_id).first()
    if notification is not None and notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        forget_unread(user)
    return notification


def mark_all_read(user, kind: str | None = None) -> int:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if kind:
        unread = unread.filter(kind=kind)
    forget_unread(user)
    return unread.update(read_at=timezone.now())


def mark_read_for(user, **about) -> None:
    """Opening what a notification is about (a thread, a conversation) reads it too."""
    if user.is_authenticated and has_unread(user):
        Notification.objects.filter(recipient=user, read_at__isnull=True, **about).update(
            read_at=timezone.now()
        )
        forget_unread(user)
