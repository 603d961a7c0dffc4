"""Who may do what, as small functions: `can_*` answers for templates, `check_*` raises.

The rule every feature that lets a member write for others (forum posts, replies,
publications, comments) calls before it saves anything: the author has proved that the
e-mail address on their account is theirs.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from .models import User

SIGN_IN_FIRST = _("Sign in to take part.")
VERIFY_EMAIL_FIRST = _(
    "Confirm your e-mail address before you post or publish: follow the link in the e-mail "
    "we sent you, or ask for a new one on your e-mail settings page."
)


def has_verified_email(user: User | AnonymousUser) -> bool:
    """Has this member confirmed, by following our link, the address their account uses?

    Staff accounts are made by an administrator who vouches for them, and may be created
    from the command line without going through the e-mail confirmation.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff or user.is_superuser:
        return True
    known = user.__dict__.get(_VERIFIED_EMAIL_KNOWN)
    if known is not None:
        return known
    # The account's current address, not any address: one that is only waiting to
    # replace it (a change of e-mail) does not count until it is confirmed.
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


# Set by a caller that read it with other facts of the member in one query (the forums'
# standing), for this user object only, which lives for one request.
_VERIFIED_EMAIL_KNOWN = "_has_verified_email"


def remember_verified_email(user: User, verified: bool) -> None:
    user.__dict__[_VERIFIED_EMAIL_KNOWN] = verified


def contribution_denied_reason(user: User | AnonymousUser) -> str | None:
    """Why this person may not post or publish yet, in words to show them; None if they may."""
    if not user.is_authenticated:
        return str(SIGN_IN_FIRST)
    if not has_verified_email(user):
        return str(VERIFY_EMAIL_FIRST)
    return None


def can_contribute(user: User | AnonymousUser) -> bool:
    return contribution_denied_reason(user) is None


def check_can_contribute(user: User | AnonymousUser) -> None:
    """Raise PermissionDenied, with the reason to show, unless the user may post or publish."""
    reason = contribution_denied_reason(user)
    if reason is not None:
        raise PermissionDenied(reason)
