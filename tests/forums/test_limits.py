"""Trust and rate limits: new members are held back a little, everyone has a ceiling, and
the message says how long to wait."""

from datetime import timedelta

import pytest
from django.utils import timezone

from forums.actions.posting import post_reply, start_thread
from forums.limits import PostingLimitReached, trust_of
from forums.models import Post
from tests.factories import CategoryFactory, VerifiedUserFactory, thread_with_posts

pytestmark = pytest.mark.django_db


def newcomer():
    return VerifiedUserFactory(date_joined=timezone.now() - timedelta(hours=1))


def test_a_new_member_is_new_until_they_have_some_history(settings):
    settings.FORUMS_LIMITS = {"NEW_MEMBER_POSTS": 2, "NEW_MEMBER_DAYS": 0}
    member = VerifiedUserFactory()
    thread = thread_with_posts()
    assert trust_of(member).is_new

    post_reply(author=member, thread=thread, body="One")
    post_reply(author=member, thread=thread, body="Two")

    assert not trust_of(member).is_new


def test_new_members_may_put_only_a_few_links_in_a_post(settings):
    settings.FORUMS_LIMITS = {"NEW_MEMBER_LINKS": 2}
    body = "https://a.example https://b.example https://c.example"

    with pytest.raises(PostingLimitReached, match="at most 2 links in a post; this one has 3"):
        post_reply(author=newcomer(), thread=thread_with_posts(), body=body)


def test_new_members_start_a_few_threads_a_day_and_are_told_when_to_come_back(settings):
    settings.FORUMS_LIMITS = {"NEW_MEMBER_THREADS_PER_DAY": 2}
    member, category = newcomer(), CategoryFactory()
    for n in range(2):
        start_thread(author=member, category=category, title=f"Question {n}", body=f"Body {n}")

    with pytest.raises(PostingLimitReached) as refused:
        start_thread(author=member, category=category, title="Question 3", body="Body 3")

    assert "You have started 2 threads today." in refused.value.messages[0]
    assert "Please wait 24 hours" in refused.value.messages[0]


def test_everyone_has_an_hourly_ceiling_on_posts(settings):
    settings.FORUMS_LIMITS = {"POSTS_PER_HOUR": 3, "NEW_MEMBER_POSTS": 0, "NEW_MEMBER_DAYS": 0}
    member, thread = VerifiedUserFactory(), thread_with_posts()
    for n in range(3):
        post_reply(author=member, thread=thread, body=f"Reply {n}")

    with pytest.raises(PostingLimitReached, match="posted 3 times in the last hour"):
        post_reply(author=member, thread=thread, body="One more")


def test_the_wait_is_counted_from_the_oldest_post_in_the_window(settings):
    settings.FORUMS_LIMITS = {"POSTS_PER_HOUR": 2, "NEW_MEMBER_POSTS": 0, "NEW_MEMBER_DAYS": 0}
    member, thread = VerifiedUserFactory(), thread_with_posts()
    first = post_reply(author=member, thread=thread, body="Early")
    first.created_at = timezone.now() - timedelta(minutes=50)
    first.save()
    post_reply(author=member, thread=thread, body="Later")

    with pytest.raises(PostingLimitReached, match="wait 10 minutes"):
        post_reply(author=member, thread=thread, body="Too soon")


def test_older_posts_count_towards_trust_when_the_last_hour_has_too_few(settings):
    settings.FORUMS_LIMITS = {"NEW_MEMBER_POSTS": 2, "NEW_MEMBER_DAYS": 0}
    member, thread = VerifiedUserFactory(), thread_with_posts()
    for body in ("One", "Two"):
        post_reply(author=member, thread=thread, body=body)
    Post.objects.filter(author=member).update(created_at=timezone.now() - timedelta(days=3))

    assert not trust_of(member).is_new
    post_reply(
        author=member, thread=thread, body="https://a.example https://b.example www.c.example"
    )


def test_hidden_posts_do_not_make_a_member_trusted(settings):
    settings.FORUMS_LIMITS = {"NEW_MEMBER_POSTS": 2, "NEW_MEMBER_DAYS": 0, "NEW_MEMBER_LINKS": 0}
    member, thread = VerifiedUserFactory(), thread_with_posts()
    for body in ("One", "Two"):
        post_reply(author=member, thread=thread, body=body)
    Post.objects.filter(author=member).update(is_hidden=True)

    with pytest.raises(PostingLimitReached, match="at most 0 links"):
        post_reply(author=member, thread=thread, body="See https://a.example")
