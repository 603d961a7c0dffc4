"""The full-text index of SearchEntry, in the form each database offers.

SQLite: an FTS5 virtual table (Porter stemming, diacritics removed), rowid = entry id.
PostgreSQL: a tsvector per entry with a GIN index. Written by search/backends/database/
fulltext.py only; there is no foreign key, so that flushing the entries (tests) never
trips over it, and every write replaces the row of its entry id first.
"""

from django.db import migrations

SQLITE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fulltext USING fts5("
    "title, body, tokenize = 'porter unicode61 remove_diacritics 2')"
)
POSTGRES = [
    "CREATE TABLE IF NOT EXISTS search_fulltext "
    "(entry_id bigint PRIMARY KEY, document tsvector NOT NULL)",
    "CREATE INDEX IF NOT EXISTS search_fulltext_document_idx "
    "ON search_fulltext USING gin (document)",
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE)
    elif vendor == "postgresql":
        for statement in POSTGRES:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor in {"sqlite", "postgresql"}:
        schema_editor.execute("DROP TABLE IF EXISTS search_fulltext")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
