"""Thread pages keep each post's markup in the cache: what a reader sees must still be the
post as it is now, as that reader may see it, and never what another reader saw."""

import re

import pytest
from django.test import Client

from forums.actions.moderation import hide_post
from forums.actions.posting import edit_post
from forums.actions.reactions import set_like
from members.models import ExpertProfile, Visibility
from tests.factories import VerifiedUserFactory, thread_with_posts

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def thread_page(client: Client, thread) -> str:
    response = client.get(f"/forums/t/{thread.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def post_markup(html: str, position: int) -> str:
    return re.search(rf'<li class="post[^"]*" id="post-{position}">(.*?)</li>', html, re.S).group(1)


def test_a_like_shows_as_pressed_to_the_member_who_gave_it_only():
    thread = thread_with_posts(replies=1)
    liker, other = VerifiedUserFactory(), VerifiedUserFactory()
    reply = thread.posts.get(position=2)
    set_like(user=liker, post=reply, liked=True)

    mine = post_markup(thread_page(signed_in(liker), thread), 2)
    theirs = post_markup(thread_page(signed_in(other), thread), 2)

    assert ">Unlike<" in mine and "1 like" in mine
    assert ">Unlike<" not in theirs and ">Like<" in theirs and "1 like" in theirs


def test_the_buttons_send_the_page_form_with_the_readers_own_csrf_token():
    thread = thread_with_posts(replies=1)
    reader = VerifiedUserFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)

    html = thread_page(client, thread)
    for position in (1, 2):
        assert "csrfmiddlewaretoken" not in post_markup(html, position)
    form = re.search(r'<form id="post-actions" method="post"[^>]*>(.*?)</form>', html, re.S)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(1)).group(1)
    like = re.search(r'form="post-actions" formaction="([^"]+/like/)"', post_markup(html, 2))

    response = client.post(like.group(1), {"csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert ">Unlike<" in post_markup(thread_page(client, thread), 2)


def test_an_edit_a_hidden_post_and_a_renamed_author_show_at_once():
    author = VerifiedUserFactory()
    profile = ExpertProfile.objects.create(
        user=author, display_name="Amina Yusuf", visibility=Visibility.PUBLIC
    )
    thread = thread_with_posts(replies=1)
    reply = thread.posts.get(position=2)
    reply.author = author
    reply.save(update_fields=["author"])
    reader = signed_in(VerifiedUserFactory())
    assert "Amina Yusuf" in post_markup(thread_page(reader, thread), 2)

    edit_post(editor=author, post=reply, body="A corrected answer.")
    profile.display_name = "Amina Yusuf-Bello"
    profile.save()
    html = post_markup(thread_page(reader, thread), 2)
    assert "A corrected answer." in html and "edited" in html and "Amina Yusuf-Bello" in html

    moderator = VerifiedUserFactory(is_superuser=True)
    hide_post(moderator=moderator, post=reply, reason="Off topic")
    html = post_markup(thread_page(reader, thread), 2)
    assert "A corrected answer." not in html and "Off topic" in html


def test_a_members_only_profile_is_linked_for_members_not_for_visitors_who_come_after():
    author = VerifiedUserFactory()
    ExpertProfile.objects.create(
        user=author, display_name="Omar Farouk", visibility=Visibility.MEMBERS
    )
    thread = thread_with_posts(author=author)

    as_member = post_markup(thread_page(signed_in(VerifiedUserFactory()), thread), 1)
    as_visitor = post_markup(thread_page(Client(), thread), 1)

    assert re.search(r'<a href="[^"]+" dir="auto">Omar Farouk</a>', as_member)
    assert "Omar Farouk" in as_visitor
    assert not re.search(r'<a href="[^"]+" dir="auto">Omar Farouk</a>', as_visitor)
    assert ">Like<" not in as_visitor


def test_unread_marks_are_for_the_visit_that_finds_them():
    thread = thread_with_posts(replies=1)
    reader = signed_in(VerifiedUserFactory())
    thread_page(reader, thread)
    from forums.actions.posting import post_reply

    post_reply(author=VerifiedUserFactory(), thread=thread, body="News from the registry.")

    assert "Unread" in post_markup(thread_page(reader, thread), 3)
    assert "Unread" not in post_markup(thread_page(reader, thread), 3)


def test_moderators_get_their_tools_on_every_post_and_readers_never_do():
    thread = thread_with_posts(replies=1)
    moderator = VerifiedUserFactory(is_superuser=True)
    reader = signed_in(VerifiedUserFactory())
    thread_page(reader, thread)  # the readers' markup is in the cache now

    moderators = thread_page(signed_in(moderator), thread)
    readers = thread_page(reader, thread)

    assert "Hide the post" in post_markup(moderators, 2)
    assert "Hide the post" not in readers and "Moderate" not in post_markup(readers, 2)
