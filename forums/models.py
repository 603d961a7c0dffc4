"""Forums: categories, threads and posts; reading state, watching, reactions and bookmarks;
private conversations; flags, suspensions and the moderation log.

Models hold data and invariants only. What changes them lives in forums/actions/, who may
see or do what in forums/permissions.py, and the read paths in forums/queries.py.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .standing import standing_of

User = settings.AUTH_USER_MODEL

POSTS_PER_PAGE = 20
THREADS_PER_PAGE = 30


class CategoryVisibility(models.TextChoices):
    PUBLIC = "public", _("Public: anyone can read it")
    MEMBERS = "members", _("Members only: signed-in members can read it")
    GROUP = "group", _("Private: only the members of one group can read it")


def moderates_everywhere(user) -> bool:
    """Superusers and holders of "moderate every forum category" read and moderate it all."""
    return standing_of(user).moderates_everywhere


class CategoryQuerySet(models.QuerySet):
    def visible_to(self, user) -> CategoryQuerySet:
        """The one definition of who may read a category: pages, search, feeds, notifications."""
        if moderates_everywhere(user):
            return self
        if not user.is_authenticated:
            return self.filter(visibility=CategoryVisibility.PUBLIC)
        standing = standing_of(user)
        return self.filter(
            Q(visibility__in=[CategoryVisibility.PUBLIC, CategoryVisibility.MEMBERS])
            | Q(visibility=CategoryVisibility.GROUP, group__in=standing.group_ids)
            | Q(pk__in=standing.moderated_category_ids)
        )


class Category(models.Model):
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("description"), blank=True, max_length=1000)
    action_line = models.ForeignKey(
        "community.ActionLine",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("WSIS action line"),
    )
    theme = models.ForeignKey(
        "community.Theme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("theme"),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    visibility = models.CharField(
        _("who can read it"),
        max_length=10,
        choices=CategoryVisibility.choices,
        default=CategoryVisibility.PUBLIC,
    )
    group = models.ForeignKey(
        Group,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("group"),
        help_text=_("For a private category: the working group or organisation's people."),
    )
    moderators = models.ManyToManyField(
        User, blank=True, related_name="moderated_categories", verbose_name=_("moderators")
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        permissions = [("moderate_forums", _("Can moderate every forum category"))]
        constraints = [
            models.CheckConstraint(
                condition=~Q(visibility="group") | Q(group__isnull=False),
                name="private_category_has_group",
                violation_error_message=_("Choose the group whose members may read it."),
            )
        ]
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forums:category", args=[self.slug])

    def is_readable_by(self, user) -> bool:
        """CategoryQuerySet.visible_to's rule for one category in hand, without its query.

        The two must agree: tests/forums/test_visibility.py checks them against each other
        for every visibility and role.
        """
        if self.visibility == CategoryVisibility.PUBLIC:
            return True
        if not user.is_authenticated:
            return False
        if self.visibility == CategoryVisibility.MEMBERS:
            return True
        standing = standing_of(user)
        return (
            standing.moderates_everywhere
            or self.group_id in standing.group_ids
            or self.pk in standing.moderated_category_ids
        )

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.visibility == CategoryVisibility.GROUP and self.group_id is None:
            raise ValidationError(
                {"group": _("A private category needs the group whose members may read it.")}
            )


class ThreadQuerySet(models.QuerySet):
    def visible_to(self, user) -> ThreadQuerySet:
        """Threads in categories the user may read; hidden threads only for moderators."""
        threads = self.filter(category__in=Category.objects.visible_to(user))
        if moderates_everywhere(user):
            return threads
        moderated = standing_of(user).moderated_category_ids
        if moderated:
            return threads.filter(Q(is_hidden=False) | Q(category__in=moderated))
        return threads.filter(is_hidden=False)


class Thread(models.Model):
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="threads", verbose_name=_("category")
    )
    title = models.CharField(_("title"), max_length=150)
    author = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    is_question = models.BooleanField(
        _("this is a question"),
        default=False,
        help_text=_("Replies can then be marked as the accepted answer."),
    )
    accepted_post = models.ForeignKey(
        "Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action_lines = models.ManyToManyField(
        "community.ActionLine", blank=True, related_name="+", verbose_name=_("WSIS action lines")
    )
    themes = models.ManyToManyField(
        "community.Theme", blank=True, related_name="+", verbose_name=_("themes")
    )
    is_locked = models.BooleanField(default=False)
    is_pinned = models.BooleanField(default=False)
    is_hidden = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    # Kept by the posting actions so that lists sort and count without reading every post.
    last_posted_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_poster = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_position = models.PositiveIntegerField(default=0)
    reply_count = models.PositiveIntegerField(default=0)
    like_count = models.PositiveIntegerField(default=0)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["category", "-is_pinned", "-last_posted_at"]),
            models.Index(fields=["-last_posted_at"]),
        ]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forums:thread", args=[self.pk])

    def is_readable_by(self, user) -> bool:
        """ThreadQuerySet.visible_to's rule for one thread in hand (see Category's)."""
        if not self.category.is_readable_by(user):
            return False
        if not self.is_hidden:
            return True
        standing = standing_of(user)
        return standing.moderates_everywhere or self.category_id in standing.moderated_category_ids

    @property
    def is_answered(self) -> bool:
        return self.accepted_post_id is not None


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    # 1 for the first post; never reused, so a link to a post always finds its page.
    position = models.PositiveIntegerField()
    author = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("message"))
    html = models.TextField(editable=False)
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    is_deleted = models.BooleanField(default=False)
    is_hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=300, blank=True)
    like_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["thread", "position"], name="one_post_per_position")
        ]
        indexes = [models.Index(fields=["author", "-created_at"])]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self) -> str:
        return f"{self.thread} #{self.position}"

    def get_absolute_url(self) -> str:
        return reverse("forums:post", args=[self.pk])

    @property
    def page_number(self) -> int:
        return (self.position - 1) // POSTS_PER_PAGE + 1

    @property
    def anchor(self) -> str:
        return f"post-{self.position}"

    @property
    def is_visible_text(self) -> bool:
        """False when readers see a placeholder instead of the text."""
        return not (self.is_deleted or self.is_hidden)


class PostRevision(models.Model):
    """The text a post had before an edit; moderators can read every earlier version."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    edited_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.post} before {self.created_at:%Y-%m-%d %H:%M}"


