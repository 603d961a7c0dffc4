"""Starting threads, replying, editing, deleting and accepting answers."""

from __future__ import annotations

from functools import cache

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.handles import ensure_handle
from members.models import User

from .. import events
from ..limits import PostingHistory, check_length, check_posting_limits
from ..models import Category, Post, PostRevision, ReadState, Thread, Watch, WatchLevel
from ..permissions import (
    check_can_accept_answer,
    check_can_delete,
    check_can_edit,
    check_can_reply,
    check_can_start_thread,
)
from ..rendering import Rendered, render_post

MAX_TITLE_LENGTH = Thread._meta.get_field("title").max_length


class DuplicatePost(ValidationError):
    """The same text was just posted; `post` is the one already there."""

    def __init__(self, post: Post):
        super().__init__(_("You already posted this message a moment ago."))
        self.post = post


def _check_title(title: str) -> str:
    title = " ".join(title.split())
    if len(title) < 5:
        raise ValidationError(_("Give the thread a title of at least 5 characters."))
    if len(title) > MAX_TITLE_LENGTH:
        raise ValidationError(
            _("A title can be at most %(max)d characters long; this one has %(length)d.")
            % {"max": MAX_TITLE_LENGTH, "length": len(title)}
        )
    return title


def _watch_if_unset(user: User, thread: Thread) -> None:
    """Taking part in a thread watches it, unless the member chose a level for it already.

    One INSERT that a level already there leaves alone (ON CONFLICT DO NOTHING; SQLite's
    INSERT OR IGNORE), where get_or_create took four statements on a first reply."""
    Watch.objects.bulk_create(
        [Watch(user=user, thread=thread, level=WatchLevel.WATCHING)], ignore_conflicts=True
    )


@cache
def _next_position_sql() -> str:
    table, field = Thread._meta.db_table, Thread._meta.get_field
    last_position, reply_count = field("last_position").column, field("reply_count").column
    return (
        f"UPDATE {table} SET {last_position} = {last_position} + 1, "
        f"{field('last_posted_at').column} = %s, {field('last_poster').column} = %s, "
        f"{reply_count} = {reply_count} + CASE WHEN {last_position} > 0 THEN 1 ELSE 0 END "
        f"WHERE {field('id').column} = %s RETURNING {last_position}, {reply_count}"
    )


def _add_post(thread: Thread, author: User, rendered: Rendered, body: str, **extra) -> Post:
    now = timezone.now()
    # The UPDATE takes the thread's row lock (SQLite: the write lock) and gives the new
    # position back in the same statement, so two replies at once never share a position.
    # (Django's update() returns no values; RETURNING spares reading the row again.)
    with connection.cursor() as cursor:
        cursor.execute(
            _next_position_sql(),
            [connection.ops.adapt_datetimefield_value(now), author.pk, thread.pk],
        )
        thread.last_position, thread.reply_count = cursor.fetchone()
    thread.last_posted_at, thread.last_poster = now, author
    return Post.objects.create(
        thread=thread,
        author=author,
        position=thread.last_position,
        body=body,
        html=rendered.html,
        created_at=now,
        **extra,
    )


@transaction.atomic
def start_thread(
    *,
    author: User,
    category: Category,
    title: str,
    body: str,
    is_question: bool = False,
    action_lines=(),
    themes=(),
) -> Post:
    """A new thread and its first post; returns the post."""
    check_can_start_thread(author, category)
    title = _check_title(title)
    check_length(body)
    history = PostingHistory(author, body)
    duplicates = history.duplicates(first_post=True)
    if duplicates:
        same = Post.objects.filter(
            pk__in=duplicates, thread__category=category, thread__title=title
        ).order_by("-created_at", "-pk")
        if duplicate := same.select_related("thread").first():
            raise DuplicatePost(duplicate)
    check_posting_limits(author, body, new_thread=True, history=history)
    ensure_handle(author)
    rendered = render_post(body)
    thread = Thread.objects.create(
        category=category, title=title, author=author, is_question=is_question
    )
    thread.action_lines.set(action_lines)
    thread.themes.set(themes)
    post = _add_post(thread, author, rendered, body)
    _watch_if_unset(author, thread)
    mark_read(author, thread, post.position)
    events.announce(events.post_created, post=post, mentioned=rendered.mentioned)
    return post


