"""Related content for a resource, an event or a discussion: resources on the same
subject, and the experts who know it (shared action lines and themes weigh most, then a
shared region or country), as the reader may see them.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import get_language

from . import engine
from .audience import Reader
from .generation import generation
from .kinds import Kind
from .results import Hit, Subject

logger = logging.getLogger(__name__)

LIMIT = 5
CACHE_SECONDS = 300


@dataclass
class Related:
    resources: list[Hit] = field(default_factory=list)
    experts: list[Hit] = field(default_factory=list)
    search_url: str = ""

    def __bool__(self) -> bool:
        return bool(self.resources or self.experts)


def subject_of(obj) -> Subject | None:
    """The key and the topics and places of a page or thread; None for anything else."""
    from community.models import EventPage, ResourcePage
    from forums.models import Thread
    from search.sources.base import countries_of
    from search.sources.forums import tag_facets

    obj = getattr(obj, "specific", obj)
    if isinstance(obj, ResourcePage | EventPage):
        kind = Kind.RESOURCE if isinstance(obj, ResourcePage) else Kind.EVENT
        countries = countries_of(obj.countries, getattr(obj, "country", None))
        facets = {
            "line": [line.code for line in obj.action_lines.all()],
            "theme": [theme.slug for theme in obj.themes.all()],
            "region": [region.slug for region in obj.regions.all()],
            "country": countries,
        }
        return Subject(f"{kind}:{obj.pk}", facets)
    if isinstance(obj, Thread):
        return Subject(f"{Kind.THREAD}:{obj.pk}", tag_facets(obj))
    return None


def _search_url(subject: Subject) -> str:
    """The search for the subject's topics, to find more than the few shown."""
    pairs = [("line", code) for code in subject.facets.get("line", [])]
    pairs += [("theme", slug) for slug in subject.facets.get("theme", [])]
    return reverse("search:search") + "?" + urlencode(pairs) if pairs else ""


def related_to(obj, reader: Reader, limit: int = LIMIT) -> Related:
    """Never raises: related content is a help to the page, never a reason for it to fail."""
    try:
        subject = subject_of(obj)
        if subject is None or not any(subject.facets.values()):
            return Related()
        # Any change to the index makes a new generation, so nothing hidden since is shown.
        digest = hashlib.sha1(
            f"{sorted(subject.facets.items())}|{reader.cache_key}".encode()
        ).hexdigest()
        key = f"search:related:{generation()}:{subject.key}:{limit}:{get_language()}:{digest}"
        cached = cache.get(key)
        if cached is not None:
            return cached
        related = Related(
            resources=engine.related(subject, reader, Kind.RESOURCE, limit),
            experts=engine.related(subject, reader, Kind.EXPERT, limit),
            search_url=_search_url(subject),
        )
        cache.set(key, related, CACHE_SECONDS)
        return related
    except Exception:
        logger.exception("Related content could not be found for %r", obj)
        return Related()
