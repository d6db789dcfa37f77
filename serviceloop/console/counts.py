"""How many tickets each named view holds, in one round trip whose cost does not grow with the table.

Each view is counted up to a cap (LIMIT inside a sub-select), so a queue of a million tickets costs
no more than one of a thousand; the side nav then shows "1000+" instead of an exact figure.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections

from serviceloop.tickets.services import VIEWS, TicketFilter, filter_tickets

CAP = 1000


def view_counts(user: Any, cap: int = CAP) -> dict[str, int]:
    """{view: number of tickets in it}, each number at most `cap` + 1 (meaning "more than cap")."""
    parts: list[str] = []
    params: list[Any] = []
    using = "default"
    for i, view in enumerate(VIEWS):
        queryset = filter_tickets(user, TicketFilter(view=view)).order_by().values("pk")[: cap + 1]
        using = queryset.db
        try:
            sql, view_params = queryset.query.sql_with_params()
        except EmptyResultSet:  # the user may see no tickets at all
            parts.append("0")
            continue
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS view_{i})")
        params.extend(view_params)
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return dict(zip(VIEWS, (int(n) for n in row), strict=True))
