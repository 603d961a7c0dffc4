"""SQLite: each entry's facet words move into its row of the full-text table, as a third
column beside the title and the text.

With the words in one FTS5 table and the facet values in another, a common word with
filters read its matches newest first and, after fetching each one's entry, looked it up in
the list of entries with those values: 15,000 entries read for the 1,001 kept of
`government` with a kind and an action line (36 to 51 ms for that query on 100,000
entries). In one table FTS5 intersects the lists of the words and of the values itself,
newest first, and stops at the first 1,001: 17 to 23 ms, most of it the ranking, and 4 to 6
ms instead of 10 to 21 for a facet counted without its own filter. The column weighs
nothing in the ranking.

Filled from the two tables (the facet words are written as before: facet_word() in
search/backends/database/fulltext.py), which goes.
"""

from django.db import migrations

TOKENIZE = "tokenize = 'porter unicode61 remove_diacritics 2'"
FORWARDS = [
    f"CREATE VIRTUAL TABLE search_fulltext_new USING fts5(title, body, facets, {TOKENIZE})",
    "INSERT INTO search_fulltext_new (rowid, title, body, facets) "
    "SELECT f.rowid, f.title, f.body, coalesce(w.words, '') "
    "FROM search_fulltext AS f LEFT JOIN search_facet_words AS w ON w.rowid = f.rowid",
    "DROP TABLE search_fulltext",
    "ALTER TABLE search_fulltext_new RENAME TO search_fulltext",
    "DROP TABLE IF EXISTS search_facet_words",
]
BACKWARDS = [
    "CREATE VIRTUAL TABLE search_facet_words USING fts5("
    "words, tokenize = 'unicode61', detail = 'none')",
    "INSERT INTO search_facet_words (rowid, words) "
    "SELECT rowid, facets FROM search_fulltext WHERE facets != ''",
    f"CREATE VIRTUAL TABLE search_fulltext_old USING fts5(title, body, {TOKENIZE})",
    "INSERT INTO search_fulltext_old (rowid, title, body) "
    "SELECT rowid, title, body FROM search_fulltext",
    "DROP TABLE search_fulltext",
    "ALTER TABLE search_fulltext_old RENAME TO search_fulltext",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in FORWARDS:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in BACKWARDS:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_sqlite_facet_words")]

    operations = [migrations.RunPython(forwards, backwards)]
