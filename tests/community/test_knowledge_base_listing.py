"""The knowledge base's filters: every facet, combinations, counts, pagination, bad input."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import PageViewRestriction

from community.listings.knowledge_base import resource_listing
from community.models import ActionLine, PartnerPage, ResourceIndexPage, ResourcePage
from tests.bulk import bulk_resources

pytestmark = pytest.mark.django_db

KB = "/knowledge-base/"


@pytest.fixture(autouse=True)
def _keep_the_language():
    """A request to /ar/ leaves Arabic active in this thread; later tests expect English."""
    with translation.override(translation.get_language()):
        yield


@pytest.fixture
def knowledge_base(demo):
    return ResourceIndexPage.objects.get()


@pytest.fixture
def many(knowledge_base):
    """60 more published resources, tagged in a repeating pattern."""
    return bulk_resources(knowledge_base, 60)


def listing(query: str = ""):
    return resource_listing(QueryDict(query))


def public():
    return ResourcePage.objects.live()


def facet(result, key):
    return {
        option.value: option.count
        for option in next(f for f in result.facets if f.key == key).options
    }


def queries_for(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


COMBINATIONS = [
    "",
    "?type=report",
    "?line=C7&country=JO",
    "?type=report&type=dataset&region=arab-states&language=ar&year=2010",
    "?theme=capacity-building&sdg=16.6",
    "?publisher=government-of-italy&year=2014&year=2002&year=2001",
    "?type=report&line=C1&line=C7&theme=privacy-security&region=europe&country=IT&country=JO"
    "&language=en&year=2002&year=2014&page=3",
    "?page=99",
]


def test_the_number_of_queries_does_not_grow_with_the_number_of_resources(client, knowledge_base):
    bulk_resources(knowledge_base, 20)
    client.get(KB)  # warm the site and content type caches
    small = [queries_for(client, KB + query) for query in COMBINATIONS]

    bulk_resources(knowledge_base, 180)
    large = [queries_for(client, KB + query) for query in COMBINATIONS]

    # Listing nothing skips the cards' one lookup of the site's root paths: compare like
    # with like, so each combination finds resources at both sizes, or at neither.
    found = [listing(query[1:]).page.paginator.count > 0 for query in COMBINATIONS]
    assert large == small, list(zip(COMBINATIONS, found, small, large, strict=True))
    assert max(large) <= 30


@pytest.mark.parametrize(
    ("query", "matches"),
    [
        ("type=dataset", lambda r: r.resource_type == "dataset"),
        ("line=C7", lambda r: 7 in {line.number for line in r.action_lines.all()}),
        (
            "theme=privacy-security",
            lambda r: "privacy-security" in {t.slug for t in r.themes.all()},
        ),
        ("sdg=16.6", lambda r: "16.6" in {t.code for t in r.sdg_targets.all()}),
        ("region=arab-states", lambda r: "arab-states" in {x.slug for x in r.regions.all()}),
        ("country=JO", lambda r: "JO" in [c.code for c in r.countries]),
        ("language=ar", lambda r: r.language == "ar"),
        (
            "publisher=government-of-italy",
            lambda r: r.publisher and r.publisher.slug == "government-of-italy",
        ),
        ("year=2010", lambda r: r.publication_date.year == 2010),
    ],
)
def test_each_facet_lists_exactly_the_resources_that_match(many, query, matches):
    expected = {r.pk for r in public() if matches(r)}

    result = listing(query + "&page=1")

    assert expected, "the fixture should give every facet something to find"
    assert result.page.paginator.count == len(expected)
    assert {r.pk for r in result.page.paginator.object_list} == expected


def test_values_of_one_facet_are_alternatives_and_facets_combine(many):
    reports_or_datasets = {r.pk for r in public() if r.resource_type in ("report", "dataset")}
    in_arabic_too = {r.pk for r in public().filter(pk__in=reports_or_datasets, language="ar")}

    assert listing("type=report&type=dataset").page.paginator.count == len(reports_or_datasets)
    combined = listing("type=report&type=dataset&language=ar")
    assert {r.pk for r in combined.page.paginator.object_list} == in_arabic_too


def test_counts_reflect_the_other_active_filters(many):
    result = listing("type=report&language=ar")

    # A facet's own choice does not narrow its counts: they say what ticking a box adds.
    arabic = public().filter(language="ar")
    assert facet(result, "type")["report"] == arabic.filter(resource_type="report").count()
    assert facet(result, "type")["dataset"] == arabic.filter(resource_type="dataset").count()
    reports = public().filter(resource_type="report")
    assert facet(result, "language") == {
        code: reports.filter(language=code).count()
        for code in set(reports.values_list("language", flat=True))
    }


def test_options_show_their_counts_and_the_chosen_ones_are_ticked(client, many):
    html = client.get(KB + "?type=report").content.decode()

    reports = public().filter(resource_type="report").count()
    assert re.search(r'name="type" value="report" id="facet-type-\d+" checked', html)
    assert not re.search(r'name="type" value="dataset" id="facet-type-\d+" checked', html)
    assert f'Report</span> <span class="facet__count">({reports})</span>' in html
    assert "Remove Type: Report" in html
    assert "Clear filters" in html


def test_pagination_keeps_the_filters(client, many):
    bulk_resources(ResourceIndexPage.objects.get(), 200)  # enough for several pages
    html = client.get(KB + "?type=report&type=dataset").content.decode()

    assert "Page 1 of" in html
    assert 'href="?type=report&amp;type=dataset&amp;page=2" rel="next"' in html
    second = client.get(KB + "?type=report&type=dataset&page=2").content.decode()
    assert 'href="?type=report&amp;type=dataset&amp;page=1" rel="prev"' in second


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=-1",
        "?page=99999999999999999999",
        "?type=nonsense",
        "?year=abc&year=1850&year=",
        "?line=C99&line=7&line=",
        "?country=<script>alert(1)</script>",
        "?publisher=no-such-partner",
        "?type=" + "x" * 5000,
        "?type=report&type=report",
        "?language=xx-invalid",
    ],
)
def test_garbage_in_the_address_never_breaks_the_page(client, many, query):
    response = client.get(KB + query)

    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_values_that_are_not_known_are_named_and_ignored(client, many):
    html = client.get(KB + "?type=nonsense&line=C7").content.decode()

    assert "not recognised and were ignored" in html
    assert "Type: nonsense" in html
    assert (
        listing("type=nonsense&line=C7").page.paginator.count
        == listing("line=C7").page.paginator.count
    )


def test_a_page_past_the_end_shows_the_last_page(many):
    result = listing("page=999")

    assert result.page.number == result.page.paginator.num_pages > 1


def test_no_results_offers_to_remove_the_filters(client, many):
    html = client.get(KB + "?type=video&year=2002&country=CH").content.decode()

    assert "No resources match these filters" in html
    assert "Remove Year: 2002" in html
    assert 'href="?type=video&amp;country=CH"' in html  # the link that drops only the year


def test_unpublished_restricted_and_expired_resources_are_never_listed_or_counted(
    knowledge_base, many
):
    before = listing("")
    hidden = bulk_resources(knowledge_base, 15, live=False)
    restricted, expired = ResourcePage.objects.filter(pk__in=many[:2])
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    ResourcePage.objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - dt.timedelta(days=1)
    )

    after = listing("")

    assert after.page.paginator.count == before.page.paginator.count - 2
    listed = {r.pk for r in after.page.paginator.object_list}
    assert not listed & {*hidden, restricted.pk, expired.pk}
    assert sum(facet(after, "type").values()) == after.page.paginator.count
    assert sum(facet(after, "language").values()) == after.page.paginator.count


def test_a_partner_that_is_not_public_is_not_offered_as_a_publisher(many):
    partner = PartnerPage.objects.get(slug="government-of-italy")
    partner.unpublish()

    assert "government-of-italy" not in facet(listing(""), "publisher")


def test_the_knowledge_base_in_arabic_keeps_its_filters(client, many):
    response = client.get("/ar/knowledge-base/?line=C7")

    assert response.status_code == 200
    line = ActionLine.objects.get(number=7)
    assert listing("line=C7").page.paginator.count == public().filter(action_lines=line).count()
