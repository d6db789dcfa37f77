"""The full-text index over an article's search columns: FTS5 on SQLite, a weighted tsvector on PostgreSQL.

Three columns, so ranking can weigh them: the title most, then the symptom, then everything else
(text, cause, fix steps, module, models, tags). SQLite keeps them in an external-content FTS5 table
fed by triggers and ranks with bm25's column weights; PostgreSQL keeps a stored generated tsvector
with setweight A/B/C under a GIN index and ranks with ts_rank. SQLite drops a table's triggers when
a migration rebuilds it, so `ensure_search_index` runs after every migrate too; it is idempotent.
"""

from __future__ import annotations

from typing import Any

COLUMNS = ("search_title", "search_symptom", "search_document")
_COLS = ", ".join(COLUMNS)
_NEW = ", ".join(f"new.{c}" for c in COLUMNS)
_OLD = ", ".join(f"old.{c}" for c in COLUMNS)

_SQLITE_TABLE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS knowledge_article_fts USING fts5({_COLS}, "
    "content='knowledge_article', content_rowid='id', tokenize='unicode61')"
)
_INSERT = f"INSERT INTO knowledge_article_fts(rowid, {_COLS}) VALUES (new.id, {_NEW});"
_DELETE = (
    f"INSERT INTO knowledge_article_fts(knowledge_article_fts, rowid, {_COLS}) "
    f"VALUES ('delete', old.id, {_OLD});"
)
_SQLITE_TRIGGERS = {
    "knowledge_article_fts_ai": f"AFTER INSERT ON knowledge_article BEGIN {_INSERT} END",
    "knowledge_article_fts_ad": f"AFTER DELETE ON knowledge_article BEGIN {_DELETE} END",
    "knowledge_article_fts_au": f"AFTER UPDATE OF {_COLS} ON knowledge_article BEGIN {_DELETE} {_INSERT} END",
}
_POSTGRES = [
    "ALTER TABLE knowledge_article ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', search_title), 'A') || "
    "setweight(to_tsvector('simple', search_symptom), 'B') || "
    "setweight(to_tsvector('simple', search_document), 'C')) STORED",
    "CREATE INDEX IF NOT EXISTS knowledge_article_search_idx ON knowledge_article USING gin (search_vector)",
]


def ensure_search_index(connection: Any) -> bool:
    """Create whatever part of the index is missing; True if something had to be made."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT 1 FROM information_schema.columns "
                "WHERE table_name = 'knowledge_article' AND column_name = 'search_vector'"
            )
            if cursor.fetchone():
                return False
            for sql in _POSTGRES:
                cursor.execute(sql)
            return True
        if connection.vendor != "sqlite":
            return False
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'knowledge_article_fts_%'"
        )
        present = {row[0] for row in cursor.fetchall()}
        missing = [name for name in _SQLITE_TRIGGERS if name not in present]
        if not missing:
            return False
        cursor.execute(_SQLITE_TABLE)
        for name in missing:
            cursor.execute(f"CREATE TRIGGER {name} {_SQLITE_TRIGGERS[name]}")
        cursor.execute("INSERT INTO knowledge_article_fts(knowledge_article_fts) VALUES ('rebuild')")
        return True


def drop_search_index(connection: Any) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP INDEX IF EXISTS knowledge_article_search_idx")
            cursor.execute("ALTER TABLE knowledge_article DROP COLUMN IF EXISTS search_vector")
        elif connection.vendor == "sqlite":
            for name in _SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute("DROP TABLE IF EXISTS knowledge_article_fts")
