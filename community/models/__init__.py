"""The site's Wagtail pages and the shared taxonomy."""

from .calls import CallIndexPage, CallPage
from .events import EventIndexPage, EventPage
from .home import HomePage
from .partners import PartnerIndexPage, PartnerPage
from .resources import ResourceAttachment, ResourceAuthor, ResourceIndexPage, ResourcePage
from .taxonomy import ActionLine, Region, SDGTarget, SustainableDevelopmentGoal, Theme

__all__ = [
    "ActionLine",
    "CallIndexPage",
    "CallPage",
    "EventIndexPage",
    "EventPage",
    "HomePage",
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
