"""The contract every backend keeps, run against each one with the same world.

What readers find, how many, in which facets, in which order, with which words marked, and
above all what they never find: nothing the site's own visibility rules hide from them.
"""

from __future__ import annotations

import datetime as dt

import pytest
from wagtail.models import Page

from community.models import ResourcePage
from search.indexing import sync
from search.kinds import Kind
from search.results import Subject
from tests.search.world import MARKER, ROLES

pytestmark = pytest.mark.django_db


# Never a leak ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_each_reader_finds_exactly_what_the_site_lets_them_see(world_index, role):
    world = world_index.world
    results = world_index.search(MARKER, role)

    assert {hit.key for hit in results.hits} == world.expected(role)
    assert results.total == len(world.expected(role))


@pytest.mark.parametrize("role", ROLES)
def test_facet_counts_count_only_what_the_reader_may_see(world_index, role):
    expected = world_index.world.expected(role)
    results = world_index.search(MARKER, role)

    kinds = {fc.value: fc.count for fc in results.facets["kind"]}
    assert kinds == {
        kind: n
        for kind in Kind.values
        if (n := sum(1 for key in expected if key.startswith(f"{kind}:")))
    }


def test_the_visitors_view_of_the_world(world_index):
    """Spelled out once, so the rule the other tests derive is visible here."""
    found = {world_index.world.words[key] for key in world_index.world.expected("visitor")}

    assert found == {"quokka", "narwhal", "pangolin", "kinkajou", "gecko", "iguana"}


@pytest.mark.parametrize("role", ["visitor", "member"])
def test_a_hidden_documents_own_word_finds_nothing(world_index, role):
    world = world_index.world
    hidden = [key for key in world.keys if key not in world.expected(role)]
    assert hidden, "the world has something hidden from everyone"

    for key in hidden:
        word = world.words[key]
        results = world_index.search(word, role)
        assert results.hits == [], (key, word)
        assert results.total == 0, (key, word)
        assert all(not counts for counts in results.facets.values()), (key, word)
        suggestions = world_index.backend.suggest(word[:4], world_index.reader(role))
        assert not [s for s in suggestions if word in s.title.lower()], (key, word)


def test_spelling_suggestions_never_come_from_members_only_words(world_index):
    members_only = [
        key
        for key in world_index.world.expected("member")
        if key not in world_index.world.expected("visitor")
    ]
    for key in members_only:
        word = world_index.world.words[key]
        misspelt = word[:-1] + ("x" if word[-1] != "x" else "y")
        for role in ["visitor", "member"]:
            suggestion = world_index.search(misspelt, role).suggestion or ""
            assert word not in suggestion.lower(), (key, role)


def test_a_public_word_misspelt_gets_a_spelling_suggestion(world_index):
    results = world_index.search("quokak")

    assert results.hits == []
    if world_index.name == "database" or results.suggestion:
        assert results.suggestion == "quokka"


def test_group_members_and_moderators_find_the_private_discussion(world_index):
    for role in ["insider", "moderator", "global_moderator"]:
        assert world_index.keys("ocelot", role), role
    assert world_index.keys("ocelot", "member") == []


# Relevance -------------------------------------------------------------------------------


def make_resource(partner, title: str, summary: str, **fields) -> ResourcePage:
    page = ResourcePage(
        title=title,
        slug=fields.pop("slug", None) or title.lower().replace(" ", "-")[:50],
        resource_type=fields.pop("resource_type", "report"),
        summary=summary,
        publication_date=fields.pop("publication_date", dt.date(2020, 1, 1)),
        **fields,
    )
    partner.add_child(instance=page)
    return page


def test_every_word_must_be_found(index, partner):
    both = make_resource(partner, "Zephyr ledger pilots", "Interoperable records.")
    one = make_resource(partner, "Zephyr grants", "Small funds.")
    index.build()

    assert index.keys("zephyr ledger") == [f"resource:{both.pk}"]
    assert set(index.keys("zephyr")) == {f"resource:{both.pk}", f"resource:{one.pk}"}


def test_a_word_in_the_title_ranks_above_the_same_word_in_the_text(index, partner):
    in_text = make_resource(partner, "Registries compared", "Lessons from the Quasar programme.")
    in_title = make_resource(partner, "Quasar programme review", "What was learnt.")
    index.build()

    assert index.keys("quasar")[:2] == [f"resource:{in_title.pk}", f"resource:{in_text.pk}"]


