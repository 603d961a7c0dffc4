"""Find an expert: filters, text query, counts and sorting, in a shareable URL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.models import ActionLine, Region
from members.models import ExpertProfile, Language, Visibility
from tests.factories import ExpertProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def experts():
    c7 = ActionLine.objects.get(number=7)
    arab_states = Region.objects.get(slug="arab-states")
    arabic = Language.objects.get(code="ar")
    nadia = ExpertProfileFactory(
        display_name="Nadia Test",
        headline="e-participation researcher",
        country="JO",
        region=arab_states,
        open_to_mentoring=True,
        years_of_experience=12,
    )
    nadia.action_lines.add(c7)
    nadia.languages.add(arabic)
    omar = ExpertProfileFactory(display_name="Omar Test", biography="Cybersecurity for ministries")
    hidden = ExpertProfileFactory(display_name="Hidden Test", visibility=Visibility.HIDDEN)
    hidden.action_lines.add(c7)
    return {"nadia": nadia, "omar": omar, "c7": c7, "arab_states": arab_states}


def names(response) -> set[str]:
    return {p.display_name for p in response.context["page"].object_list}


def test_filters_combine_and_live_in_the_url(client, experts):
    response = client.get(
        "/experts/",
        {
            "action_line": experts["c7"].pk,
            "region": experts["arab_states"].pk,
            "language": "ar",
            "open_to": "mentoring",
            "country": "JO",
        },
    )

    assert "Nadia Test" in names(response)
    assert "Omar Test" not in names(response)
    assert "action_line=" in response.content.decode(), "the filters stay in the form"


def test_text_query_searches_name_headline_and_biography(client, experts):
    assert "Omar Test" in names(client.get("/experts/", {"q": "cybersecurity"}))
    assert names(client.get("/experts/", {"q": "participation"})) >= {"Nadia Test"}
    assert "Nadia Test" in names(client.get("/experts/", {"q": "nadia"}))


def test_counts_show_how_many_each_choice_would_find(client, experts):
    facets = client.get("/experts/", {"q": "Test"}).context["facets"]

    c7 = next(o for o in facets["action_line"] if o["value"] == experts["c7"].pk)
    assert c7["count"] == 1, "the hidden profile is not counted"


def test_hidden_profiles_are_never_listed_or_counted(client, experts):
    client.force_login(experts["omar"].user)
    response = client.get("/experts/", {"q": "Hidden"})

    assert names(response) == set()
    assert response.context["page"].paginator.count == 0


def test_sorting_by_experience(client, experts):
    response = client.get("/experts/", {"q": "Test", "sort": "experience"})

    assert response.context["page"].object_list[0].display_name == "Nadia Test"


@pytest.mark.parametrize(
    "params",
    [
        {"action_line": "abc"},
        {"region": "-1"},
        {"country": "ZZ"},
        {"language": "<script>"},
        {"sort": "drop table"},
        {"page": "999"},
        {"page": "x"},
        {"q": "%" * 500},
        {"open_to": "everything"},
    ],
)
def test_nonsense_in_the_url_never_breaks_the_page(client, experts, params):
    assert client.get("/experts/", params).status_code == 200


def test_pagination_keeps_the_filters(client, experts):
    for n in range(30):
        ExpertProfileFactory(display_name=f"Paged {n:02d}", country="FR")

    html = client.get("/experts/", {"country": "FR"}).content.decode()

    assert "country=FR&amp;page=2" in html


def make_profiles(count: int) -> None:
    users = UserFactory.create_batch(count)
    ExpertProfile.objects.bulk_create(
        ExpertProfile(
            user=user,
            display_name=f"Bulk {user.pk}",
            visibility=Visibility.PUBLIC,
            country="KE",
            open_to_speaking=True,
        )
        for user in users
    )


def queries_for(client, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/experts/", params).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"country": "KE"},
        {"q": "bulk", "open_to": "speaking", "sort": "recent"},
        {"language": "ar", "region": "1", "action_line": "7", "page": "2"},
    ],
)
def test_query_count_does_not_grow_with_the_number_of_members(client, params):
    client.force_login(UserFactory())
    make_profiles(20)
    queries_for(client, params)  # warm the per-process caches (site root, content types)
    small = queries_for(client, params)
    make_profiles(200)
    large = queries_for(client, params)

    assert small == large
    assert large <= 30
