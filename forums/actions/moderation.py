"""Reporting and moderating: flags, hiding and restoring, locking, pinning, moving, suspending.

Every verb checks its permission first, writes one `ModerationAction` row (the log) with
the moderator's reason, and announces what changed once the transaction has committed.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members.models import User

from .. import events
from ..models import (
    Category,
    Flag,
    FlagReason,
    Message,
    ModerationAction,
    Post,
    Suspension,
    Thread,
)
from ..moderation_permissions import (
    check_can_flag_message,
    check_can_flag_post,
    check_can_suspend,
    check_is_global_moderator,
)
from ..permissions import check_can_moderate

Kind = ModerationAction.Kind
MAX_REASON_LENGTH = ModerationAction._meta.get_field("reason").max_length
MAX_HIDDEN_REASON_LENGTH = Post._meta.get_field("hidden_reason").max_length
MAX_DETAILS_LENGTH = Flag._meta.get_field("details").max_length


def flags_per_day() -> int:
    """How many reports one member may send in 24 hours (`FORUMS_LIMITS["FLAGS_PER_DAY"]`)."""
    return getattr(settings, "FORUMS_LIMITS", {}).get("FLAGS_PER_DAY", 20)


class AlreadyFlagged(ValidationError):
    """The reporter's earlier report of the same post or message is still waiting."""

    def __init__(self, flag: Flag):
        super().__init__(
            _("You have already reported this; a moderator will look at it soon."),
            code="already_flagged",
        )
        self.flag = flag


class FlagLimitReached(ValidationError):
    """Too many reports in a day; the message says how long to wait."""


def _log(kind: str, moderator: User, reason: str = "", **target) -> ModerationAction:
    return ModerationAction.objects.create(
        kind=kind, moderator=moderator, reason=reason[:MAX_REASON_LENGTH], **target
    )


def _clean_reason(reason: str, *, required: bool, max_length: int = MAX_REASON_LENGTH) -> str:
    reason = " ".join((reason or "").split())
    if required and not reason:
        raise ValidationError(
            {
                "reason": _(
                    "Give a reason: it is kept in the moderation log, "
                    "and the member concerned sees it."
                )
            }
        )
    if len(reason) > max_length:
        raise ValidationError(
            {
                "reason": _(
                    "A reason can be at most %(max)d characters long; this one has %(length)d."
                )
                % {"max": max_length, "length": len(reason)}
            }
        )
    return reason


# Flags -----------------------------------------------------------------------------------


def _check_flag(reporter: User, reason: str, details: str, open_flag: Flag | None) -> str:
    if reason not in FlagReason.values:
        raise ValidationError({"reason": _("Choose one of the reasons offered.")})
    details = (details or "").strip()
    if reason == FlagReason.OTHER and not details:
        raise ValidationError(
            {"details": _("Say what is wrong: with “Something else” the details are needed.")}
        )
    if len(details) > MAX_DETAILS_LENGTH:
        raise ValidationError(
            {
                "details": _(
                    "The details can be at most %(max)d characters long; these have %(length)d."
                )
                % {"max": MAX_DETAILS_LENGTH, "length": len(details)}
            }
        )
    if open_flag is not None:
        raise AlreadyFlagged(open_flag)
    _check_flag_limit(reporter)
    return details


def _check_flag_limit(reporter: User) -> None:
    day = timedelta(days=1)
    allowed = flags_per_day()
    recent = list(
        Flag.objects.filter(reporter=reporter, created_at__gt=timezone.now() - day)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:allowed]
    )
    if len(recent) >= allowed:
        hours = max(1, math.ceil((recent[-1] + day - timezone.now()).total_seconds() / 3600))
        raise FlagLimitReached(
            ngettext(
                "You have sent %(count)d report today, the most one member can send in a day.",
                "You have sent %(count)d reports today, the most one member can send in a day.",
                len(recent),
            )
            % {"count": len(recent)}
            + " "
            + ngettext(
                "Please wait %(hours)d hour, or write to a moderator if it is urgent.",
                "Please wait %(hours)d hours, or write to a moderator if it is urgent.",
                hours,
            )
            % {"hours": hours},
            code="flag_limit",
        )


@transaction.atomic
def flag_post(*, reporter: User, post: Post, reason: str, details: str = "") -> Flag:
    """Report a post to the moderators of its category."""
    check_can_flag_post(reporter, post)
    open_flag = Flag.objects.filter(reporter=reporter, post=post, status=Flag.Status.OPEN).first()
    details = _check_flag(reporter, reason, details, open_flag)
    return Flag.objects.create(post=post, reporter=reporter, reason=reason, details=details)


