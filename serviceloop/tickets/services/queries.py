"""Finding tickets a person may see."""

from __future__ import annotations

import re
from typing import Any

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from serviceloop.core import events, policy
from serviceloop.core.errors import NotFound
from serviceloop.core.search import query_terms

from ..models import Message, Ticket, TicketEvent
from .validation import shown

_NUMBER = re.compile(r"^[A-Za-z]+-\d{4}-\d+$")


def get_visible_ticket(user: Any, ref: Any, queryset: QuerySet | None = None) -> Ticket:
    """The ticket `ref` (number like SL-2026-000123, or id) if `user` may see it; otherwise NotFound.

    Tickets the user may not see are reported as not found, so their existence is not revealed.
    """
    qs = policy.visible_tickets(user, queryset if queryset is not None else Ticket.objects.all())
    ref = str(ref).strip()
    if _NUMBER.match(ref):
        lookup = {"number": ref.upper()}
    elif ref.isascii() and ref.isdigit():  # "²".isdigit() is True, but int() refuses it
        lookup = {"pk": int(ref)}
    else:
        raise NotFound(_("No ticket %(ref)s.") % {"ref": shown(ref)})
    try:
        return qs.get(**lookup)
    except Ticket.DoesNotExist as exc:
        raise NotFound(_("No ticket %(ref)s.") % {"ref": ref}) from exc


def visible_messages(user: Any, ticket: Ticket) -> QuerySet:
    messages = Message.objects.filter(ticket=ticket).select_related("author").prefetch_related("attachments")
    if not policy.can_see_internal_notes(user):
        messages = messages.filter(kind=Message.Kind.REPLY)
    elif not policy.is_staff(user):  # a partner: replies, and the notes shared with them
        messages = messages.filter(Q(kind=Message.Kind.REPLY) | Q(shared_with_partner=True))
    return messages


def visible_history(user: Any, ticket: Ticket) -> QuerySet:
    """The ticket's history rows `user` may read: internal notes only for those who read notes; the
    desk's own workings (deadlines, escalations, routing rules, who was told) for staff only; and the
    review of solution plans not for customers, who are sent the approved plan itself."""
    rows = TicketEvent.objects.filter(ticket=ticket).select_related("actor")
    if not policy.can_see_internal_notes(user):
        rows = rows.exclude(name=events.TICKET_NOTE_ADDED)
    elif not policy.is_staff(user):
        rows = rows.exclude(Q(name=events.TICKET_NOTE_ADDED) & ~Q(data__shared=True))
    if not policy.is_staff(user):
        rows = rows.exclude(name__startswith="sla.").exclude(name__startswith="routing.")
    if policy.is_customer(user):
        rows = rows.exclude(name__startswith="solution.")
    return rows


def postgresql_match(terms: list[str]) -> RawSQL:
    """On PostgreSQL: whether a ticket's search document holds every one of `terms`."""
    sql = "tickets_ticket.search_vector @@ plainto_tsquery('simple', %s)"
    return RawSQL(sql, [" ".join(terms)], output_field=BooleanField())


def search_tickets(tickets: QuerySet, query: str) -> QuerySet:
    """Narrow `tickets` to those whose search document holds every term of `query`.

    SQLite answers from its FTS5 table, PostgreSQL from its GIN index over a 'simple' tsvector; both
    index the same segmented text, so the same query finds the same tickets.
    """
    terms = query_terms(query)
    if not terms:
        return tickets
    if connection.vendor == "postgresql":
        return tickets.filter(postgresql_match(terms))
    match = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
    sql = "SELECT rowid FROM tickets_ticket_fts WHERE tickets_ticket_fts MATCH %s"
    return tickets.filter(id__in=RawSQL(sql, [match]))
