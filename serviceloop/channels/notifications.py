"""Telling the customer by e-mail: a receipt when a ticket opens, and every public reply from us."""

from __future__ import annotations

from django.db import transaction

from serviceloop.core import events
from serviceloop.core.events import DomainEvent

from .tasks import send_ticket_mail


def _queue(kind: str, event: DomainEvent) -> None:
    message_id = event.data.get("message_id")
    transaction.on_commit(lambda: send_ticket_mail(kind, event.ticket_id, message_id))


@events.subscribe(events.TICKET_CREATED)
def acknowledge_new_ticket(event: DomainEvent) -> None:
    _queue("created", event)


@events.subscribe(events.TICKET_REPLIED)
def send_reply_to_customer(event: DomainEvent) -> None:
    if not event.data.get("by_customer"):
        _queue("replied", event)
