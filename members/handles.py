"""Forum names (`@handle`): unique, made from the member's name, never from the e-mail."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from .models import User

MAX_LENGTH = 30


def _base(user: User) -> str:
    profile = getattr(user, "profile", None) if hasattr(user, "profile") else None
    name = (profile.display_name if profile else "") or user.get_full_name() or "member"
    return (slugify(name, allow_unicode=False) or "member")[:MAX_LENGTH].strip("-") or "member"


def ensure_handle(user: User) -> str:
    """The member's handle, giving them one on first use ("nadia-test", then "nadia-test-2")."""
    if user.handle:
        return user.handle
    base = _base(user)
    taken = set(User.objects.filter(handle__startswith=base).values_list("handle", flat=True))
    number = 1
    while True:
        candidate = base if number == 1 else f"{base}-{number}"
        number += 1
        if candidate in taken:
            continue
        try:
            with transaction.atomic():
                updated = User.objects.filter(pk=user.pk, handle__isnull=True).update(
                    handle=candidate
                )
        except IntegrityError:  # taken meanwhile by another request
            continue
        user.refresh_from_db(fields=["handle"])
        if updated or user.handle:
            return user.handle
