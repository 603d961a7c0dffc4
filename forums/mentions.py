"""`@handle` mentions: found in what a member wrote, linked in the rendered HTML.

Linking works on the sanitised HTML, outside links and code, so a mention inside a code
sample stays code and nothing a member typed can become markup.
"""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils.html import escape

from members.models import User

MENTION = re.compile(r"(?<![\w@/.])@([a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?)", re.IGNORECASE)
TAG = re.compile(r"(<[^>]+>)")
SKIP_INSIDE = ("a", "code", "pre")


def mentioned_handles(body: str) -> set[str]:
    return {match.lower() for match in MENTION.findall(body)}


def resolve(handles: set[str]) -> dict[str, User]:
    """Active members by handle; names that match nobody are left out."""
    if not handles:
        return {}
    users = User.objects.filter(handle__in=handles, is_active=True)
    return {user.handle: user for user in users}


def link_mentions(html: str, members: dict[str, User]) -> str:
    """Wrap each known `@handle` in a link to the member's forum page."""
    if not members:
        return html
    parts = TAG.split(html)
    depth = 0
    for index, part in enumerate(parts):
        if part.startswith("<"):
            name = part.strip("</>").split()[0].lower() if part.strip("</>") else ""
            if name in SKIP_INSIDE:
                depth += -1 if part.startswith("</") else 1
            continue
        if depth > 0 or "@" not in part:
            continue
        parts[index] = MENTION.sub(lambda match: _link(match, members), part)
    return "".join(parts)


def _link(match: re.Match, members: dict[str, User]) -> str:
    handle = match.group(1).lower()
    if handle not in members:
        return match.group(0)
    url = reverse("forums:member_posts", args=[handle])
    return f'<a class="mention" href="{escape(url)}">@{escape(handle)}</a>'
