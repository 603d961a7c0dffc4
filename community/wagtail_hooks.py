"""Wagtail hooks of the community site."""

from django.http import Http404
from wagtail import hooks

from community.visibility import is_expired


@hooks.register("before_serve_page")
def refuse_expired_pages(page, request, serve_args, serve_kwargs):
    # Wagtail unpublishes expired pages only when `publish_scheduled` runs; until then
    # an expired page must already be gone for readers.
    if is_expired(page):
        raise Http404
