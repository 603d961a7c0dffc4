"""The markup of each post on a thread page, kept in the cache.

Rendering a post through Django's templates costs far more than reading it: on a page of
100 posts, rendering was nine tenths of the time. A post's markup is a function of a few
values (its text, author, state, and what the reader may do with it), so it is kept under a
digest of exactly those values: a changed post, a renamed author, another language or a
reader with other rights gets markup of its own, and nothing needs to be invalidated.

Moderators' pages are never cached: their tools change with every moderation.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache as memoise

from django.core.cache import cache
from django.template.loader import get_template
from django.utils import timezone
from django.utils.translation import get_language

from .authors import author_name, profile_for
from .models import Post
from .queries import ThreadPage

TEMPLATE = "forums/includes/post.html"
# Unread posts are marked for one visit only, and posts change: a week is plenty.
TIMEOUT_SECONDS = 7 * 24 * 3600


@memoise
def _template_version() -> str:
    """A new template (a new release) never serves the old one's markup."""
    source = get_template(TEMPLATE).template.source
    return hashlib.blake2b(source.encode(), digest_size=8).hexdigest()


class _Authors(dict):
    """Each author's name and whether this reader may follow a link to their profile, worked
    out once a page. The profile's id stands for its address: reversing the address of every
    author on every page cost more than the rest of the key, and the language that changes
    the address is in the key already."""

    def __init__(self, viewer) -> None:
        super().__init__()
        self.viewer = viewer

    def of(self, user) -> tuple:
        pk = user.pk if user is not None else None
        if pk not in self:
            profile = profile_for(user, self.viewer)
            self[pk] = (author_name(user), profile.pk if profile is not None else None)
        return self[pk]


def page_inputs(view: ThreadPage, viewer, can_accept: bool) -> tuple:
    """What every post of this page shows alike to this reader."""
    thread = view.thread
    return (
        _template_version(),
        get_language(),
        timezone.get_current_timezone_name(),
        thread.pk,
        thread.is_locked,
        view.page.number,
        viewer.is_authenticated,
        can_accept,
    )


def fragment_inputs(post: Post, view: ThreadPage, viewer, authors: _Authors) -> tuple:
    """What forums/includes/post.html shows of this post beyond `page_inputs`."""
    reply_to = post.reply_to if post.reply_to_id else None
    return (
        post.pk,
        post.position,
        post.created_at,
        post.edited_at,
        post.is_deleted,
        post.is_hidden,
        post.hidden_reason,
        hashlib.blake2b(post.html.encode(), digest_size=16).digest(),
        post.like_count,
        authors.of(post.author),
        (reply_to.pk, reply_to.position, authors.of(reply_to.author)) if reply_to else None,
        view.thread.accepted_post_id == post.pk,
        viewer.is_authenticated and post.author_id == viewer.pk,
        post.is_unread,
        post.pk in view.liked,
        post.pk in view.bookmarked,
    )


def _key(page: tuple, inputs: tuple) -> str:
    digest = hashlib.blake2b(repr((page, inputs)).encode(), digest_size=16).hexdigest()
    return f"forums:post:{digest}"


def prepare(posts: Iterable[Post], view: ThreadPage, viewer, can_accept: bool) -> dict[str, str]:
    """Marks each post unread or not, gives it its cache key, and reads the cached markup of
    all of them at once (one round trip to Redis, whatever the number of posts)."""
    keys = []
    authors = _Authors(viewer)
    page = page_inputs(view, viewer, can_accept)
    for post in posts:
        post.is_unread = viewer.is_authenticated and 0 < view.last_read < post.position
        post.fragment_key = None
        if not view.is_moderator:
            post.fragment_key = _key(page, fragment_inputs(post, view, viewer, authors))
            keys.append(post.fragment_key)
    return cache.get_many(keys) if keys else {}


def keep(key: str, html: str) -> None:
    cache.set(key, html, TIMEOUT_SECONDS)
