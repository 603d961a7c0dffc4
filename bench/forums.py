"""Server latency of the forums, on SQLite and PostgreSQL: thread pages, a big category, replies.

Run: .venv/bin/python bench/forums.py [--size 10000] [--requests 50]
With DATABASE_URL set to a PostgreSQL server it also measures there (see bench/harness.py).
The database gets a thread of 100 posts by 50 authors (read), another such thread (replied
to) and a category of `--size` one-post threads (tests/forum_bulk.py). Prints, per request:
SQL queries, p50 and p95 in milliseconds over N requests made with Django's test client (the
whole stack, no network), the median CPU time of this process and the size of the HTML.

- Thread pages at 20 and 100 posts a page, as a visitor and as a signed-in member. Before each
  of the member's requests the member's read marker is put back at post 1 (untimed), so every
  timed page shows the posts after it as unread and moves the marker forward: a write.
  "nothing new" is the member's page once read: no write.
- The category page, first page and page 200, as a visitor and as a member.
- A reply (POST, answered with a redirect), each with a new body, by 20 members with
  confirmed e-mail addresses in turn. Each has already posted three replies there (untimed),
  so each reply is an established member's: handle, watching and read marker exist, and the
  thread's 20 watchers are notified. The posting limits are the real ones (60 an hour
  each; more than about 1,100 requests would reach them); nothing in the settings changes.
  The search index update runs in the request unless TASKS_BACKEND=database is set.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Case, run

POSTS = 100
AUTHORS = 50
POSTERS = 20
REPLY = (
    "Reply {n}: we saw the same with **shared registers**. The address register came first,\n\n"
    "- then the business register\n- then the land register\n\nIt took two years."
)


@dataclass
class Forum:
    read: object  # the thread that is read
    replied: object  # the thread that is replied to
    category: object  # the category of `--size` threads
    reader: object
    posters: list


def _member(n: int, name: str):
    from members.models import ExpertProfile, Visibility
    from tests.factories import VerifiedUserFactory

    user = VerifiedUserFactory(email=f"bench-{name}{n}@example.org", first_name=f"Bench{n}")
    ExpertProfile.objects.create(
        user=user, display_name=f"Bench {name.title()} {n}", visibility=Visibility.PUBLIC
    )
    return user


def populate(size: int) -> Forum:
    from forums.actions.posting import post_reply
    from tests.factories import CategoryFactory
    from tests.forum_bulk import bulk_authors, bulk_thread, bulk_threads

    authors = bulk_authors(AUTHORS, "bench-author")
    topics = CategoryFactory(name="Shared registers", slug="shared-registers")
    read = bulk_thread(topics, POSTS, authors)
    replied = bulk_thread(topics, POSTS, authors)
    category = CategoryFactory(name="Open data", slug="open-data")
    bulk_threads(category, size, authors)
    posters = [_member(n, "poster") for n in range(POSTERS)]
    for turn in range(3):
        for n, poster in enumerate(posters):
            body = f"Earlier reply {turn}-{n} about shared registers."
            post_reply(author=poster, thread=replied, body=body)
    return Forum(read, replied, category, _member(0, "reader"), posters)


def cases(forum: Forum) -> list[Case]:
    from django.test import Client

    from forums.models import ReadState

    def client(user=None) -> Client:
        made = Client(HTTP_HOST="localhost")
        if user is not None:
            made.force_login(user)
        return made

    visitor, member = client(), client(forum.reader)
    posters = [client(poster) for poster in forum.posters]
    thread = f"/forums/t/{forum.read.pk}/"
    category = f"/forums/c/{forum.category.slug}/"
    reply = f"/forums/t/{forum.replied.pk}/reply/"

    def read_first_post_only(n: int) -> None:
        ReadState.objects.update_or_create(
            user=forum.reader, thread=forum.read, defaults={"last_read_position": 1}
        )

    def get(who: Client, path: str):
        return lambda n: who.get(path)

    def post_reply(n: int):
        return posters[n % POSTERS].post(reply, {"body": REPLY.format(n=n)})

    hundred = f"{thread}?per_page=100"
    return [
        Case(f"thread, 20 posts, visitor `{thread}`", get(visitor, thread)),
        Case(f"thread, 100 posts, visitor `{hundred}`", get(visitor, hundred)),
        Case("thread, 20 posts, member, marker moves", get(member, thread), read_first_post_only),
        Case("thread, 100 posts, member, marker moves", get(member, hundred), read_first_post_only),
        Case("thread, 20 posts, member, nothing new", get(member, thread)),
        Case(f"category, visitor `{category}`", get(visitor, category)),
        Case(
            f"category page 200, visitor `{category}?page=200`",
            get(visitor, f"{category}?page=200"),
        ),
        Case("category, member", get(member, category)),
        Case("category page 200, member", get(member, f"{category}?page=200")),
        Case(f"reply, member `POST {reply}`", post_reply, status=302),
    ]


if __name__ == "__main__":
    run(
        __file__,
        populate,
        default_size=10_000,
        bench_database="community_bench_forums",
        cases=cases,
    )
