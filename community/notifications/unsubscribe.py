"""Signed one-click unsubscribe links for notification e-mails."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "community.notifications.unsubscribe"


def unsubscribe_token(user, kind: str) -> str:
    return signing.dumps({"user": user.pk, "kind": kind}, salt=SALT, compress=True)


def read_unsubscribe_token(token: str) -> dict:
    """The signed content; raises signing.BadSignature when the link was altered."""
    return signing.loads(token, salt=SALT)


def unsubscribe_url(user, kind: str) -> str:
    path = reverse("notifications:unsubscribe", args=[unsubscribe_token(user, kind)])
    return f"{settings.SITE_URL.rstrip('/')}{path}"
