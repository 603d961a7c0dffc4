"""Starting threads and replying: what a member sees after posting, and what stops a post."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from forums.actions.posting import DuplicatePost, post_reply, start_thread
from forums.models import Post, ReadState, Watch, WatchLevel
from tests.factories import CategoryFactory, UserFactory, VerifiedUserFactory, thread_with_posts

pytestmark = pytest.mark.django_db


def test_a_reply_takes_the_next_position_and_moves_the_thread_up():
    thread = thread_with_posts(replies=2)

    assert list(thread.posts.values_list("position", flat=True)) == [1, 2, 3]
    assert thread.last_position == 3
    assert thread.reply_count == 2


def test_taking_part_watches_the_thread_and_marks_it_read():
    author = VerifiedUserFactory()
    thread = thread_with_posts(author=author)

    assert Watch.objects.get(user=author, thread=thread).level == WatchLevel.WATCHING
    assert ReadState.objects.get(user=author, thread=thread).last_read_position == 1


def test_replying_keeps_the_level_a_member_chose_for_the_thread():
    thread = thread_with_posts()
    member = VerifiedUserFactory()
    Watch.objects.create(user=member, thread=thread, level=WatchLevel.MUTED)

    post_reply(author=member, thread=thread, body="Still muted, thanks.")
    post_reply(author=member, thread=thread, body="And still.")

    assert list(Watch.objects.filter(user=member).values_list("thread", "level")) == [
        (thread.pk, WatchLevel.MUTED)
    ]
    assert ReadState.objects.get(user=member, thread=thread).last_read_position == 3


def test_a_member_who_has_not_confirmed_their_email_cannot_post():
    with pytest.raises(PermissionDenied, match="Confirm your e-mail"):
        start_thread(
            author=UserFactory(), category=CategoryFactory(), title="Hello there", body="Hi"
        )


def test_the_same_reply_sent_twice_is_posted_once():
    thread = thread_with_posts()
    member = VerifiedUserFactory()
    first = post_reply(author=member, thread=thread, body="Same words")

    with pytest.raises(DuplicatePost) as raised:
        post_reply(author=member, thread=thread, body="Same words")

    assert raised.value.post == first
    assert Post.objects.filter(thread=thread).count() == 2


@pytest.mark.parametrize("body", ["", "   \n  "])
def test_an_empty_reply_is_refused_with_a_message(body):
    with pytest.raises(ValidationError, match="Write something"):
        post_reply(author=VerifiedUserFactory(), thread=thread_with_posts(), body=body)


def test_the_same_first_post_in_another_category_is_a_new_thread():
    member, here, elsewhere = VerifiedUserFactory(), CategoryFactory(), CategoryFactory()
    first = start_thread(author=member, category=here, title="Address registers", body="Same")
    other = start_thread(author=member, category=elsewhere, title="Address registers", body="Same")

    with pytest.raises(DuplicatePost) as raised:
        start_thread(author=member, category=here, title="Address registers", body="Same")

    assert other.thread != first.thread
    assert raised.value.post == first


def test_a_reply_sent_again_after_the_first_was_deleted_is_posted():
    thread = thread_with_posts()
    member = VerifiedUserFactory()
    first = post_reply(author=member, thread=thread, body="Same words")
    first.is_deleted = True
    first.save(update_fields=["is_deleted"])

    again = post_reply(author=member, thread=thread, body="Same words")

    assert again.position == first.position + 1


def test_the_same_text_in_another_thread_is_not_a_duplicate():
    member = VerifiedUserFactory()
    post_reply(author=member, thread=thread_with_posts(), body="Thanks, that helps.")

    other = post_reply(author=member, thread=thread_with_posts(), body="Thanks, that helps.")

    assert other.body == "Thanks, that helps."
