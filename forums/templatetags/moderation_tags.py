"""Template tags of moderation: may the reader moderate here, and how many reports wait.

The answers are kept on the request, so a thread page asking for each of its posts reads
the database once per category.
"""

from __future__ import annotations

from django import template

from forums.authors import author_name
from forums.moderation_permissions import can_moderate_anywhere
from forums.moderation_queries import open_flag_count as count_open_flags
from forums.permissions import can_moderate
from forums.permissions import is_global_moderator as global_moderator

register = template.Library()


def _remembered(context, key, compute):
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None:
        return compute(None)
    cache = getattr(request, "_moderation_answers", None)
    if cache is None:
        cache = {}
        if request is not None:
            request._moderation_answers = cache
    if key not in cache:
        cache[key] = compute(user)
    return cache[key]


@register.simple_tag(takes_context=True)
def moderates(context, category) -> bool:
    """{% moderates thread.category as is_moderator %}"""
    return _remembered(
        context, ("category", category.pk), lambda user: bool(user and can_moderate(user, category))
    )


@register.simple_tag(takes_context=True)
def moderates_post(context, post) -> bool:
    """{% moderates_post post as is_moderator %}, using the page's `thread` when it is the
    post's own, so that no query per post reads the thread."""
    thread = context.get("thread")
    if thread is None or getattr(thread, "pk", None) != post.thread_id:
        thread = post.thread
    return moderates(context, thread.category)


@register.simple_tag(takes_context=True)
def moderates_anywhere(context) -> bool:
    return _remembered(context, "anywhere", lambda user: bool(user and can_moderate_anywhere(user)))


@register.simple_tag(takes_context=True)
def is_global_moderator(context) -> bool:
    return _remembered(context, "global", lambda user: bool(user and global_moderator(user)))


@register.simple_tag(takes_context=True)
def open_flag_count(context) -> int:
    return _remembered(context, "open_flags", lambda user: count_open_flags(user) if user else 0)


@register.filter
def member_name(user) -> str:
    """A member's name as the forums show it: never the e-mail address."""
    return author_name(user)
