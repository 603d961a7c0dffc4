"""Limits on private messages, counted on Message rows like forums/limits.py counts posts.

Private messages are where spam hurts most (nobody else sees it to report it), so new
members, as forums.limits.trust_of defines them, send fewer and may put fewer links in one.
The numbers are settings too (`FORUMS_LIMITS`), with these defaults.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members.models import User

from .limits import LINK, PostingLimitReached, trust_of
from .models import Conversation, Message

DEFAULTS = {
    "MAX_RECIPIENTS": 10,
    "MESSAGES_PER_HOUR": 30,
    "NEW_MEMBER_MESSAGES_PER_HOUR": 5,
    "CONVERSATIONS_PER_DAY": 20,
    "NEW_MEMBER_CONVERSATIONS_PER_DAY": 3,
}


def message_limit(name: str) -> int:
    return {**DEFAULTS, **getattr(settings, "FORUMS_LIMITS", {})}[name]


def _wait(oldest: datetime, window: timedelta) -> str:
    """How long until the oldest counted message leaves the window, in minutes or hours."""
    minutes = max(1, math.ceil((oldest + window - timezone.now()).total_seconds() / 60))
    if minutes < 120:
        return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    hours = math.ceil(minutes / 60)
    return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}


def _recent(queryset, since: datetime, ceiling: int) -> list[datetime]:
    """Creation times since `since`, newest first, at most `ceiling` of them."""
    return list(
        queryset.filter(created_at__gt=since)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:ceiling]
    )


def check_message_limits(user: User, body: str, *, new_conversation: bool) -> None:
    """Raise PostingLimitReached with a message the member can act on."""
    trust = trust_of(user)
    if trust.max_links is not None:
        links = len(LINK.findall(body))
        if links > trust.max_links:
            raise PostingLimitReached(
                ngettext(
                    "New members can put at most %(count)d link in a message; this one has "
                    "%(links)d.",
                    "New members can put at most %(count)d links in a message; this one has "
                    "%(links)d.",
                    trust.max_links,
                )
                % {"count": trust.max_links, "links": links}
            )
    if user.is_staff or user.is_superuser:
        return
    now = timezone.now()
    hour = timedelta(hours=1)
    per_hour = message_limit(
        "NEW_MEMBER_MESSAGES_PER_HOUR" if trust.is_new else "MESSAGES_PER_HOUR"
    )
    sent = _recent(Message.objects.filter(author=user), now - hour, per_hour)
    if len(sent) >= per_hour:
        raise PostingLimitReached(
            ngettext(
                "You have sent %(count)d private message in the last hour.",
                "You have sent %(count)d private messages in the last hour.",
                len(sent),
            )
            % {"count": len(sent)}
            + " "
            + _("Please wait %(wait)s before you send another.") % {"wait": _wait(sent[-1], hour)}
        )
    if new_conversation:
        day = timedelta(days=1)
        per_day = message_limit(
            "NEW_MEMBER_CONVERSATIONS_PER_DAY" if trust.is_new else "CONVERSATIONS_PER_DAY"
        )
        started = _recent(Conversation.objects.filter(created_by=user), now - day, per_day)
        if len(started) >= per_day:
            raise PostingLimitReached(
                ngettext(
                    "You have started %(count)d conversation today.",
                    "You have started %(count)d conversations today.",
                    len(started),
                )
                % {"count": len(started)}
                + " "
                + _("Please wait %(wait)s before you start another.")
                % {"wait": _wait(started[-1], day)}
            )
