"""A member's own data: the archive they can download, and deleting their account.

Deleting keeps the user row, anonymised and inactive, so that what the member wrote keeps
an author to point to; everything that described the person goes. `display_name(user)` is
how the site names an author, and names such a row "former member".
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import ExpertProfile, OrganisationMembership, User
from .organisations import remove_from_organisation
from .people import person_label

logger = logging.getLogger("members.my_data")

FORMER_MEMBER_DOMAIN = "invalid"  # RFC 2606: never deliverable
FORMER_MEMBER_NAME = gettext_lazy("former member")

# Relations from the user to rows that describe only them, deleted with the account, and
# shown in the archive. A name not (yet) on the model is skipped, so this list can name
# features as they land.
PERSONAL_RELATIONS = [
    "follows",
    "verification_requests",
    "notifications",
    "notification_preferences",
    "forum_bookmarks",
    "forum_watches",
    "forum_read_states",
]


def former_member_email(user_id: int) -> str:
    return f"former-member-{user_id}@{FORMER_MEMBER_DOMAIN}"


def is_former_member(user: User) -> bool:
    return not user.is_active and user.email == former_member_email(user.pk)


def display_name(user: User | None) -> str:
    """The name to show for an author: "former member" once the account was deleted."""
    if user is None or is_former_member(user):
        return str(FORMER_MEMBER_NAME)
    return str(user)


# The archive -----------------------------------------------------------------------------


def _value(field: models.Field, instance: models.Model) -> Any:
    """One field's value in plain JSON terms, readable by the person it describes."""
    value = field.value_from_object(instance)
    if isinstance(field, models.ForeignKey):
        related = getattr(instance, field.name)
        if related is None:
            return None
        if isinstance(related, User):  # another member: their public name, never an address
            return {"id": related.pk, "name": person_label(related)}
        return {"id": related.pk, "name": str(related)}
    if isinstance(value, FieldFile):
        return value.url if value else None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "code"):  # django-countries' Country
        return value.code or None
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def _row(instance: models.Model, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every concrete and many-to-many field of a row, so new fields appear without edits."""
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name not in exclude:
            data[field.name] = _value(field, instance)
    for field in instance._meta.many_to_many:
        if field.name not in exclude:
            data[field.name] = [str(item) for item in getattr(instance, field.name).all()]
    return data


def _personal_rows(user: User, relation: str) -> list[dict[str, Any]] | None:
    manager = getattr(user, relation, None)
    if manager is None:
        return None
    return [_row(row, exclude=("id",)) for row in manager.all()]


def export_user_data(user: User) -> dict[str, Any]:
    """Everything the site holds about this member, as one JSON-ready document."""
    try:
        profile = _row(user.profile, exclude=("user",))
    except User.profile.RelatedObjectDoesNotExist:
        profile = None
    memberships = [
        {
            "organisation": membership.organisation.title,
            "organisation_id": membership.organisation_id,
            "role": membership.role,
            "role_label": str(membership.get_role_display()),
            "since": membership.created_at.isoformat(),
        }
        for membership in OrganisationMembership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("created_at")
    ]
    data: dict[str, Any] = {
        "generated_at": timezone.now().isoformat(),
        "account": {
            "id": user.pk,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_addresses": _email_addresses(user),
        },
        "profile": profile,
        "organisation_memberships": memberships,
        "posts": _forum_posts(user),
        "private_messages": _private_messages(user),
        "messaging_preference": _messaging_preference(user),
        "follows": [],
        "notifications": [],
        "notes": [
            _(
                "Posts are everything you wrote in the forums, deleted ones included. Private "
                "messages are the ones you wrote; what others wrote to you is theirs and is "
                "not included."
            ),
        ],
    }
    for relation in PERSONAL_RELATIONS:
        rows = _personal_rows(user, relation)
        if rows is not None:
            data[relation] = rows
    logger.info("data archive downloaded: user=%s", user.pk)
    return data


def _forum_posts(user: User) -> list[dict[str, Any]]:
    from forums.models import Post

    return [
        {
            "thread": post.thread.title,
            "thread_id": post.thread_id,
            "position": post.position,
            "body": post.body,
            "created_at": post.created_at.isoformat(),
            "edited_at": post.edited_at.isoformat() if post.edited_at else None,
            "is_deleted": post.is_deleted,
        }
        for post in Post.objects.filter(author=user).select_related("thread").order_by("created_at")
    ]


def _private_messages(user: User) -> list[dict[str, Any]]:
    from forums.models import Message

    return [
        {
            "conversation": message.conversation.subject,
            "conversation_id": message.conversation_id,
            "body": message.body,
            "created_at": message.created_at.isoformat(),
        }
        for message in Message.objects.filter(author=user)
        .select_related("conversation")
        .order_by("created_at", "pk")
    ]


def _messaging_preference(user: User) -> str:
    from forums.conversation_permissions import who_may_write

    return who_may_write(user)


def _email_addresses(user: User) -> list[dict[str, Any]]:
    from allauth.account.models import EmailAddress

    return [
        {"email": address.email, "verified": address.verified, "primary": address.primary}
        for address in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
    ]


# Deleting the account ----------------------------------------------------------------------


def _leave_the_forums_private_side(user: User) -> None:
    """Their choice of who may write to them goes; they leave every conversation, and what
    they wrote in it stays for the others, by a former member."""
    from forums.models import ConversationParticipant, MessagingPreference

    MessagingPreference.objects.filter(user=user).delete()
    ConversationParticipant.objects.filter(user=user).update(has_left=True)


def _delete_if_installed(app_label: str, model_name: str, **filters: Any) -> None:
    """Rows of apps that may not be installed everywhere (MFA, social accounts, sessions)."""
    if apps.is_installed(f"allauth.{app_label}") or apps.is_installed(app_label):
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            return
        model.objects.filter(**filters).delete()


@transaction.atomic
def delete_account(user: User) -> None:
    """Remove the person; keep an anonymous, inactive row for what they wrote to point to.

    The caller has confirmed the password. The current session must be ended by the caller
    (the view signs out); other sessions die with the password hash they were bound to.
    """
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    for membership in OrganisationMembership.objects.filter(user=user).select_related(
        "organisation"
    ):
        remove_from_organisation(user, membership.organisation)
    ExpertProfile.objects.filter(user=user).delete()
    for relation in PERSONAL_RELATIONS:
        manager = getattr(user, relation, None)
        if manager is not None:
            manager.all().delete()
    if hasattr(user, "followers"):  # others following this member as an expert
        user.followers.all().delete()
    _leave_the_forums_private_side(user)
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=user).delete()
    _delete_if_installed("mfa", "Authenticator", user=user)
    _delete_if_installed("socialaccount", "SocialAccount", user=user)
    _delete_if_installed("usersessions", "UserSession", user=user)

    user.groups.clear()
    user.user_permissions.clear()
    user.email = former_member_email(user.pk)
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    logger.info("account deleted: user=%s", user.pk)
