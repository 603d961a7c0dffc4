"""The search page, its JSON twin and the search box's suggestions, as readers use them.

This module runs twice under `make test`: on the database backend, and on Elasticsearch.
"""

from __future__ import annotations

import json

import pytest

from community.models import ResourcePage
from search.indexing import rebuild
from tests.search.test_contract import make_resource
from tests.search.world import MARKER

pytestmark = pytest.mark.django_db


def index_everything() -> None:
    """As `search_index rebuild` does; refreshed, so Elasticsearch shows it at once."""
    rebuild()


@pytest.fixture
def indexed(demo):
    index_everything()


@pytest.fixture
def indexed_world(world):
    index_everything()
    return world


def main_of(response) -> str:
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def test_a_word_from_a_resource_finds_it(client, indexed):
    resource = ResourcePage.objects.live().first()
    word = resource.title.split()[-1]

    html = client.get("/search/", {"q": word}).content.decode()

    assert resource.title in html


def test_unpublished_pages_are_never_found(client, indexed, django_capture_on_commit_callbacks):
    resource = ResourcePage.objects.live().first()
    with django_capture_on_commit_callbacks(execute=True):  # the index is updated on commit
        resource.unpublish()

    html = client.get("/search/", {"q": resource.title}).content.decode()

    assert f">{resource.title}<" not in html


def test_the_empty_page_shows_the_search_box_only(client, indexed):
    html = main_of(client.get("/search/"))

    assert 'role="search"' in html and "results" not in html


def test_a_result_shows_its_kind_title_snippet_date_and_facets(client, indexed_world):
    html = main_of(client.get("/search/", {"q": "quokka"}))

    assert "Resource" in html and "Quokka registry reform" in html
    assert "<mark>quokka</mark>" in html.lower()
    assert '<time datetime="2021-05-01">' in html
    assert "C7" in html and "Kenya" in html


def test_facets_have_counts_and_combine_in_the_address(client, indexed_world):
    html = main_of(client.get("/search/", {"q": MARKER}))
    assert 'name="kind" value="resource"' in html
    assert "Partner organisation" in html

    filtered = main_of(client.get("/search/", {"q": MARKER, "kind": ["resource", "event"]}))

    assert "Quokka registry reform" in filtered and "Narwhal summit" in filtered
    assert "Kinkajou Expert" not in filtered
    assert "Remove Kind: Resource" in filtered
    assert 'href="?q=marigold&amp;kind=event"' in filtered


def test_sorting_and_pages_are_links(client, indexed_world):
    html = main_of(client.get("/search/", {"q": MARKER}))

    assert 'href="?q=marigold&amp;sort=date"' in html
    assert 'aria-current="true">Relevance' in html


def test_no_results_offers_to_drop_filters(client, indexed_world):
    response = client.get("/search/", {"q": "quokka", "kind": "event"})
    html = main_of(response)

    assert response.status_code == 200
    assert "0 results" in html
    assert "Without Kind: Event" in html and 'href="?q=quokka"' in html


def test_no_results_suggests_a_spelling(client, indexed_world):
    html = main_of(client.get("/search/", {"q": "quokak"}))

    assert "0 results" in html
    if "Did you mean" in html:  # Elasticsearch suggests only from what it has indexed
        assert 'href="?q=quokka"' in html


def test_unknown_filter_values_are_named_and_ignored(client, indexed_world):
    html = main_of(client.get("/search/", {"q": MARKER, "kind": "spaceship", "line": "C99"}))

    assert "were not recognised and were ignored" in html
    assert "Kind: spaceship" in html and "WSIS action line: C99" in html
    assert "Quokka registry reform" in html


def test_the_json_endpoint_takes_the_same_parameters(client, indexed_world):
    response = client.get("/search/results.json", {"q": MARKER, "kind": "resource"})
    data = response.json()

    assert response["Content-Type"] == "application/json"
    assert data["total"] == 1 and data["query"] == MARKER
    result = data["results"][0]
    assert result["title"] == "Quokka registry reform" and result["kind"] == "resource"
    assert "<mark>" in result["snippet_html"] and result["date"] == "2021-05-01"
    assert {"value": "resource", "label": "Resource", "count": 1, "selected": True} in data[
        "facets"
    ]["kind"]


def test_suggestions_are_json_titles_for_the_search_box(client, indexed_world):
    data = client.get("/search/suggestions.json", {"q": "quok"}).json()

    assert data["suggestions"][0]["title"] == "Quokka registry reform"
    assert data["suggestions"][0]["url"].endswith("/quokka-registry/")


def test_members_find_members_only_profiles_and_visitors_do_not(client, indexed_world):
    assert "Capybara Expert" not in client.get("/search/", {"q": "capybara"}).content.decode()
    assert client.get("/search/suggestions.json", {"q": "capyb"}).json()["suggestions"] == []

    client.force_login(indexed_world.users["member"])

    assert "Capybara Expert" in client.get("/search/", {"q": "capybara"}).content.decode()
    assert client.get("/search/suggestions.json", {"q": "capyb"}).json()["suggestions"]


