"""Big threads and categories, fast: rows written in bulk, with the counters the posting
actions would keep. Used by tests/forums/test_query_counts.py and bench/forums.py.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from forums.models import Category, Post, Thread
from forums.rendering import render_post
from members.models import ExpertProfile, User, Visibility

BODY = (
    "Thanks for the question. In our ministry we found that **shared registers** matter more "
    "than portals:\n\n- one address register\n- one business register\n\n"
    "See [the report](https://example.org/report) for details."
)


def bulk_authors(count: int, prefix: str = "author") -> list[User]:
    stamp = timezone.now().strftime("%H%M%S%f")
    users = User.objects.bulk_create(
        User(email=f"{prefix}{n}-{stamp}@example.org", first_name=f"Author{n}", handle=None)
        for n in range(count)
    )
    ExpertProfile.objects.bulk_create(
        ExpertProfile(
            user=user,
            display_name=f"Author {n}",
            visibility=[Visibility.PUBLIC, Visibility.MEMBERS, Visibility.HIDDEN][n % 3],
        )
        for n, user in enumerate(users)
    )
    return users


def bulk_thread(category: Category, posts: int, authors: list[User]) -> Thread:
    """One thread of `posts` posts, written in turn by `authors`."""
    html = render_post(BODY).html
    start = timezone.now() - timedelta(days=1)
    thread = Thread.objects.create(
        category=category,
        title="Shared registers across ministries",
        author=authors[0],
        created_at=start,
        last_posted_at=start + timedelta(minutes=posts),
        last_poster=authors[(posts - 1) % len(authors)],
        last_position=posts,
        reply_count=posts - 1,
    )
    Post.objects.bulk_create(
        Post(
            thread=thread,
            position=n,
            author=authors[(n - 1) % len(authors)],
            body=BODY,
            html=html,
            created_at=start + timedelta(minutes=n),
        )
        for n in range(1, posts + 1)
    )
    return thread


def bulk_threads(category: Category, count: int, authors: list[User], batch: int = 2000) -> None:
    """`count` threads of one post each in `category`."""
    html = render_post(BODY).html
    start = timezone.now() - timedelta(days=30)
    for offset in range(0, count, batch):
        size = min(batch, count - offset)
        threads = Thread.objects.bulk_create(
            Thread(
                category=category,
                title=f"Thread {offset + n}",
                author=authors[n % len(authors)],
                created_at=start + timedelta(seconds=offset + n),
                last_posted_at=start + timedelta(seconds=offset + n),
                last_poster=authors[n % len(authors)],
                last_position=1,
            )
            for n in range(size)
        )
        Post.objects.bulk_create(
            Post(
                thread=t, position=1, author=t.author, body=BODY, html=html, created_at=t.created_at
            )
            for t in threads
        )
