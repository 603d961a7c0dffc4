from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from django.core.signals import setting_changed
        from django.db.models.signals import post_migrate

        from . import receivers
        from .backends import on_setting_changed
        from .indexing import fill_if_empty

        receivers.connect()
        setting_changed.connect(on_setting_changed, dispatch_uid="search_settings_changed")
        post_migrate.connect(fill_if_empty, sender=self, dispatch_uid="search_fill_if_empty")
