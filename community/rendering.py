"""Markdown written by members, rendered to safe HTML on the server.

One renderer for biographies, forum posts and private messages: a safe subset (emphasis,
links, lists, quotes, code, tables), sanitised by nh3 whatever the Markdown produced, links
marked nofollow ugc, each block reading in its own direction (dir="auto").
"""

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "em",
    "strong",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "h3",
    "h4",
    "del",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "*": {"dir"}}
BLOCK_TAGS = ("p", "ul", "ol", "blockquote", "pre", "table", "h3", "h4")


def render_markdown(text: str) -> SafeString:
    """Member-written Markdown as HTML that is safe to put in a page."""
    html = markdown.markdown(text, extensions=["tables", "fenced_code", "sane_lists"])
    for tag in BLOCK_TAGS:
        html = html.replace(f"<{tag}>", f'<{tag} dir="auto">')
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow ugc noopener",
    )
    return mark_safe(clean)  # sanitised by nh3 just above
