"""Read paths of the forums, each with its prefetches, in a number of queries that does not
grow with the number of threads, posts or authors. Everything starts from `visible_to`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.shortcuts import get_object_or_404

from community.notifications.queries import remember_unread

from .models import Bookmark, Category, Post, ReadState, Thread, Watch, WatchLevel
from .permissions import can_moderate, check_can_read_thread
from .reader_state import reader_state
from .thread_tags import load_tags

PER_PAGE_CHOICES = (20, 50, 100)
THREADS_PER_PAGE = 30
VIEWS = ("latest", "top", "unanswered", "mine")


def per_page_from(value: str | None) -> int:
    return int(value) if value and value.isdigit() and int(value) in PER_PAGE_CHOICES else 20


def page_of(position: int, per_page: int) -> int:
    return (position - 1) // per_page + 1


def _with_read_state(threads: QuerySet, user) -> QuerySet:
    if not user.is_authenticated:
        return threads
    read = ReadState.objects.filter(user=user, thread=OuterRef("pk"))
    return threads.annotate(last_read=Subquery(read.values("last_read_position")[:1]))


def _unread_filter(user) -> Q:
    """Threads with posts the member has not read: started since they joined, or moved on."""
    return Q(last_read__isnull=True, last_posted_at__gt=user.date_joined) | Q(
        last_read__lt=F("last_position")
    )


@dataclass
class CategoryRow:
    category: Category
    threads: int
    posts: int
    last_posted_at: object
    unread: int = 0


def category_rows(user) -> list[CategoryRow]:
    """The forums' front page: each category one may read, with counts and last activity."""
    categories = list(
        Category.objects.visible_to(user)
        .select_related("action_line", "theme")
        .order_by("position", "name")
    )
    visible = Thread.objects.visible_to(user).filter(category__in=[c.pk for c in categories])
    totals = {
        row["category"]: row
        for row in visible.values("category").annotate(
            threads=Count("pk"), posts=Sum("last_position"), last=Max("last_posted_at")
        )
    }
    unread: dict[int, int] = {}
    if user.is_authenticated:
        unread = dict(
            _with_read_state(visible, user)
            .filter(_unread_filter(user))
            .values("category")
            .annotate(n=Count("pk"))
            .values_list("category", "n")
        )
    return [
        CategoryRow(
            category=c,
            threads=totals.get(c.pk, {}).get("threads", 0),
            posts=totals.get(c.pk, {}).get("posts") or 0,
            last_posted_at=totals.get(c.pk, {}).get("last"),
            unread=unread.get(c.pk, 0),
        )
        for c in categories
    ]


def thread_list(
    user,
    *,
    view: str = "latest",
    category: Category | None = None,
    action_line=None,
    theme=None,
    page: str | int | None = 1,
) -> Page:
    """A page of threads, as lists show them: pinned first in a category, then by activity."""
    threads = Thread.objects.visible_to(user)
    if category is not None:
        threads = threads.filter(category=category)
    if action_line is not None:
        threads = threads.filter(action_lines=action_line)
    if theme is not None:
        threads = threads.filter(themes=theme)
    if user.is_authenticated and category is None and view == "latest":
        muted = Watch.objects.filter(user=user, level=WatchLevel.MUTED)
        threads = threads.exclude(pk__in=muted.filter(thread__isnull=False).values("thread"))
        threads = threads.exclude(
            category__in=muted.filter(category__isnull=False).values("category")
        )
    if view == "unanswered":
        threads = threads.filter(Q(is_question=True, accepted_post__isnull=True) | Q(reply_count=0))
    if view == "mine":
        threads = threads.filter(
            Q(author=user) | Q(pk__in=Post.objects.filter(author=user).values("thread"))
            if user.is_authenticated
            else Q(pk__in=[])
        )
    if view == "top":
        order = ["-like_count", "-reply_count", "-last_posted_at", "-pk"]
    elif category is not None:
        order = ["-is_pinned", "-last_posted_at", "-pk"]
    else:
        order = ["-last_posted_at", "-pk"]
    # The page's threads are picked by their ids alone, in the list's order, and only those
    # are then joined to their authors and reading state: a deep page (the 200th of 10,000
    # threads) would otherwise sort every row of the join, on PostgreSQL on disk.
    listed = Paginator(threads.order_by(*order).values("pk"), THREADS_PER_PAGE).get_page(page)
    listed.object_list = list(
        _with_read_state(Thread.objects.filter(pk__in=listed.object_list), user)
        .select_related("category", "author__profile", "last_poster__profile")
        .order_by(*order)
    )
    load_tags(listed.object_list)
    return listed


