"""Template tags of the forum pages: authors' names and links, unread marks, a thread's page
links, cached post fragments, and markup captured once to be printed twice."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forums import post_fragments
from forums.authors import author_name, profile_url_for
from forums.queries import ThreadPage, unread_of

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
            reverse("forums:first_unread", args=[thread.pk]),
            ngettext("%(count)d unread", "%(count)d unread", unread) % {"count": unread},
        )
    return ""


@dataclass
class PageLinks:
    previous: str | None
    next: str | None
    pages: list[tuple[object, str | None]]  # (number or ellipsis, address or None)


@register.simple_tag(takes_context=True)
def thread_page_links(context, view: ThreadPage) -> PageLinks:
    """The addresses of the thread's other pages, keeping the reader's query string but not a
    quoted post: what `{% querystring page=n quote=None %}` gives, built once for all."""
    query = context["request"].GET.copy()
    query.pop("quote", None)

    def address(number: int) -> str:
        query["page"] = str(number)
        return f"?{query.urlencode()}"

    page = view.page
    return PageLinks(
        previous=address(page.previous_page_number()) if page.has_previous() else None,
        next=address(page.next_page_number()) if page.has_next() else None,
        pages=[
            (number, address(number) if isinstance(number, int) else None)
            for number in view.page_numbers
        ],
    )


class PostFragmentNode(template.Node):
    def __init__(self, post: template.base.FilterExpression, nodelist: template.NodeList):
        self.post = post
        self.nodelist = nodelist

    def render(self, context) -> str:
        post = self.post.resolve(context)
        key = getattr(post, "fragment_key", None)
        cached = context.get("post_fragments", {}).get(key) if key else None
        if cached is not None:
            return cached
        html = self.nodelist.render(context)
        if key:
            post_fragments.keep(key, html)
        return html


@register.tag
def post_fragment(parser, token) -> PostFragmentNode:
    """{% post_fragment post %}...{% endpost_fragment %}: the post's markup from the cache
    (forums/post_fragments.py), or rendered and kept there."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("post_fragment takes one argument: the post")
    nodelist = parser.parse(("endpost_fragment",))
    parser.delete_first_token()
    return PostFragmentNode(parser.compile_filter(bits[1]), nodelist)


class CaptureNode(template.Node):
    def __init__(self, name: str, nodelist: template.NodeList):
        self.name = name
        self.nodelist = nodelist

    def render(self, context) -> str:
        context[self.name] = mark_safe(self.nodelist.render(context))  # already escaped markup
        return ""


@register.tag
def capture(parser, token) -> CaptureNode:
    """{% capture as name %}...{% endcapture %}: render the block once into `name`, for markup
    a page prints twice (the thread's pagination above and below the posts)."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("capture takes the form {% capture as name %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(bits[2], nodelist)
