"""A post or message as the HTML readers get: the site's Markdown renderer plus mentions."""

from __future__ import annotations

from dataclasses import dataclass

from community.rendering import render_markdown
from members.models import User

from .mentions import link_mentions, mentioned_handles, resolve


@dataclass
class Rendered:
    html: str
    mentioned: list[User]
    unknown_handles: list[str]


def render_post(body: str) -> Rendered:
    handles = mentioned_handles(body)
    members = resolve(handles)
    html = link_mentions(str(render_markdown(body)), members)
    return Rendered(html, list(members.values()), sorted(handles - set(members)))
