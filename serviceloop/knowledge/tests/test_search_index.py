"""The full-text index is made by the migrations and can be rebuilt when a migration dropped it."""

from __future__ import annotations

from django.db import connection

from serviceloop.knowledge.search_index import drop_search_index, ensure_search_index
from serviceloop.knowledge.services import search_articles

from .conftest import published


def test_the_index_is_in_place_after_migrating(db):
    assert connection.vendor in {"sqlite", "postgresql"}
    assert ensure_search_index(connection) is False


def test_a_dropped_index_is_rebuilt_with_the_articles_already_written(world, category):
    article = published(world, category, title="Chiller alarm", body="Reset the chiller.")
    if connection.vendor == "postgresql":
        # PostgreSQL alters no table with foreign-key checks still pending in the test's transaction.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    drop_search_index(connection)
    assert ensure_search_index(connection) is True
    assert [a.pk for a in search_articles(world.agent, "chiller alarm")] == [article.pk]
