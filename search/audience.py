"""Who may find a document: the visibility rules of the site, written into the index.

A search index cannot call `visible_to`, so each document carries its audience and each
reader a set of keys, and a document is found only when the two meet. The audience is
decided from the same querysets that serve the pages (see search/sources/), and
tests/search/test_audience.py checks, for every kind and role, that what the index would
show is exactly what `visible_to` shows.

Content that nobody but its owner or a moderator may see (unpublished pages, hidden
profiles, hidden threads and posts, deleted posts) is not indexed at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

PUBLIC = "public"
MEMBERS = "members"


def group(group_id: int) -> str:
    return f"group:{group_id}"


def category(category_id: int) -> str:
    return f"category:{category_id}"


# Every forum document carries this key; readers who moderate every category hold it.
ALL_FORUMS = "forums"


@dataclass(frozen=True)
class Audience:
    """Who may find one document.

    level: PUBLIC (anyone), MEMBERS (anyone signed in) or group(id) (that group's members).
    forum_category: for forum documents, the category, whose moderators may read it too.
    """

    level: str
    forum_category: int | None = None

    def keys(self) -> list[str]:
        keys = [self.level]
        if self.forum_category is not None:
            keys += [category(self.forum_category), ALL_FORUMS]
        return keys

    @property
    def is_public(self) -> bool:
        return self.level == PUBLIC


@dataclass(frozen=True)
class Reader:
    """What one reader may find: the keys of the audiences they belong to."""

    levels: tuple[str, ...] = (PUBLIC,)
    moderated_categories: tuple[int, ...] = ()
    all_forums: bool = False

    @classmethod
    def anonymous(cls) -> Reader:
        return cls()

    @classmethod
    def for_user(cls, user) -> Reader:
        if user is None or not user.is_authenticated:
            return cls.anonymous()
        from forums.standing import standing_of

        standing = standing_of(user)
        return cls(
            levels=(PUBLIC, MEMBERS, *(group(pk) for pk in sorted(standing.group_ids))),
            moderated_categories=tuple(sorted(standing.moderated_category_ids)),
            all_forums=standing.moderates_everywhere,
        )

    @property
    def is_member(self) -> bool:
        return MEMBERS in self.levels

    def keys(self) -> list[str]:
        """For Elasticsearch: a document is found when one of its keys is among these."""
        keys = list(self.levels) + [category(pk) for pk in self.moderated_categories]
        if self.all_forums:
            keys.append(ALL_FORUMS)
        return keys

    def q(self, prefix: str = "") -> Q:
        """For the database index: the same rule as keys(), on SearchEntry's columns."""
        condition = Q(**{f"{prefix}audience__in": list(self.levels)})
        if self.moderated_categories:
            condition |= Q(**{f"{prefix}forum_category__in": list(self.moderated_categories)})
        if self.all_forums:
            condition |= Q(**{f"{prefix}forum_category__isnull": False})
        return condition

    @property
    def cache_key(self) -> str:
        """Readers with the same keys see the same results, so may share cached answers."""
        return "|".join(self.keys())
