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

from dataclasses import dataclass

from django.db.models import CharField, Value
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
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from members.permissions import remember_verified_email

    from .models import Category, Suspension

    def tagged(queryset, tag: str, column: str):
        return queryset.order_by().values_list(Value(tag, output_field=CharField()), column)

    User = get_user_model()
    app_label, codename = MODERATE_EVERYWHERE
    permission = {
        "permission__codename": codename,
        "permission__content_type__app_label": app_label,
    }
    now = timezone.now()
    rows = tagged(User.groups.through.objects.filter(user_id=user.pk), "group", "group_id")
    rows = rows.union(
        tagged(
            Category.moderators.through.objects.filter(user_id=user.pk),
            "moderates",
            "category_id",
        ),
        tagged(
            User.user_permissions.through.objects.filter(user_id=user.pk, **permission),
            "everywhere",
            "permission_id",
        ),
        tagged(
            Group.permissions.through.objects.filter(group__user=user.pk, **permission),
            "everywhere",
            "permission_id",
        ),
        # The account's current address: one only waiting to replace it does not count.
        tagged(
            EmailAddress.objects.filter(user_id=user.pk, email__iexact=user.email, verified=True),
            "verified",
            "id",
        ),
        tagged(
            Suspension.objects.filter(
                user_id=user.pk, starts_at__lte=now, ends_at__gt=now, lifted_at__isnull=True
            ),
            "suspended",
            "id",
        ),
        all=True,
    )
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
