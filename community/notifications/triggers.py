"""Who is told of what. Each receiver runs after the triggering transaction committed (the
forums and members announce their events from transaction.on_commit)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.signals import page_published

from community.models import NotificationKind
from forums import events as forum_events
from forums.models import ConversationParticipant, Post, Watch, WatchLevel
from members import events as member_events
from members.models import Follow, User

from .actions import mark_read_for
from .notify import notify
from .readers import readers_among


def on_post_created(sender, post: Post, mentioned=(), **kwargs) -> None:
    """Told by a task: a reply to a thread of a thousand watchers does not wait for them."""
    from community.tasks import tell_of_new_post

    tell_of_new_post.enqueue(post.pk, sorted(user.pk for user in mentioned))


def tell_of_post(post: Post, mentioned_ids: set[int]) -> None:
    thread = post.thread
    author = post.author
    told: set[int] = set()

    mentioned_ids = readers_among(thread, mentioned_ids)
    for user_id in mentioned_ids:
        notify(
            [user_id],
            kind=NotificationKind.MENTION,
            group_key=f"mention:{post.pk}",
            actor=author,
            thread=thread,
            post=post,
        )
    told |= mentioned_ids

    if post.reply_to_id and post.reply_to.author_id:
        replied = readers_among(thread, {post.reply_to.author_id}) - told
        notify(
            replied,
            kind=NotificationKind.REPLY_TO_ME,
            group_key=f"reply_to_me:{thread.pk}",
            actor=author,
            thread=thread,
            post=post,
        )
        told |= replied

    watchers = _watchers(post) - told
    kind = NotificationKind.NEW_THREAD if post.position == 1 else NotificationKind.REPLY
    notify(
        readers_among(thread, watchers),
        kind=kind,
        group_key=f"{kind}:{thread.pk}",
        actor=author,
        thread=thread,
        post=post,
    )


def _watchers(post: Post) -> set[int]:
    """Members whose watching levels ask to hear of this post.

    A level chosen for the thread itself wins over the category's and the tags'.
    """
    thread = post.thread
    on_thread = dict(Watch.objects.filter(thread=thread).values_list("user", "level"))
    levels = [WatchLevel.WATCHING]
    if post.position == 1:
        levels.append(WatchLevel.WATCHING_FIRST_POST)
    wider = Watch.objects.filter(level__in=levels).filter(
        Q(category=thread.category_id)
        | Q(action_line__in=thread.action_lines.all())
        | Q(theme__in=thread.themes.all())
    )
    from_wider = set(wider.values_list("user", flat=True))
    from_thread = {user for user, level in on_thread.items() if level == WatchLevel.WATCHING}
    decided_on_thread = set(on_thread)
    return from_thread | (from_wider - decided_on_thread)


def on_answer_accepted(sender, post: Post, by=None, **kwargs) -> None:
    notify(
        [post.author_id] if post.author_id else [],
        kind=NotificationKind.ANSWER_ACCEPTED,
        group_key=f"accepted:{post.pk}",
        actor=by,
        thread=post.thread,
        post=post,
    )


def on_post_liked(sender, post: Post, user=None, **kwargs) -> None:
    notify(
        [post.author_id] if post.author_id else [],
        kind=NotificationKind.LIKE,
        group_key=f"like:{post.pk}",
        actor=user,
        thread=post.thread,
        post=post,
    )


def on_post_changed(sender, post: Post, **kwargs) -> None:
    """A post hidden by a moderator: its author is told why."""
    if not post.is_hidden or not post.author_id:
        return
    notify(
        [post.author_id],
        kind=NotificationKind.MODERATION,
        group_key=f"hidden:{post.pk}",
        thread=post.thread,
        post=post,
        note=_("a moderator hid your post. Reason: %(reason)s") % {"reason": post.hidden_reason},
    )


def on_message_created(sender, message, **kwargs) -> None:
    others = ConversationParticipant.objects.filter(
        conversation=message.conversation_id, has_left=False
    ).exclude(user=message.author_id)
    notify(
        others.values_list("user", flat=True),
        kind=NotificationKind.MESSAGE,
        group_key=f"message:{message.conversation_id}",
        actor=message.author,
        conversation=message.conversation,
    )


def on_followed(sender, follow: Follow, **kwargs) -> None:
    if follow.expert_id:
        notify(
            [follow.expert_id],
            kind=NotificationKind.NEW_FOLLOWER,
            group_key="follower",
            actor=follow.follower,
            link=reverse("members:followers", args=[_profile_id(follow.expert_id)]),
        )


def _profile_id(user_id: int) -> int:
    from members.models import ExpertProfile

    return ExpertProfile.objects.filter(user=user_id).values_list("pk", flat=True).first() or 0


def on_verification_decided(sender, request, **kwargs) -> None:
    approved = request.status == request.Status.APPROVED
    note = (
        _("your expert verification was approved")
        if approved
        else _("your expert verification was not approved. Reason: %(reason)s")
        % {"reason": request.reason}
    )
    notify(
        [request.user_id],
        kind=NotificationKind.MODERATION,
        group_key=f"verification:{request.pk}",
        actor=None,
        note=note[:300],
        link=reverse("members:apply_for_verification"),
    )


def on_invited(sender, email: str, organisation, inviter, **kwargs) -> None:
    invited = User.objects.filter(email__iexact=email, is_active=True).values_list("pk", flat=True)
    notify(
        invited,
        kind=NotificationKind.INVITATION,
        group_key=f"invitation:{organisation.pk}",
        actor=inviter,
        page=organisation,
    )


def on_page_published(sender, instance, revision=None, **kwargs) -> None:
    # Wagtail sends this inside the publishing transaction.
    transaction.on_commit(lambda: _tell_followers(instance, revision))


def _tell_followers(instance, revision) -> None:
    """A resource or event published for the first time: its followers hear of it."""
    from community.models import EventPage, ResourcePage
    from community.visibility import is_public

    page = instance.specific
    if not isinstance(page, ResourcePage | EventPage) or not is_public(page):
        return
    if page.first_published_at != page.last_published_at:
        return  # published before: its followers heard of it then
    partners = (
        [page.publisher_id]
        if isinstance(page, ResourcePage)
        else list(page.organisers.values_list("pk", flat=True))
    )
    followers = Follow.objects.filter(
        Q(organisation__in=[p for p in partners if p])
        | Q(action_line__in=page.action_lines.all())
        | Q(theme__in=page.themes.all())
    ).values_list("follower", flat=True)
    owner = revision.user if revision is not None else None
    notify(
        set(followers),
        kind=NotificationKind.FOLLOWED_CONTENT,
        group_key=f"page:{page.pk}",
        actor=owner,
        page=page,
    )


def notify_publication_outcome(page, submitter, *, approved: bool, comment: str) -> None:
    """Called where the submitter's e-mail goes (community/publishing.py)."""
    title = page.get_latest_revision_as_object().title
    if approved:
        note = _("published: “%(title)s”") % {"title": title}
    else:
        note = _("not published: “%(title)s”") % {"title": title}
    if comment:
        note = f"{note}. {comment}"
    link = (
        page.url if approved and page.live else reverse("wagtailadmin_pages:edit", args=[page.pk])
    )
    notify(
        [submitter.pk],
        kind=NotificationKind.MODERATION,
        group_key=f"publication:{page.pk}:{'approved' if approved else 'rejected'}",
        note=note[:300],
        link=link or "/",
    )


def on_thread_read(sender, user, thread, **kwargs) -> None:
    mark_read_for(user, thread=thread)


def on_conversation_read(sender, user, conversation, **kwargs) -> None:
    mark_read_for(user, conversation=conversation)


def connect() -> None:
    forum_events.thread_read.connect(on_thread_read, dispatch_uid="notify_thread_read")
    forum_events.conversation_read.connect(on_conversation_read, dispatch_uid="notify_conv_read")
    forum_events.post_created.connect(on_post_created, dispatch_uid="notify_post_created")
    forum_events.answer_accepted.connect(on_answer_accepted, dispatch_uid="notify_accepted")
    forum_events.post_liked.connect(on_post_liked, dispatch_uid="notify_liked")
    forum_events.post_changed.connect(on_post_changed, dispatch_uid="notify_post_changed")
    forum_events.message_created.connect(on_message_created, dispatch_uid="notify_message")
    member_events.followed.connect(on_followed, dispatch_uid="notify_followed")
    member_events.verification_decided.connect(
        on_verification_decided, dispatch_uid="notify_verification"
    )
    member_events.invited.connect(on_invited, dispatch_uid="notify_invited")
    page_published.connect(on_page_published, dispatch_uid="notify_page_published")
