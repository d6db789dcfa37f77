"""When a promise of a ticket's service level falls due, for other capabilities that keep one of
their own (a supplier's reply to an offer, say) on the same calendar and target."""

from __future__ import annotations

from datetime import datetime

from serviceloop.tickets.models import Ticket

from ..models import TicketPolicy
from .calendars import working_time
from .matching import target_for


def promised_by(ticket: Ticket, metric: str, start: datetime) -> datetime | None:
    """The moment `metric` is due if it starts at `start`, under the ticket's policy; None when the
    policy makes no such promise (or the ticket has no policy)."""
    applied = TicketPolicy.objects.filter(ticket=ticket).select_related("policy__calendar").first()
    policy = applied.policy if applied else None
    target = target_for(policy, metric, ticket)
    if policy is None or target is None:
        return None
    calendar = (target.calendar or policy.calendar) if target.business_hours else None
    return working_time(calendar).add(start, target.minutes * 60)
