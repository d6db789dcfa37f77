"""The customer's file at hand beside a ticket: who they are, their machines, tickets and promises."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import F
from django.utils import timezone

from serviceloop.core import policy
from serviceloop.customers.models import Machine, Organisation
from serviceloop.tickets.models import Commitment, Ticket
from serviceloop.tickets.services import TicketFilter, filter_tickets

MACHINES_SHOWN = 30
TICKETS_SHOWN = 8
COMMITMENTS_SHOWN = 10


@dataclass
class CustomerFile:
    organisation: Organisation
    local_time: datetime | None
    machines: list[Machine]
    other_tickets: list[Ticket]
    commitments: list[Commitment]


def _local_now(zone: str) -> datetime | None:
    try:
        return timezone.localtime(timezone.now(), zoneinfo.ZoneInfo(zone))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def customer_file(user: Any, ticket: Ticket) -> CustomerFile:
    """What the viewer may see of the ticket's organisation; a fixed number of queries."""
    organisation = ticket.organisation
    machines = policy.visible_machines(user, Machine.objects.filter(organisation=organisation))
    others = filter_tickets(user, TicketFilter(view="all", organisation_id=organisation.pk, sort="newest"))
    commitments = Commitment.objects.filter(organisation=organisation, fulfilled_at__isnull=True)
    if policy.ticket_scope(user):  # not everything: keep to the tickets this viewer may see
        visible = policy.visible_tickets(user, Ticket.objects.filter(organisation=organisation))
        commitments = commitments.filter(ticket__in=visible)
    commitments = (
        commitments.select_related("ticket")
        .only("promise", "due_at", "made_at", "ticket__number", "ticket__subject")
        .order_by(F("due_at").asc(nulls_last=True), "made_at")
    )
    return CustomerFile(
        organisation=organisation,
        local_time=_local_now(organisation.time_zone),
        machines=list(machines.select_related("model")[:MACHINES_SHOWN]),
        other_tickets=list(others.exclude(pk=ticket.pk).defer("search_document")[:TICKETS_SHOWN]),
        commitments=list(commitments[:COMMITMENTS_SHOWN]),
    )
