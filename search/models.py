"""The search app's own tables: the database index, and the index updates still to send.

SearchEntry is one searchable document (a resource, an event, a partner, an expert, a
thread or a post) flattened for search, with its audience (search/audience.py). It is what
the database backend searches, and what every Elasticsearch hit is checked against before
it is shown, so it is written on every change whichever backend is configured. Its words
are also kept in a full-text index made by the migrations: an FTS5 table on SQLite, a
tsvector column with a GIN index on PostgreSQL (search/backends/database/fulltext.py).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .kinds import Kind


class SearchEntry(models.Model):
    key = models.CharField(max_length=40, unique=True)  # "resource:12"
    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=500)
    body = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    date = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=10, blank=True)
    # facet key -> values, as stored in EntryFacet; kept here too for showing a result.
    facets = models.JSONField(default=dict)
    audience = models.CharField(max_length=40)
    forum_category = models.PositiveBigIntegerField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    # Microseconds since the epoch when the document was read from its source: a newer
    # version is never overwritten by an older one (see search/indexing.py).
    version = models.BigIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["audience", "kind"], name="search_entry_audience_idx"),
            models.Index(fields=["-date"], name="search_entry_date_idx"),
            models.Index(fields=["kind", "object_id"], name="search_entry_object_idx"),
        ]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self) -> str:
        return self.key


class EntryFacet(models.Model):
    """One facet value of an entry: what filters and facet counts read."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facet_values")
    facet = models.CharField(max_length=16)
    value = models.CharField(max_length=64)

    class Meta:
        indexes = [
            models.Index(fields=["facet", "value", "entry"], name="search_facet_value_idx"),
            models.Index(fields=["entry", "facet"], name="search_facet_entry_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} {self.facet}={self.value}"


class PendingUpdate(models.Model):
    """A document Elasticsearch has not been told about yet, because it could not be reached.

    Written when an index update fails, removed when it succeeds; `manage.py search_index
    drain`, the next successful update and the next successful search send what is due.
    """

    key = models.CharField(max_length=40, unique=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("pending index update")
        verbose_name_plural = _("pending index updates")

    def __str__(self) -> str:
        return f"{self.key} ({self.attempts} attempts)"
