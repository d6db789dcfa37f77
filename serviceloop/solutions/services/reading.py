"""Which plan versions a person may read, and the plan a ticket currently stands on."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from serviceloop.core import policy
from serviceloop.core.errors import NotFound
from serviceloop.tickets.models import Ticket
from serviceloop.tickets.services import validation as v

from ..models import PlanState, SolutionPlan


def visible_plans(user: Any, ticket: Ticket) -> QuerySet[SolutionPlan]:
    """Every version for the service side and the ticket's partner; a customer reads approved plans only.

    The caller has already checked that `user` may see `ticket` (tickets.services.get_visible_ticket)."""
    plans = SolutionPlan.objects.filter(ticket=ticket).select_related("author", "reviewer", "submitted_by")
    if policy.is_staff(user) or policy.is_partner(user):
        return plans
    if policy.is_customer(user):
        return plans.filter(state=PlanState.APPROVED)
    return plans.none()


def get_plan(user: Any, ticket: Ticket, version: Any) -> SolutionPlan:
    """Version `version` of the ticket's plan if `user` may read it; NotFound otherwise."""
    try:
        number = int(str(version))
    except ValueError:
        number = 0
    plan = visible_plans(user, ticket).filter(version=number).first() if 0 < number <= v.MAX_ID else None
    if plan is None:
        raise NotFound(
            _("%(number)s has no solution plan version %(version)s.")
            % {"number": ticket.number, "version": str(version)[:20]}
        )
    plan.ticket = ticket
    return plan


def _on(ticket: Ticket, plan: SolutionPlan | None) -> SolutionPlan | None:
    # The caller's ticket object, so a review or submission that moves the ticket updates it too.
    if plan is not None:
        plan.ticket = ticket
    return plan


def latest_plan(ticket: Ticket) -> SolutionPlan | None:
    """The newest version, whatever its state: the one people work on."""
    return _on(ticket, SolutionPlan.objects.filter(ticket=ticket).order_by("-version").first())


def plan_in_force(ticket: Ticket) -> SolutionPlan | None:
    """The newest version that was submitted (a draft being written does not change what was decided)."""
    plans = SolutionPlan.objects.filter(ticket=ticket).exclude(state=PlanState.DRAFT)
    return _on(ticket, plans.order_by("-version").first())


def approved_plan(ticket: Ticket) -> SolutionPlan | None:
    """The plan that stands: the one approved last (approving another supersedes it; a rejected
    revision leaves it standing)."""
    plans = SolutionPlan.objects.filter(ticket=ticket, state=PlanState.APPROVED)
    return _on(ticket, plans.order_by("-version").first())
