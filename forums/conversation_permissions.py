"""Who may write to whom privately, and who may read a conversation.

A conversation is private to the people in it. Moderators cannot read it unless someone in
it reported one of its messages; then they may, and each time they do it is logged
(forums.actions.conversations.record_moderator_reading). To anyone else a conversation
does not exist: every refusal to read is a 404, never a 403.
"""

from __future__ import annotations

from enum import Enum

from django.http import Http404
from django.utils.translation import gettext as _

from members.models import Follow, User

from .authors import author_name
from .models import (
    Conversation,
    ConversationParticipant,
    Flag,
    MessagingPreference,
    WhoMayWrite,
)
from .permissions import is_global_moderator


class Access(Enum):
    PARTICIPANT = "participant"
    MODERATOR = "moderator"  # reading a reported conversation; logged


def who_may_write(user: User) -> str:
    """The member's choice; members who never chose accept messages from anyone signed in."""
    return (
        MessagingPreference.objects.filter(user=user)
        .values_list("who_may_write", flat=True)
        .first()
        or WhoMayWrite.ANYONE
    )


def refusal_to_write(author, recipient: User) -> str | None:
    """Why `author` may not start a conversation with `recipient`, naming them; None if may.

    Moderators can write to anyone, whatever the member chose, so that a warning or a
    question about a report can always reach them.
    """
    name = author_name(recipient)
    if recipient.pk == author.pk:
        return _("You cannot write to yourself.")
    if not recipient.is_active:
        return _("%(name)s is no longer a member.") % {"name": name}
    if is_global_moderator(author):
        return None
    choice = who_may_write(recipient)
    if choice == WhoMayWrite.NOBODY:
        return _("%(name)s does not accept private messages.") % {"name": name}
    if choice == WhoMayWrite.FOLLOWED and not follows(recipient, author):
        return _("%(name)s accepts private messages only from people they follow.") % {"name": name}
    return None


def follows(member: User, expert: User) -> bool:
    return Follow.objects.filter(follower=member, expert=expert).exists()


def can_write_to(author, recipient: User) -> bool:
    """For the "Contact" button on a profile: signed in, someone else, and welcome to write."""
    return author.is_authenticated and refusal_to_write(author, recipient) is None


def membership(user, conversation: Conversation) -> ConversationParticipant | None:
    """The user's place in the conversation, unless they left it."""
    if not user.is_authenticated:
        return None
    return ConversationParticipant.objects.filter(
        conversation=conversation, user=user, has_left=False
    ).first()


def is_reported_by_a_participant(conversation: Conversation) -> bool:
    return Flag.objects.filter(
        message__conversation=conversation,
        reporter__in=conversation.memberships.values("user"),
    ).exists()


def conversation_access(user, conversation: Conversation) -> Access | None:
    if membership(user, conversation) is not None:
        return Access.PARTICIPANT
    if is_global_moderator(user) and is_reported_by_a_participant(conversation):
        return Access.MODERATOR
    return None


def can_read_conversation(user, conversation: Conversation) -> bool:
    return conversation_access(user, conversation) is not None


def check_can_read_conversation(user, conversation: Conversation) -> Access:
    access = conversation_access(user, conversation)
    if access is None:
        raise Http404(_("There is no such conversation, or you cannot see it."))
    return access


def check_takes_part(user, conversation: Conversation) -> ConversationParticipant:
    """Replying and leaving are for the people in it; a reading moderator is not one."""
    place = membership(user, conversation)
    if place is None:
        raise Http404(_("There is no such conversation, or you cannot see it."))
    return place