@transaction.atomic
def flag_message(*, reporter: User, message: Message, reason: str, details: str = "") -> Flag:
    """Report a private message to the global moderators."""
    check_can_flag_message(reporter, message)
    open_flag = Flag.objects.filter(
        reporter=reporter, message=message, status=Flag.Status.OPEN
    ).first()
    details = _check_flag(reporter, reason, details, open_flag)
    return Flag.objects.create(message=message, reporter=reporter, reason=reason, details=details)


def _check_can_handle_flag(moderator: User, flag: Flag) -> None:
    if flag.post_id is not None:
        check_can_moderate(moderator, flag.post.thread.category)
    else:
        check_is_global_moderator(
            moderator, _("Only the forums' global moderators handle reports of private messages.")
        )


def _resolve_flags(flags, moderator: User, status: str) -> int:
    return flags.filter(status=Flag.Status.OPEN).update(
        status=status, resolved_by=moderator, resolved_at=timezone.now()
    )


@transaction.atomic
def dismiss_flag(*, moderator: User, flag: Flag, reason: str = "") -> Flag:
    """Nothing to act on: the report is closed, the post or message stays as it is."""
    _check_can_handle_flag(moderator, flag)
    reason = _clean_reason(reason, required=False)
    if not _resolve_flags(Flag.objects.filter(pk=flag.pk), moderator, Flag.Status.DISMISSED):
        raise ValidationError(_("This report has already been dealt with."))
    flag.refresh_from_db(fields=["status", "resolved_by", "resolved_at"])
    if flag.post_id is not None:
        target = {"post": flag.post, "thread": flag.post.thread, "member": flag.post.author}
    else:
        target = {"conversation": flag.message.conversation, "member": flag.message.author}
    _log(Kind.DISMISS_FLAG, moderator, reason, details=flag.get_reason_display(), **target)
    return flag


# Posts -----------------------------------------------------------------------------------


@transaction.atomic
def hide_post(*, moderator: User, post: Post, reason: str) -> Post:
    """Readers see a placeholder with the reason; the author and moderators still see it all.

    The open reports of the post are resolved as acted on.
    """
    thread = post.thread
    check_can_moderate(moderator, thread.category)
    reason = _clean_reason(reason, required=True, max_length=MAX_HIDDEN_REASON_LENGTH)
    changed = (
        Post.objects.filter(pk=post.pk)
        .exclude(is_hidden=True, hidden_reason=reason)
        .update(is_hidden=True, hidden_reason=reason)
    )
    post.is_hidden, post.hidden_reason = True, reason
    if not changed:
        return post
    _resolve_flags(Flag.objects.filter(post=post), moderator, Flag.Status.ACTED)
    details = ""
    if thread.accepted_post_id == post.pk:
        # An accepted answer is a visible reply (accept_answer's rule); the asker can accept
        # it again once it is restored.
        thread.accepted_post = None
        thread.save(update_fields=["accepted_post"])
        details = _("It was the accepted answer.")
    _log(
        Kind.HIDE_POST,
        moderator,
        reason,
        post=post,
        thread=thread,
        member=post.author,
        details=details,
    )
    events.announce(events.post_changed, post=post)
    return post


@transaction.atomic
def restore_post(*, moderator: User, post: Post, reason: str = "") -> Post:
    check_can_moderate(moderator, post.thread.category)
    reason = _clean_reason(reason, required=False)
    changed = Post.objects.filter(pk=post.pk, is_hidden=True).update(
        is_hidden=False, hidden_reason=""
    )
    post.is_hidden, post.hidden_reason = False, ""
    if not changed:
        return post
    _log(Kind.RESTORE_POST, moderator, reason, post=post, thread=post.thread, member=post.author)
    events.announce(events.post_changed, post=post)
    return post


# Threads ---------------------------------------------------------------------------------


def _set_thread_flag(
    moderator: User, thread: Thread, field: str, value: bool, kind: str, reason: str
) -> Thread:
    check_can_moderate(moderator, thread.category)
    reason = _clean_reason(reason, required=kind == Kind.HIDE_THREAD)
    # A conditional update: a stale copy, or two moderators at once, change and log it once.
    changed = Thread.objects.filter(pk=thread.pk).exclude(**{field: value}).update(**{field: value})
    setattr(thread, field, value)
    if not changed:
        return thread
    _log(kind, moderator, reason, thread=thread, member=thread.author)
    events.announce(events.thread_changed, thread=thread)
    return thread


