"""Wagtail hooks of the community site."""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.models import Page

from community.models.translations import (
    TranslatablePage,
    language_name,
    outdated_against,
    reader_language,
    tree_language,
)
from community.visibility import is_expired


@hooks.register("before_serve_page")
def refuse_expired_pages(page, request, serve_args, serve_kwargs):
    # Wagtail unpublishes expired pages only when `publish_scheduled` runs; until then
    # an expired page must already be gone for readers.
    if is_expired(page):
        raise Http404


@hooks.register("before_serve_page")
def lead_to_the_translation(page, request, serve_args, serve_kwargs):
    """An original served in another language's interface (/ar/<path>) because nothing is
    translated at that path: if it has a public translation in that language elsewhere (a
    translated slug, a page moved since), go there."""
    reader = reader_language()
    if not isinstance(page, TranslatablePage) or tree_language(page, request) == reader:
        return None
    translated = page.public_versions().get(reader)
    if translated is None:
        return None
    here, there = page.get_url(request), translated.get_url(request)
    if not here or not there or not request.path.startswith(here) or here == there:
        return None
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    # Temporary: the translation may be unpublished again, and this address come back.
    return redirect(f"{there}{request.path[len(here) :]}{query}")


@hooks.register("before_edit_page")
def warn_of_an_outdated_translation(request, page):
    """Tell whoever opens a translation in the editor that its original changed since."""
    if request.method != "GET":
        return
    # The page given is the latest revision's content, whose publication dates are those of
    # when the revision was saved; the page's record has the real ones.
    original = outdated_against(Page.objects.get(pk=page.pk))
    if original is None:
        return
    when = formats.date_format(timezone.localtime(original.last_published_at), "DATETIME_FORMAT")
    message = _(
        "This translation may be out of date: the original in %(language)s was published "
        "again on %(date)s, after this translation was last published."
    ) % {"language": language_name(tree_language(original)), "date": when}
    messages.warning(
        request,
        message,
        buttons=[
            messages.button(
                reverse("wagtailadmin_pages:history", args=[original.pk]),
                _("What changed in the original"),
                new_window=True,
            )
        ],
    )
