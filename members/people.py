"""Organisations' people: inviting, accepting, changing roles and removing people.

Every verb checks its permission here, on the server, and raises PermissionDenied: a view,
a management command and a test all go through the same rules. Roles become real groups
through members/organisations.py (set_role, remove_from_organisation).

Invitations need no table: an invitation is a signed, timestamped token carrying the
organisation, the invited address, the role and who invited. It expires after
INVITATION_MAX_AGE; it cannot be replayed to undo a later role change, because a
membership created after the invitation was issued marks it as used.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.urls import reverse
from django.utils.translation import gettext as _

from community.models import PartnerPage
from community.tasks import send_email

from . import events
from .models import OrganisationMembership, OrganisationRole, User
from .organisations import can_manage_people, remove_from_organisation, set_role

logger = logging.getLogger("members.people")

INVITATION_MAX_AGE = timedelta(days=14)
INVITATION_SALT = "members.organisation-invitation"


# Permissions ------------------------------------------------------------------------------


def can_manage_organisation_people(user, organisation: PartnerPage) -> bool:
    """The organisation's admins, and the site's staff, see and manage its people."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_staff or can_manage_people(user, organisation)


def check_can_manage_organisation_people(user, organisation: PartnerPage) -> None:
    if not can_manage_organisation_people(user, organisation):
        raise PermissionDenied(_("Only this organisation's admins can manage its people."))


# Reading ----------------------------------------------------------------------------------


def organisation_people(organisation: PartnerPage) -> QuerySet[OrganisationMembership]:
    """The organisation's people, admins first, with what the list shows fetched at once."""
    role_order = {OrganisationRole.ADMIN: 0, OrganisationRole.EDITOR: 1, OrganisationRole.MEMBER: 2}
    return (
        OrganisationMembership.objects.filter(organisation=organisation)
        .select_related("user", "user__profile")
        .annotate(
            role_rank=Case(
                *[When(role=role, then=Value(rank)) for role, rank in role_order.items()],
                output_field=IntegerField(),
            )
        )
        .order_by("role_rank", "user__first_name", "user__email")
    )


def organisations_managed_by(user) -> QuerySet[PartnerPage]:
    """The organisations whose people this user manages as their admin (for the settings page)."""
    if not user.is_authenticated or not user.is_active:
        return PartnerPage.objects.none()
    return PartnerPage.objects.filter(
        memberships__user=user, memberships__role=OrganisationRole.ADMIN
    ).order_by("title")


def masked_email(email: str) -> str:
    """Enough of an address for an admin to recognise it, without showing it whole."""
    local, _at, domain = email.partition("@")
    return f"{local[:2]}…@{domain}" if domain else "…"


# Invitations ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Invitation:
    organisation: PartnerPage
    email: str
    role: str
    inviter_id: int | None
    issued_at: datetime

    @property
    def role_label(self) -> str:
        return OrganisationRole(self.role).label


class InvitationInvalid(Exception):
    """The link was altered, truncated, or names an organisation that no longer exists."""


class InvitationExpired(Exception):
    """The link is genuine but older than INVITATION_MAX_AGE."""


def make_invitation_token(organisation: PartnerPage, email: str, role: str, inviter: User) -> str:
    signer = signing.TimestampSigner(salt=INVITATION_SALT)
    payload = {"o": organisation.pk, "e": email.lower(), "r": role, "i": inviter.pk}
    return signer.sign_object(payload, compress=True)


def read_invitation(token: str) -> Invitation:
    """The invitation a token carries; raises InvitationInvalid or InvitationExpired."""
    signer = signing.TimestampSigner(salt=INVITATION_SALT)
    try:
        payload = signer.unsign_object(token, max_age=INVITATION_MAX_AGE)
    except signing.SignatureExpired as error:
        raise InvitationExpired from error
    except (signing.BadSignature, ValueError) as error:
        raise InvitationInvalid from error
    # The signature is good; the timestamp the TimestampSigner added is when it was issued.
    stamp = signing.Signer(salt=INVITATION_SALT).unsign(token).rpartition(signer.sep)[2]
    issued_at = datetime.fromtimestamp(signing.b62_decode(stamp), tz=UTC)
    try:
        organisation = PartnerPage.objects.get(pk=payload["o"])
        role = OrganisationRole(payload["r"])
    except (PartnerPage.DoesNotExist, KeyError, ValueError) as error:
        raise InvitationInvalid from error
    return Invitation(
        organisation=organisation,
        email=payload["e"],
        role=role,
        inviter_id=payload.get("i"),
        issued_at=issued_at,
    )


def invitation_url(token: str) -> str:
    return settings.SITE_URL + reverse("members:accept_invitation", args=[token])


