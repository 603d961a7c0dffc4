"""The search page, its JSON twin and the search box's suggestions: parse, ask, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import engine
from .audience import Reader
from .presentation import SearchPage, as_json, present
from .query import parse_query
from .results import SearchResults
from .text import MAX_QUERY_LENGTH

MAX_SUGGESTIONS = 8


def _search_page(request: HttpRequest) -> SearchPage:
    query = parse_query(request.GET)
    if query.is_empty and not query.typed:
        return SearchPage(query=query, results=None)  # nothing asked: the search box
    reader = Reader.for_user(request.user)
    if query.is_empty:
        # Only query syntax was typed ("AND", "*"): nothing to search for, no results.
        return present(query, SearchResults(query=query, hits=[], total=0), reader)
    return present(query, engine.search(query, reader), reader)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Everything public the community knows, or that the reader may see, in one search."""
    page = _search_page(request)
    return render(request, "search/search.html", {"search": page, "query": page.query.typed})


@require_GET
def search_json(request: HttpRequest) -> JsonResponse:
    """The search page's results as JSON; the same parameters as the page."""
    response = JsonResponse(
        as_json(_search_page(request)), json_dumps_params={"ensure_ascii": False}
    )
    response["Vary"] = "Cookie, Accept-Language"
    return response


@require_GET
def suggestions(request: HttpRequest) -> JsonResponse:
    """Titles for the search box as one types: {"query": ..., "suggestions": [...]}."""
    text = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    found = engine.suggest(text, Reader.for_user(request.user), MAX_SUGGESTIONS)
    response = JsonResponse(
        {
            "query": text,
            "suggestions": [
                {"title": s.title, "url": s.url, "kind": s.kind, "kind_label": s.kind_label}
                for s in found
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )
    response["Vary"] = "Cookie, Accept-Language"
    return response
