"""Private conversations, as members and moderators meet them: through the pages."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from forums.models import (
    Conversation,
    Flag,
    FlagReason,
    Message,
    MessagingPreference,
    ModerationAction,
    WhoMayWrite,
)
from members.models import Follow
from tests.factories import ExpertProfileFactory, UserFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db

NEW = "/forums/conversations/new/"
LIST = "/forums/conversations/"


def expert(name: str, handle: str, **user_fields):
    """A member who may write, with a public profile and a forum name."""
    user = VerifiedUserFactory(handle=handle, **user_fields)
    ExpertProfileFactory(user=user, display_name=name)
    return user


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def field_errors(html: str, field: str) -> str:
    """The text of the error list Django puts next to a field (id="id_<field>_error")."""
    match = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', html, re.S)
    return match.group(1) if match else ""


def start(client: Client, to: str, subject="Open data in cities", body="Hello, a question."):
    return client.post(NEW, {"recipients": to, "subject": subject, "body": body})


@pytest.fixture
def amina():
    return expert("Dr Amina Diallo", "amina", email="amina@example.org")


@pytest.fixture
def omar():
    return expert("Omar Haddad", "omar", email="omar@example.org")


def conversation_between(sender, recipient, body="Hello, a question.") -> Conversation:
    response = start(signed_in(sender), f"@{recipient.handle}", body=body)
    assert response.status_code == 302, response.content.decode()
    return Conversation.objects.get(messages__body=body)


# Starting, replying, reading -------------------------------------------------------------


def test_a_member_writes_from_a_profile_and_the_other_reads_and_replies(amina, omar):
    as_omar = signed_in(omar)
    profile = as_omar.get(amina.profile.get_absolute_url()).content.decode()
    contact = re.search(r'href="(/forums/conversations/new/\?to=\d+)"', profile)
    assert contact, "the profile has a Contact button"
    assert "Contact Dr Amina Diallo privately" in profile

    form = as_omar.get(contact.group(1)).content.decode()
    assert 'value="@amina"' in form and "You are writing to" in form

    response = as_omar.post(
        NEW,
        {"recipients": "@amina", "subject": "Open data in cities", "body": "Can we **talk**?"},
        follow=True,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Your message is sent." in page and "<strong>talk</strong>" in page
    assert "Dr Amina Diallo" in page and "Omar Haddad" in page
    assert "amina@example.org" not in page and "omar@example.org" not in page

    as_amina = signed_in(amina)
    listing = as_amina.get(LIST).content.decode()
    assert "Open data in cities" in listing and "1 unread" in listing
    assert "1 conversation has messages you have not read." in listing

    conversation = Conversation.objects.get()
    opened = as_amina.get(conversation.get_absolute_url()).content.decode()
    assert "<strong>talk</strong>" in opened and "Unread" in opened
    listing = as_amina.get(LIST).content.decode()
    assert "unread" not in listing.lower().split("<main", 1)[1]

    reply = as_amina.post(
        reverse("forums:conversation_reply", args=[conversation.pk]),
        {"body": "Yes, gladly."},
        follow=True,
    )
    assert "Yes, gladly." in reply.content.decode()
    assert "1 unread" in as_omar.get(LIST).content.decode()
    assert "Unread" not in as_amina.get(conversation.get_absolute_url()).content.decode()


def test_the_listing_is_paginated_newest_first(amina, omar):
    as_omar = signed_in(omar)
    for number in range(27):
        message = Message.objects.create(
            conversation=Conversation.objects.create(subject=f"Subject {number:02}"),
            author=omar,
            body="x",
            html="<p>x</p>",
        )
        message.conversation.memberships.create(user=omar)
        Conversation.objects.filter(pk=message.conversation_id).update(
            last_message_at=timezone.now() - timedelta(minutes=100 - number)
        )

    first = as_omar.get(LIST).content.decode()
    second = as_omar.get(LIST + "?page=2").content.decode()

    assert "Subject 26" in first and "Subject 02" in first and "Subject 01" not in first
    assert "Subject 01" in second and "Subject 00" in second
    assert "Page 1 of 2" in first


def test_the_pages_queries_do_not_grow_with_conversations_or_messages(amina, omar, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.FORUMS_LIMITS = {
        "NEW_MEMBER_CONVERSATIONS_PER_DAY": 50,
        "NEW_MEMBER_MESSAGES_PER_HOUR": 50,
    }
    as_amina = signed_in(amina)
    conversation = conversation_between(omar, amina)

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert as_amina.get(url).status_code == 200
        return len(captured.captured_queries)

    # Read once first: the first page of a session reads what is cached afterwards, and
    # a conversation not yet read opens at its start without counting anything.
    queries(LIST), queries(conversation.get_absolute_url())
    few_list, few_messages = queries(LIST), queries(conversation.get_absolute_url())
    for number in range(5):
        expert(f"Person {number}", f"person-{number}")
        conversation_between(omar, amina, body=f"Another question {number}")
        Message.objects.create(
            conversation=conversation, author=omar, body=f"More {number}", html="<p>More</p>"
        )

    assert queries(LIST) == few_list
    assert queries(conversation.get_absolute_url()) == few_messages


def test_signing_in_is_needed(client):
    assert client.get(LIST).status_code == 302
    assert client.get(NEW).status_code == 302


def test_a_member_who_has_not_confirmed_their_email_is_told_why_they_cannot_write(amina):
    page = signed_in(UserFactory()).get(NEW).content.decode()

    assert "Confirm your e-mail address" in page
    assert "<textarea" not in page


def test_each_message_is_announced_once_saved(amina, omar, django_capture_on_commit_callbacks):
    from forums import events

    heard = []

    def listener(sender, message, **kwargs):
        heard.append(message.body)

    events.message_created.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            conversation = conversation_between(omar, amina, body="First")
            signed_in(amina).post(
                reverse("forums:conversation_reply", args=[conversation.pk]), {"body": "Second"}
            )
            start(signed_in(omar), "@omar", body="Refused")
    finally:
        events.message_created.disconnect(listener)

    assert heard == ["First", "Second"]


# Who can read -----------------------------------------------------------------------------


def test_someone_outside_the_conversation_finds_nothing_there(amina, omar):
    conversation = conversation_between(omar, amina)
    outsider = signed_in(VerifiedUserFactory())

    assert outsider.get(conversation.get_absolute_url()).status_code == 404
    reply = outsider.post(
        reverse("forums:conversation_reply", args=[conversation.pk]), {"body": "Hi"}
    )
    assert reply.status_code == 404
    leave = outsider.post(reverse("forums:leave_conversation", args=[conversation.pk]))
    assert leave.status_code == 404
    assert "Open data in cities" not in outsider.get(LIST).content.decode()
    assert Message.objects.count() == 1


def test_a_moderator_reads_only_what_a_participant_reported_and_it_is_logged(amina, omar):
    conversation = conversation_between(omar, amina, body="Buy cheap things now")
    moderator = VerifiedUserFactory()
    moderator.user_permissions.add(Permission.objects.get(codename="moderate_forums"))
    as_moderator = signed_in(moderator)
    message = conversation.messages.get()

    assert as_moderator.get(conversation.get_absolute_url()).status_code == 404
    Flag.objects.create(message=message, reporter=VerifiedUserFactory(), reason=FlagReason.SPAM)
    assert as_moderator.get(conversation.get_absolute_url()).status_code == 404, (
        "a report by someone outside the conversation does not open it"
    )
    assert not ModerationAction.objects.exists()

    Flag.objects.create(message=message, reporter=amina, reason=FlagReason.SPAM)
    response = as_moderator.get(conversation.get_absolute_url())
    page = response.content.decode()

    assert response.status_code == 200
    assert "Buy cheap things now" in page
    assert "your reading is recorded in the moderation log" in page
    assert 'name="body"' not in page, "a moderator reads; they do not take part"
    logged = ModerationAction.objects.get()
    assert logged.kind == ModerationAction.Kind.READ_CONVERSATION
    assert logged.moderator == moderator and logged.conversation == conversation
    reply = as_moderator.post(
        reverse("forums:conversation_reply", args=[conversation.pk]), {"body": "Hello"}
    )
    assert reply.status_code == 404


def test_leaving_takes_the_conversation_away_and_the_others_see_it(amina, omar):
    conversation = conversation_between(omar, amina)
    as_amina, as_omar = signed_in(amina), signed_in(omar)

    left = as_amina.post(reverse("forums:leave_conversation", args=[conversation.pk]), follow=True)

    assert "You left “Open data in cities”" in left.content.decode()
    assert "Open data in cities" not in as_amina.get(LIST).content.decode()
    assert as_amina.get(conversation.get_absolute_url()).status_code == 404
    page = as_omar.get(conversation.get_absolute_url()).content.decode()
    assert "Dr Amina Diallo</a> (left)" in page
    assert "Everyone else has left this conversation." in page
    assert as_amina.get(reverse("forums:leave_conversation", args=[1])).status_code == 405


def test_each_message_has_a_report_link_once_reporting_exists(amina, omar):
    conversation = conversation_between(omar, amina)
    page = signed_in(amina).get(conversation.get_absolute_url()).content.decode()
    own = signed_in(omar).get(conversation.get_absolute_url()).content.decode()
    try:
        flag_url = reverse("forums:flag_message", args=[conversation.messages.get().pk])
    except NoReverseMatch:  # reporting not built yet: the page still works, without links
        assert ">Report<" not in page
    else:
        assert f'href="{flag_url}"' in page
        assert f'href="{flag_url}"' not in own, "nobody reports their own message"


# Who may write to whom ------------------------------------------------------------------


def prefer(user, choice: str) -> None:
    MessagingPreference.objects.update_or_create(user=user, defaults={"who_may_write": choice})


def test_a_member_chooses_on_the_settings_page_who_may_write(amina):
    as_amina = signed_in(amina)
    assert 'value="anyone" required id="id_who_may_write_0" checked' in (
        as_amina.get("/experts/me/settings/").content.decode()
    )

    saved = as_amina.post("/experts/me/settings/", {"who_may_write": "nobody"}, follow=True)

    assert "Your choice of who may write to you privately is saved." in saved.content.decode()
    assert MessagingPreference.objects.get(user=amina).who_may_write == WhoMayWrite.NOBODY
    refused = as_amina.post("/experts/me/settings/", {"who_may_write": "everyone!"})
    assert refused.status_code == 400 and "Select a valid choice" in refused.content.decode()


@pytest.mark.parametrize(
    ("choice", "followed", "refusal"),
    [
        (WhoMayWrite.NOBODY, False, "Dr Amina Diallo does not accept private messages."),
        (WhoMayWrite.NOBODY, True, "Dr Amina Diallo does not accept private messages."),
        (
            WhoMayWrite.FOLLOWED,
            False,
            "Dr Amina Diallo accepts private messages only from people they follow.",
        ),
        (WhoMayWrite.FOLLOWED, True, None),
        (WhoMayWrite.ANYONE, False, None),
    ],
)
def test_the_recipients_choice_decides(amina, omar, choice, followed, refusal):
    prefer(amina, choice)
    if followed:
        Follow.objects.create(follower=amina, expert=omar)
    as_omar = signed_in(omar)

    profile = as_omar.get(amina.profile.get_absolute_url()).content.decode()
    response = start(as_omar, "@amina")

    if refusal is None:
        assert "Contact Dr Amina Diallo privately" in profile
        assert response.status_code == 302
        assert Conversation.objects.count() == 1
    else:
        assert "Contact Dr Amina Diallo privately" not in profile
        assert response.status_code == 400
        assert refusal in field_errors(response.content.decode(), "recipients")
        assert not Conversation.objects.exists()


def test_following_someone_does_not_let_them_write_to_you(amina, omar):
    """ "People I follow" is about whom the recipient follows, not who follows them."""
    prefer(amina, WhoMayWrite.FOLLOWED)
    Follow.objects.create(follower=omar, expert=amina)

    response = start(signed_in(omar), "@amina")

    assert "only from people they follow" in field_errors(response.content.decode(), "recipients")


def test_a_moderator_can_write_to_someone_who_accepts_nobody(amina):
    prefer(amina, WhoMayWrite.NOBODY)
    moderator = VerifiedUserFactory()
    moderator.user_permissions.add(Permission.objects.get(codename="moderate_forums"))

    assert start(signed_in(moderator), "@amina").status_code == 302


def test_the_owner_sees_no_contact_button_on_their_own_profile(amina):
    page = signed_in(amina).get(amina.profile.get_absolute_url()).content.decode()

    assert "privately" not in page


def test_visitors_see_no_contact_button(client, amina):
    assert "privately" not in client.get(amina.profile.get_absolute_url()).content.decode()


# What the form says ---------------------------------------------------------------------


def test_writing_to_oneself_is_explained_at_the_field_and_what_was_typed_stays(omar):
    response = start(signed_in(omar), "@omar", subject="Note to self", body="Remember the milk")
    page = response.content.decode()

    assert response.status_code == 400
    assert "You cannot write to yourself." in field_errors(page, "recipients")
    assert 'value="Note to self"' in page and "Remember the milk</textarea>" in page


def test_writing_to_nobody_is_explained_at_the_field(omar):
    page = start(signed_in(omar), "  ").content.decode()

    assert "Choose at least one person to write to." in field_errors(page, "recipients")


def test_an_unknown_forum_name_is_explained_at_the_field(amina, omar):
    page = start(signed_in(omar), "@amina, @nobody-here").content.decode()

    errors = field_errors(page, "recipients")
    assert "No member is called @nobody-here." in errors and "@amina" not in errors
    assert not Conversation.objects.exists()


def test_a_former_member_cannot_be_written_to(amina, omar):
    amina.is_active = False
    amina.save()

    page = start(signed_in(omar), "@amina").content.decode()

    assert "No member is called @amina." in field_errors(page, "recipients")


def test_at_most_ten_people_at_once(omar, settings):
    people = [VerifiedUserFactory(handle=f"person-{n}") for n in range(11)]

    page = start(signed_in(omar), " ".join(f"@{p.handle}" for p in people)).content.decode()

    assert "You can write to at most 10 people at once; you chose 11." in field_errors(
        page, "recipients"
    )


def test_a_conversation_with_several_people(amina, omar):
    nadia = expert("Nadia Test", "nadia")

    assert start(signed_in(omar), "@amina @nadia").status_code == 302

    conversation = Conversation.objects.get()
    assert set(conversation.participants.all()) == {amina, omar, nadia}
    page = signed_in(nadia).get(conversation.get_absolute_url()).content.decode()
    assert "Dr Amina Diallo" in page and "Omar Haddad" in page and "Nadia Test" in page


def test_empty_subject_and_message_are_explained_at_their_fields(amina, omar):
    page = start(signed_in(omar), "@amina", subject=" ", body=" ").content.decode()

    assert "Give the conversation a subject." in field_errors(page, "subject")
    assert "Write something before you post." in field_errors(page, "body")


def test_an_empty_reply_is_explained_and_nothing_is_sent(amina, omar):
    conversation = conversation_between(omar, amina)

    response = signed_in(amina).post(
        reverse("forums:conversation_reply", args=[conversation.pk]), {"body": "   "}
    )

    assert response.status_code == 400
    assert "Write something before you post." in field_errors(response.content.decode(), "body")
    assert conversation.messages.count() == 1


# Limits -----------------------------------------------------------------------------------


def test_the_hourly_limit_says_how_long_to_wait(amina, omar, settings):
    # Omar has not posted in the forums yet, so he counts as a new member too.
    settings.FORUMS_LIMITS = {"MESSAGES_PER_HOUR": 3, "NEW_MEMBER_MESSAGES_PER_HOUR": 3}
    conversation = conversation_between(omar, amina)
    as_omar = signed_in(omar)
    reply_url = reverse("forums:conversation_reply", args=[conversation.pk])
    for number in range(2):
        assert as_omar.post(reply_url, {"body": f"Also {number}"}).status_code == 302

    refused = as_omar.post(reply_url, {"body": "One more thing"})
    page = refused.content.decode()

    assert refused.status_code == 400
    assert "You have sent 3 private messages in the last hour." in page
    assert re.search(r"Please wait (59|60) minutes before you send another\.", page)
    assert "One more thing</textarea>" in page
    assert conversation.messages.count() == 3


def test_new_members_may_send_fewer_messages(amina, settings):
    settings.FORUMS_LIMITS = {"NEW_MEMBER_MESSAGES_PER_HOUR": 1, "MESSAGES_PER_HOUR": 50}
    newcomer = VerifiedUserFactory(date_joined=timezone.now())
    conversation = conversation_between(newcomer, amina)

    refused = signed_in(newcomer).post(
        reverse("forums:conversation_reply", args=[conversation.pk]), {"body": "Hello again"}
    )

    assert "You have sent 1 private message in the last hour." in refused.content.decode()
    assert conversation.messages.count() == 1


def test_new_members_start_few_conversations_a_day(settings):
    settings.FORUMS_LIMITS = {"NEW_MEMBER_CONVERSATIONS_PER_DAY": 1}
    newcomer = VerifiedUserFactory(date_joined=timezone.now())
    first, second = VerifiedUserFactory(handle="first"), VerifiedUserFactory(handle="second")
    as_newcomer = signed_in(newcomer)

    assert start(as_newcomer, f"@{first.handle}").status_code == 302
    page = start(as_newcomer, f"@{second.handle}", body="Hello too").content.decode()

    assert "You have started 1 conversation today." in page
    assert re.search(r"Please wait (23|24) hours before you start another\.", page)


def test_the_same_message_sent_twice_is_sent_once(amina, omar):
    conversation = conversation_between(omar, amina)
    as_omar = signed_in(omar)
    reply_url = reverse("forums:conversation_reply", args=[conversation.pk])
    as_omar.post(reply_url, {"body": "Are you there?"})

    again = as_omar.post(reply_url, {"body": "Are you there?"}, follow=True)

    page = again.content.decode()
    assert "You already sent this message a moment ago." in page
    assert page.count("Are you there?") == 1
    assert conversation.messages.count() == 2


def test_a_new_conversation_sent_twice_is_started_once(amina, omar):
    as_omar = signed_in(omar)
    start(as_omar, "@amina")

    again = start(as_omar, "@amina")

    assert again.status_code == 302
    assert Conversation.objects.count() == 1


# What a message can carry --------------------------------------------------------------


def test_html_in_a_message_is_shown_inert(amina, omar):
    body = (
        "<script>alert('x')</script> <img src=x onerror=alert(1)> "
        '[click](javascript:alert(2)) <a href="java&#x09;script:alert(3)">tab</a> '
        '<p style="position:fixed" onmouseover="alert(4)">hover</p>'
    )
    conversation = conversation_between(omar, amina, body=body)

    page = signed_in(amina).get(conversation.get_absolute_url()).content.decode()
    message = page.split('class="post__body"', 1)[1].split("</article>", 1)[0]

    assert "<script" not in message and "<img" not in message
    assert "onerror" not in message and "onmouseover" not in message
    assert "javascript" not in message and "style=" not in message
    assert 'dir="auto"' in message
    assert "click" in message and "hover" in message


def test_mentions_in_a_message_link_to_the_member(amina, omar):
    conversation = conversation_between(omar, amina, body="Ask @amina about it")

    page = signed_in(amina).get(conversation.get_absolute_url()).content.decode()

    assert 'href="/forums/u/amina/">@amina</a>' in page


# The member's own data -------------------------------------------------------------------


def test_the_archive_holds_ones_messages_and_not_the_others(amina, omar):
    conversation = conversation_between(omar, amina, body="From Omar")
    signed_in(amina).post(
        reverse("forums:conversation_reply", args=[conversation.pk]), {"body": "From Amina"}
    )
    prefer(amina, WhoMayWrite.FOLLOWED)

    data = signed_in(amina).get("/experts/me/data.json").json()

    assert [(m["conversation"], m["body"]) for m in data["private_messages"]] == [
        ("Open data in cities", "From Amina")
    ]
    assert data["messaging_preference"] == "followed"
    assert "From Omar" not in str(data)


def test_the_archive_holds_ones_forum_posts():
    from tests.factories import thread_with_posts

    author = VerifiedUserFactory()
    thread = thread_with_posts(author=author, title="Open contracting")

    data = signed_in(author).get("/experts/me/data.json").json()

    assert data["posts"] == [
        {
            "thread": "Open contracting",
            "thread_id": thread.pk,
            "position": 1,
            "body": "First post.",
            "created_at": thread.posts.get().created_at.isoformat(),
            "edited_at": None,
            "is_deleted": False,
        }
    ]


def test_deleting_the_account_removes_the_choice_and_keeps_the_messages(amina, omar):
    from members.my_data import delete_account

    conversation = conversation_between(omar, amina)
    prefer(omar, WhoMayWrite.NOBODY)

    delete_account(omar)

    assert not MessagingPreference.objects.filter(user=omar).exists()
    page = signed_in(amina).get(conversation.get_absolute_url()).content.decode()
    assert "Hello, a question." in page and "former member" in page
    assert "Omar" not in page
