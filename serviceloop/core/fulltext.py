"""A full-text index over some text columns of one table, the same way on both databases.

SQLite: an external-content FTS5 table fed by triggers. A migration that rebuilds the table (SQLite
does for many schema changes) drops its triggers, so the apps call `ensure` after every migrate: it
puts back what is missing and rebuilds the index. PostgreSQL: a stored generated tsvector column
under a GIN index, so a query reads the vector instead of parsing every row's text.

The text stored in the columns is already cut into words (core.search), so both use the plainest
tokenizer: unicode61 and the 'simple' configuration.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FullTextIndex:
    table: str
    columns: tuple[str, ...]
    # The PostgreSQL tsvector of a row, e.g. "to_tsvector('simple', search_document)".
    vector: str
    gin_index: str
    # Indexes of earlier designs, dropped when the index is made.
    obsolete_indexes: tuple[str, ...] = ()

    @property
    def fts_table(self) -> str:
        return f"{self.table}_fts"

    def _sqlite_triggers(self) -> dict[str, str]:
        cols = ", ".join(self.columns)
        new = ", ".join(f"new.{c}" for c in self.columns)
        old = ", ".join(f"old.{c}" for c in self.columns)
        insert = f"INSERT INTO {self.fts_table}(rowid, {cols}) VALUES (new.id, {new});"
        fts = self.fts_table
        delete = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old});"
        return {
            f"{self.fts_table}_ai": f"AFTER INSERT ON {self.table} BEGIN {insert} END",
            f"{self.fts_table}_ad": f"AFTER DELETE ON {self.table} BEGIN {delete} END",
            f"{self.fts_table}_au": f"AFTER UPDATE OF {cols} ON {self.table} BEGIN {delete} {insert} END",
        }

    def ensure(self, connection: Any) -> bool:
        """Create whatever part of the index is missing; True if something had to be made."""
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                return self._ensure_postgresql(cursor)
            if connection.vendor == "sqlite":
                return self._ensure_sqlite(cursor)
        return False

    def _ensure_postgresql(self, cursor: Any) -> bool:
        cursor.execute(
            "SELECT 1 FROM information_schema.columns "
            "WHERE table_name = %s AND column_name = 'search_vector'",
            [self.table],
        )
        if cursor.fetchone():
            return False
        cursor.execute(
            f"ALTER TABLE {self.table} ADD COLUMN IF NOT EXISTS search_vector tsvector "
            f"GENERATED ALWAYS AS ({self.vector}) STORED"
        )
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {self.gin_index} ON {self.table} USING gin (search_vector)"
        )
        for name in self.obsolete_indexes:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")
        return True

    def _ensure_sqlite(self, cursor: Any) -> bool:
        triggers = self._sqlite_triggers()
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s", [f"{self.fts_table}_%"]
        )
        present = {row[0] for row in cursor.fetchall()}
        missing = [name for name in triggers if name not in present]
        if not missing:
            return False
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.fts_table} USING fts5({', '.join(self.columns)}, "
            f"content='{self.table}', content_rowid='id', tokenize='unicode61')"
        )
        for name in missing:
            cursor.execute(f"CREATE TRIGGER {name} {triggers[name]}")
        cursor.execute(f"INSERT INTO {self.fts_table}({self.fts_table}) VALUES ('rebuild')")
        return True

    def drop(self, connection: Any) -> None:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP INDEX IF EXISTS {self.gin_index}")
                cursor.execute(f"ALTER TABLE {self.table} DROP COLUMN IF EXISTS search_vector")
            elif connection.vendor == "sqlite":
                for name in self._sqlite_triggers():
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
                cursor.execute(f"DROP TABLE IF EXISTS {self.fts_table}")
