"""The search page finds public pages, on whichever backend is configured.

This module runs twice under `make test`: on database search, and on Elasticsearch.
"""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from community.models import ResourcePage


def refresh_page_index() -> None:
    """Elasticsearch shows new documents after a refresh; the database at once."""
    get_search_backend().get_index_for_model(Page).refresh()


pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(demo):
    """The demo content freshly indexed: Elasticsearch keeps no test's rollback."""
    call_command("update_index", stdout=io.StringIO())
    refresh_page_index()


def test_a_word_from_a_resource_finds_it(client, indexed):
    resource = ResourcePage.objects.live().first()
    word = resource.title.split()[-1]

    html = client.get("/search/", {"q": word}).content.decode()

    assert resource.title in html


def test_unpublished_pages_are_never_found(client, indexed):
    resource = ResourcePage.objects.live().first()
    resource.unpublish()
    refresh_page_index()

    html = client.get("/search/", {"q": resource.title}).content.decode()

    assert f">{resource.title}<" not in html


@pytest.mark.parametrize(
    "query", ["", "   ", "a" * 5000, '"unbalanced', "AND OR NOT", "(*)?~^:\\/", "<script>"]
)
def test_odd_queries_answer_with_a_page_not_an_error(client, indexed, query):
    response = client.get("/search/", {"q": query})

    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_a_page_number_out_of_range_shows_the_last_page(client, indexed):
    response = client.get("/search/", {"q": "government", "page": "9999"})

    assert response.status_code == 200
