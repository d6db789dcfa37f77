"""One page of a ticket list, found quickly also when many tickets hold the words searched for.

PostgreSQL estimates how many tickets hold several words as if the words were unrelated. For words
that go together ("oil leak": 5 % of a million tickets, estimated at 0.25 %) it then reads every
match before sorting them (over 300 ms), where walking the list in its order would meet a page of
matches at once (a few ms). So a page searched with several words is first looked for among the
list's first SEARCH_WINDOW tickets; only when they hold too few matches is it left to the planner.
One word alone is estimated well, and SQLite's full-text table is not planned this way.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from serviceloop.core.search import query_terms

from ..models import Ticket
from .listing import TicketFilter, filter_tickets
from .queries import postgresql_match

SEARCH_WINDOW = 5000


def ticket_page(
    user: Any, f: TicketFilter, start: int, count: int, *, base: QuerySet | None = None
) -> list[Ticket]:
    """`filter_tickets(user, f, base)[start:start + count]`: the same tickets in the same order."""
    tickets = filter_tickets(user, f, base)
    ids = _first_matches_in_window(user, f, start + count, base)
    if ids is None:
        return list(tickets[start : start + count])
    return list(tickets.filter(pk__in=ids[start:]))  # filter_tickets sorted them already


def _first_matches_in_window(
    user: Any, f: TicketFilter, needed: int, base: QuerySet | None
) -> list[int] | None:
    """The ids of the first `needed` matches if the list's first SEARCH_WINDOW tickets hold them."""
    terms = query_terms(f.q)
    if connection.vendor != "postgresql" or len(terms) < 2 or needed > SEARCH_WINDOW:
        return None
    unsearched = filter_tickets(user, replace(f, q=""), base)
    window = unsearched.annotate(hit=postgresql_match(terms)).values("pk", "hit")[:SEARCH_WINDOW]
    sql, params = window.query.sql_with_params()
    # The window's LIMIT keeps the planner from merging it with the outer filter: it reads the list in
    # order and stops at the `needed`th match.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT w.pk FROM ({sql}) w WHERE w.hit LIMIT %s", [*params, needed])
        ids = [row[0] for row in cursor.fetchall()]
    return ids if len(ids) == needed else None
