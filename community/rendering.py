"""Markdown written by members, rendered to safe HTML on the server.

One renderer for biographies, forum posts and private messages: a safe subset (emphasis,
links, lists, quotes, code, tables), sanitised by nh3 whatever the Markdown produced, links
marked nofollow ugc, each block reading in its own direction (dir="auto").
"""

import re
import threading

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
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
BLOCK_TAGS = ("p", "ul", "ol", "blockquote", "pre", "table", "h3", "h4")
# Set by the sanitiser itself, after it has dropped what the author wrote: a block in raw
# HTML with attributes of its own (`<p class="x">`, `<p dir="ltr">`) reads in its own
# direction like every other block, and no author can force a direction on a page.
BLOCK_DIRECTION = {tag: {"dir": "auto"} for tag in BLOCK_TAGS}
URL_SCHEMES = {"http", "https", "mailto"}
# Blanks and control characters, which some user agents and mail clients skip inside a URL.
BLANKS = re.compile(r"[\x00-\x20\x7f]+")
SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")


def _safe_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Drop a link whose address, read without its blanks, names any other scheme.

    nh3 already refuses `javascript:` and `java&#x09;script:`; this also refuses what only
    becomes a scheme once spaces are skipped (`j    avascript:`, which Markdown makes of a
    tab), so no reader anywhere can be handed one.
    """
    if attribute != "href":
        return value
    scheme = SCHEME.match(BLANKS.sub("", value).lower())
    if scheme is not None and scheme.group(1) not in URL_SCHEMES:
        return None
    return value


MARKDOWN_EXTENSIONS = ["tables", "fenced_code", "sane_lists"]
_renderers = threading.local()


def _to_html(text: str) -> str:
    """Markdown's HTML, from this thread's own renderer: building one (its extensions and
    processors) took half the time of converting a reply. An instance serves one text at
    a time, so each thread has its own, reset after every text as Python-Markdown asks."""
    renderer = getattr(_renderers, "markdown", None)
    if renderer is None:
        renderer = _renderers.markdown = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)
    try:
        return renderer.convert(text)
    finally:
        renderer.reset()


def render_markdown(text: str) -> SafeString:
    """Member-written Markdown as HTML that is safe to put in a page."""
    # A lone surrogate (a JSON "\ud800", say) is no character UTF-8 can carry, and
    # the sanitiser would refuse the whole text: it becomes "?" instead.
    text = text.encode("utf-8", errors="replace").decode("utf-8")
    html = _to_html(text)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        set_tag_attribute_values=BLOCK_DIRECTION,
        attribute_filter=_safe_attribute,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener",
    )
    return mark_safe(clean)  # sanitised by nh3 just above
