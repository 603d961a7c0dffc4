"""Likes, bookmarks and watching levels: a member's own marks on posts, threads and topics."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import User

from .. import events
from ..models import Bookmark, Post, Reaction, Thread, Watch, WatchLevel
from ..permissions import check_can_read_thread


@transaction.atomic
def set_like(*, user: User, post: Post, liked: bool) -> bool:
    """Like or unlike; returns whether the post is liked by the member afterwards."""
    check_can_read_thread(user, post.thread)
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to take part."))
    if post.author_id == user.pk:
        raise PermissionDenied(_("You cannot like your own post."))
    if not post.is_visible_text:
        raise PermissionDenied(_("This post cannot be liked."))
    if liked:
        try:
            with transaction.atomic():
                Reaction.objects.create(post=post, user=user)
        except IntegrityError:
            return True  # already liked: a second click changes nothing
        delta = 1
        events.announce(events.post_liked, post=post, user=user)
    else:
        if not Reaction.objects.filter(post=post, user=user).delete()[0]:
            return False
        delta = -1
    Post.objects.filter(pk=post.pk).update(like_count=F("like_count") + delta)
    Thread.objects.filter(pk=post.thread_id).update(like_count=F("like_count") + delta)
    return liked


def set_bookmark(*, user: User, post: Post, bookmarked: bool) -> bool:
    check_can_read_thread(user, post.thread)
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to take part."))
    if bookmarked:
        Bookmark.objects.get_or_create(user=user, post=post)
    else:
        Bookmark.objects.filter(user=user, post=post).delete()
    return bookmarked


def set_watch_level(*, user: User, level: str, **target) -> None:
    """One level per member and target (thread, category, action_line or theme).

    The caller has checked that the member can see the target.
    """
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to take part."))
    if level not in WatchLevel.values:
        raise PermissionDenied(_("Choose one of the watching levels offered."))
    ((key, value),) = target.items()
    Watch.objects.update_or_create(
        user=user, **{key: value}, defaults={"level": level, "updated_at": timezone.now()}
    )
