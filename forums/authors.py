"""How the forums name an author: never by e-mail, and linked only to a profile one may see."""

from __future__ import annotations

from django.utils.translation import gettext as _

from members.models import ExpertProfile, User, Visibility
from members.my_data import FORMER_MEMBER_NAME, is_former_member


def _profile(user: User) -> ExpertProfile | None:
    try:
        return user.profile
    except ExpertProfile.DoesNotExist:
        return None


def author_name(user: User | None) -> str:
    if user is None or is_former_member(user):
        return str(FORMER_MEMBER_NAME)
    profile = _profile(user)
    if profile is not None and profile.display_name:
        return profile.display_name
    return user.get_full_name() or (f"@{user.handle}" if user.handle else _("a member"))


def profile_for(user: User | None, viewer) -> ExpertProfile | None:
    """The author's profile if `viewer` may open it (ExpertProfile.visible_to's rule)."""
    if user is None:
        return None
    profile = _profile(user)
    if profile is None:
        return None
    visible = (
        profile.visibility == Visibility.PUBLIC
        or (viewer.is_authenticated and profile.visibility == Visibility.MEMBERS)
        or viewer.pk == user.pk
        or (viewer.is_authenticated and viewer.is_staff)
    )
    return profile if visible else None


def profile_url_for(user: User | None, viewer) -> str | None:
    """The author's profile address if `viewer` may open it."""
    profile = profile_for(user, viewer)
    return profile.get_absolute_url() if profile is not None else None
