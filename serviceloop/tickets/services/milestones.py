"""Recording a milestone: when it happened, checked, and written once to the history."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from serviceloop.core import events, policy
from serviceloop.core.errors import Conflict, Forbidden, InvalidInput

from ..milestones import Milestone
from ..models import Channel, Status, Ticket
from . import validation as v
from .history import record

# A clock on a laptop in the field may run a little ahead of ours.
_CLOCK_SKEW = timedelta(minutes=5)


def _when(ticket: Ticket, at: datetime | None) -> datetime:
    now = timezone.now()
    if at is None:
        return now
    at = v.instant(at, "at")
    if at > now + _CLOCK_SKEW:
        raise InvalidInput(_("at: a milestone cannot be recorded before it happens."), field="at")
    if at < ticket.received_at:
        raise InvalidInput(_("at: that is before the ticket was received."), field="at")
    return at


def record_milestone(
    actor: Any,
    ticket: Ticket,
    milestone: str,
    *,
    at: datetime | None = None,
    note: str = "",
    channel: str = Channel.CONSOLE,
) -> datetime:
    """Record that `milestone` happened at `at` (default now); returns the moment recorded."""
    if not policy.can_record_milestones(actor):
        raise Forbidden(_("You may not record milestones."))
    name = v.choice(milestone, Milestone, "milestone")
    note = v.text(note, "note", max_length=500, required=False)
    if ticket.status in (Status.CANCELLED, Status.MERGED):
        raise Conflict(
            _("%(number)s is %(status)s; nothing more happens on it.")
            % {"number": ticket.number, "status": ticket.get_status_display()},
            field="milestone",
        )
    moment = _when(ticket, at)
    data = {"at": moment.isoformat(), **({"note": note} if note else {})}
    record(ticket, events.TICKET_MILESTONE, actor, channel, field="milestone", new=name, data=data)
    return moment
