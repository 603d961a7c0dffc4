"""The site's Wagtail pages and the shared taxonomy."""

from .events import EventIndexPage, EventPage
from .home import HomePage
from .partners import PartnerIndexPage, PartnerPage
from .resources import ResourceIndexPage, ResourcePage
from .taxonomy import ActionLine, Region, SDGTarget, SustainableDevelopmentGoal, Theme

__all__ = [
    "ActionLine",
    "EventIndexPage",
    "EventPage",
    "HomePage",
    "PartnerIndexPage",
    "PartnerPage",
    "Region",
    "ResourceIndexPage",
    "ResourcePage",
    "SDGTarget",
    "SustainableDevelopmentGoal",
    "Theme",
]