def invite_person(*, inviter: User, organisation: PartnerPage, email: str, role: str) -> str:
    """E-mail an invitation to join the organisation with this role; returns the token."""
    check_can_manage_organisation_people(inviter, organisation)
    email = email.strip().lower()
    role = OrganisationRole(role)
    existing = OrganisationMembership.objects.filter(
        organisation=organisation, user__email__iexact=email
    ).first()
    if existing is not None:
        raise ValidationError(
            _("This person is already in the organisation, as %(role)s. Change their role below.")
            % {"role": existing.get_role_display()},
            code="already_member",
        )
    token = make_invitation_token(organisation, email, role, inviter)
    subject = _("You are invited to join %(organisation)s") % {"organisation": organisation.title}
    body = _(
        "%(inviter)s invites you to join %(organisation)s on %(site)s, as %(role)s.\n\n"
        "Accept the invitation here (sign in or create an account with this e-mail address "
        "first):\n%(url)s\n\n"
        "The link works for %(days)s days. If you do not know this organisation, ignore this "
        "message."
    ) % {
        "inviter": inviter.get_full_name() or _("An organisation admin"),
        "organisation": organisation.title,
        "site": settings.COMMUNITY_NAME,
        "role": role.label,
        "url": invitation_url(token),
        "days": INVITATION_MAX_AGE.days,
    }
    # Sent once the surrounding transaction commits, so nobody is invited by a rolled-back write.
    transaction.on_commit(lambda: send_email.enqueue(str(subject), str(body), [email]))
    events.announce(events.invited, email=email, organisation=organisation, inviter=inviter)
    logger.info(
        "invitation sent: organisation=%s role=%s inviter=%s",
        organisation.pk,
        role.value,
        inviter.pk,
    )
    return token


def has_verified_email(user: User, email: str) -> bool:
    """Does this user own the address, verified (allauth keeps the verified addresses)?"""
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def invitation_already_used(user: User, invitation: Invitation) -> bool:
    """Accepted already: the person holds that role, or joined after it was issued."""
    membership = OrganisationMembership.objects.filter(
        user=user, organisation=invitation.organisation
    ).first()
    if membership is None:
        return False
    # The token's time has whole seconds: a membership a full second younger came after it.
    joined_after = membership.created_at >= invitation.issued_at + timedelta(seconds=1)
    return membership.role == invitation.role or joined_after


def check_can_accept(user: User, invitation: Invitation) -> None:
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("Sign in to accept the invitation."))
    if not has_verified_email(user, invitation.email):
        raise PermissionDenied(
            _("This invitation was sent to another e-mail address, or yours is not verified yet.")
        )
    inviter = User.objects.filter(pk=invitation.inviter_id).first()
    if inviter is None or not can_manage_organisation_people(inviter, invitation.organisation):
        # Whoever invited has since lost the right to: the invitation goes with it.
        raise PermissionDenied(_("The person who sent this invitation can no longer invite."))


@transaction.atomic
def accept_invitation(*, user: User, invitation: Invitation) -> OrganisationMembership:
    check_can_accept(user, invitation)
    if invitation_already_used(user, invitation):
        raise ValidationError(_("You have already accepted this invitation."), code="used")
    membership = set_role(user, invitation.organisation, invitation.role)
    logger.info(
        "invitation accepted: organisation=%s role=%s user=%s inviter=%s",
        invitation.organisation.pk,
        invitation.role,
        user.pk,
        invitation.inviter_id,
    )
    return membership


# Roles and removal ------------------------------------------------------------------------


def _is_last_admin(user: User, organisation: PartnerPage) -> bool:
    admins = OrganisationMembership.objects.filter(
        organisation=organisation, role=OrganisationRole.ADMIN
    )
    return admins.filter(user=user).exists() and admins.count() == 1


@transaction.atomic
def change_role(
    *, actor: User, organisation: PartnerPage, user: User, role: str
) -> OrganisationMembership:
    check_can_manage_organisation_people(actor, organisation)
    role = OrganisationRole(role)
    membership = OrganisationMembership.objects.select_for_update().get(
        organisation=organisation, user=user
    )
    if role != OrganisationRole.ADMIN and _is_last_admin(user, organisation):
        raise ValidationError(
            _("An organisation needs at least one admin: make someone else admin first."),
            code="last_admin",
        )
    if membership.role != role:
        membership = set_role(user, organisation, role)
        logger.info(
            "role changed: organisation=%s user=%s role=%s actor=%s",
            organisation.pk,
            user.pk,
            role.value,
            actor.pk,
        )
    return membership


@transaction.atomic
def remove_person(*, actor: User, organisation: PartnerPage, user: User) -> None:
    check_can_manage_organisation_people(actor, organisation)
    if not OrganisationMembership.objects.filter(organisation=organisation, user=user).exists():
        return
    if _is_last_admin(user, organisation):
        raise ValidationError(
            _(
                "This is the organisation's only admin: make someone else admin before "
                "removing them."
            ),
            code="last_admin",
        )
    remove_from_organisation(user, organisation)
    logger.info(
        "person removed: organisation=%s user=%s actor=%s", organisation.pk, user.pk, actor.pk
    )


def person_label(user: User) -> str:
    """How the people list names someone: their public name, never their whole address."""
    try:
        name = user.profile.display_name
    except User.profile.RelatedObjectDoesNotExist:
        name = ""
    return name or user.get_full_name() or masked_email(user.email)