class Reaction(models.Model):
    """A like; one per member and post."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="forum_reactions")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="one_like_per_post")]

    def __str__(self) -> str:
        return f"{self.user_id} likes {self.post}"


class Bookmark(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="bookmarks")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="forum_bookmarks")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="one_bookmark_per_post")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} bookmarked {self.post}"


class ReadState(models.Model):
    """How far a member has read a thread: posts after `last_read_position` are unread."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="forum_read_states")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_states")
    last_read_position = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="one_read_state_per_thread")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.thread_id} to #{self.last_read_position}"


class WatchLevel(models.TextChoices):
    WATCHING = "watching", _("Watching: be told of every new post")
    WATCHING_FIRST_POST = "first_post", _("Watching first post: be told of new threads only")
    TRACKING = "tracking", _("Tracking: show counts of new posts")
    NORMAL = "normal", _("Normal: be told only when someone mentions or replies to you")
    MUTED = "muted", _("Muted: never be told, and hide it from latest")


WATCH_TARGETS = ["thread", "category", "action_line", "theme"]


class Watch(models.Model):
    """A member's watching level for one thread, category or tag; exactly one target is set."""

    TARGETS = WATCH_TARGETS

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="forum_watches")
    level = models.CharField(max_length=12, choices=WatchLevel.choices)
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.CASCADE)
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.CASCADE)
    action_line = models.ForeignKey(
        "community.ActionLine", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    theme = models.ForeignKey(
        "community.Theme", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(thread__isnull=False, category__isnull=True, action_line__isnull=True)
                    & Q(theme__isnull=True)
                )
                | (
                    Q(thread__isnull=True, category__isnull=False, action_line__isnull=True)
                    & Q(theme__isnull=True)
                )
                | (
                    Q(thread__isnull=True, category__isnull=True, action_line__isnull=False)
                    & Q(theme__isnull=True)
                )
                | (
                    Q(thread__isnull=True, category__isnull=True, action_line__isnull=True)
                    & Q(theme__isnull=False)
                ),
                name="watch_has_exactly_one_target",
            ),
            *[
                models.UniqueConstraint(
                    fields=["user", target],
                    condition=Q(**{f"{target}__isnull": False}),
                    name=f"watch_{target}_once",
                )
                for target in WATCH_TARGETS
            ],
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.level}"