def test_case_does_not_matter(index, partner):
    page = make_resource(partner, "ZIGGURAT data exchange", "An exchange.")
    index.build()

    assert index.keys("ziggurat") == index.keys("Ziggurat") == [f"resource:{page.pk}"]


def test_sorting_by_date_puts_the_newest_first(index, partner):
    old = make_resource(partner, "Yarrow strategy", "Old.", publication_date=dt.date(2001, 1, 1))
    new = make_resource(partner, "Yarrow review", "New.", publication_date=dt.date(2024, 1, 1))
    index.build()

    assert index.keys("yarrow", sort="date") == [f"resource:{new.pk}", f"resource:{old.pk}"]


def test_pages_split_the_results_and_a_page_past_the_end_is_the_last(index, partner):
    for n in range(5):
        make_resource(partner, f"Xebec study {n}", "Same word.", slug=f"xebec-{n}")
    index.build()

    first = index.search("xebec", per_page=2)
    last = index.search("xebec", per_page=2, page=3)
    beyond = index.search("xebec", per_page=2, page=99)

    assert (first.total, first.num_pages, len(first.hits)) == (5, 3, 2)
    assert len(last.hits) == 1
    assert beyond.page == 3 and [h.key for h in beyond.hits] == [h.key for h in last.hits]
    pages = index.keys("xebec", per_page=2) + [
        hit.key for page in (2, 3) for hit in index.search("xebec", per_page=2, page=page).hits
    ]
    assert len(set(pages)) == 5


# Facets ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "facet", ["kind", "line", "theme", "sdg", "region", "country", "language", "partner", "year"]
)
def test_each_facet_filters_to_what_its_count_promised(world_index, facet):
    results = world_index.search(MARKER, "member")
    assert results.facets.get(facet), f"the world has a value of {facet}"

    for option in results.facets[facet]:
        narrowed = world_index.search(MARKER, "member", **{facet: [option.value]})
        assert narrowed.total == option.count, (facet, option.value)
        for hit in narrowed.hits:
            values = [hit.kind] if facet == "kind" else hit.facets.get(facet, [])
            assert option.value in values, (facet, option.value, hit.key)


def test_values_of_one_facet_add_up_and_facets_narrow_each_other(world_index):
    resources = world_index.search(MARKER, kind=["resource"]).total
    events = world_index.search(MARKER, kind=["event"]).total
    both = world_index.search(MARKER, kind=["resource", "event"])

    assert both.total == resources + events
    narrowed = world_index.search(MARKER, kind=["resource", "event"], line=["C11"])
    assert {hit.kind for hit in narrowed.hits} == {"event"}
    # The kind facet is counted without its own filter: the other kinds stay on offer.
    assert {fc.value for fc in both.facets["kind"]} > {"resource", "event"}


def bound_matches(index, monkeypatch, bound: int) -> None:
    """How many matches are ranked and counted (MAX_RESULTS, 1,000), made small."""
    if index.name == "database":
        monkeypatch.setattr(type(index.backend), "bound", bound)
    else:
        monkeypatch.setattr("search.backends.elasticsearch.MAX_RESULTS", bound)


def test_more_matches_than_counted_say_so_and_each_facet_counts_as_many(
    index, partner, monkeypatch
):
    for n in range(5):
        make_resource(partner, f"Wombat census {n}", "Counted.", slug=f"wombat-{n}")
    index.build()
    bound_matches(index, monkeypatch, 3)

    results = index.search("wombat")
    filtered = index.search("wombat", kind=["resource"], year=["2020"])

    assert (results.total, results.capped) == (3, True)
    assert [(fc.value, fc.count) for fc in results.facets["kind"]] == [("resource", 3)]
    # Counted without its own filter, a facet filtered on counts as many matches too.
    assert (filtered.total, filtered.capped) == (3, True)
    assert [(fc.value, fc.count) for fc in filtered.facets["kind"]] == [("resource", 3)]
    assert [(fc.value, fc.count) for fc in filtered.facets["year"]] == [("2020", 3)]


def test_filters_alone_list_the_newest_first(world_index):
    results = world_index.search("", kind=["resource", "event"])

    dates = [hit.date for hit in results.hits]
    assert dates == sorted(dates, reverse=True)
    assert results.total >= 2


# Snippets --------------------------------------------------------------------------------


def test_the_snippet_marks_the_words_found(world_index):
    hit = world_index.search("quokka").hits[0]

    assert "<mark>" in hit.snippet and "quokka" in hit.snippet.lower()


