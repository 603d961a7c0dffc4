"""Forum threads and replies: found by whoever may read their category (Thread.visible_to)."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser

from forums.models import CategoryVisibility, Post, Thread
from search.audience import MEMBERS, PUBLIC, Audience, group
from search.kinds import Kind
from search.text import plain_text, shorten

from .base import Record, Source, year_of


def audiences(threads: list[Thread]) -> dict[int, Audience]:
    """Each thread's audience: public when visitors may read it, else its category's readers."""
    public = set(
        Thread.objects.visible_to(AnonymousUser())
        .filter(pk__in=[thread.pk for thread in threads])
        .values_list("pk", flat=True)
    )
    result = {}
    for thread in threads:
        category = thread.category
        if thread.pk in public:
            level = PUBLIC
        elif category.visibility == CategoryVisibility.MEMBERS:
            level = MEMBERS
        else:
            level = group(category.group_id)
        result[thread.pk] = Audience(level, forum_category=category.pk)
    return result


def tag_facets(thread: Thread) -> dict[str, list[str]]:
    """A thread's action lines and themes, and its category's."""
    category = thread.category
    lines = [line.code for line in thread.action_lines.all()]
    themes = [theme.slug for theme in thread.themes.all()]
    if category.action_line_id and category.action_line.code not in lines:
        lines.append(category.action_line.code)
    if category.theme_id and category.theme.slug not in themes:
        themes.append(category.theme.slug)
    return {"line": lines, "theme": themes}


THREAD_RELATED = (
    "category__action_line",
    "category__theme",
)


class ThreadSource(Source):
    kind = Kind.THREAD
    model = Thread

    def indexable(self):
        # A hidden thread is for its moderators only: it is not indexed.
        return (
            Thread.objects.filter(is_hidden=False)
            .select_related(*THREAD_RELATED)
            .prefetch_related("action_lines", "themes")
        )

    def records(self, objects: Iterable[Thread]) -> list[Record]:
        threads = list(objects)
        audience = audiences(threads)
        first_posts = {
            post.thread_id: post
            for post in Post.objects.filter(
                thread__in=threads, position=1, is_deleted=False, is_hidden=False
            ).only("thread_id", "html")
        }
        records = []
        for thread in threads:
            first = first_posts.get(thread.pk)
            text = plain_text(first.html) if first else ""
            facets = tag_facets(thread)
            facets["year"] = year_of(thread.created_at)
            records.append(
                Record(
                    kind=self.kind,
                    object_id=thread.pk,
                    title=thread.title,
                    body=" ".join(f"{text} {thread.category.name}".split()),
                    summary=shorten(text, 40),
                    url=thread.get_absolute_url(),
                    audience=audience[thread.pk],
                    date=thread.last_posted_at.date(),
                    facets=facets,
                )
            )
        return records


class PostSource(Source):
    kind = Kind.POST
    model = Post

    def indexable(self):
        # Replies only (the first post is its thread's text); never a deleted or hidden one,
        # nor any post of a hidden thread.
        return (
            Post.objects.filter(
                position__gt=1, is_deleted=False, is_hidden=False, thread__is_hidden=False
            )
            .select_related(*(f"thread__{name}" for name in THREAD_RELATED), "thread__category")
            .prefetch_related("thread__action_lines", "thread__themes")
        )

    def records(self, objects: Iterable[Post]) -> list[Record]:
        posts = list(objects)
        audience = audiences(list({post.thread_id: post.thread for post in posts}.values()))
        records = []
        for post in posts:
            text = plain_text(post.html)
            facets = tag_facets(post.thread)
            facets["year"] = year_of(post.created_at)
            records.append(
                Record(
                    kind=self.kind,
                    object_id=post.pk,
                    title=post.thread.title,
                    body=text,
                    summary=shorten(text, 40),
                    url=post.get_absolute_url(),
                    audience=audience[post.thread_id],
                    date=post.created_at.date(),
                    facets=facets,
                )
            )
        return records
