from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community site")

    def ready(self) -> None:
        from . import navigation, publishing
        from .notifications import triggers

        publishing.connect_signals()
        navigation.connect()
        triggers.connect()
