"""Which of some members may read a thread: the rule of Thread.visible_to, for many at once."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from forums.models import CategoryVisibility, Thread
from members.models import User

MODERATE = (
    Q(is_superuser=True)
    | Q(
        groups__permissions__codename="moderate_forums",
        groups__permissions__content_type__app_label="forums",
    )
    | Q(
        user_permissions__codename="moderate_forums",
        user_permissions__content_type__app_label="forums",
    )
)


def readers_among(thread: Thread, user_ids: Iterable[int]) -> set[int]:
    ids = set(user_ids)
    if not ids:
        return set()
    category = thread.category
    moderators = MODERATE | Q(moderated_categories=category)
    users = User.objects.filter(pk__in=ids, is_active=True)
    if thread.is_hidden:
        users = users.filter(moderators)
    elif category.visibility == CategoryVisibility.GROUP:
        users = users.filter(Q(groups=category.group_id) | moderators)
    # Public and members-only categories: every active member may read them.
    return set(users.values_list("pk", flat=True).distinct())
