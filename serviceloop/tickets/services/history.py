"""Writing the append-only history. Each row is also published as a domain event."""

from __future__ import annotations

from typing import Any

from serviceloop.core import rows
from serviceloop.core.events import DomainEvent, publish

from ..models import Ticket, TicketEvent


def _text(value: Any) -> str:
    if value is None:
        return ""
    return str(getattr(value, "pk", value))


def record(
    ticket: Ticket,
    name: str,
    actor: Any,
    channel: str,
    *,
    field: str = "",
    old: Any = None,
    new: Any = None,
    data: dict[str, Any] | None = None,
    message: Any = None,
) -> TicketEvent:
    actor_id = getattr(actor, "pk", None)
    event = TicketEvent(
        ticket=ticket,
        name=name,
        actor_id=actor_id,
        channel=channel,
        field=field,
        old_value=_text(old),
        new_value=_text(new),
        data=data or {},
    )
    rows.insert(event)  # every change writes one: its INSERT is made once, not per row
    payload = {"field": field, "old": _text(old), "new": _text(new), **(data or {})}
    publish(
        DomainEvent(
            name=name,
            ticket_id=ticket.pk,
            actor_id=actor_id,
            channel=channel,
            data=payload,
            ticket=ticket,
            message=message,
        )
    )
    return event
