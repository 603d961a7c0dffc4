"""The database backend's index of words and facet values: filters with words, and the
facet counts around them (SQLite in the embedded run, PostgreSQL in the services run).

On SQLite the facet values are words of the same full-text table as the text, so one
query finds the entries with the words and the values; these tests hold it to what a
reader would check on the page: the results, the totals and each facet's counts.
"""

from __future__ import annotations

import importlib
import itertools

import pytest
from django.db import connection

from search.audience import PUBLIC, Audience, Reader
from search.backends import database_backend
from search.backends.database import DatabaseBackend
from search.backends.database.fulltext import VALUE_LENGTH
from search.query import SearchQuery
from search.sources import Record
from search.text import clean_query

pytestmark = pytest.mark.django_db

numbers = itertools.count(1)


def record(kind: str = "resource", words: str = "Wombat census", **facets: list[str]) -> Record:
    return Record(
        kind=kind,
        object_id=next(numbers),
        title=words,
        body=f"{words}, counted.",
        summary="",
        url="/",
        audience=Audience(PUBLIC),
        facets={"year": ["1901"], **facets},  # a year no other document of the tests has
    )


def search(text: str = "", **filters: list[str]):
    query = SearchQuery(typed=text, text=clean_query(text), filters=filters, per_page=100)
    return database_backend().search(query, Reader.anonymous())


def counts(results, facet: str) -> dict[str, int]:
    return {option.value: option.count for option in results.facets.get(facet, [])}


@pytest.fixture
def census():
    database_backend().write(
        [record("resource", line=["C7"], country=["KE"]) for _ in range(4)]
        + [record("event", line=["C7"], country=["KE"]) for _ in range(4)]
        + [record("resource", line=["C1"], country=["IN"]) for _ in range(4)]
        + [record("resource", "Quokka census", line=["C7"], country=["KE"])]
    )


def test_words_and_two_filters_find_what_has_them_all_and_each_facet_counts_without_its_own(
    census,
):
    results = search("wombat", kind=["resource"], line=["C7"])

    assert (results.total, results.capped) == (4, False)
    assert {hit.kind for hit in results.hits} == {"resource"}
    assert all(hit.facets["line"] == ["C7"] for hit in results.hits)
    # Kind is counted over the wombats of C7, the action line over the wombat resources.
    assert counts(results, "kind") == {"resource": 4, "event": 4}
    assert counts(results, "line") == {"C7": 4, "C1": 4}
    assert counts(results, "country") == {"KE": 4}


def test_capped_filtered_results_say_so_and_count_as_many_in_each_facet(census, monkeypatch):
    monkeypatch.setattr(DatabaseBackend, "bound", 3)

    results = search("wombat", kind=["resource"], line=["C7"])

    assert (results.total, results.capped) == (3, True)
    assert sum(counts(results, "kind").values()) == 3
    assert sum(counts(results, "line").values()) == 3
    assert sum(counts(results, "country").values()) == 3


def test_filters_without_words_list_every_entry_with_the_values(census):
    results = search("", year=["1901"], line=["C7"])

    assert results.total == 9  # the wombats of both kinds and the quokka
    assert counts(results, "country") == {"KE": 9}
    assert counts(results, "line") == {"C7": 9, "C1": 4}


def test_values_a_stemmer_could_shorten_stay_apart():
    # As facet words, values ending in "n" or "N" end in "e" ("6e", "4e"), which Porter
    # stemming takes off; each must still find its own entries only.
    values = ["C7", "C7n", "C7N", "C7.", "C7e", "C7ne"]
    database_backend().write([record(line=[value]) for value in values])

    for value in values:
        results = search("wombat", line=[value])
        assert [hit.facets["line"] for hit in results.hits] == [[value]], value


def test_a_value_longer_than_the_index_keeps_is_found_by_the_whole_value():
    long_value = "partner-" + "x" * VALUE_LENGTH
    database_backend().write([record(partner=[long_value]), record(partner=["short"])])

    results = search("wombat", partner=[long_value])

    assert [hit.facets["partner"] for hit in results.hits] == [[long_value]]
    assert counts(results, "partner") == {long_value[:VALUE_LENGTH]: 1, "short": 1}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's full-text tables")
def test_the_migration_to_one_table_keeps_each_entrys_words_and_values(census):
    migration = importlib.import_module("search.migrations.0006_sqlite_facets_beside_the_words")
    before = search("wombat", kind=["resource"], line=["C7"])
    with connection.cursor() as cursor:
        for statement in migration.BACKWARDS + migration.FORWARDS:
            cursor.execute(statement)

    after = search("wombat", kind=["resource"], line=["C7"])
    assert [hit.key for hit in after.hits] == [hit.key for hit in before.hits]
    assert after.facets == before.facets
    assert search("quokka", country=["KE"]).total == 1


@pytest.mark.postgres
def test_a_repeated_search_is_planned_for_its_words_each_time_on_postgresql(census):
    """A generic plan (a prepared statement's, after five runs) knows neither the words nor
    the reader's audiences, and ranked a common word about twice as slowly
    (docs/benchmarks.md, search)."""
    for _ in range(8):
        assert search("wombat", kind=["resource"], line=["C7"]).total == 4

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s",
            ["SELECT%search_searchentry%"],
        )
        assert [row[0] for row in cursor.fetchall()] == []
