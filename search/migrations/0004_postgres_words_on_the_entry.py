"""PostgreSQL: the words move onto the entries' own table, beside audience and facets.

A tsvector column `document` with a GIN index, and a GIN index on `facets` (jsonb), so that
a search reads entries newest first and stops once it has enough, instead of joining every
match of a common word (see search/backends/database/fulltext.py). The column is not a
model field: Django has no portable one for it. SQLite keeps its FTS5 tables.
"""

from django.db import migrations

COPY = (
    "UPDATE search_searchentry e SET document = f.document "
    "FROM search_fulltext f WHERE f.entry_id = e.id"
)
POSTGRES = [
    "ALTER TABLE search_searchentry ADD COLUMN IF NOT EXISTS document tsvector",
    "DROP TABLE IF EXISTS search_fulltext",
    "CREATE INDEX IF NOT EXISTS search_entry_document_idx "
    "ON search_searchentry USING gin (document)",
    "CREATE INDEX IF NOT EXISTS search_entry_facets_idx "
    "ON search_searchentry USING gin (facets jsonb_path_ops)",
]
BACK = [
    "DROP INDEX IF EXISTS search_entry_facets_idx",
    "CREATE TABLE IF NOT EXISTS search_fulltext "
    "(entry_id bigint PRIMARY KEY, document tsvector NOT NULL)",
    "INSERT INTO search_fulltext (entry_id, document) "
    "SELECT id, document FROM search_searchentry WHERE document IS NOT NULL",
    "CREATE INDEX IF NOT EXISTS search_fulltext_document_idx "
    "ON search_fulltext USING gin (document)",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS document",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(POSTGRES[0])
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('search_fulltext') IS NOT NULL")
        if cursor.fetchone()[0]:
            schema_editor.execute(COPY)
    for statement in POSTGRES[1:]:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACK:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_title_prefixes")]

    operations = [migrations.RunPython(forwards, backwards)]