@transaction.atomic
def post_reply(*, author: User, thread: Thread, body: str, reply_to: Post | None = None) -> Post:
    check_can_reply(author, thread)
    check_length(body)
    history = PostingHistory(author, body)
    if duplicates := history.duplicates(thread_id=thread.pk):
        raise DuplicatePost(Post.objects.get(pk=duplicates[0]))
    check_posting_limits(author, body, new_thread=False, history=history)
    if reply_to is not None and (reply_to.thread_id != thread.pk or not reply_to.is_visible_text):
        reply_to = None
    ensure_handle(author)
    rendered = render_post(body)
    post = _add_post(thread, author, rendered, body, reply_to=reply_to)
    _watch_if_unset(author, thread)
    mark_read(author, thread, post.position)
    events.announce(events.post_created, post=post, mentioned=rendered.mentioned)
    return post


def quote(post: Post) -> str:
    """The Markdown a reply starts with when it quotes `post`."""
    from members.my_data import display_name

    lines = post.body.strip().splitlines() or [""]
    quoted = "\n".join(f"> {line}" if line else ">" for line in lines)
    return _("%(name)s wrote:") % {"name": display_name(post.author)} + "\n" + quoted + "\n\n"


@transaction.atomic
def edit_post(*, editor: User, post: Post, body: str, title: str | None = None) -> Rendered:
    check_can_edit(editor, post)
    check_length(body)
    if post.author_id == editor.pk:
        check_posting_limits_for_edit(editor, body)
    if title is not None and post.position == 1:
        post.thread.title = _check_title(title)
        post.thread.save(update_fields=["title"])
    rendered = render_post(body)
    if body != post.body:
        PostRevision.objects.create(post=post, body=post.body, edited_by=editor)
        post.body = body
        post.html = rendered.html
        post.edited_at = timezone.now()
        post.save(update_fields=["body", "html", "edited_at"])
        events.announce(events.post_changed, post=post)
    return rendered


def check_posting_limits_for_edit(user: User, body: str) -> None:
    """An edit may not smuggle in more links than a new post could carry."""
    from ..limits import LINK, trust_of

    trust = trust_of(user)
    if trust.max_links is not None and len(LINK.findall(body)) > trust.max_links:
        check_posting_limits(user, body, new_thread=False)


@transaction.atomic
def delete_post(*, user: User, post: Post) -> None:
    """Soft delete: readers see that a post was deleted, and its place in the thread stays."""
    check_can_delete(user, post)
    if post.is_deleted:
        return
    post.is_deleted = True
    post.save(update_fields=["is_deleted"])
    thread = post.thread
    if thread.accepted_post_id == post.pk:
        thread.accepted_post = None
        thread.save(update_fields=["accepted_post"])
    events.announce(events.post_changed, post=post)


@transaction.atomic
def accept_answer(*, user: User, post: Post) -> None:
    thread = post.thread
    check_can_accept_answer(user, thread)
    if post.position == 1 or not post.is_visible_text:
        raise PermissionDenied(_("Only a visible reply can be the accepted answer."))
    thread.accepted_post = post
    thread.save(update_fields=["accepted_post"])
    events.announce(events.answer_accepted, post=post, by=user)


@transaction.atomic
def unaccept_answer(*, user: User, thread: Thread) -> None:
    check_can_accept_answer(user, thread)
    thread.accepted_post = None
    thread.save(update_fields=["accepted_post"])


def mark_read(user: User, thread: Thread, position: int) -> None:
    """Move the member's read marker forward (never back) to `position`, creating it the
    first time: one statement whether or not the marker exists (Django's get_or_create
    took four for a member opening a thread the first time)."""
    if not user.is_authenticated or position <= 0:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            _read_marker_sql(),
            [
                user.pk,
                thread.pk,
                position,
                connection.ops.adapt_datetimefield_value(timezone.now()),
            ],
        )


@cache
def _read_marker_sql() -> str:
    table, field = ReadState._meta.db_table, ReadState._meta.get_field
    user, thread = field("user").column, field("thread").column
    position, updated = field("last_read_position").column, field("updated_at").column
    return (
        f"INSERT INTO {table} ({user}, {thread}, {position}, {updated}) VALUES (%s, %s, %s, %s) "
        f"ON CONFLICT ({user}, {thread}) DO UPDATE SET {position} = excluded.{position}, "
        f"{updated} = excluded.{updated} WHERE {table}.{position} < excluded.{position}"
    )
