"""Where a member is signed in (allauth's user sessions), kept up to date without a write on
every request: allauth's own middleware runs two SELECTs, an UPDATE and a COMMIT per page.
"""

from __future__ import annotations

from collections.abc import Callable

from allauth.usersessions import app_settings
from allauth.usersessions.models import UserSession
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

# "Last seen" on the settings page is this precise; a changed address or browser is noticed
# this late at worst.
TRACK_EVERY_SECONDS = 60


def seen_key(session_key: str) -> str:
    return f"usersession-seen:{session_key}"


def _due(session_key: str) -> bool:
    """True once per TRACK_EVERY_SECONDS per session, whichever process asks first."""
    return cache.add(seen_key(session_key), True, TRACK_EVERY_SECONDS)


class UserSessionActivityMiddleware:
    """allauth's UserSessionsMiddleware, tracking a session at most once a minute."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if (
            app_settings.TRACK_ACTIVITY
            and session is not None
            and session.session_key
            and user is not None
            and user.is_authenticated
            and _due(session.session_key)
        ):
            UserSession.objects.create_from_request(request)
        return self.get_response(request)
