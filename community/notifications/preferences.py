"""Each member's choice of delivery per kind of notification."""

from __future__ import annotations

from collections.abc import Iterable

from community.models import DEFAULT_DELIVERY, Delivery, NotificationKind, NotificationPreference


def default_delivery(kind: str) -> str:
    return DEFAULT_DELIVERY.get(kind, Delivery.SITE)


def deliveries_for(user_ids: Iterable[int], kind: str) -> dict[int, str]:
    """Delivery per recipient for one kind, defaults included, in one query."""
    ids = list(user_ids)
    chosen = dict(
        NotificationPreference.objects.filter(user__in=ids, kind=kind).values_list(
            "user", "delivery"
        )
    )
    default = default_delivery(kind)
    return {user_id: chosen.get(user_id, default) for user_id in ids}


def preferences_of(user) -> dict[str, str]:
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, default_delivery(kind)) for kind in NotificationKind.values}


def set_preferences(user, choices: dict[str, str]) -> None:
    for kind, delivery in choices.items():
        if kind not in NotificationKind.values or delivery not in Delivery.values:
            continue
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"delivery": delivery}
        )