def unread_of(thread: Thread, user) -> tuple[bool, int]:
    """(is it new to the member, how many posts they have not read) for a listed thread."""
    if not user.is_authenticated:
        return False, 0
    last_read = getattr(thread, "last_read", None)
    if last_read is None:
        return thread.last_posted_at > user.date_joined, 0
    return False, max(0, thread.last_position - last_read)


@dataclass
class ThreadPage:
    thread: Thread
    page: Page
    per_page: int
    is_moderator: bool
    liked: set[int] = field(default_factory=set)
    bookmarked: set[int] = field(default_factory=set)
    last_read: int = 0  # the member's read marker; 0 before they first open the thread
    watch_level: str = WatchLevel.NORMAL

    @cached_property
    def page_numbers(self) -> list:
        """The pages to link: the first and last, and two either side of this one, with
        the paginator's ellipsis between (a thread of 2,000 posts has 100 pages)."""
        paginator = self.page.paginator
        return list(paginator.get_elided_page_range(self.page.number, on_each_side=2, on_ends=1))


# What a thread page shows of its posts and their authors (forums/authors.py): loading
# only these columns of five joined tables takes a third less time than whole rows.
_AUTHOR_FIELDS = ["first_name", "last_name", "handle", "is_active", "email", "is_staff"]
_PROFILE_FIELDS = ["display_name", "visibility"]
_POST_PAGE_FIELDS = [
    *("thread", "position", "author", "html", "reply_to", "created_at", "edited_at"),
    *("is_deleted", "is_hidden", "hidden_reason", "like_count"),
    *(f"author__{name}" for name in _AUTHOR_FIELDS),
    *(f"author__profile__{name}" for name in _PROFILE_FIELDS),
    *("reply_to__position", "reply_to__author"),
    *(f"reply_to__author__{name}" for name in _AUTHOR_FIELDS),
    *(f"reply_to__author__profile__{name}" for name in _PROFILE_FIELDS),
]


def thread_page(user, thread: Thread, page_number, per_page: int = 20) -> ThreadPage:
    """One page of a thread's posts with what the reader needs to see them.

    A member's read marker, watching level, likes and bookmarks come in one more query
    (forums/reader_state.py), so the page reads the same number of times whatever the
    number of posts or authors; the header's "any notification unread?" comes with them.
    """
    posts = (
        Post.objects.filter(thread=thread)
        .select_related("author__profile", "reply_to__author__profile")
        .only(*_POST_PAGE_FIELDS)
        .order_by("position")
    )
    paginator = Paginator(posts, per_page)
    # The thread's own counter spares a COUNT over its posts.
    paginator.count = thread.last_position
    page = paginator.get_page(page_number)
    result = ThreadPage(
        thread=thread,
        page=page,
        per_page=per_page,
        is_moderator=can_moderate(user, thread.category),
    )
    if user.is_authenticated:
        state = reader_state(user, thread.pk, (page.number - 1) * per_page, per_page)
        result.liked, result.bookmarked = state.liked, state.bookmarked
        result.last_read = state.last_read or 0
        result.watch_level = state.watch_level or WatchLevel.NORMAL
        remember_unread(user, state.has_unread_notifications)
    return result


def thread_for_reader(user, pk: int) -> Thread:
    """The thread if the user may see it (its reader's state comes with `thread_page`)."""
    # The category's own tags join the thread's in related resources and experts.
    threads = Thread.objects.select_related(
        "category__action_line", "category__theme", "accepted_post"
    )
    thread = get_object_or_404(threads, pk=pk)
    # Checked on the thread in hand (Thread.is_readable_by: visible_to's rule, without the
    # cost of building its query), so the reader learns nothing of one they may not see.
    check_can_read_thread(user, thread)
    load_tags([thread])
    return thread


def first_unread_position(user, thread: Thread) -> int:
    if not user.is_authenticated:
        return 1
    state = ReadState.objects.filter(user=user, thread=thread).first()
    last = state.last_read_position if state else 0
    return min(last + 1, max(thread.last_position, 1))


def member_posts(viewer, author, page) -> Page:
    """A member's post history, as far as the viewer may see the threads."""
    posts = (
        Post.objects.filter(
            author=author,
            is_deleted=False,
            is_hidden=False,
            thread__in=Thread.objects.visible_to(viewer),
        )
        .select_related("thread__category")
        .order_by("-created_at", "-pk")
    )
    return Paginator(posts, 20).get_page(page)


def bookmarks_of(user, page) -> Page:
    bookmarks = (
        Bookmark.objects.filter(user=user, post__thread__in=Thread.objects.visible_to(user))
        .select_related("post__thread__category", "post__author__profile")
        .order_by("-created_at", "-pk")
    )
    return Paginator(bookmarks, 20).get_page(page)
