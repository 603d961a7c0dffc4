"""Template tags of the forum pages: authors' names and links, unread marks."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forums.authors import author_name, profile_url_for
from forums.queries import unread_of

register = template.Library()


@register.simple_tag(takes_context=True)
def author(context, user) -> str:
    """The author's name, linked to their profile when the reader may see it."""
    name = author_name(user)
    url = profile_url_for(user, context["request"].user)
    if url:
        return format_html('<a href="{}" dir="auto">{}</a>', url, name)
    return format_html('<span dir="auto">{}</span>', name)


@register.simple_tag(takes_context=True)
def unread_mark(context, thread) -> str:
    """ "New" or "3 unread", as text (screen readers read it), linked to the first unread post."""
    is_new, unread = unread_of(thread, context["request"].user)
    if is_new:
        return format_html('<span class="badge badge--new">{}</span>', _("New"))
    if unread:
        return format_html(
            '<a class="badge badge--unread" href="{}">{}</a>',
            f"/forums/t/{thread.pk}/unread/",
            ngettext("%(count)d unread", "%(count)d unread", unread) % {"count": unread},
        )
    return ""
