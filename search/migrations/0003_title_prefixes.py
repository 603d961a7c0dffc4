"""SQLite: an unstemmed FTS5 table of titles for the search box's prefixes, filled from
the entries already indexed (their words are folded already; only titles are copied)."""

from django.db import migrations

CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_titles USING fts5("
    "title, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')"
)
FILL = "INSERT INTO search_titles (rowid, title) SELECT rowid, title FROM search_fulltext"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(CREATE)
        schema_editor.execute(FILL)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_titles")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(create, drop)]
