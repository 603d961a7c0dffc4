"""Read paths for private conversations: a member's list with what is unread, and one
conversation's messages, each with the prefetches its page needs.

A member's conversations are only ever found through `conversations_of`; a conversation
they were not in is looked up by the views only after conversation_permissions said yes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse

from members.models import User

from .authors import author_name, profile_url_for
from .models import Conversation, ConversationParticipant, Message

CONVERSATIONS_PER_PAGE = 25
MESSAGES_PER_PAGE = 50
NEVER = datetime(1970, 1, 1, tzinfo=UTC)


def _people_in_it() -> Prefetch:
    return Prefetch(
        "memberships",
        queryset=ConversationParticipant.objects.select_related("user__profile").order_by(
            "joined_at", "pk"
        ),
    )


def conversations_of(user: User) -> QuerySet[Conversation]:
    """The conversations the member is in (not those they left), newest first, each with
    `read_until` and `unread_count` (messages by others they have not seen)."""
    mine = ConversationParticipant.objects.filter(conversation=OuterRef("pk"), user=user)
    unread = (
        Message.objects.filter(conversation=OuterRef("pk"), created_at__gt=OuterRef("read_until"))
        .exclude(author=user)
        .order_by()
        .values("conversation")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        Conversation.objects.filter(
            pk__in=ConversationParticipant.objects.filter(user=user, has_left=False).values(
                "conversation"
            )
        )
        .annotate(read_until=Coalesce(Subquery(mine.values("last_read_at")[:1]), Value(NEVER)))
        .annotate(unread_count=Coalesce(Subquery(unread, output_field=IntegerField()), 0))
        .order_by("-last_message_at", "-pk")
    )


@dataclass
class ConversationRow:
    conversation: Conversation
    others: list[str]  # the other people's names, never an address
    unread_count: int


def conversation_list(user: User, page: str | int | None) -> tuple[Page, list[ConversationRow]]:
    conversations = conversations_of(user).prefetch_related(_people_in_it())
    found = Paginator(conversations, CONVERSATIONS_PER_PAGE).get_page(page)
    rows = [
        ConversationRow(
            conversation,
            [
                author_name(place.user)
                for place in conversation.memberships.all()
                if place.user_id != user.pk and not place.has_left
            ],
            conversation.unread_count,
        )
        for conversation in found.object_list
    ]
    return found, rows


def unread_conversation_count(user: User) -> int:
    return conversations_of(user).filter(unread_count__gt=0).count()


@dataclass
class Person:
    name: str
    profile_url: str | None
    has_left: bool = False


@dataclass
class MessageRow:
    message: Message
    author: Person
    is_new: bool  # written by someone else after the reader last read


@dataclass
class ConversationPage:
    conversation: Conversation
    page: Page
    messages: list[MessageRow]
    participants: list[Person]


def _first_unread_page(paginator: Paginator, read_until: datetime | None) -> int:
    if read_until is None:
        return 1
    read = paginator.object_list.filter(created_at__lte=read_until).count()
    if read >= paginator.count:
        return paginator.num_pages
    return read // MESSAGES_PER_PAGE + 1


def _person(user: User | None, viewer: User, has_left: bool = False) -> Person:
    return Person(author_name(user), profile_url_for(user, viewer), has_left)


def conversation_page(
    conversation: Conversation,
    viewer: User,
    page: str | None,
    *,
    read_until: datetime | None = None,
) -> ConversationPage:
    """One page of messages, oldest first. Without a page asked for: the page holding the
    first message the reader has not read, or the last page if they read them all."""
    messages = conversation.messages.select_related("author__profile").order_by("created_at", "pk")
    paginator = Paginator(messages, MESSAGES_PER_PAGE)
    if not page:
        page = _first_unread_page(paginator, read_until)
    if page == "last":
        page = paginator.num_pages
    found = paginator.get_page(page)
    since = read_until or NEVER
    rows = [
        MessageRow(
            message,
            _person(message.author, viewer),
            message.author_id != viewer.pk and message.created_at > since,
        )
        for message in found.object_list
    ]
    participants = [
        _person(place.user, viewer, place.has_left)
        for place in conversation.memberships.select_related("user__profile").order_by(
            "joined_at", "pk"
        )
    ]
    return ConversationPage(conversation, found, rows, participants)


def message_url(message: Message) -> str:
    """The address of the conversation page holding `message`, at its anchor."""
    earlier = Q(created_at__lt=message.created_at) | Q(
        created_at=message.created_at, pk__lt=message.pk
    )
    before = Message.objects.filter(earlier, conversation_id=message.conversation_id).count()
    page = before // MESSAGES_PER_PAGE + 1
    url = reverse("forums:conversation", args=[message.conversation_id])
    return f"{url}?page={page}#message-{message.pk}"
