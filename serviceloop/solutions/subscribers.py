"""Telling people about plans: the approvers when one waits for review, the author when it is reviewed."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from serviceloop.core import events
from serviceloop.core.events import DomainEvent
from serviceloop.notifications.services import Text, notify
from serviceloop.tickets.models import Ticket

from .models import SolutionPlan
from .services.approvers import approvers_for


def _plan(event: DomainEvent) -> SolutionPlan:
    plan = SolutionPlan.objects.select_related("author", "submitted_by").get(pk=event.data["plan_id"])
    if isinstance(event.ticket, Ticket):
        plan.ticket = event.ticket
    return plan


def _title(plan: SolutionPlan, text: str) -> str:
    return f"{plan.ticket.number} {plan.ticket.subject}: {text}"


@events.subscribe(events.SOLUTION_SUBMITTED)
def tell_approvers(event: DomainEvent) -> None:
    plan = _plan(event)
    people = [p for p in approvers_for(plan.ticket) if p.pk not in (event.actor_id, plan.author_id)]

    def render(user: Any) -> Text:
        return Text(_title(plan, _("solution plan version %(version)s waits for your review")
                           % {"version": plan.version}))  # fmt: skip

    notify(people, "solution.submitted", render, ticket=plan.ticket)


_REVIEWED = {
    events.SOLUTION_APPROVED: "approved",
    events.SOLUTION_REJECTED: "rejected",
    events.SOLUTION_CHANGES_REQUESTED: "changes_requested",
}


def _reviewed_text(name: str, plan: SolutionPlan) -> str:
    values = {"version": plan.version}
    if name == events.SOLUTION_APPROVED:
        return _("your solution plan version %(version)s was approved") % values
    if name == events.SOLUTION_REJECTED:
        return _("your solution plan version %(version)s was rejected") % values
    return _("changes were asked for in your solution plan version %(version)s") % values


def tell_author(event: DomainEvent) -> None:
    plan = _plan(event)
    people = [p for p in (plan.author, plan.submitted_by) if p is not None and p.pk != event.actor_id]

    def render(user: Any) -> Text:
        return Text(_title(plan, _reviewed_text(event.name, plan)), plan.review_comment)

    notify(people, event.name, render, ticket=plan.ticket)


for _name in _REVIEWED:
    events.subscribe(_name)(tell_author)
