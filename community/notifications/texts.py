"""What a notification says and where it leads, in the reader's language."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from community.models import Notification, NotificationKind
from forums.authors import author_name


def _title(notification: Notification) -> str:
    if notification.thread_id:
        return notification.thread.title
    if notification.conversation_id:
        return notification.conversation.subject
    if notification.page_id:
        return notification.page.title
    return ""


def describe(notification: Notification) -> str:
    """One sentence, e.g. "3 new posts in “Open data portals”"."""
    n, kind = notification.count, notification.kind
    values = {"name": author_name(notification.actor), "title": _title(notification), "count": n}
    if kind == NotificationKind.REPLY:
        text = (
            ngettext("%(count)d new post in “%(title)s”", "%(count)d new posts in “%(title)s”", n)
            if n > 1
            else _("%(name)s posted in “%(title)s”")
        )
    elif kind == NotificationKind.NEW_THREAD:
        text = _("%(name)s started “%(title)s”")
    elif kind == NotificationKind.MESSAGE:
        text = (
            ngettext(
                "%(count)d new message in “%(title)s”", "%(count)d new messages in “%(title)s”", n
            )
            if n > 1
            else _("%(name)s wrote to you: “%(title)s”")
        )
    elif kind == NotificationKind.REPLY_TO_ME:
        text = (
            ngettext(
                "%(count)d reply to your posts in “%(title)s”",
                "%(count)d replies to your posts in “%(title)s”",
                n,
            )
            if n > 1
            else _("%(name)s replied to your post in “%(title)s”")
        )
    elif kind == NotificationKind.MENTION:
        text = _("%(name)s mentioned you in “%(title)s”")
    elif kind == NotificationKind.ANSWER_ACCEPTED:
        text = _("Your answer in “%(title)s” was accepted")
    elif kind == NotificationKind.LIKE:
        text = (
            ngettext(
                "%(count)d person liked your post in “%(title)s”",
                "%(count)d people liked your post in “%(title)s”",
                n,
            )
            if n > 1
            else _("%(name)s liked your post in “%(title)s”")
        )
    elif kind == NotificationKind.FOLLOWED_CONTENT:
        text = _("New: “%(title)s”")
    elif kind == NotificationKind.NEW_FOLLOWER:
        text = (
            ngettext("%(count)d new follower", "%(count)d new followers", n)
            if n > 1
            else _("%(name)s follows you now")
        )
    elif kind == NotificationKind.INVITATION:
        text = _("You are invited to join %(title)s")
    else:
        text = "%(title)s"
    sentence = text % values
    if notification.note:
        sentence = f"{sentence}: {notification.note}" if sentence else notification.note
    return sentence


def link(notification: Notification) -> str:
    if notification.link:
        return notification.link
    if notification.post_id:
        return reverse("forums:post", args=[notification.post_id])
    if notification.thread_id:
        return reverse("forums:thread", args=[notification.thread_id])
    if notification.conversation_id:
        return reverse("forums:conversation", args=[notification.conversation_id])
    if notification.page_id:
        return notification.page.url or "/"
    return reverse("notifications:list")


def describe_in_each_language(notification: Notification) -> dict[str, str]:
    """For the live push: every open page shows it in its own language."""
    from django.conf import settings

    texts = {}
    for code, _name in settings.LANGUAGES:
        with override(code):
            texts[code] = describe(notification)
    return texts
