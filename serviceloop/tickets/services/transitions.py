"""Moving a ticket through its lifecycle."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from serviceloop.core import events, policy
from serviceloop.core.errors import Conflict, Forbidden, InvalidInput

from .. import lifecycle
from ..models import Channel, Status, Ticket
from ..models.ticket import PARKED_STATUSES
from . import validation as v
from .history import record
from .versioned import save_versioned


def _merge_target(actor: Any, ticket: Ticket, merge_into: Any) -> Ticket:
    from .queries import get_visible_ticket

    if merge_into in (None, ""):
        raise InvalidInput(_("merge_into: name the ticket to merge into."), field="merge_into")
    target = get_visible_ticket(actor, merge_into)
    if target.pk == ticket.pk:
        raise InvalidInput(_("merge_into: a ticket cannot be merged into itself."), field="merge_into")
    if target.is_final:
        raise InvalidInput(
            _("merge_into: %(number)s is %(status)s.")
            % {"number": target.number, "status": target.get_status_display()},
            field="merge_into",
        )
    return target


def transition(
    actor: Any,
    ticket: Ticket,
    action: str,
    *,
    comment: str = "",
    expected_version: int | None = None,
    channel: str = Channel.CONSOLE,
    merge_into: Any = None,
) -> Ticket:
    """Perform lifecycle `action` on `ticket`; refuses illegal moves with a message that says why."""
    v.reject_nul(comment, "comment")
    try:
        target = lifecycle.target_status(action, ticket.status, ticket.resume_status)
    except lifecycle.IllegalTransition as exc:
        raise Conflict(str(exc), field="action") from exc
    if not policy.can_transition(actor, action):
        raise Forbidden(_("You may not %(action)s tickets.") % {"action": lifecycle.action_verb(action)})
    fields: dict[str, Any] = {"status": target}
    data: dict[str, Any] = {"action": action}
    if comment:
        data["comment"] = comment[:2000]
    now = timezone.now()
    if target in PARKED_STATUSES:
        fields["resume_status"] = ticket.status  # where the work goes on once the wait is over
    elif ticket.status in PARKED_STATUSES:
        fields["resume_status"] = ""
    if target == Status.RESOLVED:
        fields["resolved_at"] = now
    elif target == Status.CLOSED:
        fields["closed_at"] = now
    elif target == Status.REOPENED:
        fields.update(resolved_at=None, closed_at=None)
    if action == "take" and ticket.assignee_id is None and policy.is_staff(actor):
        fields["assignee_id"] = actor.pk
    if action == "merge":
        merged_into = _merge_target(actor, ticket, merge_into)
        fields["merged_into_id"] = merged_into.pk
        data["merged_into"] = merged_into.number
    old_status = ticket.status
    with transaction.atomic():
        save_versioned(ticket, fields, expected_version)
        record(ticket, events.TICKET_TRANSITIONED, actor, channel, field="status", old=old_status, new=target,
               data=data)  # fmt: skip
        if "assignee_id" in fields:
            record(ticket, events.TICKET_ASSIGNED, actor, channel, field="assignee", old=None, new=actor.pk)
    return ticket
