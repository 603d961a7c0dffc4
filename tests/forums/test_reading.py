"""Reading state: unread marks, jumping to the first unread post, links that land on the
right page at the post's anchor."""

import re

import pytest

from forums.actions.posting import post_reply
from forums.models import Post
from tests.factories import CategoryFactory, VerifiedUserFactory, thread_with_posts

pytestmark = pytest.mark.django_db


def row_of(page: str, title: str) -> str:
    """The list row of one thread, as a reader scanning the list sees it."""
    return page.split(title, 1)[1].split("</tr>", 1)[0]


@pytest.fixture
def reader(client):
    member = VerifiedUserFactory()
    client.force_login(member)
    return member


def test_a_link_to_a_post_lands_on_its_page_at_its_anchor(client):
    thread = thread_with_posts(replies=44)  # 45 posts: three pages of 20
    post = Post.objects.get(thread=thread, position=43)

    response = client.get(f"/forums/p/{post.pk}/")

    assert response.status_code == 302
    assert response["Location"] == f"/forums/t/{thread.pk}/?page=3#post-43"
    page = client.get(response["Location"]).content.decode()
    assert 'id="post-43"' in page and 'id="post-20"' not in page


def test_a_link_keeps_the_readers_page_size(client):
    thread = thread_with_posts(replies=44)
    post = Post.objects.get(thread=thread, position=43)

    response = client.get(f"/forums/p/{post.pk}/?per_page=100")

    assert response["Location"] == f"/forums/t/{thread.pk}/?per_page=100#post-43"


def test_new_posts_since_the_last_visit_are_marked_and_counted(client, reader):
    category = CategoryFactory()
    thread = thread_with_posts(category=category, replies=2)
    client.get(thread.get_absolute_url())  # read all three posts
    for n in range(2):
        post_reply(author=VerifiedUserFactory(), thread=thread, body=f"Later reply {n}")

    listing = client.get(category.get_absolute_url()).content.decode()
    forums = client.get("/forums/").content.decode()

    assert "2 unread" in listing
    assert "1 thread with new posts" in forums


def test_jump_to_the_first_unread_post(client, reader):
    thread = thread_with_posts(replies=24)
    client.get(thread.get_absolute_url())  # page 1: posts 1 to 20 read
    response = client.get(f"/forums/t/{thread.pk}/unread/")

    assert response["Location"] == f"/forums/t/{thread.pk}/?page=2#post-21"


def test_the_unread_count_of_a_listed_thread_leads_to_its_first_unread_post_in_arabic(
    client, reader
):
    category = CategoryFactory()
    thread = thread_with_posts(category=category, replies=24)
    client.get(thread.get_absolute_url())  # page 1: posts 1 to 20 read

    row = row_of(client.get(f"/ar{category.get_absolute_url()}").content.decode(), thread.title)
    link = re.search(r'<a class="badge badge--unread" href="([^"]+)"', row).group(1)
    response = client.get(link)

    assert link == f"/ar/forums/t/{thread.pk}/unread/"
    assert response["Location"] == f"/ar/forums/t/{thread.pk}/?page=2#post-21"


def test_reading_a_page_marks_its_posts_read_and_never_moves_back(client, reader):
    thread = thread_with_posts(replies=24)
    client.get(f"{thread.get_absolute_url()}?page=2")
    client.get(thread.get_absolute_url())

    listing = client.get("/forums/latest/").content.decode()

    assert "unread" not in row_of(listing, thread.title)


def test_threads_started_before_a_member_joined_are_not_new_to_them(client):
    thread = thread_with_posts(title="Before my time")
    newcomer = VerifiedUserFactory()
    newcomer.date_joined = thread.last_posted_at.replace(year=thread.last_posted_at.year + 1)
    newcomer.save()
    client.force_login(newcomer)

    assert ">New<" not in row_of(client.get("/forums/latest/").content.decode(), thread.title)


def test_a_thread_started_after_joining_is_new_until_read(client, reader):
    reader.date_joined = reader.date_joined.replace(year=2000)
    reader.save()
    thread = thread_with_posts(title="Fresh thread")

    assert ">New<" in row_of(client.get("/forums/latest/").content.decode(), thread.title)
    client.get(thread.get_absolute_url())
    assert ">New<" not in row_of(client.get("/forums/latest/").content.decode(), thread.title)


def page_links(page: str) -> list[str]:
    """The labels of the first page list, in order: numbers, the current one, gaps."""
    import re

    nav = page.split('class="pagination"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r"<li>(?:<a [^>]*>|<span[^>]*>)([^<]+)<", nav)


def test_a_long_thread_links_its_ends_and_the_pages_near_the_readers(client):
    from tests.forum_bulk import bulk_authors, bulk_thread

    thread = bulk_thread(CategoryFactory(), posts=300, authors=bulk_authors(3, "long"))
    url = f"/forums/t/{thread.pk}/"

    middle = client.get(f"{url}?page=8").content.decode()
    first = client.get(url).content.decode()

    assert page_links(middle) == ["Previous", "1", "…", "6", "7", "8", "9", "10", "…", "15", "Next"]
    assert '<span aria-current="page">8</span>' in middle
    assert page_links(first) == ["1", "2", "3", "…", "15", "Next"]
    assert 'href="?page=15"' in first
    assert 'id="post-300"' in client.get(f"{url}?page=15").content.decode()


def test_the_page_list_shows_above_and_below_the_posts(client):
    from tests.forum_bulk import bulk_authors, bulk_thread

    thread = bulk_thread(CategoryFactory(), posts=45, authors=bulk_authors(2, "both"))
    page = client.get(f"/forums/t/{thread.pk}/?page=2").content.decode()

    before, posts_and_after = page.split('<ol class="posts"', 1)
    after = posts_and_after.split("</ol>", 1)[1]
    assert page_links(before) == page_links(after) == ["Previous", "1", "2", "3", "Next"]
