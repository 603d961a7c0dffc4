"""The kinds of things one search finds, in the order readers see them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    RESOURCE = "resource", _("Resource")
    EVENT = "event", _("Event")
    PARTNER = "partner", _("Partner organisation")
    EXPERT = "expert", _("Expert")
    THREAD = "thread", _("Discussion")
    POST = "post", _("Forum reply")


FORUM_KINDS = frozenset({Kind.THREAD, Kind.POST})

# A reply shows its thread's title, but is found by its own text: its title is not searched.
TITLE_NOT_SEARCHED = frozenset({Kind.POST})
