"""Writing a plan: a new version (a copy of the latest one), and edits while it is still a draft."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from serviceloop.core import events, policy
from serviceloop.core.errors import Conflict, Forbidden
from serviceloop.tickets.models import Channel, Ticket

from ..models import PlanState, SolutionPlan
from .content import PlanContent, checked
from .reading import latest_plan
from .recording import record_step

_COPIED = ("cause", "steps", "resources", "delivery", "estimated_hours", "risks")


def check_may_write(actor: Any, ticket: Ticket) -> None:
    if not policy.can_write_solution_plans(actor):
        raise Forbidden(_("You may not write solution plans."))
    if (
        policy.is_partner(actor)
        and not policy.visible_tickets(actor, Ticket.objects.filter(pk=ticket.pk)).exists()
    ):
        raise Forbidden(_("You may not write solution plans for this ticket."))
    if ticket.is_final:
        raise Conflict(
            _("%(number)s is %(status)s; its solution plan can no longer change.")
            % {"number": ticket.number, "status": ticket.get_status_display()}
        )


def _check_may_start(latest: SolutionPlan | None) -> None:
    if latest is None:
        return
    if latest.state == PlanState.DRAFT:
        raise Conflict(
            _("Version %(version)s is still a draft: edit it instead of starting another.")
            % {"version": latest.version}
        )
    if latest.state == PlanState.SUBMITTED:
        raise Conflict(
            _("Version %(version)s is waiting for review; a new version can be started once it is reviewed.")
            % {"version": latest.version}
        )


def start_version(
    actor: Any, ticket: Ticket, content: PlanContent | None = None, *, channel: str = Channel.CONSOLE
) -> SolutionPlan:
    """A new draft: a copy of the latest version (if any) with `content` applied over it."""
    check_may_write(actor, ticket)
    values = checked(content or PlanContent())
    latest = latest_plan(ticket)
    _check_may_start(latest)
    fields = {name: getattr(latest, name) for name in _COPIED} if latest else {}
    fields.update(values)
    now = timezone.now()
    try:
        with transaction.atomic():
            number = SolutionPlan.objects.filter(ticket=ticket).aggregate(n=Max("version"))["n"] or 0
            plan = SolutionPlan.objects.create(
                ticket=ticket, version=number + 1, author=actor, created_at=now, updated_at=now, **fields
            )
            record_step(plan, events.SOLUTION_DRAFTED, actor, channel)
    except IntegrityError as exc:
        # Someone else started a version at the same moment.
        raise Conflict(_("Someone else has just started a new version; reload the ticket.")) from exc
    return plan


def edit(
    actor: Any, plan: SolutionPlan, content: PlanContent, *, channel: str = Channel.CONSOLE
) -> SolutionPlan:
    """Change a draft in place; editing a version sent back for changes starts the next version.

    A version that was submitted is never changed, so the one the reviewer read stays on record."""
    check_may_write(actor, plan.ticket)
    values = checked(content)
    if plan.state == PlanState.CHANGES_REQUESTED:
        if latest_plan(plan.ticket) != plan:
            raise Conflict(
                _("Version %(version)s has been followed by a newer version; edit that one.")
                % {"version": plan.version}
            )
        return start_version(actor, plan.ticket, content, channel=channel)
    if plan.state != PlanState.DRAFT:
        raise Conflict(
            _("Version %(version)s is %(state)s and can no longer be changed; start a new version instead.")
            % {"version": plan.version, "state": plan.get_state_display()}
        )
    if not values:
        return plan
    now = timezone.now()
    with transaction.atomic():
        written = SolutionPlan.objects.filter(pk=plan.pk, state=PlanState.DRAFT).update(
            **values, updated_at=now
        )
        if not written:
            raise Conflict(
                _("Version %(version)s was submitted meanwhile and can no longer be changed.")
                % {"version": plan.version}
            )
        for name, value in values.items():
            setattr(plan, name, value)
        plan.updated_at = now
        record_step(plan, events.SOLUTION_EDITED, actor, channel, old_state=PlanState.DRAFT)
    return plan
