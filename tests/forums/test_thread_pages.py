"""Writing in the forums through the pages, as a member does: threads, replies, quotes,
edits, deletion, likes, accepted answers, watching, and what bad input gets back."""

import pytest
from django.contrib.auth.models import Group

from forums.models import Post, Thread, Watch, WatchLevel
from tests.factories import CategoryFactory, VerifiedUserFactory, thread_with_posts

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    user = VerifiedUserFactory(first_name="Layla", last_name="Haddad")
    client.force_login(user)
    return user


def page(client, url: str) -> str:
    response = client.get(url, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_a_member_starts_a_thread_and_reads_it_back(client, member):
    category = CategoryFactory()

    response = client.post(
        f"/forums/c/{category.slug}/new/",
        {"title": "Who runs a national data exchange?", "body": "We are *starting* one."},
        follow=True,
    )

    html = response.content.decode()
    assert "Who runs a national data exchange?" in html
    assert "<em>starting</em>" in html
    assert "Layla Haddad" in html
    assert member.email not in html, "e-mail addresses are never shown"


def test_a_reply_appears_at_its_anchor_and_the_thread_moves_to_the_top(client, member):
    older = thread_with_posts(title="An older thread")
    thread_with_posts(title="A newer thread")

    response = client.post(f"/forums/t/{older.pk}/reply/", {"body": "Here is my answer."})

    assert response["Location"].endswith("#post-2")
    assert "Here is my answer." in page(client, response["Location"])
    latest = page(client, "/forums/latest/")
    assert latest.index("An older thread") < latest.index("A newer thread")


def test_quoting_a_post_starts_the_reply_with_the_quoted_text(client, member):
    thread = thread_with_posts()
    first = thread.posts.get(position=1)

    html = page(client, f"/forums/t/{thread.pk}/?quote={first.pk}")

    assert "&gt; First post." in html
    response = client.post(
        f"/forums/t/{thread.pk}/reply/", {"body": "> First post.\n\nAgreed.", "reply_to": first.pk}
    )
    reply = Post.objects.get(thread=thread, position=2)
    assert reply.reply_to == first
    assert "In reply to" in page(client, response["Location"])


def test_an_edit_says_edited_and_only_moderators_see_earlier_versions(client, member):
    thread = thread_with_posts(author=member)
    post = thread.posts.get(position=1)

    client.post(f"/forums/p/{post.pk}/edit/", {"title": thread.title, "body": "Better words."})

    html = page(client, thread.get_absolute_url())
    assert "Better words." in html and "edited" in html
    assert client.get(f"/forums/p/{post.pk}/revisions/").status_code == 403
    moderator = VerifiedUserFactory()
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    assert "First post." in page(client, f"/forums/p/{post.pk}/revisions/")


def test_nobody_edits_someone_elses_post(client, member):
    post = thread_with_posts().posts.get(position=1)

    response = client.post(f"/forums/p/{post.pk}/edit/", {"body": "Hijacked"})

    assert response.status_code == 403
    post.refresh_from_db()
    assert post.body == "First post."


def test_deleting_ones_own_reply_leaves_a_placeholder(client, member):
    thread = thread_with_posts()
    response = client.post(f"/forums/t/{thread.pk}/reply/", {"body": "Oops, wrong thread."})
    reply = Post.objects.get(thread=thread, position=2)

    client.post(f"/forums/p/{reply.pk}/delete/")

    html = page(client, response["Location"])
    assert "Oops, wrong thread." not in html
    assert "This post was deleted by its author." in html


def test_likes_are_counted_once_per_member_and_not_for_ones_own_post(client, member):
    thread = thread_with_posts()
    first = thread.posts.get(position=1)

    client.post(f"/forums/p/{first.pk}/like/")
    client.post(f"/forums/p/{first.pk}/like/")

    assert "1 like" in page(client, thread.get_absolute_url())
    client.post(f"/forums/p/{first.pk}/like/", {"liked": "0"})
    assert "0 likes" in page(client, thread.get_absolute_url())
    own = thread_with_posts(author=member).posts.get(position=1)
    assert client.post(f"/forums/p/{own.pk}/like/").status_code == 403


def test_the_asker_accepts_an_answer(client, member):
    category = CategoryFactory()
    client.post(
        f"/forums/c/{category.slug}/new/",
        {"title": "How do we measure take-up?", "body": "Any method?", "is_question": "on"},
    )
    thread = Thread.objects.get(title="How do we measure take-up?")
    helper = VerifiedUserFactory()
    from forums.actions.posting import post_reply

    answer = post_reply(author=helper, thread=thread, body="Count completed transactions.")

    client.post(f"/forums/p/{answer.pk}/accept/")

    html = page(client, thread.get_absolute_url())
    assert "Accepted answer" in html
    assert "Answered" in page(client, category.get_absolute_url())
    assert "How do we measure take-up?" not in page(client, "/forums/unanswered/")


def test_only_the_asker_or_a_moderator_accepts(client, member):
    thread = thread_with_posts(replies=1)
    thread.is_question = True
    thread.save()
    answer = thread.posts.get(position=2)

    assert client.post(f"/forums/p/{answer.pk}/accept/").status_code == 403


@pytest.mark.parametrize("level", [value for value, _ in WatchLevel.choices])
def test_a_member_chooses_how_closely_to_watch_a_thread(client, member, level):
    thread = thread_with_posts()

    client.post(f"/forums/t/{thread.pk}/watch/", {"level": level})

    assert Watch.objects.get(user=member, thread=thread).level == level
    assert f'value="{level}" selected' in page(client, thread.get_absolute_url())


def test_categories_and_tags_can_be_watched_too(client, member):
    category = CategoryFactory()

    client.post(f"/forums/c/{category.slug}/watch/", {"level": "first_post"})
    client.post("/forums/tags/action-line/C7/watch/", {"level": "watching"})

    assert Watch.objects.get(user=member, category=category).level == "first_post"
    assert Watch.objects.get(user=member, action_line__number=7).level == "watching"
    assert 'value="first_post" selected' in page(client, f"/forums/c/{category.slug}/")
    assert 'value="watching" selected' in page(client, "/forums/tags/action-line/C7/")


def test_a_muted_thread_leaves_the_latest_list(client, member):
    thread = thread_with_posts(title="Noisy thread")

    client.post(f"/forums/t/{thread.pk}/watch/", {"level": "muted"})

    assert "Noisy thread" not in page(client, "/forums/latest/")


# Bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "body": "Something"}, "Give the thread a title."),
        ({"title": "Hey", "body": "Something"}, "at least 5 characters"),
        ({"title": "x" * 151, "body": "Something"}, "at most 150 characters"),
        ({"title": "A fine title", "body": ""}, "Write something before you post."),
        ({"title": "A fine title", "body": "x" * 20_001}, "at most 20000 characters"),
    ],
)
def test_a_thread_with_bad_input_is_refused_at_the_field_and_nothing_is_lost(
    client, member, data, message
):
    category = CategoryFactory()

    response = client.post(f"/forums/c/{category.slug}/new/", data)

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    if data["body"] and len(data["body"]) < 100:
        assert data["body"] in html, "what was written is kept"
    assert not Thread.objects.filter(category=category).exists()


