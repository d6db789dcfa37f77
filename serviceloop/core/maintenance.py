"""Keeping the embedded database's query planner informed.

SQLite plans a query from the statistics ANALYZE leaves in sqlite_stat1; without them it guesses, and
guessed wrong, for example scanning 50,000 published articles by status instead of fetching the 200 it
was asked for by id (16 ms instead of under 1). PostgreSQL's autovacuum keeps its own statistics.
"""

from __future__ import annotations

from django.db import connection, transaction

# Rows sampled per index: statistics good enough for plans, in milliseconds on a large database.
ANALYSIS_LIMIT = 1000


def refresh_statistics() -> bool:
    """Renew the SQLite planner's statistics; False (nothing done) on other databases."""
    if connection.vendor != "sqlite":
        return False
    with transaction.atomic(), connection.cursor() as cursor:  # queues with the other writers
        cursor.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        cursor.execute("ANALYZE")
    return True
