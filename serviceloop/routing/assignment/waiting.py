"""Tickets that waited in a team's queue because nobody was at work get a person once someone is.

Assignment happens when a ticket reaches a team; at night, or with the whole team away, nobody is
eligible and the ticket waits. A periodic pass tries those tickets again, oldest first."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from serviceloop.accounts.models import AssignmentMode
from serviceloop.core.errors import Conflict
from serviceloop.tickets.models import Ticket
from serviceloop.tickets.models.ticket import OPEN_STATUSES

from .assigning import assign_within_team

AUTOMATIC = (AssignmentMode.ROUND_ROBIN, AssignmentMode.LEAST_LOADED)


def waiting_tickets(limit: int) -> list[Ticket]:
    """Open, unassigned tickets of teams that assign automatically, oldest first."""
    return list(
        Ticket.objects.filter(
            assignee__isnull=True, team__assignment_mode__in=AUTOMATIC, status__in=list(OPEN_STATUSES)
        ).order_by("received_at")[:limit]
    )


def assign_waiting(at: datetime | None = None, limit: int = 200) -> int:
    """Try each waiting ticket once; returns how many got a person. A ticket someone changed
    meanwhile (took it, moved it) is left to them."""
    at = at or timezone.now()
    assigned = 0
    # Skills only order the candidates (anyone available is the last fallback), so a team with
    # nobody for one ticket has nobody for its others either: they are not tried this time.
    nobody_there: set[int | None] = set()
    for ticket in waiting_tickets(limit):
        if ticket.team_id in nobody_there:
            continue
        try:
            chosen = assign_within_team(ticket, at)
        except Conflict:
            continue
        if chosen is None:
            nobody_there.add(ticket.team_id)
        assigned += chosen is not None
    return assigned
