"""Moving a ticket through its lifecycle."""

from __future__ import annotations

from collections.abc import Callable
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

# A capability may refuse a move the lifecycle allows (no work starts before the solution plan is
# approved); tickets imports no capability, so each registers its guard from its AppConfig.ready.
# A guard is called as guard(actor, ticket, action) before the move and raises Conflict to refuse it.
TransitionGuard = Callable[[Any, Ticket, str], None]
_guards: list[TransitionGuard] = []


def register_guard(guard: TransitionGuard) -> TransitionGuard:
    if guard not in _guards:
        _guards.append(guard)
    return guard


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
    authorised: bool = False,
    history_data: dict[str, Any] | None = None,
) -> Ticket:
    """Perform lifecycle `action` on `ticket`; refuses illegal moves with a message that says why.

    `authorised`: the calling service has already decided that `actor` may make this move (a plan
    approver delegated for the ticket's product line need not hold an approver's role).
    `history_data`: more for the history row, e.g. the rule that made a move nobody made by hand."""
    v.reject_nul(comment, "comment")
    try:
        target = lifecycle.target_status(action, ticket.status, ticket.resume_status)
    except lifecycle.IllegalTransition as exc:
        raise Conflict(str(exc), field="action") from exc
    if not authorised and not policy.can_transition(actor, action):
        raise Forbidden(_("You may not %(action)s tickets.") % {"action": lifecycle.action_verb(action)})
    for guard in _guards:
        guard(actor, ticket, action)
    fields: dict[str, Any] = {"status": target}
    data: dict[str, Any] = {**(history_data or {}), "action": action}
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
    previous_assignee = ticket.assignee_id
    if action == "take" and policy.is_staff(actor) and previous_assignee != actor.pk:
        # Taking means "mine": it also takes over a ticket the team's assignment gave someone else.
        fields["assignee_id"] = actor.pk
    if action == "merge":
        merged_into = _merge_target(actor, ticket, merge_into)
        fields["merged_into_id"] = merged_into.pk
        data["merged_into"] = merged_into.number
    old_status = ticket.status
    with transaction.atomic():
        try:
            save_versioned(ticket, fields, expected_version)
        except Conflict as conflict:
            taken = _taken_meanwhile(ticket) if action == "take" else None
            raise (taken or conflict) from None
        record(ticket, events.TICKET_TRANSITIONED, actor, channel, field="status", old=old_status, new=target,
               data=data)  # fmt: skip
        if "assignee_id" in fields:
            record(ticket, events.TICKET_ASSIGNED, actor, channel, field="assignee", old=previous_assignee,
                   new=actor.pk)  # fmt: skip
    return ticket


def _taken_meanwhile(ticket: Ticket) -> Conflict | None:
    """When two people press "take" at once, the one who lost is told who won."""
    winner = Ticket.objects.filter(pk=ticket.pk).values_list("assignee__first_name", "assignee__last_name",
                                                             "assignee__username").first()  # fmt: skip
    if winner is None or winner[2] is None:
        return None
    name = " ".join(part for part in winner[:2] if part) or winner[2]
    return Conflict(
        _("%(number)s has just been taken by %(name)s.") % {"number": ticket.number, "name": name},
        field="version",
    )
