"""Verified experts: members apply with evidence, moderators decide with a reason."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community.tasks import send_email

from . import events
from .models import ExpertProfile, User, VerificationRequest

VERIFIED_GROUP = "Verified experts"
REVIEW_PERMISSION = "members.review_verificationrequest"


def can_review_verification(user: User) -> bool:
    return user.is_active and user.has_perm(REVIEW_PERMISSION)


def pending_request(user: User) -> VerificationRequest | None:
    return user.verification_requests.filter(status=VerificationRequest.Status.PENDING).first()


def apply_for_verification(user: User, *, evidence: str, links: str) -> VerificationRequest:
    if not ExpertProfile.objects.filter(user=user).exists():
        raise PermissionDenied(_("Create your expert profile before applying for verification."))
    if pending_request(user):
        raise PermissionDenied(_("Your application is already waiting for a moderator."))
    return VerificationRequest.objects.create(user=user, evidence=evidence, links=links)


@transaction.atomic
def decide_verification(
    moderator: User, request: VerificationRequest, *, approve: bool, reason: str
) -> VerificationRequest:
    if not can_review_verification(moderator):
        raise PermissionDenied(_("Only moderators decide expert verification."))
    if request.status != VerificationRequest.Status.PENDING:
        raise PermissionDenied(_("This application has already been decided."))
    request.status = (
        VerificationRequest.Status.APPROVED if approve else VerificationRequest.Status.REJECTED
    )
    request.reason = reason
    request.decided_by = moderator
    request.decided_at = timezone.now()
    request.save()
    member = request.user
    if approve:
        ExpertProfile.objects.filter(user=member).update(verified_at=request.decided_at)
        member.groups.add(Group.objects.get_or_create(name=VERIFIED_GROUP)[0])
    transaction.on_commit(lambda: _tell_member(request))
    events.announce(events.verification_decided, request=request)
    return request


def _tell_member(request: VerificationRequest) -> None:
    # The notifications feature will also deliver this live; e-mail works today.
    if request.status == VerificationRequest.Status.APPROVED:
        subject = _("You are now a verified expert")
        body = _("A moderator approved your application. Your profile now shows the badge.")
    else:
        subject = _("Your expert verification was not approved")
        body = _("A moderator did not approve your application, for this reason:")
    if request.reason:
        body = f"{body}\n\n{request.reason}"
    send_email.enqueue(str(subject), str(body), [request.user.email])
