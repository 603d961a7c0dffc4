"""Moderation: what readers notice after each action, who may act, reports and the queue."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone

from forums.actions import moderation
from forums.actions.posting import post_reply
from forums.models import (
    CategoryVisibility,
    Conversation,
    ConversationParticipant,
    Flag,
    FlagReason,
    Message,
    ModerationAction,
    Post,
    Suspension,
)
from tests.factories import CategoryFactory, VerifiedUserFactory, thread_with_posts
from tests.forum_bulk import bulk_authors, bulk_thread

pytestmark = pytest.mark.django_db
Kind = ModerationAction.Kind


# Helpers ---------------------------------------------------------------------------------


def global_moderator():
    user = VerifiedUserFactory()
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def moderator_of(category):
    user = VerifiedUserFactory()
    category.moderators.add(user)
    return user


def signed_in(client, user):
    client.force_login(user)
    return client


def reply_of(thread, number=0) -> Post:
    return thread.posts.get(position=number + 2)


def page(response) -> str:
    return response.content.decode()


def logged(kind, **target) -> ModerationAction:
    return ModerationAction.objects.get(kind=kind, **target)


def conversation_between(*users, subject="A private word"):
    conversation = Conversation.objects.create(subject=subject, created_by=users[0])
    for user in users:
        ConversationParticipant.objects.create(conversation=conversation, user=user)
    return conversation


def message_in(conversation, author, body="Buy cheap followers at spam.example") -> Message:
    return Message.objects.create(
        conversation=conversation, author=author, body=body, html=f"<p>{body}</p>"
    )


@pytest.fixture
def category():
    return CategoryFactory()


@pytest.fixture
def thread(category):
    return thread_with_posts(category=category, replies=2)


@pytest.fixture
def moderator(category):
    return moderator_of(category)


# Hiding and restoring posts --------------------------------------------------------------


def test_a_hidden_post_shows_readers_a_placeholder_with_the_reason(client, thread, moderator):
    post = reply_of(thread)
    signed_in(client, moderator)

    response = client.post(
        f"/forums/p/{post.pk}/hide/", {"reason": "Advertising", "next": thread.get_absolute_url()}
    )

    assert response.status_code == 302
    assert response["Location"] == thread.get_absolute_url()
    client.logout()
    reader = page(client.get(thread.get_absolute_url()))
    assert "hidden by a moderator" in reader
    assert "Advertising" in reader
    assert post.body not in reader
    entry = logged(Kind.HIDE_POST, post=post)
    assert entry.moderator == moderator
    assert entry.reason == "Advertising"
    assert entry.member == post.author


def test_moderators_still_read_a_hidden_post(client, thread, moderator):
    post = reply_of(thread)
    moderation.hide_post(moderator=moderator, post=post, reason="Advertising")

    content = page(signed_in(client, moderator).get(thread.get_absolute_url()))

    assert post.body in content
    assert "Hidden from readers by a moderator" in content
    assert "Restore the post" in content


def test_the_author_sees_why_their_post_was_hidden(client, thread, moderator):
    post = reply_of(thread)
    moderation.hide_post(moderator=moderator, post=post, reason="Personal attack")

    content = page(signed_in(client, post.author).get(thread.get_absolute_url()))

    assert "hidden by a moderator" in content
    assert "Personal attack" in content


def test_hiding_needs_a_reason(client, thread, moderator):
    post = reply_of(thread)

    response = signed_in(client, moderator).post(f"/forums/p/{post.pk}/hide/", {"reason": " "})

    assert response.status_code == 400
    assert "Give a reason" in page(response)
    post.refresh_from_db()
    assert not post.is_hidden
    assert not ModerationAction.objects.exists()


def test_restoring_a_post_shows_it_to_readers_again(client, thread, moderator):
    post = reply_of(thread)
    moderation.hide_post(moderator=moderator, post=post, reason="Advertising")

    response = signed_in(client, moderator).post(
        f"/forums/p/{post.pk}/restore/", {"reason": "It was a real answer"}
    )

    assert response.status_code == 302
    client.logout()
    reader = page(client.get(thread.get_absolute_url()))
    assert post.body in reader
    assert "hidden by a moderator" not in reader
    assert logged(Kind.RESTORE_POST, post=post).reason == "It was a real answer"


def test_hiding_the_accepted_answer_unaccepts_it(thread, moderator):
    post = reply_of(thread)
    thread.is_question = True
    thread.accepted_post = post
    thread.save()

    moderation.hide_post(moderator=moderator, post=post, reason="Wrong and rude")

    thread.refresh_from_db()
    assert thread.accepted_post is None
    assert logged(Kind.HIDE_POST, post=post).details


def test_the_next_address_must_stay_on_the_site(client, thread, moderator):
    post = reply_of(thread)

    response = signed_in(client, moderator).post(
        f"/forums/p/{post.pk}/hide/", {"reason": "Spam", "next": "https://evil.example/"}
    )

    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert response["Location"].startswith(thread.get_absolute_url())


def test_moderators_see_the_tools_on_the_thread_page_and_members_do_not(client, thread, moderator):
    as_moderator = page(signed_in(client, moderator).get(thread.get_absolute_url()))
    member = page(signed_in(client, VerifiedUserFactory()).get(thread.get_absolute_url()))

    for tool in ("Hide the post", "Lock", "Pin", "Hide the thread", "Move to another category"):
        assert tool in as_moderator
        assert tool not in member


# Threads ---------------------------------------------------------------------------------


def test_a_locked_thread_refuses_replies_with_a_message(client, thread, moderator):
    signed_in(client, moderator).post(
        f"/forums/t/{thread.pk}/moderate/", {"action": "lock", "reason": "Going in circles"}
    )
    member = VerifiedUserFactory()

    response = signed_in(client, member).post(
        f"/forums/t/{thread.pk}/reply/", {"body": "One more thing"}
    )

    assert response.status_code == 403
    assert "This thread is locked" in page(response)
    assert not Post.objects.filter(author=member).exists()
    assert logged(Kind.LOCK, thread=thread).reason == "Going in circles"


def test_unlocking_lets_members_reply_again(client, thread, moderator):
    moderation.lock_thread(moderator=moderator, thread=thread)
    signed_in(client, moderator).post(f"/forums/t/{thread.pk}/moderate/", {"action": "unlock"})
    member = VerifiedUserFactory()

    response = signed_in(client, member).post(
        f"/forums/t/{thread.pk}/reply/", {"body": "One more thing"}
    )

    assert response.status_code == 302
    assert Post.objects.filter(author=member).exists()
    assert logged(Kind.UNLOCK, thread=thread).moderator == moderator


def test_a_pinned_thread_comes_first_in_its_category(client, category, moderator):
    older = thread_with_posts(category=category, title="The older thread")
    newer = thread_with_posts(category=category, title="The newer thread")
    post_reply(author=VerifiedUserFactory(), thread=newer, body="Still going.")

    signed_in(client, moderator).post(f"/forums/t/{older.pk}/moderate/", {"action": "pin"})

    client.logout()
    content = page(client.get(category.get_absolute_url()))
    assert content.index("The older thread") < content.index("The newer thread")
    assert logged(Kind.PIN, thread=older)
    older.refresh_from_db()
    moderation.unpin_thread(moderator=moderator, thread=older)
    content = page(client.get(category.get_absolute_url()))
    assert content.index("The newer thread") < content.index("The older thread")


def test_a_hidden_thread_is_gone_for_readers_until_restored(client, thread, moderator):
    signed_in(client, moderator).post(
        f"/forums/t/{thread.pk}/moderate/", {"action": "hide", "reason": "Duplicate"}
    )
    assert client.get(thread.get_absolute_url()).status_code == 200
    client.logout()
    assert client.get(thread.get_absolute_url()).status_code == 404

    moderation.restore_thread(moderator=moderator, thread=thread)

    assert client.get(thread.get_absolute_url()).status_code == 200
    assert logged(Kind.HIDE_THREAD, thread=thread).reason == "Duplicate"
    assert logged(Kind.RESTORE_THREAD, thread=thread)


def test_hiding_a_thread_needs_a_reason(client, thread, moderator):
    response = signed_in(client, moderator).post(
        f"/forums/t/{thread.pk}/moderate/", {"action": "hide", "reason": ""}
    )

    assert response.status_code == 400
    assert "Give a reason" in page(response)
    thread.refresh_from_db()
    assert not thread.is_hidden


def test_an_unknown_thread_action_is_refused(client, thread, moderator):
    response = signed_in(client, moderator).post(
        f"/forums/t/{thread.pk}/moderate/", {"action": "explode"}
    )

    assert response.status_code == 400
    assert not ModerationAction.objects.exists()


def test_a_moved_thread_appears_in_the_new_category(client, thread, category):
    target = CategoryFactory(name="Open data")
    mover = moderator_of(category)
    target.moderators.add(mover)

    form = signed_in(client, mover).get(f"/forums/t/{thread.pk}/move/")
    assert "Open data" in page(form)
    response = client.post(
        f"/forums/t/{thread.pk}/move/", {"to_category": target.pk, "reason": "Belongs there"}
    )

    assert response.status_code == 302
    client.logout()
    assert thread.title in page(client.get(target.get_absolute_url()))
    assert thread.title not in page(client.get(category.get_absolute_url()))
    entry = logged(Kind.MOVE, thread=thread)
    assert "Open data" in entry.details
    assert entry.reason == "Belongs there"


def test_moving_needs_both_categories(thread, moderator):
    elsewhere = CategoryFactory()

    with pytest.raises(PermissionDenied):
        moderation.move_thread(moderator=moderator, thread=thread, to_category=elsewhere)

    thread.refresh_from_db()
    assert thread.category_id != elsewhere.pk


def test_the_move_form_offers_only_categories_one_moderates(client, thread, moderator):
    CategoryFactory(name="Somebody else's")

    content = page(signed_in(client, moderator).get(f"/forums/t/{thread.pk}/move/"))

    assert "Somebody else" not in content
    assert "You moderate no other category" in content


# Who may moderate ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, data",
    [
        ("/forums/p/{post}/hide/", {"reason": "Spam"}),
        ("/forums/p/{post}/restore/", {}),
        ("/forums/t/{thread}/moderate/", {"action": "lock"}),
        ("/forums/t/{thread}/move/", {}),
    ],
)
@pytest.mark.parametrize("who", ["visitor", "member", "other moderator"])
def test_only_the_categorys_moderators_may_act(client, thread, url, data, who):
    if who == "member":
        signed_in(client, VerifiedUserFactory())
    elif who == "other moderator":
        signed_in(client, moderator_of(CategoryFactory()))
    url = url.format(post=reply_of(thread).pk, thread=thread.pk)

    response = client.post(url, data)

    if who == "visitor" and url.endswith("/move/"):
        assert response.status_code == 302  # the move form asks to sign in first
    else:
        assert response.status_code == 403
        if who != "visitor":
            assert "Only the moderators of this category" in page(response)
    thread.refresh_from_db()
    assert not thread.is_locked
    assert not Post.objects.filter(is_hidden=True).exists()
    assert not ModerationAction.objects.exists()


def test_a_thread_one_cannot_see_is_not_found(client):
    private = CategoryFactory(
        visibility=CategoryVisibility.GROUP, group=Group.objects.create(name="A working group")
    )
    thread = thread_with_posts(category=private, author=global_moderator())
    signed_in(client, moderator_of(CategoryFactory()))

    assert client.post(f"/forums/t/{thread.pk}/moderate/", {"action": "lock"}).status_code == 404
    post = thread.posts.get(position=1)
    assert client.post(f"/forums/p/{post.pk}/hide/", {"reason": "x"}).status_code == 404


def test_a_global_moderator_moderates_every_category(client, thread):
    response = signed_in(client, global_moderator()).post(
        f"/forums/t/{thread.pk}/moderate/", {"action": "pin"}
    )

    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.is_pinned


# Suspensions -----------------------------------------------------------------------------


def test_a_suspended_member_is_told_the_reason_and_end_date(client, thread):
    moderator = global_moderator()
    member = VerifiedUserFactory()

    response = signed_in(client, moderator).post(
        f"/forums/members/{member.pk}/suspend/",
        {"duration": "week", "reason": "Repeated insults"},
    )

    assert response.status_code == 302
    suspension = Suspension.objects.get(user=member)
    assert timedelta(days=6) < suspension.ends_at - timezone.now() <= timedelta(days=7)
    reply = signed_in(client, member).post(f"/forums/t/{thread.pk}/reply/", {"body": "Hello"})
    assert reply.status_code == 403
    content = page(reply)
    assert "Repeated insults" in content
    until = formats.date_format(timezone.localtime(suspension.ends_at), "DATETIME_FORMAT")
    assert until in content
    entry = logged(Kind.SUSPEND, member=member)
    assert entry.moderator == moderator
    assert entry.reason == "Repeated insults"


def test_lifting_a_suspension_restores_posting(client, thread):
    moderator = global_moderator()
    member = VerifiedUserFactory()
    moderation.suspend_member(
        moderator=moderator,
        member=member,
        until=timezone.now() + timedelta(days=30),
        reason="Spam",
    )

    response = signed_in(client, moderator).post(
        f"/forums/members/{member.pk}/lift-suspension/", {"reason": "Apologised"}
    )

    assert response.status_code == 302
    reply = signed_in(client, member).post(f"/forums/t/{thread.pk}/reply/", {"body": "Sorry"})
    assert reply.status_code == 302
    assert logged(Kind.LIFT_SUSPENSION, member=member).reason == "Apologised"


def test_a_suspension_until_a_chosen_date(client):
    member = VerifiedUserFactory()
    day = (timezone.localtime() + timedelta(days=10)).date()

    signed_in(client, global_moderator()).post(
        f"/forums/members/{member.pk}/suspend/",
        {"duration": "custom", "until": day.isoformat(), "reason": "Cooling off"},
    )

    assert timezone.localtime(Suspension.objects.get(user=member).ends_at).date() == day


@pytest.mark.parametrize("until", ["", "2001-01-01"])
def test_a_chosen_date_must_be_given_and_in_the_future(client, until):
    member = VerifiedUserFactory()

    response = signed_in(client, global_moderator()).post(
        f"/forums/members/{member.pk}/suspend/",
        {"duration": "custom", "until": until, "reason": "Cooling off"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors["until"]
    assert not Suspension.objects.exists()


def test_the_suspension_form_shows_the_running_suspension(client):
    member = VerifiedUserFactory()
    moderator = global_moderator()
    moderation.suspend_member(
        moderator=moderator, member=member, until=timezone.now() + timedelta(days=1), reason="Spam"
    )

    content = page(signed_in(client, moderator).get(f"/forums/members/{member.pk}/suspend/"))

    assert "Suspended now" in content
    assert "Lift the suspension now" in content


def test_only_global_moderators_suspend(client, category):
    member = VerifiedUserFactory()
    signed_in(client, moderator_of(category))

    response = client.post(
        f"/forums/members/{member.pk}/suspend/", {"duration": "day", "reason": "Spam"}
    )

    assert response.status_code == 403
    assert "global moderators" in page(response)
    assert client.get(f"/forums/members/{member.pk}/suspend/").status_code == 403
    assert not Suspension.objects.exists()


@pytest.mark.parametrize("target", ["self", "staff", "moderator"])
def test_nobody_suspends_themselves_staff_or_another_moderator(target):
    moderator = global_moderator()
    member = {
        "self": moderator,
        "staff": VerifiedUserFactory(is_staff=True),
        "moderator": global_moderator(),
    }[target]

    with pytest.raises(PermissionDenied):
        moderation.suspend_member(
            moderator=moderator,
            member=member,
            until=timezone.now() + timedelta(days=1),
            reason="Power grab",
        )
    assert not Suspension.objects.exists()


def test_only_global_moderators_lift_suspensions(client, category):
    member = VerifiedUserFactory()
    moderation.suspend_member(
        moderator=global_moderator(),
        member=member,
        until=timezone.now() + timedelta(days=1),
        reason="Spam",
    )

    response = signed_in(client, moderator_of(category)).post(
        f"/forums/members/{member.pk}/lift-suspension/"
    )

    assert response.status_code == 403
    assert Suspension.objects.get(user=member).lifted_at is None


# Reporting posts -------------------------------------------------------------------------


@pytest.mark.parametrize("reason", [r for r in FlagReason.values if r != FlagReason.OTHER])
def test_a_member_reports_a_post(client, thread, reason):
    post = reply_of(thread)
    reporter = VerifiedUserFactory()

    form = signed_in(client, reporter).get(f"/forums/p/{post.pk}/flag/")
    assert form.status_code == 200
    response = client.post(f"/forums/p/{post.pk}/flag/", {"reason": reason}, follow=True)

    assert "A moderator will look at your report" in page(response)
    flag = Flag.objects.get(post=post)
    assert (flag.reporter, flag.reason, flag.status) == (reporter, reason, Flag.Status.OPEN)


def test_something_else_needs_details(client, thread):
    post = reply_of(thread)
    signed_in(client, VerifiedUserFactory())

    response = client.post(f"/forums/p/{post.pk}/flag/", {"reason": "other", "details": " "})

    assert response.status_code == 400
    assert "the details are needed" in response.context["form"].errors["details"][0]
    assert not Flag.objects.exists()

    client.post(f"/forums/p/{post.pk}/flag/", {"reason": "other", "details": "Plagiarised"})
    assert Flag.objects.get(post=post).details == "Plagiarised"


def test_reporting_twice_says_it_is_already_reported(client, thread):
    post = reply_of(thread)
    signed_in(client, VerifiedUserFactory())
    client.post(f"/forums/p/{post.pk}/flag/", {"reason": "spam"})

    response = client.post(f"/forums/p/{post.pk}/flag/", {"reason": "abusive"}, follow=True)

    assert "already reported this" in page(response)
    assert Flag.objects.filter(post=post).count() == 1


def test_one_cannot_report_ones_own_post(client, thread):
    post = reply_of(thread)

    response = signed_in(client, post.author).get(f"/forums/p/{post.pk}/flag/")

    assert response.status_code == 403
    assert "your own post" in page(response)


def test_reports_are_limited_per_day(settings, category):
    settings.FORUMS_LIMITS = {"FLAGS_PER_DAY": 2}
    thread = thread_with_posts(category=category, replies=3)
    reporter = VerifiedUserFactory()
    posts = list(thread.posts.filter(position__gt=1))
    for post in posts[:2]:
        moderation.flag_post(reporter=reporter, post=post, reason="spam")

    with pytest.raises(moderation.FlagLimitReached, match="2 reports today"):
        moderation.flag_post(reporter=reporter, post=posts[2], reason="spam")


def test_a_visitor_is_asked_to_sign_in_to_report(client, thread):
    response = client.get(f"/forums/p/{reply_of(thread).pk}/flag/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] or "login" in response["Location"]


# The queue -------------------------------------------------------------------------------


def test_the_queue_shows_a_report_to_the_categorys_moderators_only(client, thread, moderator):
    post = reply_of(thread)
    moderation.flag_post(
        reporter=VerifiedUserFactory(), post=post, reason="other", details="Copied from a blog"
    )

    content = page(signed_in(client, moderator).get("/forums/moderation/"))
    assert post.body in content
    assert thread.title in content
    assert "Copied from a blog" in content
    assert str(FlagReason.OTHER.label) in content

    other = page(signed_in(client, moderator_of(CategoryFactory())).get("/forums/moderation/"))
    assert post.body not in other
    assert "No reported posts are waiting" in other

    assert post.body in page(signed_in(client, global_moderator()).get("/forums/moderation/"))


def test_the_queue_is_for_moderators(client):
    response = signed_in(client, VerifiedUserFactory()).get("/forums/moderation/")

    assert response.status_code == 403
    assert "Only forum moderators" in page(response)


def test_hiding_from_the_queue_resolves_the_reports(client, thread, moderator):
    post = reply_of(thread)
    first = moderation.flag_post(reporter=VerifiedUserFactory(), post=post, reason="spam")
    second = moderation.flag_post(reporter=VerifiedUserFactory(), post=post, reason="abusive")
    signed_in(client, moderator)

    response = client.post(
        f"/forums/p/{post.pk}/hide/", {"reason": "Spam", "next": "/forums/moderation/"}
    )

    assert response["Location"] == "/forums/moderation/"
    for flag in (first, second):
        flag.refresh_from_db()
        assert (flag.status, flag.resolved_by) == (Flag.Status.ACTED, moderator)
    assert post.body not in page(client.get("/forums/moderation/"))


def test_dismissing_a_report_leaves_the_post_and_logs_it(client, thread, moderator):
    post = reply_of(thread)
    flag = moderation.flag_post(reporter=VerifiedUserFactory(), post=post, reason="spam")

    response = signed_in(client, moderator).post(f"/forums/moderation/flags/{flag.pk}/dismiss/")

    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.status == Flag.Status.DISMISSED
    post.refresh_from_db()
    assert not post.is_hidden
    assert logged(Kind.DISMISS_FLAG, post=post).moderator == moderator
    assert post.body not in page(client.get("/forums/moderation/"))


def test_the_moderator_of_another_category_cannot_dismiss(client, thread):
    flag = moderation.flag_post(
        reporter=VerifiedUserFactory(), post=reply_of(thread), reason="spam"
    )

    response = signed_in(client, moderator_of(CategoryFactory())).post(
        f"/forums/moderation/flags/{flag.pk}/dismiss/"
    )

    assert response.status_code == 403
    flag.refresh_from_db()
    assert flag.status == Flag.Status.OPEN


def test_the_moderator_link_counts_the_open_reports(thread, moderator):
    moderation.flag_post(reporter=VerifiedUserFactory(), post=reply_of(thread), reason="spam")
    moderation.flag_post(reporter=VerifiedUserFactory(), post=reply_of(thread, 1), reason="spam")

    def nav(user):
        request = RequestFactory().get("/forums/")
        request.user = user
        return render_to_string("forums/includes/moderator_nav.html", request=request)

    assert "2 reports waiting" in nav(moderator)
    assert "0 reports waiting" in nav(moderator_of(CategoryFactory()))
    assert nav(VerifiedUserFactory()).strip() == ""


# Reporting private messages --------------------------------------------------------------


def test_a_reported_message_reaches_global_moderators_only(client, category):
    member, spammer = VerifiedUserFactory(), VerifiedUserFactory()
    message = message_in(conversation_between(member, spammer), spammer)

    response = signed_in(client, member).post(
        f"/forums/messages/{message.pk}/flag/", {"reason": "spam"}
    )

    assert response.status_code == 302
    assert Flag.objects.get(message=message).reporter == member
    queue = page(signed_in(client, global_moderator()).get("/forums/moderation/"))
    assert "Buy cheap followers" in queue
    assert "A private word" in queue
    local = page(signed_in(client, moderator_of(category)).get("/forums/moderation/"))
    assert "Buy cheap followers" not in local


def test_only_a_participant_still_in_the_conversation_reports_a_message():
    member, author, outsider, leaver = (VerifiedUserFactory() for _ in range(4))
    conversation = conversation_between(member, author, leaver)
    ConversationParticipant.objects.filter(user=leaver).update(has_left=True)
    message = message_in(conversation, author)

    with pytest.raises(Http404):
        moderation.flag_message(reporter=outsider, message=message, reason="spam")
    with pytest.raises(PermissionDenied, match="You left"):
        moderation.flag_message(reporter=leaver, message=message, reason="spam")
    with pytest.raises(PermissionDenied, match="your own message"):
        moderation.flag_message(reporter=author, message=message, reason="spam")
    moderation.flag_message(reporter=member, message=message, reason="abusive")
    assert Flag.objects.filter(message=message).count() == 1


def test_only_global_moderators_dismiss_message_reports(category):
    member, author = VerifiedUserFactory(), VerifiedUserFactory()
    message = message_in(conversation_between(member, author), author)
    flag = moderation.flag_message(reporter=member, message=message, reason="spam")

    with pytest.raises(PermissionDenied):
        moderation.dismiss_flag(moderator=moderator_of(category), flag=flag)

    moderation.dismiss_flag(moderator=global_moderator(), flag=flag)
    flag.refresh_from_db()
    assert flag.status == Flag.Status.DISMISSED
    assert logged(Kind.DISMISS_FLAG, conversation=message.conversation).member == author


def test_suspending_from_a_message_report_resolves_it(client):
    member, author = VerifiedUserFactory(), VerifiedUserFactory()
    message = message_in(conversation_between(member, author), author)
    flag = moderation.flag_message(reporter=member, message=message, reason="abusive")

    signed_in(client, global_moderator()).post(
        f"/forums/members/{author.pk}/suspend/",
        {"duration": "month", "reason": "Abusive messages", "flag": flag.pk},
    )

    flag.refresh_from_db()
    assert flag.status == Flag.Status.ACTED
    assert Suspension.objects.get(user=author).reason == "Abusive messages"


# The log ---------------------------------------------------------------------------------


def test_the_log_lists_the_newest_first_and_filters_by_kind(client, thread, moderator):
    moderation.lock_thread(moderator=moderator, thread=thread, reason="First reason")
    moderation.pin_thread(moderator=moderator, thread=thread, reason="Second reason")
    signed_in(client, moderator)

    content = page(client.get("/forums/moderation/log/"))
    assert content.index("Second reason") < content.index("First reason")

    only_locks = page(client.get("/forums/moderation/log/", {"kind": "lock"}))
    assert "First reason" in only_locks
    assert "Second reason" not in only_locks


def test_the_log_is_paginated(client, thread, moderator):
    for n in range(55):
        ModerationAction.objects.create(
            kind=Kind.LOCK, moderator=moderator, thread=thread, reason=f"Entry {n:02d}"
        )
    signed_in(client, moderator)

    first = page(client.get("/forums/moderation/log/"))
    second = page(client.get("/forums/moderation/log/", {"page": 2}))

    assert "Entry 54" in first and "Entry 04" not in first
    assert "Entry 04" in second


def test_a_category_moderator_sees_only_their_categories_in_the_log(client, thread, moderator):
    other_thread = thread_with_posts(category=CategoryFactory(), title="Elsewhere entirely")
    moderation.lock_thread(moderator=global_moderator(), thread=other_thread, reason="Not yours")
    moderation.lock_thread(moderator=moderator, thread=thread, reason="Yours")

    content = page(signed_in(client, moderator).get("/forums/moderation/log/"))

    assert "Yours" in content
    assert "Not yours" not in content


def test_the_log_is_for_moderators(client):
    assert (
        signed_in(client, VerifiedUserFactory()).get("/forums/moderation/log/").status_code == 403
    )


def test_actions_refuse_a_reason_that_is_too_long(thread, moderator):
    with pytest.raises(ValidationError, match="at most 300"):
        moderation.hide_post(moderator=moderator, post=reply_of(thread), reason="x" * 301)


# Query counts ----------------------------------------------------------------------------


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_moderator_tools_do_not_read_more_with_more_posts(client, category, moderator):
    small = bulk_thread(category, posts=5, authors=bulk_authors(5, "small"))
    big = bulk_thread(category, posts=20, authors=bulk_authors(20, "big"))
    signed_in(client, moderator).get("/forums/")

    counted = [queries_for(client, f"/forums/t/{thread.pk}/") for thread in (small, big)]

    assert counted[0] == counted[1]
    assert "Hide the post" in page(client.get(f"/forums/t/{big.pk}/"))


def test_the_queue_does_not_read_more_with_more_reports(client, category):
    def report_every_reply(thread):
        for post in thread.posts.filter(position__gt=1):
            Flag.objects.create(post=post, reporter=VerifiedUserFactory(), reason="spam")

    report_every_reply(bulk_thread(category, posts=3, authors=bulk_authors(3, "few")))
    signed_in(client, global_moderator()).get("/forums/")
    with_few = queries_for(client, "/forums/moderation/")
    report_every_reply(bulk_thread(CategoryFactory(), posts=20, authors=bulk_authors(20, "many")))

    assert queries_for(client, "/forums/moderation/") == with_few
