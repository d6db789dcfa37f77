"""The full-text index over Ticket.search_document (see core/fulltext.py)."""

from __future__ import annotations

from typing import Any

from serviceloop.core.fulltext import FullTextIndex

TICKETS = FullTextIndex(
    table="tickets_ticket",
    columns=("search_document",),
    vector="to_tsvector('simple', search_document)",
    gin_index="ticket_search_vector_idx",
    obsolete_indexes=("ticket_search_idx",),  # an expression index, before the stored column
)


def ensure_search_index(connection: Any) -> bool:
    return TICKETS.ensure(connection)


def drop_search_index(connection: Any) -> None:
    TICKETS.drop(connection)
