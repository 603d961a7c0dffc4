"""The search page finds public pages, on whichever backend is configured.

This module runs twice under `make test`: on database search, and on Elasticsearch.
"""

import pytest
from wagtail.search.backends import get_search_backend

from community.models import ResourcePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(demo):
    get_search_backend().refresh_indexes()


def test_a_word_from_a_resource_finds_it(client, indexed):
    resource = ResourcePage.objects.live().first()
    word = resource.title.split()[-1]

    html = client.get("/search/", {"q": word}).content.decode()

    assert resource.title in html


def test_unpublished_pages_are_never_found(client, indexed):
    resource = ResourcePage.objects.live().first()
    resource.unpublish()
    get_search_backend().refresh_indexes()

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
