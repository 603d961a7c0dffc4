"""The site's Wagtail pages and the shared taxonomy."""

from .calls import CallIndexPage, CallPage
from .events import EventIndexPage, EventPage
from .home import HomePage
from .notifications import (
    DEFAULT_DELIVERY,
    Delivery,
    Notification,
    NotificationKind,
    NotificationPreference,
)
from .partners import PartnerIndexPage, PartnerPage
from .resources import ResourceAttachment, ResourceAuthor, ResourceIndexPage, ResourcePage
from .taxonomy import ActionLine, Region, SDGTarget, SustainableDevelopmentGoal, Theme

__all__ = [
    "DEFAULT_DELIVERY",
    "ActionLine",
    "CallIndexPage",
    "CallPage",
    "Delivery",
    "EventIndexPage",
    "EventPage",
    "HomePage",
    "Notification",
    "NotificationKind",
    "NotificationPreference",
    "PartnerIndexPage",
    "PartnerPage",
    "Region",
    "ResourceAttachment",
    "ResourceAuthor",
    "ResourceIndexPage",
    "ResourcePage",
    "SDGTarget",
    "SustainableDevelopmentGoal",
    "Theme",
]
