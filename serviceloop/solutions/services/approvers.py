"""Who reviews a ticket's solution plan: approvers by role, and delegates for the ticket's product line."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from serviceloop.accounts.models import User
from serviceloop.core import policy
from serviceloop.core.roles import APPROVER_ROLES, Role
from serviceloop.tickets.models import Ticket

from ..models import PlanApprover


def product_line_id(ticket: Ticket) -> int | None:
    model = ticket.product_model
    return model.line_id if model is not None else None


def is_delegate(user: Any, ticket: Ticket) -> bool:
    line_id = product_line_id(ticket)
    if line_id is None or not policy.is_staff(user) or user.role == Role.QUALITY:
        return False
    return PlanApprover.objects.filter(user_id=user.pk, product_line_id=line_id).exists()


def may_review(user: Any, ticket: Ticket) -> bool:
    return policy.can_approve_solutions(user) or is_delegate(user, ticket)


def approvers_for(ticket: Ticket) -> list[User]:
    """Everyone who may review this ticket's plans, to be told when one waits for them."""
    by_line = Q(pk__in=[])
    line_id = product_line_id(ticket)
    if line_id is not None:
        by_line = Q(plan_approvals__product_line_id=line_id) & ~Q(role=Role.QUALITY)
    people = User.objects.filter(Q(role__in=APPROVER_ROLES) | by_line, is_active=True).distinct()
    return [user for user in people if may_review(user, ticket)]
