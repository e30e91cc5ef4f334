"""An index for the expression the PostgreSQL search backend matches on.

Wagtail's database search matches `title || body` of each index entry against the query. With
no index on that expression PostgreSQL has no statistics for it either, guesses that almost
no entry matches, and joins the entries to the pages one row at a time: 8.5 s for "heat pump"
over 27,000 entries. With this index it scans only the matching entries and hashes the join
(36 ms). SQLite's search uses its own FTS5 table and needs nothing.
"""

from django.db import migrations

INDEX_NAME = "home_search_entry_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} "
            "ON wagtailsearch_indexentry USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
