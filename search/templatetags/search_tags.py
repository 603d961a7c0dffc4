"""{% load search_tags %}{% related_for page as related %}: related resources and experts.

Then {% include "search/includes/related.html" %} shows them; it shows nothing when there
is nothing related, so pages can include it unconditionally.
"""

from __future__ import annotations

from django import template

from search.audience import Reader
from search.related import LIMIT, Related, related_to

register = template.Library()


@register.simple_tag(takes_context=True)
def related_for(context, obj, limit: int = LIMIT) -> Related:
    request = context.get("request")
    user = getattr(request, "user", None)
    return related_to(obj, Reader.for_user(user), limit)
