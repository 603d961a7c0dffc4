"""The WebSocket a member's open pages keep: one group per member on the channel layer.

On connecting (and on every reconnect) the page gets the true unread count and what it
missed since the last notification it saw, from the database; afterwards each new
notification arrives as it is stored. Nothing depends on a message having been delivered.
"""

from __future__ import annotations

import logging

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.utils.translation import override

from forums.standing import forget_standing

from .delivery import group_name
from .queries import forget_unread, unread_after, unread_count
from .texts import describe, link

logger = logging.getLogger("community.notifications")
NOT_SIGNED_IN = 4401


class NotificationsConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=NOT_SIGNED_IN)
            return
        self.group = group_name(user.pk)
        try:
            await self.channel_layer.group_add(self.group, self.channel_name)
        except Exception:  # the layer is down: the page reconnects later and catches up
            logger.warning("notifications socket refused: channel layer down", exc_info=True)
            await self.close(code=1011)
            return
        await self.accept()

    async def disconnect(self, code):
        if getattr(self, "group", None):
            try:
                await self.channel_layer.group_discard(self.group, self.channel_name)
            except Exception:
                logger.info("could not leave %s on disconnect", self.group)

    async def receive_json(self, content, **kwargs):
        if content.get("type") != "catch_up":
            await self.send_json({"type": "error", "message": 'Send {"type": "catch_up"}.'})
            return
        after = content.get("after")
        language = content.get("lang")
        await self.send_json(await self._state(after if isinstance(after, int) else 0, language))

    async def notification_new(self, event):
        await self.send_json({**event, "type": "notification"})

    @database_sync_to_async
    def _state(self, after: int, language: str | None) -> dict:
        user = self.scope["user"]
        # The user object lives as long as the connection: what it may read is asked anew.
        forget_standing(user)
        forget_unread(user)
        codes = {code for code, _name in settings.LANGUAGES}
        with override(language if language in codes else settings.LANGUAGE_CODE):
            missed = [
                {"id": n.pk, "text": describe(n), "url": link(n), "kind": n.kind}
                for n in unread_after(user, after)
            ]
        return {"type": "state", "unread": unread_count(user), "missed": missed}
