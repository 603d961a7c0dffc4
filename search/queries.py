"""Read paths of the search page."""

import re

from django.db.models import QuerySet
from wagtail.models import Page

from community.visibility import searchable_public_pages

MAX_QUERY_LENGTH = 200
# Query-syntax characters of SQLite FTS, PostgreSQL tsquery and Elasticsearch alike.
_OPERATORS = re.compile(r"[^\w\s]+|_")


def clean_query(raw: str) -> str:
    """Words only: what a reader types is searched for, never parsed as query syntax."""
    return " ".join(_OPERATORS.sub(" ", raw[:MAX_QUERY_LENGTH]).split())


def search_public_pages(query: str) -> QuerySet | list:
    words = clean_query(query)
    if not words:
        return Page.objects.none()
    return searchable_public_pages().specific().search(words)
