"""Which ticket a mail belongs to: our own Message-IDs first, then the ticket number in the subject."""

from __future__ import annotations

import re
from functools import lru_cache

from django.conf import settings

from serviceloop.core import policy
from serviceloop.tickets.models import Ticket

from ..models import InboundMail, OutboundMail
from . import sql
from .parsing import ParsedMail
from .senders import Sender

# Mail clients keep the whole chain; the last few ids are the ones that can still be ours.
_MAX_REFERENCES = 50


@lru_cache(maxsize=4)
def _number_pattern(prefix: str) -> re.Pattern[str]:
    return re.compile(r"\[\s*(" + re.escape(prefix) + r"-\d{4}-\d{4,})\s*\]", re.IGNORECASE)


def referenced_ids(mail: ParsedMail) -> list[str]:
    ids = list(dict.fromkeys(mail.in_reply_to + list(reversed(mail.references))))
    return [i for i in ids if i][:_MAX_REFERENCES]


def ticket_by_references(mail: ParsedMail) -> Ticket | None:
    """The ticket of the first of our own mails the mail refers to, else of the latest mail we received."""
    ids = referenced_ids(mail)
    if not ids:
        return None
    # One statement instead of three. "NOT (message_id = '')" repeats the condition of the partial
    # unique index on InboundMail.message_id word for word, so that SQLite answers from it.
    ours = (
        f"SELECT ticket_id FROM {sql.table(OutboundMail)} WHERE message_id IN ({sql.marks(len(ids))}) "
        "ORDER BY created_at, id LIMIT 1"
    )
    received = (
        f"SELECT ticket_id FROM {sql.table(InboundMail)} WHERE NOT (message_id = '') "
        f"AND message_id IN ({sql.marks(len(ids))}) AND ticket_id IS NOT NULL "
        "ORDER BY received_at DESC, id DESC LIMIT 1"
    )
    return sql.first(Ticket, f"id = COALESCE(({ours}), ({received}))", ids + ids)


def ticket_by_subject(subject: str) -> Ticket | None:
    match = _number_pattern(settings.TICKET_NUMBER_PREFIX).search(subject or "")
    return sql.first(Ticket, "number = %s", [match.group(1).upper()]) if match else None


def may_write_to(sender: Sender, ticket: Ticket) -> bool:
    """A stranger who quotes a ticket number gets a ticket of their own, never a say on someone else's."""
    if sender.contact is not None:
        return (
            sender.contact.pk == ticket.contact_id or sender.contact.organisation_id == ticket.organisation_id
        )
    return policy.visible_tickets(sender.actor, Ticket.objects.filter(pk=ticket.pk)).exists()


def follow_merges(ticket: Ticket) -> Ticket:
    seen = {ticket.pk}
    while ticket.merged_into_id and ticket.merged_into_id not in seen:
        seen.add(ticket.merged_into_id)
        ticket = Ticket.objects.get(pk=ticket.merged_into_id)
    return ticket


def find_ticket(mail: ParsedMail, sender: Sender) -> Ticket | None:
    """The ticket this mail answers, if the sender may write to it."""
    for ticket in (ticket_by_references(mail), ticket_by_subject(mail.subject)):
        if ticket is not None:
            ticket = follow_merges(ticket)
            if may_write_to(sender, ticket):
                return ticket
    return None
