"""Facet counts taken from the facets each kept match carries (the database backend)."""

from search.backends.database import tally
from search.backends.database.fulltext import VALUE_LENGTH


def test_each_value_counts_once_per_entry_as_the_index_stores_it():
    long_value = "x" * (VALUE_LENGTH + 6)
    rows = [
        ("resource", {"line": ["C7", "C7", "C1"], "country": ["KE"]}),
        ("event", {"line": ["C7"], "country": [long_value, long_value[:VALUE_LENGTH]]}),
        ("resource", {"theme": []}),
    ]

    counts = tally(rows)

    assert counts["kind"] == {"resource": 2, "event": 1}
    assert counts["line"] == {"C7": 2, "C1": 1}
    assert counts["country"] == {"KE": 1, long_value[:VALUE_LENGTH]: 1}
    assert not counts["theme"]


def test_facets_filtered_on_are_left_to_be_counted_without_their_filter():
    counts = tally([("resource", {"line": ["C7"], "country": ["KE"]})], skip={"kind", "line"})

    assert "kind" not in counts and "line" not in counts
    assert counts["country"] == {"KE": 1}
