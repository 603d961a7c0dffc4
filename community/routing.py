from django.urls import path

from .consumers import HealthConsumer
from .notifications.consumers import NotificationsConsumer

websocket_urlpatterns = [
    path("ws/health/", HealthConsumer.as_asgi()),
    path("ws/notifications/", NotificationsConsumer.as_asgi()),
]