def test_snippets_are_escaped(index, partner):
    make_resource(partner, "Vortex notes", "Use <script>alert(1)</script> vortex & more.")
    index.build()

    snippet = index.search("vortex").hits[0].snippet

    assert "<script" not in snippet and "</script" not in snippet
    assert "script&gt;" in snippet, "shown as text"
    assert "<mark>vortex</mark>" in snippet.lower()


# Keeping up ------------------------------------------------------------------------------


def test_an_unpublished_page_is_gone_after_its_update(index, partner):
    page = make_resource(partner, "Umbra registry", "Soon gone.")
    index.build()
    assert index.keys("umbra") == [f"resource:{page.pk}"]

    page.unpublish()
    sync([f"resource:{page.pk}"])
    refresh = getattr(index, "refresh", None)
    if refresh:
        refresh()

    assert index.keys("umbra") == []


def test_a_deleted_page_is_gone_after_its_update(index, partner):
    page = make_resource(partner, "Tundra registry", "Soon deleted.")
    index.build()
    key = f"resource:{page.pk}"

    Page.objects.get(pk=page.pk).delete()
    sync([key])
    if getattr(index, "refresh", None):
        index.refresh()

    assert index.keys("tundra") == []


# Suggestions and related content ---------------------------------------------------------


def test_suggestions_complete_the_last_word_of_a_title(world_index):
    titles = [s.title for s in world_index.backend.suggest("Quokka reg", world_index.reader())]

    assert titles == ["Quokka registry reform"]


def test_suggestions_follow_who_is_asking(world_index):
    def titles(role: str) -> list[str]:
        return [s.title for s in world_index.backend.suggest("capyb", world_index.reader(role))]

    assert titles("visitor") == []
    assert titles("member") == ["Capybara Expert"]


def test_related_experts_are_those_the_reader_may_see(world_index):
    resource = ResourcePage.objects.get(slug="quokka-registry")
    subject = Subject(f"resource:{resource.pk}", {"line": ["C7"], "country": ["KE"]})

    def names(role):
        hits = world_index.backend.related(subject, world_index.reader(role), "expert", 50)
        return {hit.title for hit in hits}

    assert "Kinkajou Expert" in names("visitor")
    assert "Capybara Expert" not in names("visitor")
    assert "Capybara Expert" in names("member")
    assert "Tapir Expert" not in names("member") | names("hidden_owner")


def test_related_resources_share_the_most_topics_and_never_the_subject(world_index, partner):
    subject_page = ResourcePage.objects.get(slug="quokka-registry")
    close = make_resource(partner, "Close cousin", "Related.", countries=["KE"])
    close.action_lines.set(subject_page.action_lines.all())
    close.themes.set(subject_page.themes.all())
    close.save()  # parental many-to-many links are written when the page is saved
    far = make_resource(partner, "Far cousin", "Barely related.", countries=["KE"])
    world_index.build()
    subject = Subject(
        f"resource:{subject_page.pk}",
        {
            "line": [line.code for line in subject_page.action_lines.all()],
            "theme": [theme.slug for theme in subject_page.themes.all()],
            "country": ["KE"],
        },
    )

    keys = [
        hit.key
        for hit in world_index.backend.related(subject, world_index.reader(), "resource", 50)
    ]

    assert f"resource:{subject_page.pk}" not in keys
    assert keys.index(f"resource:{close.pk}") < keys.index(f"resource:{far.pk}")
    for word in ["wombat", "platypus", "dingo", "bilby"]:
        assert world_index.world.key_of_word(word) not in keys


ARABIC_TITLE = "الحكومة الإلكترونية في الأردن"


def test_words_with_accents_and_arabic_words_are_found_as_typed(index, partner):
    french = make_resource(partner, "Administration numérique", "Les services publics en ligne.")
    arabic = make_resource(
        partner, "الحكومة الإلكترونية في الأردن", "الخدمات العامة.", slug="ar-egov"
    )
    index.build()

    assert index.keys("numérique") == [f"resource:{french.pk}"]
    assert index.keys("الإلكترونية") == [f"resource:{arabic.pk}"]


def test_the_database_backend_also_folds_accents_and_arabic_variants(index, partner):
    if index.name != "database":
        pytest.skip("Elasticsearch folds with the production analysers (test_analysis.py)")
    french = make_resource(partner, "Administration numérique", "Les services publics en ligne.")
    arabic = make_resource(
        partner, "الحكومة الإلكترونية في الأردن", "الخدمات العامة.", slug="ar-egov"
    )
    index.build()

    assert index.keys("NUMERIQUE") == [f"resource:{french.pk}"]
    assert index.keys("حكومة") == [f"resource:{arabic.pk}"], "without the article, teh marbuta"
