"""Notifications: who is told of what, collapsing, preferences, the notification centre and
its visibility rules. Actions run inside `committed`, as requests do: the triggers fire after
the transaction commits."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command

from community.models import Delivery, Notification, NotificationKind
from community.notifications.preferences import set_preferences
from forums.actions import conversations, moderation, posting, reactions
from forums.models import CategoryVisibility
from members import following
from members.handles import ensure_handle
from tests.factories import (
    CategoryFactory,
    ExpertProfileFactory,
    VerifiedUserFactory,
    thread_with_posts,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block as a request does: its on-commit work (the notifications) happens."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def texts_for(client, user) -> str:
    client.force_login(user)
    response = client.get("/notifications/")
    assert response.status_code == 200
    return response.content.decode()


def watcher_of(thread, level="watching"):
    member = VerifiedUserFactory()
    reactions.set_watch_level(user=member, level=level, thread=thread)
    return member


def test_a_reply_in_a_watched_thread_tells_the_watcher_not_the_author(client, committed):
    thread = thread_with_posts(title="Data exchange layers")
    watcher = watcher_of(thread)
    author = VerifiedUserFactory(first_name="Omar")

    with committed():
        posting.post_reply(author=author, thread=thread, body="We use X-Road.")

    assert "Omar posted in “Data exchange layers”" in texts_for(client, watcher)
    assert not Notification.objects.filter(recipient=author).exists()


def test_replies_collapse_into_one_unread_notification(client, committed):
    thread = thread_with_posts(title="Data exchange layers")
    watcher = watcher_of(thread)

    with committed():
        for n in range(3):
            posting.post_reply(author=VerifiedUserFactory(), thread=thread, body=f"Reply {n}")

    assert Notification.objects.filter(recipient=watcher).count() == 1
    assert "3 new posts in “Data exchange layers”" in texts_for(client, watcher)


def test_watching_first_post_hears_of_new_threads_only(committed):
    category = CategoryFactory()
    member = VerifiedUserFactory()
    reactions.set_watch_level(user=member, level="first_post", category=category)

    with committed():
        first = posting.start_thread(
            author=VerifiedUserFactory(), category=category, title="A new question", body="?"
        )
        posting.post_reply(author=VerifiedUserFactory(), thread=first.thread, body="An answer")

    kinds = list(Notification.objects.filter(recipient=member).values_list("kind", flat=True))
    assert kinds == [NotificationKind.NEW_THREAD]


def test_a_tag_watcher_hears_of_threads_with_that_tag(committed):
    from community.models import ActionLine

    c7 = ActionLine.objects.get(number=7)
    member = VerifiedUserFactory()
    reactions.set_watch_level(user=member, level="watching", action_line=c7)

    with committed():
        posting.start_thread(
            author=VerifiedUserFactory(),
            category=CategoryFactory(),
            title="E-government in small states",
            body="Hello",
            action_lines=[c7],
        )

    assert Notification.objects.filter(recipient=member, kind="new_thread").exists()


def test_a_muted_thread_is_silent_even_in_a_watched_category(committed):
    category = CategoryFactory()
    thread = thread_with_posts(category=category)
    member = VerifiedUserFactory()
    reactions.set_watch_level(user=member, level="watching", category=category)
    reactions.set_watch_level(user=member, level="muted", thread=thread)

    with committed():
        posting.post_reply(author=VerifiedUserFactory(), thread=thread, body="Noise")

    assert not Notification.objects.filter(recipient=member).exists()


def test_mentions_reach_only_members_who_can_read_the_thread(committed):
    group = Group.objects.create(name="Identity working group")
    private = CategoryFactory(visibility=CategoryVisibility.GROUP, group=group)
    insider, outsider = VerifiedUserFactory(), VerifiedUserFactory()
    insider.groups.add(group)
    author = VerifiedUserFactory()
    author.groups.add(group)
    thread = thread_with_posts(category=private, author=author)

    with committed():
        posting.post_reply(
            author=author,
            thread=thread,
            body=f"@{ensure_handle(insider)} and @{ensure_handle(outsider)}, your view?",
        )

    assert Notification.objects.filter(recipient=insider, kind="mention").exists()
    assert not Notification.objects.filter(recipient=outsider).exists()


def test_a_quoted_reply_tells_the_quoted_author(committed):
    thread = thread_with_posts()
    first = thread.posts.get(position=1)

    with committed():
        posting.post_reply(
            author=VerifiedUserFactory(), thread=thread, body="> First post.\n\nYes", reply_to=first
        )

    assert Notification.objects.filter(recipient=thread.author, kind="reply_to_me").exists()


def test_an_accepted_answer_and_likes_tell_the_author_and_likes_are_batched(client, committed):
    thread = thread_with_posts(replies=1, title="Measuring take-up")
    thread.is_question = True
    thread.save()
    answer = thread.posts.get(position=2)

    with committed():
        posting.accept_answer(user=thread.author, post=answer)
        for _ in range(2):
            reactions.set_like(user=VerifiedUserFactory(), post=answer, liked=True)

    page = texts_for(client, answer.author)
    assert "Your answer in “Measuring take-up” was accepted" in page
    assert "2 people liked your post in “Measuring take-up”" in page


def test_a_private_message_is_told_on_the_site_and_by_email_with_a_way_to_stop(client, committed):
    sender, recipient = VerifiedUserFactory(first_name="Nadia"), VerifiedUserFactory()
    ExpertProfileFactory(user=recipient)
    mail.outbox.clear()

    with committed():
        conversations.start_conversation(
            author=sender, recipients=[recipient], subject="Your report", body="Hello!"
        )

    assert "Nadia wrote to you: “Your report”" in texts_for(client, recipient)
    emails = [m for m in mail.outbox if m.to == [recipient.email]]
    assert len(emails) == 1
    unsubscribe = emails[0].body.split("Stop these e-mails: ")[1].split()[0]
    client.logout()
    assert client.get(unsubscribe.replace("http://127.0.0.1:8000", "")).status_code == 200

    mail.outbox.clear()
    with committed():
        conversations.start_conversation(
            author=VerifiedUserFactory(), recipients=[recipient], subject="Again", body="Hi"
        )
    assert [m for m in mail.outbox if m.to == [recipient.email]] == []
    assert Notification.objects.filter(recipient=recipient, kind="message").count() == 2


def test_an_altered_unsubscribe_link_is_refused_with_a_designed_page(client):
    response = client.get("/notifications/unsubscribe/not-a-real-token/")

    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()


def test_a_new_follower_is_told(client, committed):
    expert = ExpertProfileFactory()

    with committed():
        following.follow(VerifiedUserFactory(first_name="Jean"), expert.user)

    assert "Jean follows you now" in texts_for(client, expert.user)


def test_a_hidden_post_tells_its_author_why(client, committed):
    thread = thread_with_posts(replies=1)
    reply = thread.posts.get(position=2)
    moderator = VerifiedUserFactory()
    moderator.groups.add(Group.objects.get(name="Moderators"))

    with committed():
        moderation.hide_post(moderator=moderator, post=reply, reason="Advertising")

    assert "Advertising" in texts_for(client, reply.author)


def test_turning_a_kind_off_stops_it(committed):
    thread = thread_with_posts()
    watcher = watcher_of(thread)
    set_preferences(watcher, {NotificationKind.REPLY: Delivery.OFF})

    with committed():
        posting.post_reply(author=VerifiedUserFactory(), thread=thread, body="Quiet please")

    assert not Notification.objects.filter(recipient=watcher).exists()


def test_what_the_recipient_can_no_longer_see_disappears(client, committed):
    category = CategoryFactory(name="Open room")
    thread = thread_with_posts(category=category, title="Soon private")
    watcher = watcher_of(thread)
    with committed():
        posting.post_reply(author=VerifiedUserFactory(), thread=thread, body="Reply")
    assert "Soon private" in texts_for(client, watcher)

    category.visibility = CategoryVisibility.GROUP
    category.group = Group.objects.create(name="Closed circle")
    category.save()

    page = texts_for(client, watcher)
    assert "Soon private" not in page
    assert 'class="notification-count" hidden' in page, "the header counts none"


def test_the_centre_lists_unread_first_marks_read_and_filters(client, committed):
    thread = thread_with_posts(title="First subject")
    other = thread_with_posts(title="Second subject")
    member = watcher_of(thread)
    reactions.set_watch_level(user=member, level="watching", thread=other)
    with committed():
        posting.post_reply(author=VerifiedUserFactory(), thread=thread, body="A")
        posting.post_reply(author=VerifiedUserFactory(), thread=other, body="B")
    first = Notification.objects.get(recipient=member, thread=thread)
    client.force_login(member)

    response = client.post(f"/notifications/{first.pk}/open/")

    assert response["Location"] == f"/forums/p/{first.post_id}/"
    page = texts_for(client, member)
    assert page.index("Second subject") < page.index("First subject"), "unread first"
    assert "First subject" not in texts_for_kind(client, "mention")
    client.post("/notifications/read/")
    assert not Notification.objects.filter(recipient=member, read_at__isnull=True).exists()


def texts_for_kind(client, kind: str) -> str:
    return client.get("/notifications/", {"kind": kind}).content.decode()


def test_reading_the_thread_reads_its_notification(client, committed):
    thread = thread_with_posts()
    watcher = watcher_of(thread)
    with committed():
        posting.post_reply(author=VerifiedUserFactory(), thread=thread, body="New")
    client.force_login(watcher)

    page = client.get(thread.get_absolute_url()).content.decode()

    assert not Notification.objects.filter(recipient=watcher, read_at__isnull=True).exists()
    assert '<span class="notification-count" hidden>' in page


def test_reading_a_thread_leaves_the_other_threads_notifications_unread(client, committed):
    watched, other = thread_with_posts(), thread_with_posts()
    watcher = watcher_of(watched)
    with committed():
        posting.post_reply(author=VerifiedUserFactory(), thread=watched, body="New")
    client.force_login(watcher)

    page = client.get(other.get_absolute_url()).content.decode()

    assert Notification.objects.filter(recipient=watcher, read_at__isnull=True).count() == 1
    assert '<span class="notification-count">1</span>' in page


def test_preferences_are_chosen_per_kind(client):
    member = VerifiedUserFactory()
    client.force_login(member)

    client.post("/notifications/preferences/", {"delivery-like": "off", "delivery-reply": "digest"})

    page = client.get("/notifications/preferences/").content.decode()
    assert 'id="delivery-like-off" name="delivery-like" value="off" checked' in page
    assert 'id="delivery-reply-digest" name="delivery-reply" value="digest" checked' in page


def test_the_daily_digest_gathers_what_was_chosen_for_it_once(committed):
    thread = thread_with_posts(title="Digest me")
    watcher = watcher_of(thread)
    set_preferences(watcher, {NotificationKind.REPLY: Delivery.DIGEST})
    with committed():
        posting.post_reply(author=VerifiedUserFactory(), thread=thread, body="For the digest")
    mail.outbox.clear()

    call_command("send_notification_digests", stdout=None)
    call_command("send_notification_digests", stdout=None)

    digests = [m for m in mail.outbox if m.to == [watcher.email]]
    assert len(digests) == 1
    assert "Digest me" in digests[0].body
    assert "/notifications/unsubscribe/" in digests[0].body


def test_the_header_shows_the_unread_count(client, committed):
    thread = thread_with_posts()
    watcher = watcher_of(thread)
    with committed():
        posting.post_reply(author=VerifiedUserFactory(), thread=thread, body="Ping")
    client.force_login(watcher)

    page = client.get("/forums/").content.decode()

    assert '<span class="notification-count">1</span>' in page


def test_notifications_are_in_the_data_archive_and_go_with_the_account(committed):
    from members.my_data import delete_account, export_user_data

    thread = thread_with_posts(title="Archived news")
    watcher = watcher_of(thread)
    with committed():
        posting.post_reply(author=VerifiedUserFactory(), thread=thread, body="News")

    archive = export_user_data(watcher)
    assert [row["kind"] for row in archive["notifications"]] == ["reply"]
    assert [row["level"] for row in archive["forum_watches"]] == ["watching"]

    delete_account(watcher)

    assert not Notification.objects.filter(recipient=watcher).exists()
