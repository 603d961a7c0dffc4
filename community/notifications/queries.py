"""What a member's notifications show: only what they may still see, whenever they look."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import F, Q, QuerySet
from wagtail.models import Page as WagtailPage

from community.models import Notification, NotificationKind
from community.visibility import public_pages
from forums.models import ConversationParticipant, Thread

PER_PAGE = 25


def visible_notifications(user) -> QuerySet[Notification]:
    """The one definition, for the list, the unread count and the live catch-up.

    A notification about a thread the member can no longer read, a post since hidden or
    deleted, a conversation they left, or a page that is no longer public is not shown.
    """
    if not user.is_authenticated:
        return Notification.objects.none()
    conversations = ConversationParticipant.objects.filter(user=user, has_left=False).values(
        "conversation"
    )
    return (
        Notification.objects.filter(recipient=user)
        .filter(Q(thread__isnull=True) | Q(thread__in=Thread.objects.visible_to(user)))
        .filter(
            Q(post__isnull=True)
            | Q(post__is_deleted=False, post__is_hidden=False)
            | Q(kind=NotificationKind.MODERATION)
        )
        .filter(Q(conversation__isnull=True) | Q(conversation__in=conversations))
        .filter(Q(page__isnull=True) | Q(page__in=public_pages(WagtailPage.objects.all())))
    )


# Kept on the user object, which lives for one request: the header asks it on every page,
# and opening a thread asks it first too, to spare marking read what is not there.
_ANY_UNREAD = "_has_unread_notifications"


def has_unread(user) -> bool:
    """Any unread notification at all, before checking what the member may still see."""
    known = user.__dict__.get(_ANY_UNREAD)
    if known is None:
        known = Notification.objects.filter(recipient=user, read_at__isnull=True).exists()
        user.__dict__[_ANY_UNREAD] = known
    return known


def remember_unread(user, any_unread: bool) -> None:
    """Known from a query that asked it along with others (forums/reader_state.py)."""
    user.__dict__[_ANY_UNREAD] = any_unread


def forget_unread(user) -> None:
    user.__dict__.pop(_ANY_UNREAD, None)


def unread_count(user) -> int:
    # Most of the time nothing is unread, and that plain query costs a tenth of the one
    # that also checks what the member may still see.
    if not user.is_authenticated or not has_unread(user):
        return 0
    return visible_notifications(user).filter(read_at__isnull=True).count()


def notification_page(user, *, kind: str | None, page) -> Page:
    notifications = visible_notifications(user)
    if kind in NotificationKind.values:
        notifications = notifications.filter(kind=kind)
    notifications = notifications.select_related(
        "actor__profile", "thread", "conversation", "page"
    ).order_by(F("read_at").asc(nulls_first=True), "-updated_at", "-pk")  # unread first
    return Paginator(notifications, PER_PAGE).get_page(page)


def unread_after(user, after_id: int, limit: int = 20) -> list[Notification]:
    """For a page that reconnects: what changed while it was away, newest first."""
    return list(
        visible_notifications(user)
        .filter(read_at__isnull=True, pk__gt=after_id)
        .select_related("actor__profile", "thread", "conversation", "page")
        .order_by("-pk")[:limit]
    )
