"""Getting a stored notification to the member: their open pages at once, e-mail if asked.

The channel layer (Redis with several processes) may be down: then nothing is pushed, the
member sees the notification on their next page load or reconnect, and no error reaches
whoever caused it.
"""

from __future__ import annotations

import asyncio
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.utils.translation import override

from community.models import Notification
from community.tasks import send_email

from .texts import describe, describe_in_each_language, link

logger = logging.getLogger("community.notifications")
PUSH_TIMEOUT_SECONDS = 2


def group_name(user_id: int) -> str:
    return f"notifications.user.{user_id}"


def live_message(notification: Notification, *, collapsed: bool) -> dict:
    return {
        "type": "notification.new",
        "id": notification.pk,
        "kind": notification.kind,
        "count": notification.count,
        "collapsed": collapsed,
        "texts": describe_in_each_language(notification),
        "url": _neutral_link(notification),
        "sent": notification.updated_at.timestamp(),
    }


def _neutral_link(notification: Notification) -> str:
    """The address in the default language: whoever triggered it may read in another."""
    with override(settings.LANGUAGE_CODE):
        return link(notification)


async def _send_all(messages: list[tuple[int, dict]]) -> None:
    layer = get_channel_layer()
    for user_id, message in messages:
        await asyncio.wait_for(layer.group_send(group_name(user_id), message), PUSH_TIMEOUT_SECONDS)


def push(messages: list[tuple[int, dict]]) -> bool:
    """Send each (recipient, message) to the recipient's open pages; False if it failed."""
    if not messages:
        return True
    try:
        async_to_sync(_send_all)(messages)
    except Exception:  # the layer is down or slow: the database still holds everything
        logger.warning("live notifications not pushed (%d)", len(messages), exc_info=True)
        return False
    return True


def email_now(notification: Notification) -> None:
    recipient = notification.recipient
    if not recipient.is_active or not recipient.email:
        return
    site = settings.SITE_URL.rstrip("/")
    with override(settings.LANGUAGE_CODE):
        text = describe(notification)
        body = "\n\n".join([text, f"{site}{link(notification)}", _footer(recipient, notification)])
    send_email.enqueue(text, body, [recipient.email])


def _footer(recipient, notification: Notification) -> str:
    from django.utils.translation import gettext as _

    from .unsubscribe import unsubscribe_url

    return _("Stop these e-mails: %(url)s") % {"url": unsubscribe_url(recipient, notification.kind)}
