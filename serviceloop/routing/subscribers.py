"""A new ticket is routed inside the transaction that creates it, after the service levels have
matched its policy (their app subscribes first, so a rule's SLA policy replaces the matched one)."""

from __future__ import annotations

from serviceloop.core import events
from serviceloop.core.events import DomainEvent
from serviceloop.sla.services import matching
from serviceloop.tickets.models import Ticket

from .services.applying import route


@events.subscribe(events.TICKET_CREATED)
def route_new_ticket(event: DomainEvent) -> None:
    ticket = event.ticket if isinstance(event.ticket, Ticket) else None
    if ticket is None:
        ticket = Ticket.objects.select_related(
            "organisation", "contact", "machine", "product_model", "product_module"
        ).get(pk=event.ticket_id)
    # The service levels read the revisions for this ticket a moment ago: no second query.
    route(ticket, stamp=matching.recent_stamp(), message_id=event.data.get("message_id"))
