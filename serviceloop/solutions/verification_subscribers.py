"""Verification rounds follow the ticket: asking opens one, any move out of the wait closes it."""

from __future__ import annotations

from serviceloop.core import events
from serviceloop.core.events import DomainEvent
from serviceloop.tickets.models import Status, Ticket

from .services.verification import close_round, start_round


@events.subscribe(events.TICKET_TRANSITIONED)
def follow_verification(event: DomainEvent) -> None:
    data = event.data
    if Status.AWAITING_VERIFICATION not in (data.get("old"), data.get("new")):
        return
    ticket = event.ticket if isinstance(event.ticket, Ticket) else Ticket.objects.get(pk=event.ticket_id)
    if data.get("old") == Status.AWAITING_VERIFICATION:
        close_round(ticket, str(data.get("action", "")), event.actor_id, event.channel,
                    str(data.get("comment", "")))  # fmt: skip
    if data.get("new") == Status.AWAITING_VERIFICATION:
        start_round(ticket, event.actor_id)
