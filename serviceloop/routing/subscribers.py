"""A new ticket is routed inside the transaction that creates it, after the service levels have
matched its policy (their app subscribes first, so a rule's SLA policy replaces the matched one)."""

from __future__ import annotations

from serviceloop.core import events
from serviceloop.core.events import DomainEvent
from serviceloop.sla.services import matching
from serviceloop.tickets.models import Message, Status, Ticket

from .offers import answering, offering
from .services.applying import route


@events.subscribe(events.TICKET_CREATED)
def route_new_ticket(event: DomainEvent) -> None:
    ticket = event.ticket if isinstance(event.ticket, Ticket) else None
    if ticket is None:
        ticket = Ticket.objects.select_related(
            "organisation", "contact", "machine", "product_model", "product_module"
        ).get(pk=event.ticket_id)
    # The service levels read the revisions for this ticket a moment ago: no second query.
    body = event.message.body if isinstance(event.message, Message) else None
    route(ticket, stamp=matching.recent_stamp(), message_id=event.data.get("message_id"), body=body)


@events.subscribe(events.TICKET_CREATED)
def offer_new_ticket(event: DomainEvent) -> None:
    """After routing: a ticket about a machine whose supplier handles it is offered to that supplier."""
    ticket = event.ticket if isinstance(event.ticket, Ticket) else Ticket.objects.get(pk=event.ticket_id)
    if ticket.machine_id is None and ticket.product_model_id is None:
        return
    offering.offer_to_supplier(None, ticket, automatic=True)


@events.subscribe(events.TICKET_REPLIED)
@events.subscribe(events.TICKET_NOTE_ADDED)
def supplier_answered(event: DomainEvent) -> None:
    answering.answered_by_activity(event.ticket_id, event.actor_id)


_ENDS_OFFER = frozenset({Status.RESOLVED, Status.CLOSED, Status.CANCELLED, Status.MERGED})


@events.subscribe(events.TICKET_TRANSITIONED)
def withdraw_offer_when_done(event: DomainEvent) -> None:
    if event.data.get("new") in _ENDS_OFFER:
        ticket = event.ticket if isinstance(event.ticket, Ticket) else Ticket.objects.get(pk=event.ticket_id)
        offering.withdraw_offer(ticket, reason=str(event.data.get("new")))
