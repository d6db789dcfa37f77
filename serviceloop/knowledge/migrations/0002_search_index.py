"""Full-text index over the articles' search columns (see serviceloop/knowledge/search_index.py)."""

from django.db import migrations

from serviceloop.knowledge.search_index import drop_search_index, ensure_search_index


def forward(apps, schema_editor):
    ensure_search_index(schema_editor.connection)


def backward(apps, schema_editor):
    drop_search_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_articles")]

    operations = [migrations.RunPython(forward, backward)]
