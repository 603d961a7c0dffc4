"""Who may report what, and who may moderate what beyond one category.

forums/permissions.py answers for a category (`can_moderate`); these functions add the
rules of flags, suspensions and the moderation pages. `can_*` answers for templates,
`check_*` raises with the reason to show.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from members.permissions import check_can_contribute

from .models import Category, ConversationParticipant, Message, Post
from .permissions import can_moderate, check_can_read_thread, is_global_moderator
from .standing import standing_of


def moderated_categories(user) -> list[int]:
    """The ids of the categories `user` moderates; every category for a global moderator."""
    if not user.is_authenticated:
        return []
    if is_global_moderator(user):
        return list(Category.objects.values_list("pk", flat=True))
    return sorted(standing_of(user).moderated_category_ids)


def can_moderate_anywhere(user) -> bool:
    if not user.is_authenticated:
        return False
    standing = standing_of(user)
    return standing.moderates_everywhere or bool(standing.moderated_category_ids)


def check_can_moderate_anywhere(user) -> None:
    if not can_moderate_anywhere(user):
        raise PermissionDenied(_("Only forum moderators can see this page."))


def check_is_global_moderator(user, message: str | None = None) -> None:
    if not is_global_moderator(user):
        raise PermissionDenied(message or _("Only the forums' global moderators can do that."))


def check_can_flag_post(user, post: Post) -> None:
    check_can_read_thread(user, post.thread)
    check_can_contribute(user)
    if post.author_id == user.pk:
        raise PermissionDenied(_("You cannot report your own post."))
    if not post.is_visible_text:
        raise PermissionDenied(_("This post is already hidden or deleted."))


def _participation(user, message: Message) -> ConversationParticipant | None:
    if not user.is_authenticated:
        return None
    return ConversationParticipant.objects.filter(
        conversation_id=message.conversation_id, user=user
    ).first()


def check_can_flag_message(user, message: Message) -> None:
    """Only someone taking part in the conversation, and still in it, reports a message."""
    participation = _participation(user, message)
    if participation is None:
        raise Http404(_("There is no such message, or you cannot see it."))
    check_can_contribute(user)
    if participation.has_left:
        raise PermissionDenied(_("You left this conversation, so you cannot report its messages."))
    if message.author_id == user.pk:
        raise PermissionDenied(_("You cannot report your own message."))


def suspension_denied_reason(moderator, member) -> str | None:
    """Why `moderator` may not suspend `member`, in words to show; None if they may."""
    if not is_global_moderator(moderator):
        return _("Only the forums' global moderators can suspend members.")
    if member.pk == moderator.pk:
        return _("You cannot suspend yourself.")
    if member.is_staff or member.is_superuser:
        return _("Staff members cannot be suspended by moderators; ask an administrator.")
    if is_global_moderator(member):
        return _("A moderator cannot suspend another moderator; ask an administrator.")
    return None


def can_suspend(moderator, member) -> bool:
    return suspension_denied_reason(moderator, member) is None


def check_can_suspend(moderator, member) -> None:
    reason = suspension_denied_reason(moderator, member)
    if reason is not None:
        raise PermissionDenied(reason)


def can_moderate_post(user, post: Post) -> bool:
    return can_moderate(user, post.thread.category)
