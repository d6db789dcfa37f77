"""Remote assistance sessions on a ticket: recorded by engineers and partner technicians, read by the
service side only (what was done is written for colleagues, like a note; customers read the plan and
the conversation)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from serviceloop.core import events, policy
from serviceloop.core.errors import Conflict, Forbidden, InvalidInput
from serviceloop.tickets.models import Channel, Status, Ticket
from serviceloop.tickets.services import validation as v
from serviceloop.tickets.services.history import record

from ..models import RemoteSession

MAX_LENGTH = timedelta(days=7)
_SUMMARY = 20_000


def check_may_read(actor: Any) -> None:
    if not policy.can_see_remote_sessions(actor):
        raise Forbidden(_("Remote assistance sessions are kept for the service side."))


def visible_sessions(actor: Any, ticket: Ticket) -> QuerySet[RemoteSession]:
    """The ticket's sessions, oldest first; the caller has checked that `actor` sees the ticket."""
    check_may_read(actor)
    return RemoteSession.objects.filter(ticket=ticket).select_related("by").order_by("started_at", "id")


def _moment(value: Any, field: str) -> datetime:
    if not isinstance(value, datetime):
        raise InvalidInput(_("%(field)s is required.") % {"field": field}, field=field)
    return v.instant(value, field)


def _period(started_at: Any, ended_at: Any) -> tuple[datetime, datetime]:
    start, end = _moment(started_at, "started_at"), _moment(ended_at, "ended_at")
    if end <= start:
        raise InvalidInput(_("ended_at: the session must end after it started."), field="ended_at")
    if end > timezone.now() + v.MAX_CLOCK_SKEW:
        raise InvalidInput(_("ended_at: a session is recorded once it has happened."), field="ended_at")
    if end - start > MAX_LENGTH:
        raise InvalidInput(_("ended_at: a session lasts at most 7 days; record longer work as several."),
                           field="ended_at")  # fmt: skip
    return start, end


def record_session(
    actor: Any,
    ticket: Ticket,
    *,
    tool: Any,
    started_at: Any,
    ended_at: Any,
    summary: Any,
    channel: str = Channel.CONSOLE,
) -> RemoteSession:
    """Write down a session held on `ticket` (which `actor` can see); one history row per session."""
    if not policy.can_record_remote_sessions(actor):
        raise Forbidden(_("You may not record remote assistance sessions."))
    if ticket.status in (Status.CANCELLED, Status.MERGED):
        raise Conflict(
            _("%(number)s is %(status)s; nothing more happens on it.")
            % {"number": ticket.number, "status": ticket.get_status_display()},
            field="tool",
        )
    tool_text = v.text(tool, "tool", max_length=100)
    summary_text = v.text(summary, "summary", max_length=_SUMMARY)
    start, end = _period(started_at, ended_at)
    with transaction.atomic():
        session = RemoteSession.objects.create(
            ticket=ticket, tool=tool_text, started_at=start, ended_at=end, summary=summary_text,
            by=actor if getattr(actor, "pk", None) else None,
        )  # fmt: skip
        data = {"session_id": session.pk, "started_at": start.isoformat(), "ended_at": end.isoformat()}
        record(ticket, events.SOLUTION_REMOTE_SESSION, actor, channel, field="remote_session", new=tool_text,
               data=data)  # fmt: skip
    return session
