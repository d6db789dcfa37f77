"""The service levels follow the ticket: each ticket event moves its clocks."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from serviceloop.core import events
from serviceloop.core.events import DomainEvent
from serviceloop.tickets.models import Ticket
from serviceloop.tickets.services.creation import prepares_new_tickets

from .services import emergency, matching, tracking


def _ticket(event: DomainEvent) -> Ticket:
    """The ticket as its publisher holds it (already changed), else read again."""
    return event.ticket if isinstance(event.ticket, Ticket) else tracking.load_ticket(event.ticket_id)


@prepares_new_tickets
def first_deadline(ticket: Ticket) -> None:
    tracking.prepare_opening(ticket)


@events.subscribe(events.TICKET_CREATED)
def start_clocks(event: DomainEvent) -> None:
    tracking.ticket_created(event.ticket_id, event.ticket)
    ticket = _ticket(event)
    if ticket.is_emergency:  # a new ticket has no alert to end: no query for the others
        emergency.review(ticket, timezone.now())


@events.subscribe(events.TICKET_REPLIED)
def public_reply(event: DomainEvent) -> None:
    tracking.message_added(
        event.ticket_id, public=True, by_customer=bool(event.data.get("by_customer")), at=timezone.now()
    )


@events.subscribe(events.TICKET_NOTE_ADDED)
def internal_note(event: DomainEvent) -> None:
    tracking.message_added(event.ticket_id, public=False, by_customer=False, at=timezone.now())


@events.subscribe(events.TICKET_TRANSITIONED)
def status_changed(event: DomainEvent) -> None:
    tracking.status_changed(event.ticket_id, event.data["old"], event.data["new"], timezone.now())
    ticket = _ticket(event)
    # Only an emergency has an alert (ending the emergency removes it): no query for the others.
    if ticket.is_emergency:
        emergency.review(ticket, timezone.now())


@events.subscribe(events.TICKET_MILESTONE)
def milestone(event: DomainEvent) -> None:
    tracking.milestone_reached(event.ticket_id, event.data["new"], datetime.fromisoformat(event.data["at"]))


@events.subscribe(events.TICKET_ASSIGNED)
def team_changed(event: DomainEvent) -> None:
    if event.data.get("field") == "team":  # a policy may hold for some teams only
        tracking.ticket_changed(event.ticket_id, timezone.now())


@events.subscribe(events.TICKET_UPDATED)
def fields_changed(event: DomainEvent) -> None:
    if event.data.get("field") in matching.MATCHED_FIELDS:
        tracking.ticket_changed(event.ticket_id, timezone.now())
    if event.data.get("field") == "impact":
        emergency.review(_ticket(event), timezone.now())
