"""Private conversations: starting one, replying, leaving, reading, and who may write to me.

Errors about one thing the member typed are raised as ValidationError({field: message}),
with the fields of forums.conversation_forms ("recipients", "subject", "body"), so a form
puts each message next to its field; limits are raised as PostingLimitReached, for the top.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members.handles import ensure_handle
from members.models import User

from .. import events
from ..conversation_limits import check_message_limits, message_limit
from ..conversation_permissions import check_takes_part, refusal_to_write
from ..limits import check_length, limit
from ..models import (
    Conversation,
    ConversationParticipant,
    Message,
    MessagingPreference,
    ModerationAction,
    WhoMayWrite,
)
from ..permissions import check_can_write
from ..rendering import render_post

MAX_SUBJECT_LENGTH = Conversation._meta.get_field("subject").max_length


class DuplicateMessage(ValidationError):
    """The same text was just sent; `sent` is the message already there."""

    def __init__(self, sent: Message):
        super().__init__(_("You already sent this message a moment ago."))
        self.sent = sent


def _check_subject(subject: str) -> str:
    subject = " ".join(subject.split())
    if not subject:
        raise ValidationError({"subject": _("Give the conversation a subject.")})
    if len(subject) > MAX_SUBJECT_LENGTH:
        raise ValidationError(
            {
                "subject": _(
                    "A subject can be at most %(max)d characters long; this one has %(length)d."
                )
                % {"max": MAX_SUBJECT_LENGTH, "length": len(subject)}
            }
        )
    return subject


def _check_body(body: str) -> None:
    try:
        check_length(body)
    except ValidationError as error:
        raise ValidationError({"body": error.messages}) from error


def _check_recipients(author: User, recipients: Iterable[User]) -> list[User]:
    unique = list({recipient.pk: recipient for recipient in recipients}.values())
    if not unique:
        raise ValidationError({"recipients": _("Choose at least one person to write to.")})
    most = message_limit("MAX_RECIPIENTS")
    if len(unique) > most:
        raise ValidationError(
            {
                "recipients": ngettext(
                    "You can write to at most %(max)d person at once; you chose %(count)d.",
                    "You can write to at most %(max)d people at once; you chose %(count)d.",
                    most,
                )
                % {"max": most, "count": len(unique)}
            }
        )
    refusals = [reason for reason in (refusal_to_write(author, r) for r in unique) if reason]
    if refusals:
        raise ValidationError({"recipients": refusals})
    return unique


def _gather(errors: dict[str, list[str]], check: Callable[..., Any], *args: Any) -> Any:
    """`check(*args)`, its field errors added to `errors` instead of raised."""
    try:
        return check(*args)
    except ValidationError as error:
        errors.update(error.message_dict)
        return None


def _recent_duplicate(author: User, body: str, **where) -> Message | None:
    since = timezone.now() - timedelta(minutes=limit("DUPLICATE_WINDOW_MINUTES"))
    return (
        Message.objects.filter(author=author, body=body, created_at__gte=since)
        .filter(**where)
        .order_by("-created_at")
        .first()
    )


def _add_message(conversation: Conversation, author: User, body: str) -> Message:
    ensure_handle(author)
    rendered = render_post(body)
    now = timezone.now()
    message = Message.objects.create(
        conversation=conversation, author=author, body=body, html=rendered.html, created_at=now
    )
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now)
    conversation.last_message_at = now
    # What one wrote oneself is read.
    ConversationParticipant.objects.filter(conversation=conversation, user=author).update(
        last_read_at=now
    )
    events.announce(events.message_created, message=message)
    return message


@transaction.atomic
def start_conversation(
    *, author: User, recipients: Iterable[User], subject: str, body: str
) -> Message:
    """A new conversation between the author and the recipients; returns its first message."""
    check_can_write(author)
    # Every field's problem at once, each next to its field.
    errors: dict[str, list[str]] = {}
    recipients = _gather(errors, _check_recipients, author, recipients)
    subject = _gather(errors, _check_subject, subject)
    _gather(errors, _check_body, body)
    if errors:
        raise ValidationError(errors)
    duplicate = _recent_duplicate(
        author, body, conversation__created_by=author, conversation__subject=subject
    )
    if duplicate is not None:
        raise DuplicateMessage(duplicate)
    check_message_limits(author, body, new_conversation=True)
    now = timezone.now()
    conversation = Conversation.objects.create(
        subject=subject, created_by=author, created_at=now, last_message_at=now
    )
    ConversationParticipant.objects.bulk_create(
        [ConversationParticipant(conversation=conversation, user=author, joined_at=now)]
        + [
            ConversationParticipant(conversation=conversation, user=recipient, joined_at=now)
            for recipient in recipients
        ]
    )
    return _add_message(conversation, author, body)


def others_in(conversation: Conversation, user: User):
    """The people still in the conversation besides `user`, who would read a reply."""
    return User.objects.filter(
        pk__in=conversation.memberships.filter(has_left=False).values("user"), is_active=True
    ).exclude(pk=user.pk)


@transaction.atomic
def send_message(*, author: User, conversation: Conversation, body: str) -> Message:
    """A reply in a conversation the author takes part in."""
    check_takes_part(author, conversation)
    check_can_write(author)
    if not others_in(conversation, author).exists():
        raise PermissionDenied(
            _("Everyone else has left this conversation, so nobody would read a reply.")
        )
    _check_body(body)
    duplicate = _recent_duplicate(author, body, conversation=conversation)
    if duplicate is not None:
        raise DuplicateMessage(duplicate)
    check_message_limits(author, body, new_conversation=False)
    return _add_message(conversation, author, body)


@transaction.atomic
def leave_conversation(*, user: User, conversation: Conversation) -> None:
    """The member no longer sees the conversation, nor what is written in it afterwards."""
    place = check_takes_part(user, conversation)
    place.has_left = True
    place.save(update_fields=["has_left"])


def mark_conversation_read(
    *, user: User, conversation: Conversation, up_to: datetime | None = None
) -> None:
    """Move the member's read marker forward (never back) to `up_to`, or to the newest message."""
    up_to = up_to or conversation.last_message_at
    ConversationParticipant.objects.filter(conversation=conversation, user=user).filter(
        Q(last_read_at__isnull=True) | Q(last_read_at__lt=up_to)
    ).update(last_read_at=up_to)


def record_moderator_reading(*, moderator: User, conversation: Conversation) -> ModerationAction:
    """The log entry each time a moderator opens a reported conversation they are not in."""
    return ModerationAction.objects.create(
        kind=ModerationAction.Kind.READ_CONVERSATION,
        moderator=moderator,
        conversation=conversation,
    )


def set_who_may_write(*, user: User, who_may_write: str) -> MessagingPreference:
    if who_may_write not in WhoMayWrite.values:
        raise ValidationError({"who_may_write": _("Choose one of the options.")})
    preference, _created = MessagingPreference.objects.update_or_create(
        user=user, defaults={"who_may_write": who_may_write}
    )
    return preference
