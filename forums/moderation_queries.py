"""Read paths of moderation: the queue of open reports, its count, and the log.

Each moderator sees what they can act on: reports of posts in the categories they
moderate, and, for global moderators only, reports of private messages.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Min, Prefetch, Q, QuerySet

from .models import Flag, Message, ModerationAction, Post
from .permissions import is_global_moderator

QUEUE_PER_PAGE = 25
LOG_PER_PAGE = 50
OPEN = Flag.Status.OPEN


def actionable_flags(user) -> QuerySet[Flag]:
    """The open reports `user` may act on: the one definition the queue and its count share."""
    flags = Flag.objects.filter(status=OPEN)
    if not user.is_authenticated:
        return flags.none()
    if is_global_moderator(user):
        return flags
    return flags.filter(post__thread__category__moderators=user)


def open_flag_count(user) -> int:
    return actionable_flags(user).count()


def _open_flags_prefetch() -> Prefetch:
    return Prefetch(
        "flag_set",
        queryset=Flag.objects.filter(status=OPEN)
        .select_related("reporter__profile")
        .order_by("created_at", "pk"),
        to_attr="open_flags",
    )


def reported_posts(user, page) -> Page:
    """Posts with open reports, the longest waiting first, each with `open_flags`."""
    flagged = actionable_flags(user).filter(post__isnull=False)
    posts = (
        Post.objects.filter(pk__in=flagged.values("post"))
        .annotate(first_flagged_at=Min("flag__created_at", filter=Q(flag__status=OPEN)))
        .select_related("thread__category", "author__profile")
        .prefetch_related(_open_flags_prefetch())
        .order_by("first_flagged_at", "pk")
    )
    return Paginator(posts, QUEUE_PER_PAGE).get_page(page)


def reported_messages(user, page) -> Page | None:
    """Private messages with open reports, for global moderators; None for anyone else."""
    if not is_global_moderator(user):
        return None
    messages = (
        Message.objects.filter(
            pk__in=actionable_flags(user).filter(message__isnull=False).values("message")
        )
        .annotate(first_flagged_at=Min("flag__created_at", filter=Q(flag__status=OPEN)))
        .select_related("conversation", "author__profile")
        .prefetch_related(_open_flags_prefetch())
        .order_by("first_flagged_at", "pk")
    )
    return Paginator(messages, QUEUE_PER_PAGE).get_page(page)


def log_entries(user, *, kind: str = "", page=1) -> Page:
    """The moderation log, newest first: everything for global moderators; for a category's
    moderators, what was done to the threads and posts of the categories they moderate."""
    entries = ModerationAction.objects.select_related(
        "moderator__profile", "member__profile", "thread__category", "post", "conversation"
    )
    if not is_global_moderator(user):
        entries = entries.filter(thread__category__moderators=user)
    if kind:
        entries = entries.filter(kind=kind)
    return Paginator(entries.order_by("-created_at", "-pk"), LOG_PER_PAGE).get_page(page)