# Private conversations -------------------------------------------------------------------


class WhoMayWrite(models.TextChoices):
    ANYONE = "anyone", _("Anyone signed in")
    FOLLOWED = "followed", _("Only people I follow")
    NOBODY = "nobody", _("Nobody")


class MessagingPreference(models.Model):
    """Who may start a private conversation with this member (anyone, when no row exists)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="messaging")
    who_may_write = models.CharField(
        _("who may write to me privately"),
        max_length=10,
        choices=WhoMayWrite.choices,
        default=WhoMayWrite.ANYONE,
    )

    def __str__(self) -> str:
        return f"{self.user_id}: {self.who_may_write}"


class Conversation(models.Model):
    subject = models.CharField(_("subject"), max_length=150)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now, db_index=True)
    participants = models.ManyToManyField(
        User, through="ConversationParticipant", related_name="conversations"
    )

    class Meta:
        ordering = ["-last_message_at"]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("forums:conversation", args=[self.pk])


class ConversationParticipant(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    joined_at = models.DateTimeField(default=timezone.now)
    last_read_at = models.DateTimeField(null=True, blank=True)
    has_left = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "user"], name="one_participation_per_conversation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.conversation_id}"


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("message"))
    html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.conversation_id} #{self.pk}"


# Moderation ------------------------------------------------------------------------------


class FlagReason(models.TextChoices):
    SPAM = "spam", _("Spam: advertising or unrelated links")
    OFF_TOPIC = "off_topic", _("Off-topic: not about this discussion")
    ABUSIVE = "abusive", _("Abusive: insulting, harassing or hateful")
    OTHER = "other", _("Something else (say what)")


class Flag(models.Model):
    """A member's report of a post, or of a message in a conversation they take part in."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for a moderator")
        ACTED = "acted", _("Acted on")
        DISMISSED = "dismissed", _("Dismissed")

    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE)
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.CASCADE)
    reporter = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(_("reason"), max_length=10, choices=FlagReason.choices)
    details = models.TextField(_("details"), blank=True, max_length=1000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(post__isnull=False, message__isnull=True)
                | Q(post__isnull=True, message__isnull=False),
                name="flag_has_exactly_one_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.get_status_display()})"


class Suspension(models.Model):
    """A member barred from posting until `ends_at`, with a reason they are shown."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="forum_suspensions")
    reason = models.CharField(_("reason"), max_length=500)
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(_("until"))
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return f"{self.user_id} until {self.ends_at:%Y-%m-%d}"


class ModerationAction(models.Model):
    """The log: every moderation action, who took it, on what, and why."""

    class Kind(models.TextChoices):
        HIDE_POST = "hide_post", _("Hid a post")
        RESTORE_POST = "restore_post", _("Restored a post")
        HIDE_THREAD = "hide_thread", _("Hid a thread")
        RESTORE_THREAD = "restore_thread", _("Restored a thread")
        LOCK = "lock", _("Locked a thread")
        UNLOCK = "unlock", _("Unlocked a thread")
        PIN = "pin", _("Pinned a thread")
        UNPIN = "unpin", _("Unpinned a thread")
        MOVE = "move", _("Moved a thread")
        SUSPEND = "suspend", _("Suspended a member")
        LIFT_SUSPENSION = "unsuspend", _("Lifted a suspension")
        DISMISS_FLAG = "dismiss_flag", _("Dismissed a flag")
        READ_CONVERSATION = "read_conversation", _("Read a flagged conversation")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    moderator = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.SET_NULL)
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.SET_NULL)
    member = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    conversation = models.ForeignKey(Conversation, null=True, blank=True, on_delete=models.SET_NULL)
    reason = models.CharField(max_length=500, blank=True)
    details = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d %H:%M})"
