"""Site-wide views: designed error pages, a health check, citable links."""

from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from wagtail.models import Page

from community.visibility import public_pages


def permission_denied(request, exception=None):
    # The site's own checks (check_* functions) raise with a reason written for the reader.
    reason = str(exception) if exception is not None and exception.args else ""
    return render(request, "403.html", {"reason": reason}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors: whatever broke the page may break them too.
    return HttpResponse(loader.get_template("500.html").render({"request": request}), status=500)


def health(request):
    """For the proxy and the process supervisor: is this process serving, is the database up?"""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def citable_link(request, page_id: int):
    """/r/<id>/: a link for citations that survives new slugs, moves and new languages."""
    page = public_pages(Page.objects.filter(pk=page_id)).first()
    url = page.get_url(request) if page else None
    if not url:
        raise Http404
    # Temporary on purpose: the page's address may change again, this link never does.
    return redirect(url)
