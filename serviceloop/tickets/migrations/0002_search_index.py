"""Full-text index over Ticket.search_document (see serviceloop/tickets/search_index.py)."""

from django.db import migrations

from serviceloop.tickets.search_index import drop_search_index, ensure_search_index


def forward(apps, schema_editor):
    ensure_search_index(schema_editor.connection)


def backward(apps, schema_editor):
    drop_search_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("tickets", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
