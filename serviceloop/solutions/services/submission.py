"""Sending a plan to review; the ticket shows that a solution is proposed."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from serviceloop.core import events
from serviceloop.core.errors import Conflict
from serviceloop.tickets import lifecycle
from serviceloop.tickets.models import Channel, Status
from serviceloop.tickets.services import transition

from ..models import PlanState, SolutionPlan
from .content import check_complete
from .drafting import check_may_write
from .recording import record_step

# Where a revised plan may be sent to review without moving the ticket: it is already proposed, or
# work goes on under an approved plan (the revision is approved on its own) or is waiting.
_REVISION_STATUSES = frozenset(
    {Status.SOLUTION_PROPOSED, Status.SOLUTION_APPROVED, Status.IN_PROGRESS, Status.PENDING_CUSTOMER,
     Status.WAITING_FOR_PARTS}
)  # fmt: skip


def _check_ticket_takes_a_plan(plan: SolutionPlan) -> bool:
    """True if submitting moves the ticket to 'solution proposed'; Conflict if it cannot take a plan."""
    ticket = plan.ticket
    if ticket.status in lifecycle.ACTIONS["propose_solution"].sources:
        return True
    if ticket.status in _REVISION_STATUSES:
        return False
    raise Conflict(
        _("%(number)s is %(status)s; a solution plan can be submitted once the ticket is being worked on.")
        % {"number": ticket.number, "status": ticket.get_status_display()}
    )


def submit(actor: Any, plan: SolutionPlan, *, channel: str = Channel.CONSOLE) -> SolutionPlan:
    """Send a draft to review; it can no longer change. Moves the ticket by `propose_solution` when it can."""
    check_may_write(actor, plan.ticket)
    if plan.state != PlanState.DRAFT:
        raise Conflict(
            _("Version %(version)s is %(state)s; only a draft can be submitted.")
            % {"version": plan.version, "state": plan.get_state_display()}
        )
    check_complete(plan)
    moves = _check_ticket_takes_a_plan(plan)
    now = timezone.now()
    with transaction.atomic():
        written = SolutionPlan.objects.filter(pk=plan.pk, state=PlanState.DRAFT).update(
            state=PlanState.SUBMITTED, submitted_at=now, submitted_by=actor, updated_at=now
        )
        if not written:
            raise Conflict(_("Version %(version)s was submitted meanwhile.") % {"version": plan.version})
        plan.state, plan.submitted_at, plan.submitted_by, plan.updated_at = (
            PlanState.SUBMITTED,
            now,
            actor,
            now,
        )
        record_step(plan, events.SOLUTION_SUBMITTED, actor, channel, old_state=PlanState.DRAFT)
        if moves:
            transition(actor, plan.ticket, "propose_solution", channel=channel)
    return plan
