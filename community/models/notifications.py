"""Notifications: what members are told, and how each member wants to be told of each kind.

A notification points at what it is about (a thread and post, a conversation, a page, a
member) instead of copying it, so that what it shows is checked against the recipient's
rights whenever it is shown (community/notifications/queries.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    REPLY = "reply", _("New posts in threads, categories and tags I watch")
    NEW_THREAD = "new_thread", _("New threads in categories and tags I watch")
    MESSAGE = "message", _("New private messages")
    REPLY_TO_ME = "reply_to_me", _("Replies to my posts")
    MENTION = "mention", _("Mentions of me")
    ANSWER_ACCEPTED = "accepted", _("My answer accepted")
    LIKE = "like", _("Likes of my posts")
    FOLLOWED_CONTENT = "followed", _("New resources and events from what I follow")
    NEW_FOLLOWER = "follower", _("New followers")
    MODERATION = "moderation", _("Moderation decisions about my contributions")
    INVITATION = "invitation", _("Invitations to organisations")


class Delivery(models.TextChoices):
    SITE = "site", _("On the site only")
    EMAIL = "email", _("On the site and by e-mail at once")
    DIGEST = "digest", _("On the site and in a daily e-mail digest")
    OFF = "off", _("Off")


# What a member gets before choosing: private messages are worth an e-mail at once.
# (Invitations, verification and publication decisions send their own e-mail already.)
DEFAULT_DELIVERY = {NotificationKind.MESSAGE: Delivery.EMAIL}


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=12, choices=NotificationKind.choices)
    # Unread notifications with the same key collapse into one ("3 new replies in ...").
    group_key = models.CharField(max_length=80)
    count = models.PositiveIntegerField(default=1)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    thread = models.ForeignKey(
        "forums.Thread", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    post = models.ForeignKey(
        "forums.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    conversation = models.ForeignKey(
        "forums.Conversation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # A short text of its own where there is nothing to point at (a moderator's reason).
    note = models.CharField(max_length=300, blank=True)
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at", "-updated_at"]),
            models.Index(fields=["recipient", "group_key"]),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.recipient_id} (x{self.count})"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class NotificationPreference(models.Model):
    """How a member wants one kind of notification; no row means the kind's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=12, choices=NotificationKind.choices)
    delivery = models.CharField(max_length=8, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind} → {self.delivery}"
