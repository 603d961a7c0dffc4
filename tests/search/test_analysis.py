"""The Elasticsearch mapping and its analysers, checked without a cluster.

Production runs ELASTICSEARCH_ANALYSIS=full, with language analysers the minimal
distribution used in tests does not have; these tests are what checks them.
"""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured

from search.backends.elasticsearch.analysis import ANALYSERS, FULL, STANDARD, analysis
from search.backends.elasticsearch.documents import mapping, suggest_inputs
from search.backends.elasticsearch.indices import index_settings


def analysers_named(node) -> set[str]:
    """Every analyser the mapping refers to, wherever it is."""
    found = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key in {"analyzer", "search_analyzer"} and isinstance(value, str):
                found.add(value)
            else:
                found |= analysers_named(value)
    elif isinstance(node, list):
        for item in node:
            found |= analysers_named(item)
    return found


def filters_of(name: str) -> list[str]:
    return FULL["analyzer"][name]["filter"]


def test_the_mapping_names_only_analysers_both_modes_define():
    named = analysers_named(mapping())

    assert named == set(ANALYSERS)
    assert named <= set(FULL["analyzer"]) and named <= set(STANDARD["analyzer"])


def test_title_and_body_have_an_english_a_french_and_an_arabic_field():
    properties = mapping()["properties"]
    for field in ["title", "body"]:
        assert properties[field]["analyzer"] == "text_folded"
        assert {lang: sub["analyzer"] for lang, sub in properties[field]["fields"].items()} == {
            "en": "text_en",
            "fr": "text_fr",
            "ar": "text_ar",
        }


def test_production_analysers_stem_each_language():
    stemmers = {
        name: FULL["filter"][f]["language"]
        for name in ["text_en", "text_fr", "text_ar"]
        for f in filters_of(name)
        if FULL["filter"].get(f, {}).get("type") == "stemmer" and "possessive" not in f
    }

    assert stemmers == {"text_en": "english", "text_fr": "light_french", "text_ar": "arabic"}


def test_production_arabic_is_normalised_and_french_elided():
    assert "arabic_normalization" in filters_of("text_ar")
    assert "arabic_normalization" in filters_of("text_folded")
    assert filters_of("text_ar").index("arabic_normalization") < filters_of("text_ar").index(
        "arabic_stemmer"
    ), "normalise before stemming"
    assert FULL["filter"][filters_of("text_fr")[0]]["type"] == "elision"
    assert "asciifolding" in filters_of("text_folded")


def test_every_filter_a_production_analyser_uses_is_defined_or_built_in():
    built_in = {"lowercase", "asciifolding", "decimal_digit", "arabic_normalization"}
    for name, definition in FULL["analyzer"].items():
        for f in definition["filter"]:
            assert f in FULL["filter"] or f in built_in, (name, f)


def test_standard_analysis_asks_only_for_the_standard_analyser():
    assert set(STANDARD) == {"analyzer"}
    assert {a["type"] for a in STANDARD["analyzer"].values()} == {"standard"}
    assert "filter" not in json.dumps(STANDARD)


def test_the_mode_is_chosen_by_name_and_an_unknown_one_is_refused():
    assert index_settings("full")["analysis"] is FULL
    assert index_settings("standard")["analysis"] is STANDARD
    with pytest.raises(ImproperlyConfigured):
        analysis("icu")


def test_each_word_of_a_title_starts_a_suggestion():
    assert suggest_inputs("Open government data portal") == [
        "Open government data portal",
        "government data portal",
        "data portal",
        "portal",
    ]
