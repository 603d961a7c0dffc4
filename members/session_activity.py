"""Where a member is signed in (allauth's user sessions), kept up to date without a write on
every request: allauth's own middleware runs two SELECTs, an UPDATE and a COMMIT per page.

When a session was last tracked is kept in the session itself, which every signed-in request
loads anyway: asking costs no round trip (a shared cache would cost one on every page), and
the minute holds across processes because the session is shared. Noting the time saves the
session once a minute too, a write beside the tracking's own.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from allauth.usersessions import app_settings
from allauth.usersessions.models import UserSession
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse

# "Last seen" on the settings page is this precise; a changed address or browser is noticed
# this late at worst.
TRACK_EVERY_SECONDS = 60


# The session entry holding when the session was last tracked (a Unix time).
TRACKED_AT = "_usersession_tracked_at"


def _due(session: SessionBase) -> bool:
    """True at most once per TRACK_EVERY_SECONDS per session; notes the time when it is."""
    now = time.time()
    if now - session.get(TRACKED_AT, 0.0) < TRACK_EVERY_SECONDS:
        return False
    session[TRACKED_AT] = now  # saved with the response, as any change to the session
    return True


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
            and _due(session)
        ):
            UserSession.objects.create_from_request(request)
        return self.get_response(request)