@transaction.atomic
def hide_thread(*, moderator: User, thread: Thread, reason: str) -> Thread:
    """Only moderators see a hidden thread; for everyone else it no longer exists."""
    return _set_thread_flag(moderator, thread, "is_hidden", True, Kind.HIDE_THREAD, reason)


@transaction.atomic
def restore_thread(*, moderator: User, thread: Thread, reason: str = "") -> Thread:
    return _set_thread_flag(moderator, thread, "is_hidden", False, Kind.RESTORE_THREAD, reason)


@transaction.atomic
def lock_thread(*, moderator: User, thread: Thread, reason: str = "") -> Thread:
    """No more replies, except from moderators."""
    return _set_thread_flag(moderator, thread, "is_locked", True, Kind.LOCK, reason)


@transaction.atomic
def unlock_thread(*, moderator: User, thread: Thread, reason: str = "") -> Thread:
    return _set_thread_flag(moderator, thread, "is_locked", False, Kind.UNLOCK, reason)


@transaction.atomic
def pin_thread(*, moderator: User, thread: Thread, reason: str = "") -> Thread:
    """First in its category's list, before the threads with newer posts."""
    return _set_thread_flag(moderator, thread, "is_pinned", True, Kind.PIN, reason)


@transaction.atomic
def unpin_thread(*, moderator: User, thread: Thread, reason: str = "") -> Thread:
    return _set_thread_flag(moderator, thread, "is_pinned", False, Kind.UNPIN, reason)


@transaction.atomic
def move_thread(
    *, moderator: User, thread: Thread, to_category: Category, reason: str = ""
) -> Thread:
    """Into another category; the moderator must moderate both."""
    from_category = thread.category
    check_can_moderate(moderator, from_category)
    check_can_moderate(moderator, to_category)
    reason = _clean_reason(reason, required=False)
    if to_category.pk == from_category.pk:
        raise ValidationError({"to_category": _("The thread is already in this category.")})
    thread.category = to_category
    thread.save(update_fields=["category"])
    details = _("From “%(from)s” to “%(to)s”") % {
        "from": from_category.name,
        "to": to_category.name,
    }
    _log(Kind.MOVE, moderator, reason, thread=thread, member=thread.author, details=details)
    events.announce(events.thread_changed, thread=thread)
    return thread


# Members ---------------------------------------------------------------------------------


def _when(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


@transaction.atomic
def suspend_member(
    *, moderator: User, member: User, until: datetime, reason: str, flag: Flag | None = None
) -> Suspension:
    """Bar `member` from posting, replying and writing messages until `until`.

    A new suspension replaces the one running. `flag`, a report of the member's post or
    message that led to it, is resolved as acted on.
    """
    check_can_suspend(moderator, member)
    reason = _clean_reason(reason, required=True)
    now = timezone.now()
    if until <= now:
        raise ValidationError({"until": _("Choose an end in the future.")})
    running = Suspension.objects.filter(
        user=member, starts_at__lte=now, ends_at__gt=now, lifted_at__isnull=True
    )
    details = _("Until %(until)s") % {"until": _when(until)}
    if running.exists():
        details += " · " + _("replaces the suspension that was running")
        running.update(lifted_at=now)
    suspension = Suspension.objects.create(
        user=member, reason=reason, starts_at=now, ends_at=until, created_by=moderator
    )
    if flag is not None and flag.status == Flag.Status.OPEN:
        target_author = flag.post.author_id if flag.post_id else flag.message.author_id
        if target_author == member.pk:
            _resolve_flags(Flag.objects.filter(pk=flag.pk), moderator, Flag.Status.ACTED)
    _log(Kind.SUSPEND, moderator, reason, member=member, details=details)
    events.announce(events.member_suspended, suspension=suspension)
    return suspension


@transaction.atomic
def lift_suspension(*, moderator: User, member: User, reason: str = "") -> int:
    """End the member's running suspension now; returns how many were lifted (0 or 1)."""
    check_is_global_moderator(
        moderator, _("Only the forums' global moderators can lift suspensions.")
    )
    reason = _clean_reason(reason, required=False)
    now = timezone.now()
    lifted = Suspension.objects.filter(user=member, ends_at__gt=now, lifted_at__isnull=True).update(
        lifted_at=now
    )
    if not lifted:
        raise ValidationError(_("This member is not suspended."))
    _log(Kind.LIFT_SUSPENSION, moderator, reason, member=member)
    return lifted
