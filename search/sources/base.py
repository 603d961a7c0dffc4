"""A Record is one document as every backend indexes it; a Source makes them for one kind."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.utils import translation
from django_countries.fields import Country

from search.audience import Audience
from search.kinds import TITLE_NOT_SEARCHED

# The facets a document can carry, in the order the search page shows them. "kind" is a
# facet too, but is read from the document's kind.
FACET_KEYS = ("line", "theme", "sdg", "region", "country", "language", "partner", "year")


def now_version() -> int:
    return time.time_ns() // 1000


@dataclass
class Record:
    kind: str
    object_id: int
    title: str
    body: str
    summary: str
    url: str
    audience: Audience
    date: dt.date | None = None
    language: str = ""
    facets: dict[str, list[str]] = field(default_factory=dict)
    expires_at: dt.datetime | None = None
    version: int = field(default_factory=now_version)

    @property
    def searchable_title(self) -> str:
        return "" if self.kind in TITLE_NOT_SEARCHED else self.title

    @classmethod
    def from_entry(cls, entry) -> Record:
        """The record a database index entry (SearchEntry) was written from."""
        return cls(
            kind=entry.kind,
            object_id=entry.object_id,
            title=entry.title,
            body=entry.body,
            summary=entry.summary,
            url=entry.url,
            audience=Audience(entry.audience, entry.forum_category),
            date=entry.date,
            language=entry.language,
            facets=entry.facets,
            expires_at=entry.expires_at,
            version=entry.version,
        )

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.object_id}"

    def facet_pairs(self) -> list[tuple[str, str]]:
        pairs = [("kind", self.kind)]
        for facet in FACET_KEYS:
            pairs += [(facet, value) for value in dict.fromkeys(self.facets.get(facet, []))]
        return pairs


def year_of(date: dt.date | dt.datetime | None) -> list[str]:
    return [str(date.year)] if date else []


def countries_of(*values) -> list[str]:
    """ISO codes from django-countries fields, single or multiple."""
    codes: list[str] = []
    for value in values:
        if not value:
            continue
        # A multiple CountryField gives an iterable of Country objects, a single one a Country.
        items = [value] if isinstance(value, str | Country) else list(value)
        for item in items:
            code = getattr(item, "code", item)
            if code and code not in codes:
                codes.append(str(code))
    return codes


class Source:
    """What one kind of document is made from, and which of them may be found at all."""

    kind: str
    model: type[models.Model]
    batch_size = 500

    def indexable(self) -> models.QuerySet:
        """Every object of this kind that someone other than its owner may find."""
        raise NotImplementedError

    def records(self, objects: Iterable[models.Model]) -> list[Record]:
        raise NotImplementedError

    def in_default_language(self, objects: list[models.Model]) -> list[Record]:
        """Records with addresses and labels in the default language, whatever the language
        of the request an update runs in; readers get theirs (search/addresses.py)."""
        with translation.override(settings.LANGUAGE_CODE):
            return self.records(objects)

    def records_for(self, ids: Iterable[int]) -> tuple[list[Record], list[int]]:
        """Records for the ids that may be found, and the ids that may not (to remove)."""
        ids = list(dict.fromkeys(int(pk) for pk in ids))
        objects = list(self.indexable().filter(pk__in=ids))
        records = self.in_default_language(objects)
        found = {record.object_id for record in records}
        return records, [pk for pk in ids if pk not in found]

    def all_ids(self) -> list[int]:
        return list(self.indexable().order_by("pk").values_list("pk", flat=True))

    def iter_records(self) -> Iterator[list[Record]]:
        """Every record of this kind, in batches, for a rebuild."""
        ids = self.all_ids()
        for start in range(0, len(ids), self.batch_size):
            chunk = ids[start : start + self.batch_size]
            yield self.in_default_language(
                list(self.indexable().filter(pk__in=chunk).order_by("pk"))
            )

    def count(self) -> int:
        return self.indexable().count()