def test_nothing_hidden_reaches_a_visitor_through_any_endpoint(client, indexed_world):
    world = indexed_world
    hidden = [key for key in world.keys if key not in world.expected("visitor")]
    for key in hidden:
        word = world.words[key]
        # Titles say the word capitalised, replies "We tried <word> first"; the page itself
        # only repeats the query as typed, in lower case.
        for url in ["/search/", "/search/results.json"]:
            text = client.get(url, {"q": word}).content.decode()
            assert word.capitalize() not in text and f"tried {word}" not in text, (url, key)
            assert "<mark>" not in text, (url, key)
        suggestions = client.get("/search/suggestions.json", {"q": word[:4]}).json()
        assert word not in json.dumps(suggestions["suggestions"]).lower(), key
    everything = client.get("/search/results.json", {"q": MARKER}).json()
    assert {r["title"] for r in everything["results"]} >= {"Quokka registry reform"}
    assert everything["total"] == len(world.expected("visitor"))


# Bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "a" * 5000,
        '"unbalanced',
        "AND OR NOT",
        "NEAR(a b)",
        "(*)?~^:\\/",
        "title:quokka",
        "<script>",
        "quokka*",
        "-quokka +registry",
        "'; DROP TABLE search_searchentry; --",
        "\x00\x01",
        "💥 🚀",
        "الحكومة الإلكترونية",
        "a b c d e f g h i j k l m n o p q r s t u v w x y z",
    ],
)
def test_odd_queries_answer_with_a_page_not_an_error(client, indexed, query):
    for url in ["/search/", "/search/results.json", "/search/suggestions.json"]:
        response = client.get(url, {"q": query})
        assert response.status_code == 200, url
    assert "<script>" not in main_of(client.get("/search/", {"q": query}))


def test_a_very_long_query_is_cut_and_the_reader_told(client, indexed):
    html = main_of(client.get("/search/", {"q": "government " * 100}))

    assert "only its first 200 characters were used" in html


@pytest.mark.parametrize("page", ["9999", "abc", "-3", "0", "1e9", "99999999999999999999", ""])
def test_any_page_number_answers_with_a_page(client, indexed, page):
    response = client.get("/search/", {"q": "government", "page": page})

    assert response.status_code == 200
    assert client.get("/search/results.json", {"q": "government", "page": page}).json()["page"] >= 1


def test_many_filter_values_are_no_trouble(client, indexed):
    response = client.get(
        "/search/",
        {"q": "government", "country": [f"X{n}" for n in range(500)], "kind": ["resource"] * 50},
    )

    assert response.status_code == 200


def test_only_get_is_answered(client, indexed):
    assert client.post("/search/", {"q": "x"}).status_code == 405


def test_only_query_syntax_finds_nothing_rather_than_everything(client, indexed):
    html = main_of(client.get("/search/", {"q": "AND OR NOT *"}))

    assert "0 results" in html and "Try fewer or different words" in html


@pytest.mark.parametrize(
    "params",
    [
        {"q": "government", "sort": "'; DROP"},
        {"q": "government", "kind": "x" * 5000},
        {"q": "government", "year": ["1066", "20245", "-1", "abc"]},
        {"q": "government", "country": ["ke", "KE", "ZZ"]},
        {"kind": "resource", "page": "2"},
        {"q": ["one", "two"]},
    ],
)
def test_any_parameters_answer_with_results_or_a_clear_message(client, indexed, params):
    response = client.get("/search/", params)
    data = client.get("/search/results.json", params).json()

    assert response.status_code == 200
    assert data["page"] >= 1 and isinstance(data["results"], list)


def test_a_lower_case_country_code_is_understood(client, indexed_world):
    data = client.get("/search/results.json", {"q": MARKER, "country": "ke"}).json()

    assert data["ignored"] == [] and data["total"] >= 1


def test_results_lead_on_in_the_readers_language(client, indexed_world):
    html = main_of(client.get("/ar/search/", {"q": "quokka"}))
    data = client.get("/fr/search/results.json", {"q": "kinkajou"}).json()
    suggestions = client.get("/ar/search/suggestions.json", {"q": "quok"}).json()

    assert 'href="/ar/partners/un-escwa/quokka-registry/"' in html
    assert data["results"][0]["url"].startswith("/fr/experts/")
    assert suggestions["suggestions"][0]["url"] == "/ar/partners/un-escwa/quokka-registry/"


def test_the_index_keeps_default_language_addresses_whatever_the_request(
    client, partner, django_capture_on_commit_callbacks
):
    from django.utils import translation

    from search.models import SearchEntry

    with translation.override("ar"), django_capture_on_commit_callbacks(execute=True):
        page = make_resource(partner, "Almanac registry", "Indexed during an Arabic request.")

    entry = SearchEntry.objects.get(key=f"resource:{page.pk}")
    assert entry.url == "/partners/un-escwa/almanac-registry/"
