"""The analysers of the Elasticsearch index, as configuration (ELASTICSEARCH_ANALYSIS).

The mapping (documents.py) names four analysers and never changes:

- text_folded: every text field; lower case, accents folded, Arabic letters normalised;
- text_en, text_fr, text_ar: sub-fields with English, French and Arabic stemming, stop
  words and (for French) elision, (for Arabic) normalisation of alef, yeh and teh marbuta;
  a query searches all of them, so "governments" finds "government" and "الحكومة" "حكومة".

"full" defines them with the analysis module of a complete Elasticsearch (production).
"standard" defines all four as the built-in `standard` analyser, the only one the minimal
distribution the tests run on provides: the same mapping, without stemming or folding.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

ANALYSERS = ("text_folded", "text_en", "text_fr", "text_ar")
# Which sub-field of title and body each language's analyser fills.
LANGUAGE_FIELDS = {"en": "text_en", "fr": "text_fr", "ar": "text_ar"}

FRENCH_ELISIONS = [
    "l",
    "m",
    "t",
    "qu",
    "n",
    "s",
    "j",
    "d",
    "c",
    "jusqu",
    "quoiqu",
    "lorsqu",
    "puisqu",
]

FULL = {
    "filter": {
        "english_possessive": {"type": "stemmer", "language": "possessive_english"},
        "english_stop": {"type": "stop", "stopwords": "_english_"},
        "english_stemmer": {"type": "stemmer", "language": "english"},
        "french_elision": {"type": "elision", "articles_case": True, "articles": FRENCH_ELISIONS},
        "french_stop": {"type": "stop", "stopwords": "_french_"},
        "french_stemmer": {"type": "stemmer", "language": "light_french"},
        "arabic_stop": {"type": "stop", "stopwords": "_arabic_"},
        "arabic_stemmer": {"type": "stemmer", "language": "arabic"},
    },
    "analyzer": {
        "text_folded": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "decimal_digit", "arabic_normalization", "asciifolding"],
        },
        "text_en": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": [
                "english_possessive",
                "lowercase",
                "asciifolding",
                "english_stop",
                "english_stemmer",
            ],
        },
        "text_fr": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": [
                "french_elision",
                "lowercase",
                "asciifolding",
                "french_stop",
                "french_stemmer",
            ],
        },
        "text_ar": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": [
                "lowercase",
                "decimal_digit",
                "arabic_stop",
                "arabic_normalization",
                "arabic_stemmer",
            ],
        },
    },
}

STANDARD = {"analyzer": {name: {"type": "standard"} for name in ANALYSERS}}

MODES = {"full": FULL, "standard": STANDARD}


def analysis(mode: str) -> dict:
    """The `analysis` index settings for ELASTICSEARCH_ANALYSIS=mode."""
    try:
        return MODES[mode]
    except KeyError:
        raise ImproperlyConfigured(
            f"ELASTICSEARCH_ANALYSIS={mode!r} is not known; use one of: {', '.join(MODES)}."
        ) from None
