"""The review of a submitted plan: approve, reject, or send it back for changes.

The ticket follows the decision while a solution is proposed: approving performs `approve_solution`,
rejecting and asking for changes perform `reject_solution`, which puts the ticket back to 'escalated',
a status from which the revised plan is proposed again. A revision submitted while work goes on is
decided without moving the ticket.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import TextChoices
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from serviceloop.core import events
from serviceloop.core.errors import Conflict, Forbidden, InvalidInput
from serviceloop.tickets.models import Channel, Status
from serviceloop.tickets.services import transition
from serviceloop.tickets.services import validation as v

from ..models import PlanState, SolutionPlan
from .approvers import may_review
from .customer_copy import send_to_customer
from .recording import record_step


class Decision(TextChoices):
    APPROVE = "approve", gettext_lazy("Approve")
    REJECT = "reject", gettext_lazy("Reject")
    REQUEST_CHANGES = "request_changes", gettext_lazy("Ask for changes")


_OUTCOME = {
    Decision.APPROVE: (PlanState.APPROVED, events.SOLUTION_APPROVED, "approve_solution"),
    Decision.REJECT: (PlanState.REJECTED, events.SOLUTION_REJECTED, "reject_solution"),
    Decision.REQUEST_CHANGES: (
        PlanState.CHANGES_REQUESTED,
        events.SOLUTION_CHANGES_REQUESTED,
        "reject_solution",
    ),
}


def check_may_review(actor: Any, plan: SolutionPlan) -> None:
    if not may_review(actor, plan.ticket):
        raise Forbidden(
            _("Only a support manager, a supervisor, an administrator or an approver for this product line "
              "may review solution plans.")
        )  # fmt: skip
    if actor.pk in (plan.author_id, plan.submitted_by_id):
        raise Forbidden(
            _("You wrote or submitted version %(version)s; another approver must review it, so that every "
              "plan is checked by a second person.") % {"version": plan.version}
        )  # fmt: skip


def can_review(actor: Any, plan: SolutionPlan) -> bool:
    try:
        check_may_review(actor, plan)
    except Forbidden:
        return False
    return True


def _comment(decision: str, comment: Any) -> str:
    required = decision != Decision.APPROVE
    text = v.text(comment, "comment", max_length=2000, required=False)
    if required and not text:
        raise InvalidInput(_("comment: say why, so the author knows what to change."), field="comment")
    return text


def review(actor: Any, plan: SolutionPlan, decision: str, comment: str = "", *,
           channel: str = Channel.CONSOLE) -> SolutionPlan:  # fmt: skip
    """Decide on a submitted plan; an approved plan is sent to the customer in their language."""
    decision = v.choice(decision, Decision, "decision")
    text = _comment(decision, comment)
    check_may_review(actor, plan)
    ticket = plan.ticket
    if plan.state != PlanState.SUBMITTED:
        raise Conflict(
            _("Version %(version)s is %(state)s; only a submitted plan can be reviewed.")
            % {"version": plan.version, "state": plan.get_state_display()}
        )
    if ticket.is_final:
        raise Conflict(
            _("%(number)s is %(status)s; its plan can no longer be reviewed.")
            % {"number": ticket.number, "status": ticket.get_status_display()}
        )
    state, event, action = _OUTCOME[Decision(decision)]
    now = timezone.now()
    with transaction.atomic():
        written = SolutionPlan.objects.filter(pk=plan.pk, state=PlanState.SUBMITTED).update(
            state=state, reviewer=actor, reviewed_at=now, review_comment=text, updated_at=now
        )
        if not written:
            raise Conflict(_("Version %(version)s was reviewed meanwhile.") % {"version": plan.version})
        plan.state, plan.reviewer, plan.reviewed_at, plan.review_comment = state, actor, now, text
        plan.updated_at = now
        if state == PlanState.APPROVED:
            # One approved plan at a time: the one the customer was sent last.
            SolutionPlan.objects.filter(ticket=ticket, state=PlanState.APPROVED).exclude(pk=plan.pk).update(
                state=PlanState.SUPERSEDED, updated_at=now
            )
        record_step(plan, event, actor, channel, old_state=PlanState.SUBMITTED)
        if ticket.status == Status.SOLUTION_PROPOSED:
            transition(actor, ticket, action, channel=channel, authorised=True)
        if state == PlanState.APPROVED:
            send_to_customer(actor, plan, channel=channel)
    return plan
