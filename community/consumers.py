"""WebSocket consumers of the site itself (live notifications live beside them)."""

import os

from channels.generic.websocket import AsyncJsonWebsocketConsumer


class HealthConsumer(AsyncJsonWebsocketConsumer):
    """Answers "ping" with "pong" through the channel layer.

    Lets an operator check that the proxy forwards WebSockets and that this process reaches
    the channel layer (Redis in production): the reply makes a round trip through it.
    """

    async def connect(self):
        await self.accept()

    async def receive_json(self, content, **kwargs):
        if content.get("type") != "ping":
            await self.send_json({"type": "error", "message": 'Send {"type": "ping"}.'})
            return
        await self.channel_layer.send(self.channel_name, {"type": "health.pong"})

    async def health_pong(self, event):
        await self.send_json({"type": "pong", "process": os.getpid()})
