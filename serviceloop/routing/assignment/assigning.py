"""Giving a ticket that has a team but nobody to a member, through the ticket services (with history)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from serviceloop.accounts.models import Team, User
from serviceloop.tickets.models import Ticket
from serviceloop.tickets.models.ticket import OPEN_STATUSES
from serviceloop.tickets.services.changes import change_by_rule

from .choosing import choose_assignee


def assign_within_team(ticket: Ticket, at: datetime | None = None) -> User | None:
    """Assign `ticket` by its team's mode; returns the new assignee, or None when nothing changed.

    Nothing happens to a ticket that already has an assignee, has no team, is no longer open, or
    when nobody in the team is eligible (it then waits in the team's queue). The history row has no
    actor and names the rule, "assignment.round_robin" or "assignment.least_loaded"."""
    if ticket.assignee_id is not None or ticket.team_id is None or ticket.status not in OPEN_STATUSES:
        return None
    team = Team.objects.get(pk=ticket.team_id)  # fresh: mode and round-robin turn as they are now
    # One transaction: if writing the ticket fails (someone changed it), the turn is not used up.
    with transaction.atomic():
        chosen = choose_assignee(team, ticket, at or timezone.now())
        if chosen is None:
            return None
        change_by_rule(ticket, {"assignee_id": chosen.pk}, rule=f"assignment.{team.assignment_mode}")
    return chosen
