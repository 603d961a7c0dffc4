"""What the forums need to know of one member, read in one query and kept for the request.

Every forum page asks the same questions of its reader: which groups they are in, which
categories they moderate, whether they moderate everywhere, whether their e-mail address is
confirmed and whether they are suspended. Asked one by one that is seven queries on every
page a member opens; `standing_of` answers them all from one `UNION ALL` and keeps the
answer on the user object, which lives for one request.

A user object that lives longer (a WebSocket connection's) must call `forget_standing`
before it asks again, or it would keep rights it has lost.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

_KEPT = "_forum_standing"

# The permission that makes a member moderate every category (forums.Category's Meta).
MODERATE_EVERYWHERE = ("forums", "moderate_forums")


@dataclass(frozen=True)
class Standing:
    group_ids: frozenset[int] = frozenset()
    moderated_category_ids: frozenset[int] = frozenset()
    moderates_everywhere: bool = False
    has_verified_email: bool = False
    suspension_ids: frozenset[int] = frozenset()


NOBODY = Standing()


def standing_of(user) -> Standing:
    if user is None or not user.is_authenticated:
        return NOBODY
    kept = user.__dict__.get(_KEPT)
    if kept is None:
        kept = _read(user)
        user.__dict__[_KEPT] = kept
    return kept


def forget_standing(user) -> None:
    if user is not None:
        user.__dict__.pop(_KEPT, None)


def _read(user) -> Standing:
    from members.permissions import remember_verified_email

    now = connection.ops.adapt_datetimefield_value(timezone.now())
    app_label, codename = MODERATE_EVERYWHERE
    with connection.cursor() as cursor:
        cursor.execute(
            _standing_sql(),
            [
                *(user.pk, user.pk),
                *(codename, app_label, user.pk, user.pk),
                *(user.pk, True, user.email),
                *(user.pk, now, now),
            ],
        )
        rows = cursor.fetchall()
    found: dict[str, set[int]] = {}
    for tag, value in rows:
        found.setdefault(tag, set()).add(value)
    remember_verified_email(user, "verified" in found)
    return Standing(
        group_ids=frozenset(found.get("group", ())),
        moderated_category_ids=frozenset(found.get("moderates", ())),
        # Django's own rule: an inactive account holds no permission, a superuser all.
        moderates_everywhere=user.is_superuser or (user.is_active and "everywhere" in found),
        has_verified_email="verified" in found,
        suspension_ids=frozenset(found.get("suspended", ())),
    )


@functools.cache
def _standing_sql() -> str:
    """One UNION ALL of (what, id) rows. Written out rather than composed with the ORM:
    building six querysets and their union cost ten times the query itself (5 ms)."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    from .models import Category, Suspension

    user_model = get_user_model()
    name = connection.ops.quote_name

    def table(model) -> str:
        return name(model._meta.db_table)

    def column(model, field: str) -> str:
        return name(model._meta.get_field(field).column)

    memberships = user_model.groups.through
    own_permissions = user_model.user_permissions.through
    group_permissions = Group.permissions.through
    moderators = Category.moderators.through
    content_types = Permission._meta.get_field("content_type").related_model
    return f"""
        SELECT 'group', {column(memberships, "group")} FROM {table(memberships)}
        WHERE {column(memberships, "user")} = %s
        UNION ALL
        SELECT 'moderates', {column(moderators, "category")} FROM {table(moderators)}
        WHERE {column(moderators, "user")} = %s
        UNION ALL
        SELECT 'everywhere', p.{column(Permission, "id")}
        FROM {table(Permission)} p
        JOIN {table(content_types)} t
          ON t.{column(content_types, "id")} = p.{column(Permission, "content_type")}
        WHERE p.{column(Permission, "codename")} = %s
          AND t.{column(content_types, "app_label")} = %s
          AND (
            p.{column(Permission, "id")} IN (
              SELECT {column(own_permissions, "permission")} FROM {table(own_permissions)}
              WHERE {column(own_permissions, "user")} = %s
            )
            OR p.{column(Permission, "id")} IN (
              SELECT gp.{column(group_permissions, "permission")}
              FROM {table(group_permissions)} gp
              JOIN {table(memberships)} m
                ON m.{column(memberships, "group")} = gp.{column(group_permissions, "group")}
              WHERE m.{column(memberships, "user")} = %s
            )
          )
        UNION ALL
        SELECT 'verified', {column(EmailAddress, "id")} FROM {table(EmailAddress)}
        WHERE {column(EmailAddress, "user")} = %s AND {column(EmailAddress, "verified")} = %s
          AND UPPER({column(EmailAddress, "email")}) = UPPER(%s)
        UNION ALL
        SELECT 'suspended', {column(Suspension, "id")} FROM {table(Suspension)}
        WHERE {column(Suspension, "user")} = %s AND {column(Suspension, "starts_at")} <= %s
          AND {column(Suspension, "ends_at")} > %s AND {column(Suspension, "lifted_at")} IS NULL
    """
