"""The lifecycle's rule that work follows an approved plan, registered with the ticket's transitions."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from serviceloop.core.errors import Conflict
from serviceloop.tickets.models import Ticket

from ..models import PlanState
from .reading import approved_plan, plan_in_force

# Only the review of a plan decides it, and the review performs these moves itself: the plan in
# force is then in the state the move stands for.
_DECIDED = {
    "approve_solution": (PlanState.APPROVED,),
    "reject_solution": (PlanState.REJECTED, PlanState.CHANGES_REQUESTED),
}


def _check_work_may_start(ticket: Ticket) -> None:
    if approved_plan(ticket) is None:
        raise Conflict(
            _("Work starts only on an approved solution plan; %(number)s has none. Submit a plan for review.")
            % {"number": ticket.number},
            field="action",
        )
    plan = plan_in_force(ticket)
    if plan is not None and plan.state == PlanState.SUBMITTED:
        raise Conflict(
            _("Solution plan version %(version)s is waiting for review; work starts once it is decided.")
            % {"version": plan.version},
            field="action",
        )


def plan_guard(actor: Any, ticket: Ticket, action: str) -> None:
    if action == "start_work":
        _check_work_may_start(ticket)
        return
    wanted = _DECIDED.get(action)
    if wanted is None:
        return
    plan = plan_in_force(ticket)
    if plan is not None and plan.state in wanted:
        return
    if plan is not None and plan.state == PlanState.SUBMITTED:
        raise Conflict(
            _("Review solution plan version %(version)s instead: approving or rejecting it moves the ticket.")
            % {"version": plan.version},
            field="action",
        )
    raise Conflict(
        _("A solution is approved or rejected by reviewing its plan; %(number)s has no plan waiting for "
          "review.") % {"number": ticket.number},
        field="action",
    )  # fmt: skip
