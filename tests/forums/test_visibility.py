"""Who reads what: each category visibility against each role, in pages, lists and history.

A category one may not read does not exist as far as the reader can tell: 404, never listed,
never counted.
"""

import pytest
from django.contrib.auth.models import Group

from forums.models import CategoryVisibility
from tests.factories import CategoryFactory, VerifiedUserFactory, thread_with_posts

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    group = Group.objects.create(name="Working group on data exchange")
    categories = {
        "public": CategoryFactory(name="Open square", visibility=CategoryVisibility.PUBLIC),
        "members": CategoryFactory(name="Members room", visibility=CategoryVisibility.MEMBERS),
        "group": CategoryFactory(
            name="Group room", visibility=CategoryVisibility.GROUP, group=group
        ),
    }
    author = VerifiedUserFactory()
    author.groups.add(group)
    threads = {
        level: thread_with_posts(category=c, author=author, title=f"Thread in the {level} room")
        for level, c in categories.items()
    }
    return {"group": group, "categories": categories, "threads": threads, "author": author}


def user_in_role(role: str, places):
    if role == "visitor":
        from django.contrib.auth.models import AnonymousUser

        return AnonymousUser()
    user = VerifiedUserFactory()
    if role == "group member":
        user.groups.add(places["group"])
    if role == "category moderator":
        places["categories"]["group"].moderators.add(user)
    if role == "moderator":
        user.groups.add(Group.objects.get(name="Moderators"))
    return user


def as_role(client, role: str, places):
    if role != "visitor":
        client.force_login(user_in_role(role, places))


CAN_READ = {
    "visitor": {"public"},
    "member": {"public", "members"},
    "group member": {"public", "members", "group"},
    "category moderator": {"public", "members", "group"},
    "moderator": {"public", "members", "group"},
}


@pytest.mark.parametrize("role", CAN_READ)
@pytest.mark.parametrize("level", ["public", "members", "group"])
def test_each_role_reads_exactly_the_categories_it_may(client, places, role, level):
    as_role(client, role, places)
    category, thread = places["categories"][level], places["threads"][level]
    allowed = level in CAN_READ[role]

    pages = [
        client.get(category.get_absolute_url()),
        client.get(thread.get_absolute_url()),
        client.get(f"/forums/p/{thread.posts.first().pk}/"),
    ]
    listings = "".join(
        client.get(url).content.decode()
        for url in ["/forums/", "/forums/latest/", "/forums/top/", "/forums/unanswered/"]
    )

    expected = {200, 302} if allowed else {404}
    assert {response.status_code for response in pages} <= expected
    assert (thread.title in listings) is allowed
    assert (category.name in listings) is allowed


@pytest.mark.parametrize("role", ["visitor", "member"])
def test_a_members_history_shows_only_posts_the_reader_may_see(client, places, role):
    as_role(client, role, places)
    from members.handles import ensure_handle

    page = client.get(f"/forums/u/{ensure_handle(places['author'])}/").content.decode()

    assert "Thread in the public room" in page
    assert ("Thread in the members room" in page) is (role == "member")
    assert "Thread in the group room" not in page


def test_nobody_outside_the_group_can_post_into_a_private_category(client, places):
    as_role(client, "member", places)
    category, thread = places["categories"]["group"], places["threads"]["group"]

    assert client.get(f"/forums/c/{category.slug}/new/").status_code == 404
    response = client.post(f"/forums/c/{category.slug}/new/", {"title": "Let me in", "body": "x"})
    assert response.status_code == 404
    assert client.post(f"/forums/t/{thread.pk}/reply/", {"body": "Hello"}).status_code == 404
    assert thread.posts.count() == 1


def test_posts_of_a_private_category_leave_no_trace_in_bookmarks(client, places):
    insider = VerifiedUserFactory()
    insider.groups.add(places["group"])
    client.force_login(insider)
    post = places["threads"]["group"].posts.first()
    client.post(f"/forums/p/{post.pk}/bookmark/")
    assert "Thread in the group room" in client.get("/forums/bookmarks/").content.decode()

    insider.groups.remove(places["group"])

    assert "Thread in the group room" not in client.get("/forums/bookmarks/").content.decode()


def test_a_private_category_needs_its_group_with_a_message_at_the_field():
    from django.core.exceptions import ValidationError

    category = CategoryFactory.build(slug="closed-room", visibility=CategoryVisibility.GROUP)

    with pytest.raises(ValidationError) as refused:
        category.full_clean()

    assert "group" in refused.value.message_dict


def test_administrators_set_up_categories_in_the_wagtail_admin(client):
    from members.models import User

    admin = User.objects.create_superuser(email="admin@example.org", password="x")
    client.force_login(admin)

    listing = client.get("/admin/snippets/forums/category/")

    assert listing.status_code == 200
    assert "Forum categories" in listing.content.decode()


@pytest.mark.parametrize("role", [*CAN_READ, "superuser"])
def test_the_rule_for_one_thread_agrees_with_the_rule_for_lists(places, role):
    """`is_readable_by` (one object, no query of its own) and `visible_to` (querysets) are
    two spellings of one rule: for every visibility, hidden or not, they must agree."""
    from forums.models import Category, Thread

    user = (
        VerifiedUserFactory(is_superuser=True)
        if role == "superuser"
        else user_in_role(role, places)
    )
    hidden = {
        level: thread_with_posts(
            category=category, author=places["author"], title=f"Hidden in the {level} room"
        )
        for level, category in places["categories"].items()
    }
    Thread.objects.filter(pk__in=[t.pk for t in hidden.values()]).update(is_hidden=True)
    # The category moderator moderates the group room only.
    if role == "category moderator":
        places["categories"]["members"].moderators.add(
            places["categories"]["group"].moderators.first()
        )

    listed_categories = set(Category.objects.visible_to(user).values_list("pk", flat=True))
    listed_threads = set(Thread.objects.visible_to(user).values_list("pk", flat=True))
    for category in places["categories"].values():
        assert category.is_readable_by(user) is (category.pk in listed_categories), category
    threads = [*places["threads"].values(), *hidden.values()]
    for thread in Thread.objects.filter(pk__in=[t.pk for t in threads]).select_related("category"):
        assert thread.is_readable_by(user) is (thread.pk in listed_threads), thread
    assert any(thread.is_readable_by(user) for thread in threads)
