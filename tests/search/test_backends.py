"""Which analysis each Elasticsearch configuration asks of the cluster."""

import json

from wagtail.search.backends.elasticsearch8 import Elasticsearch8SearchBackend

from search.backends import StandardAnalysisElasticsearch8SearchBackend

# What the minimal distribution used in tests provides: the core `standard` analyser only.
MINIMAL_DISTRIBUTION_ANALYSERS = {"standard"}


def analysers(backend_class) -> dict:
    return backend_class.settings["settings"]["analysis"]


def test_standard_analysis_asks_only_for_what_the_minimal_distribution_has():
    analysis = analysers(StandardAnalysisElasticsearch8SearchBackend)

    assert set(analysis) == {"analyzer"}, "no custom tokenizers or filters"
    assert {a["type"] for a in analysis["analyzer"].values()} <= MINIMAL_DISTRIBUTION_ANALYSERS


def test_standard_analysis_defines_every_analyser_the_mapping_names():
    production = set(analysers(Elasticsearch8SearchBackend)["analyzer"])

    assert set(analysers(StandardAnalysisElasticsearch8SearchBackend)["analyzer"]) == production


def test_full_analysis_keeps_partial_word_matching_for_production():
    settings = json.dumps(analysers(Elasticsearch8SearchBackend))

    assert "edge_ngram" in settings and "asciifolding" in settings