def test_injected_html_and_script_are_rendered_inert(client, member):
    thread = thread_with_posts()

    response = client.post(
        f"/forums/t/{thread.pk}/reply/",
        {"body": "<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))"},
    )

    html = page(client, response["Location"])
    post_html = html.split('id="post-2"')[1].split("</article>")[0]
    assert "<script>alert(1)" not in post_html
    assert "onerror" not in post_html
    assert "javascript:" not in post_html


def test_mentions_link_known_members_and_say_which_names_are_unknown(client, member):
    from members.handles import ensure_handle

    known = VerifiedUserFactory(first_name="Omar", last_name="Kassem")
    handle = ensure_handle(known)
    thread = thread_with_posts()

    response = client.post(
        f"/forums/t/{thread.pk}/reply/", {"body": f"Ask @{handle} or @nobody-here."}, follow=True
    )

    html = response.content.decode()
    assert f'<a class="mention" href="/forums/u/{handle}/">@{handle}</a>' in html
    assert "No member is called @nobody-here" in html


def test_the_reply_form_speaks_the_pages_language_and_never_keeps_a_quote(client, member):
    thread = thread_with_posts()
    first = thread.posts.get(position=1)
    blank = '<input type="hidden" name="reply_to" id="id_reply_to">'

    english = page(client, f"/forums/t/{thread.pk}/")
    quoting = page(client, f"/forums/t/{thread.pk}/?quote={first.pk}")
    arabic = page(client, f"/ar/forums/t/{thread.pk}/")
    again = page(client, f"/forums/t/{thread.pk}/")

    assert blank in english and '<label for="id_body">Your reply:</label>' in english
    assert f'name="reply_to" value="{first.pk}"' in quoting
    assert "&gt; First post." in quoting
    assert blank in arabic and '<label for="id_body">ردّك:</label>' in arabic
    assert blank in again and "&gt; First post." not in again


def test_an_empty_reply_is_marked_at_the_field(client, member):
    thread = thread_with_posts()

    response = client.post(f"/forums/t/{thread.pk}/reply/", {"body": "   "})

    assert response.status_code == 400
    html = response.content.decode()
    assert '<ul class="errorlist" id="id_body_error"><li>Write something before you post.' in html
    assert 'aria-invalid="true" aria-describedby="id_body_helptext id_body_error"' in html


def test_a_reply_refused_by_a_limit_keeps_the_text_and_says_why(client, member, settings):
    settings.FORUMS_LIMITS = {"NEW_MEMBER_LINKS": 1}
    thread = thread_with_posts()
    body = "See https://a.example and https://b.example"

    response = client.post(f"/forums/t/{thread.pk}/reply/", {"body": body})

    assert response.status_code == 400
    html = response.content.decode()
    assert "at most 1 link" in html
    assert body in html


def test_unknown_threads_posts_and_pages_answer_with_designed_pages(client, member):
    thread = thread_with_posts()

    assert client.get("/forums/t/999999/").status_code == 404
    assert client.get("/forums/p/999999/").status_code == 404
    assert client.get("/forums/c/no-such-category/").status_code == 404
    assert client.get("/forums/tags/action-line/C99/").status_code == 404
    assert client.get("/forums/tags/colour/red/").status_code == 404
    assert client.get(f"/forums/t/{thread.pk}/?page=9999").status_code == 200
    assert client.get(f"/forums/t/{thread.pk}/?page=abc&per_page=7").status_code == 200
    assert client.get("/forums/u/nobody-at-all/").status_code == 404
