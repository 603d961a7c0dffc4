from django.core.paginator import Paginator
from django.shortcuts import render

from .queries import MAX_QUERY_LENGTH, search_public_pages


def search(request):
    """Search the public pages of the site with the configured backend."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    page = Paginator(search_public_pages(query), 20).get_page(request.GET.get("page"))
    return render(request, "search/search.html", {"query": query, "page": page})
