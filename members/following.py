"""Following experts, organisations and topics."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from . import events
from .models import ExpertProfile, Follow, User


def _target_filter(target: models.Model) -> dict:
    from community.models import ActionLine, PartnerPage, Theme

    if isinstance(target, User):
        return {"expert": target}
    if isinstance(target, PartnerPage):
        return {"organisation": target}
    if isinstance(target, ActionLine):
        return {"action_line": target}
    if isinstance(target, Theme):
        return {"theme": target}
    raise ValidationError(_("This cannot be followed."))


def follow(follower: User, target: models.Model) -> Follow:
    """Follow the target; following twice is harmless."""
    criteria = _target_filter(target)
    if criteria.get("expert") == follower:
        raise PermissionDenied(_("You cannot follow yourself."))
    if (
        "expert" in criteria
        and not ExpertProfile.objects.listed_for(follower).filter(user=target).exists()
    ):
        raise PermissionDenied(_("This profile cannot be followed."))
    try:
        with transaction.atomic():
            created = Follow.objects.create(follower=follower, **criteria)
    except IntegrityError:
        return Follow.objects.get(follower=follower, **criteria)
    events.announce(events.followed, follow=created)
    return created


def unfollow(follower: User, target: models.Model) -> None:
    Follow.objects.filter(follower=follower, **_target_filter(target)).delete()


def is_following(follower: User, target: models.Model) -> bool:
    return (
        follower.is_authenticated
        and Follow.objects.filter(follower=follower, **_target_filter(target)).exists()
    )


def followers_of(expert: User, viewer: User) -> models.QuerySet[ExpertProfile]:
    """Profiles of the expert's followers that the viewer may see."""
    return ExpertProfile.objects.listed_for(viewer).filter(user__follows__expert=expert)


def experts_followed_by(member: User, viewer: User) -> models.QuerySet[ExpertProfile]:
    return ExpertProfile.objects.listed_for(viewer).filter(user__followers__follower=member)


def follow_counts(member: User) -> dict[str, int]:
    """Counts shown on a profile: everyone, whatever their profile's visibility."""
    return {
        "followers": Follow.objects.filter(expert=member).count(),
        "following": Follow.objects.filter(follower=member).count(),
    }
