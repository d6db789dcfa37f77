"""A ticket that gets a team and no assignee is assigned within the team (by the team's mode).

Imported by RoutingConfig.ready(), so these handlers are registered once the apps are loaded."""

from __future__ import annotations

import logging
from functools import partial

from django.db import transaction

from serviceloop.core import events
from serviceloop.core.errors import Conflict
from serviceloop.core.events import DomainEvent
from serviceloop.tickets.models import Ticket

from .assigning import assign_within_team

logger = logging.getLogger(__name__)


@events.subscribe(events.TICKET_CREATED)
def assign_new_ticket(event: DomainEvent) -> None:
    # The ticket is complete when "created" is published (it is the last row), so assign at once:
    # whoever reads the new ticket sees its assignee.
    ticket = event.ticket if isinstance(event.ticket, Ticket) else Ticket.objects.get(pk=event.ticket_id)
    if ticket.team_id is not None and ticket.assignee_id is None:
        assign_within_team(ticket)


@events.subscribe(events.TICKET_ASSIGNED)
def assign_after_team_change(event: DomainEvent) -> None:
    if event.data.get("field") != "team" or not event.data.get("new"):
        return
    # The team's row comes before the assignee's in one change ("to team X, nobody yet"), so the
    # ticket is looked at once the whole change is committed, not in the middle of it.
    # robust: the team change itself is committed by then, and must not be reported as failed.
    transaction.on_commit(
        partial(_assign_if_still_unassigned, event.ticket_id, int(event.data["new"])), robust=True
    )


def _assign_if_still_unassigned(ticket_id: int, team_id: int) -> None:
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update().filter(pk=ticket_id).first()
        if ticket is None or ticket.team_id != team_id:
            return  # gone, or moved on to yet another team (whose own change is handled)
        try:
            assign_within_team(ticket)
        except Conflict:
            # Where the row lock above is not enforced (SQLite), a person may act on it meanwhile.
            logger.info("ticket %s changed while it was assigned within its team; left as it is", ticket_id)
