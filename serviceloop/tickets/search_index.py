"""The full-text index over Ticket.search_document: FTS5 on SQLite, a GIN tsvector index on PostgreSQL.

SQLite rebuilds a table for many schema changes (ALTER of a column), and the rebuild drops the
table's triggers, so after every migrate the FTS5 triggers are checked and, if gone, restored and
the index rebuilt. `ensure_search_index` is idempotent.
"""

from __future__ import annotations

from typing import Any

_SQLITE_TABLE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS tickets_ticket_fts USING fts5("
    "search_document, content='tickets_ticket', content_rowid='id', tokenize='unicode61')"
)
_SQLITE_TRIGGERS = {
    "tickets_ticket_fts_ai": "AFTER INSERT ON tickets_ticket BEGIN "
    "INSERT INTO tickets_ticket_fts(rowid, search_document) VALUES (new.id, new.search_document); END",
    "tickets_ticket_fts_ad": "AFTER DELETE ON tickets_ticket BEGIN "
    "INSERT INTO tickets_ticket_fts(tickets_ticket_fts, rowid, search_document) "
    "VALUES ('delete', old.id, old.search_document); END",
    "tickets_ticket_fts_au": "AFTER UPDATE OF search_document ON tickets_ticket BEGIN "
    "INSERT INTO tickets_ticket_fts(tickets_ticket_fts, rowid, search_document) "
    "VALUES ('delete', old.id, old.search_document); "
    "INSERT INTO tickets_ticket_fts(rowid, search_document) VALUES (new.id, new.search_document); END",
}
# PostgreSQL keeps the tsvector in a stored generated column: a query that walks the queue's sort
# index and tests each row then reads the vector instead of parsing the document row by row.
_POSTGRES = [
    "ALTER TABLE tickets_ticket ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_document)) STORED",
    "CREATE INDEX IF NOT EXISTS ticket_search_vector_idx ON tickets_ticket USING gin (search_vector)",
    "DROP INDEX IF EXISTS ticket_search_idx",
]


def ensure_search_index(connection: Any) -> bool:
    """Create whatever part of the index is missing; True if something had to be made."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT 1 FROM information_schema.columns "
                "WHERE table_name = 'tickets_ticket' AND column_name = 'search_vector'"
            )
            if cursor.fetchone():
                return False
            for sql in _POSTGRES:
                cursor.execute(sql)
            return True
        if connection.vendor != "sqlite":
            return False
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'tickets_ticket_fts_%'"
        )
        present = {row[0] for row in cursor.fetchall()}
        missing = [name for name in _SQLITE_TRIGGERS if name not in present]
        if not missing:
            return False
        cursor.execute(_SQLITE_TABLE)
        for name in missing:
            cursor.execute(f"CREATE TRIGGER {name} {_SQLITE_TRIGGERS[name]}")
        cursor.execute("INSERT INTO tickets_ticket_fts(tickets_ticket_fts) VALUES ('rebuild')")
        return True


def drop_search_index(connection: Any) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP INDEX IF EXISTS ticket_search_vector_idx")
            cursor.execute("ALTER TABLE tickets_ticket DROP COLUMN IF EXISTS search_vector")
        elif connection.vendor == "sqlite":
            for name in _SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute("DROP TABLE IF EXISTS tickets_ticket_fts")
