"""The full-text index over an article's search columns: FTS5 on SQLite, a weighted tsvector on PostgreSQL.

Three columns, so ranking can weigh them: the title most, then the symptom, then everything else
(text, cause, fix steps, module, models, tags). SQLite keeps them in an external-content FTS5 table
fed by triggers and ranks with bm25's column weights; PostgreSQL keeps a stored generated tsvector
with setweight A/B/C under a GIN index and ranks with ts_rank. SQLite drops a table's triggers when
a migration rebuilds it, so `ensure_search_index` runs after every migrate too; it is idempotent.
"""

from __future__ import annotations

from typing import Any

from serviceloop.core.fulltext import FullTextIndex

COLUMNS = ("search_title", "search_symptom", "search_document")
ARTICLES = FullTextIndex(
    table="knowledge_article",
    columns=COLUMNS,
    vector="setweight(to_tsvector('simple', search_title), 'A') || "
    "setweight(to_tsvector('simple', search_symptom), 'B') || "
    "setweight(to_tsvector('simple', search_document), 'C')",
    gin_index="knowledge_article_search_idx",
)


def ensure_search_index(connection: Any) -> bool:
    return ARTICLES.ensure(connection)


def drop_search_index(connection: Any) -> None:
    ARTICLES.drop(connection)
