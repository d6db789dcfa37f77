"""Telling the customer by e-mail: a receipt or an acknowledgement when a ticket opens, and our replies."""

from __future__ import annotations

from django.db import transaction

from serviceloop.core import events
from serviceloop.core.events import DomainEvent
from serviceloop.tickets.models import Channel

from .tasks import send_ticket_mail


def _queue(kind: str, event: DomainEvent) -> None:
    # After commit only: a rolled-back change sends nothing. The task composes the mail, stores it
    # (visible on the ticket from then on) and sends it, retrying as long as the server asks.
    message_id = event.data.get("message_id")
    transaction.on_commit(lambda: send_ticket_mail(kind, event.ticket_id, message_id))


@events.subscribe(events.TICKET_CREATED)
def acknowledge_new_ticket(event: DomainEvent) -> None:
    # Someone who wrote in gets an automatic answer to their mail; the e-mail intake sends none itself.
    _queue("acknowledged" if event.channel == Channel.EMAIL else "created", event)


@events.subscribe(events.TICKET_REPLIED)
def send_reply_to_customer(event: DomainEvent) -> None:
    if not event.data.get("by_customer"):
        _queue("replied", event)
