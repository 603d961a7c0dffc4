"""The Elasticsearch document of the site's search, and how a Record becomes one.

One index holds every kind, so one query ranks resources, events, partners, experts,
threads and replies together and one aggregation counts each facet across them. The index
is reached through an alias (see aliases.py), never by its own name.
"""

from __future__ import annotations

from elasticsearch_dsl import (
    Completion,
    Date,
    Document,
    InnerDoc,
    Keyword,
    Long,
    Object,
    Text,
)

from search.sources import Record

from .analysis import LANGUAGE_FIELDS


def _text(**kwargs) -> Text:
    """Folded text with a stemmed sub-field per language: title.en, title.fr, title.ar."""
    return Text(
        analyzer="text_folded",
        fields={lang: Text(analyzer=analyser) for lang, analyser in LANGUAGE_FIELDS.items()},
        **kwargs,
    )


class Facets(InnerDoc):
    """The facet values, as search.sources.FACET_KEYS names them."""

    line = Keyword()
    theme = Keyword()
    sdg = Keyword()
    region = Keyword()
    country = Keyword()
    language = Keyword()
    partner = Keyword()
    year = Keyword()


class SearchDocument(Document):
    key = Keyword()
    kind = Keyword()
    object_id = Long()
    # What is searched: a reply is found by its text, not by its thread's title.
    title = _text()
    body = _text()
    # What is shown; the database entry is the reference (see ElasticsearchBackend).
    display_title = Keyword(index=False, doc_values=False)
    summary = Text(index=False)
    url = Keyword(index=False, doc_values=False)
    date = Date()
    language = Keyword()
    facets = Object(Facets)
    # Who may find it (search/audience.py): a document is found when a reader holds a key.
    audience = Keyword()
    expires_at = Date()
    # Titles of public documents only, so that "did you mean" never offers a private word.
    spell = Text(analyzer="text_folded")
    # The search box: the title and what follows each of its words, for those in audience.
    suggest = Completion(
        analyzer="text_folded",
        contexts=[{"name": "audience", "type": "category", "path": "audience"}],
    )
    version = Long()

    class Index:
        name = "search-document"  # replaced by the alias at every call


SUGGEST_SUFFIXES = 6


def suggest_inputs(title: str) -> list[str]:
    """ "Open data portal", "data portal", "portal": typing any word of a title finds it."""
    words = title.split()
    return [" ".join(words[start:]) for start in range(min(len(words), SUGGEST_SUFFIXES))]


def to_source(record: Record) -> dict:
    source = {
        "key": record.key,
        "kind": record.kind,
        "object_id": record.object_id,
        "title": record.searchable_title,
        "body": record.body,
        "display_title": record.title,
        "summary": record.summary,
        "url": record.url,
        "date": record.date.isoformat() if record.date else None,
        "language": record.language,
        "facets": {facet: values for facet, values in record.facets.items() if values},
        "audience": record.audience.keys(),
        "expires_at": record.expires_at.isoformat() if record.expires_at else None,
        "version": record.version,
    }
    if record.audience.is_public:
        source["spell"] = record.searchable_title
    if record.searchable_title:
        source["suggest"] = {"input": suggest_inputs(record.searchable_title)}
    return source


def mapping() -> dict:
    return SearchDocument._doc_type.mapping.to_dict()
