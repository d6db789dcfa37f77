"""PostgreSQL: the search vector becomes a stored generated column (see tickets/search_index.py)."""

from django.db import migrations

from serviceloop.tickets.search_index import ensure_search_index


def forward(apps, schema_editor):
    ensure_search_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("tickets", "0007_commitment_organisation")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
