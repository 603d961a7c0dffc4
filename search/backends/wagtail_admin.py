"""The Wagtail admin's own page search on the minimal Elasticsearch distribution.

The site's search (search.engine) has its own index; Wagtail's admin keeps searching pages
through WAGTAILSEARCH_BACKENDS, which community/settings.py points here when
ELASTICSEARCH_ANALYSIS=standard.
"""

from wagtail.search.backends.elasticsearch8 import Elasticsearch8SearchBackend


class StandardAnalysisElasticsearch8SearchBackend(Elasticsearch8SearchBackend):
    """Wagtail's Elasticsearch 8 backend with only the built-in `standard` analyser.

    The minimal Elasticsearch distribution the test suite runs on has no analysis module:
    no n-gram tokenisers, not even a lowercase filter. Production clusters keep Wagtail's
    own analysers (ELASTICSEARCH_ANALYSIS=full); this one trades partial-word matching for
    running anywhere (ELASTICSEARCH_ANALYSIS=standard).
    """

    settings = {
        "settings": {
            "analysis": {
                "analyzer": {
                    "ngram_analyzer": {"type": "standard"},
                    "edgengram_analyzer": {"type": "standard"},
                }
            }
        }
    }
