"""Who may read or do what in the forums: `can_*` answers for templates, `check_*` raises.

Reading goes through the `visible_to` querysets in forums/models.py; these functions answer
for one object already in hand, and every action calls the `check_*` it needs before it
writes anything.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from members.permissions import check_can_contribute

from .models import Category, Post, Suspension, Thread, moderates_everywhere
from .standing import standing_of

AnyUser = "User | AnonymousUser"


is_global_moderator = moderates_everywhere


def can_moderate(user, category: Category) -> bool:
    """Global moderators moderate everywhere; a category's moderators only there."""
    standing = standing_of(user)
    return standing.moderates_everywhere or category.pk in standing.moderated_category_ids


def check_can_moderate(user, category: Category) -> None:
    if not can_moderate(user, category):
        raise PermissionDenied(_("Only the moderators of this category can do that."))


def can_read_category(user, category: Category) -> bool:
    return category.is_readable_by(user)


def check_can_read_thread(user, thread: Thread) -> None:
    """A thread one may not see does not exist, as far as the reader can tell."""
    if not thread.is_readable_by(user):
        raise Http404(_("There is no such thread, or you cannot see it."))


def active_suspension(user) -> Suspension | None:
    """The suspension that ends last, of those in force; only a suspended member's costs a query."""
    suspension_ids = standing_of(user).suspension_ids
    if not suspension_ids:
        return None
    return Suspension.objects.filter(pk__in=suspension_ids).order_by("-ends_at").first()


def suspension_message(suspension: Suspension) -> str:
    return _("You are suspended from posting until %(until)s. Reason: %(reason)s") % {
        "until": formats.date_format(timezone.localtime(suspension.ends_at), "DATETIME_FORMAT"),
        "reason": suspension.reason,
    }


def check_can_write(user) -> None:
    """Signed in, e-mail confirmed, not suspended: the rule for posts, replies and messages."""
    # Asked first, the standing's one query answers the e-mail check too.
    suspension = active_suspension(user)
    check_can_contribute(user)
    if suspension is not None:
        raise PermissionDenied(suspension_message(suspension))


def check_can_start_thread(user, category: Category) -> None:
    if not can_read_category(user, category):
        raise Http404(_("There is no such category, or you cannot see it."))
    check_can_write(user)


def reply_denied_reason(user, thread: Thread) -> str | None:
    """Why this reader may not reply, in words to show them; None if they may."""
    if thread.is_locked and not can_moderate(user, thread.category):
        return _("This thread is locked: no new replies can be posted.")
    try:
        check_can_write(user)
    except PermissionDenied as denied:
        return str(denied)
    return None


def check_can_reply(user, thread: Thread) -> None:
    check_can_read_thread(user, thread)
    reason = reply_denied_reason(user, thread)
    if reason is not None:
        raise PermissionDenied(reason)


def can_edit(user, post: Post) -> bool:
    if not user.is_authenticated or post.is_deleted:
        return False
    if can_moderate(user, post.thread.category):
        return True
    return post.author_id == user.pk and not post.is_hidden and not post.thread.is_locked


def check_can_edit(user, post: Post) -> None:
    check_can_read_thread(user, post.thread)
    if not can_edit(user, post):
        raise PermissionDenied(_("You can edit only your own posts."))
    check_can_write(user)


def check_can_delete(user, post: Post) -> None:
    check_can_read_thread(user, post.thread)
    if post.position == 1:
        raise PermissionDenied(
            _("The first post of a thread cannot be deleted; ask a moderator to hide the thread.")
        )
    if post.author_id != user.pk and not can_moderate(user, post.thread.category):
        raise PermissionDenied(_("You can delete only your own posts."))


def can_accept_answer(user, thread: Thread) -> bool:
    if not thread.is_question or not user.is_authenticated:
        return False
    return thread.author_id == user.pk or can_moderate(user, thread.category)


def check_can_accept_answer(user, thread: Thread) -> None:
    check_can_read_thread(user, thread)
    if not can_accept_answer(user, thread):
        raise PermissionDenied(
            _("Only the person who asked, or a moderator, can accept an answer.")
        )
