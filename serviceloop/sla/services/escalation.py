"""Escalation chains: after a promise is broken, each level of the policy's chain acts in turn.

A level's moment is the breach plus its delay, on the wall clock; time the clock spends paused
(the customer has the ball) does not count. The scheduler finds it through the clock's
`next_check_at` like any warning or breach, and `deadlines.check` moves `escalation_level` on with a
conditional UPDATE, so each level acts once even with several workers. What a level did (who was
told, who the ticket went to, the new priority) is written to the ticket's history.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from serviceloop.accounts.models import User
from serviceloop.core import events
from serviceloop.core.policy import can_use_console
from serviceloop.core.roles import Role
from serviceloop.notifications.services import Text, notify
from serviceloop.tickets.models import Ticket
from serviceloop.tickets.models.ticket import OPEN_STATUSES
from serviceloop.tickets.services import change_by_rule
from serviceloop.tickets.services.history import record

from ..metrics import Metric
from ..models import EscalationAction, EscalationLevel, SlaClock
from .matching import active_policy


def chain(clock: SlaClock) -> list[EscalationLevel]:
    """The levels that apply to the clock's metric, in the order they act."""
    policy = active_policy(clock.policy_id)
    if policy is None:
        return []
    levels = [level for level in policy.escalation_levels.all() if level.metric in ("", clock.metric)]
    return sorted(levels, key=lambda level: (level.after_minutes, level.pk))


def next_level(clock: SlaClock) -> tuple[EscalationLevel, datetime] | None:
    """The level the clock climbs next and when; None before a breach or at the chain's end."""
    if clock.breached_at is None or clock.state != SlaClock.State.RUNNING:
        return None
    levels = chain(clock)
    if clock.escalation_level >= len(levels):
        return None
    level = levels[clock.escalation_level]
    start = clock.escalation_from or clock.breached_at
    return level, start + timedelta(minutes=level.after_minutes)


def supervisors_of(ticket: Ticket) -> list[Any]:
    """The supervisors in the ticket's team; without any there, every supervisor."""
    people = User.objects.filter(role=Role.SUPERVISOR, is_active=True)
    in_team = list(people.filter(teams=ticket.team_id)) if ticket.team_id else []
    return in_team or list(people)


def managers() -> list[Any]:
    return list(User.objects.filter(role=Role.MANAGER, is_active=True))


def _overdue_text(clock: SlaClock, level_number: int, ticket: Ticket, done: list[str]) -> Text:
    metric = Metric(clock.metric).label
    title = _("Escalation level %(level)s: %(metric)s overdue on %(number)s") % {
        "level": level_number, "metric": metric, "number": ticket.number,
    }  # fmt: skip
    due = date_format(localtime(clock.due_at), "DATETIME_FORMAT") if clock.due_at else ""
    lines = [
        ticket.subject,
        _("Customer: %(name)s") % {"name": ticket.organisation},
        _("Was due: %(due)s") % {"due": due},
        _("Assignee: %(name)s") % {"name": ticket.assignee or _("nobody")},
        *done,
    ]
    return Text(title, "\n".join(lines))


def _recipients(action: str, ticket: Ticket) -> list[Any]:
    if action == EscalationAction.NOTIFY_ASSIGNEE:
        return [ticket.assignee] if ticket.assignee else []
    if action == EscalationAction.NOTIFY_TEAM:
        return list(ticket.team.members.filter(is_active=True)) if ticket.team else []
    if action == EscalationAction.NOTIFY_SUPERVISOR:
        return supervisors_of(ticket)
    if action == EscalationAction.NOTIFY_MANAGER:
        return managers()
    return []


def _change(action: str, ticket: Ticket) -> dict[str, Any]:
    if ticket.status not in OPEN_STATUSES:
        return {}  # a follow-up or call-back overdue on a solved case: tell people, change nothing
    if action == EscalationAction.REASSIGN_TO_LEAD:
        lead = ticket.team.lead if ticket.team else None
        if lead is None or not lead.is_active or not can_use_console(lead):
            return {}
        return change_by_rule(ticket, {"assignee_id": lead.pk}, rule="sla.escalation")
    if action == EscalationAction.RAISE_PRIORITY and ticket.priority > 1:
        return change_by_rule(ticket, {"priority": ticket.priority - 1}, rule="sla.escalation")
    return {}


def carry_out(clock: SlaClock, level: EscalationLevel, number: int) -> dict[str, Any]:
    """Do what the level says and record it on the ticket; returns what the history row holds."""
    ticket = (
        Ticket.objects.select_for_update(of=("self",))
        .select_related("team__lead", "assignee", "organisation")
        .get(pk=clock.ticket_id)
    )
    changed: dict[str, Any] = {}
    for action in level.actions:  # changes first: the notifications name the new assignee
        changed.update(_change(action, ticket))
    if "assignee_id" in changed:
        ticket.assignee = User.objects.get(pk=changed["assignee_id"])
    people = {u.pk: u for a in level.actions for u in _recipients(a, ticket)}

    def render(user: Any) -> Text:
        done = []
        if "assignee_id" in changed:
            done.append(_("Reassigned to %(name)s.") % {"name": ticket.assignee})
        if "priority" in changed:
            done.append(_("Priority raised to P%(priority)s.") % {"priority": ticket.priority})
        return _overdue_text(clock, number, ticket, done)

    notify(people.values(), "sla.escalated", render, ticket=ticket, urgent=number > 1)
    data = {
        "metric": clock.metric,
        "level": number,
        "after_minutes": level.after_minutes,
        "actions": list(level.actions),
        "notified": sorted(u.username for u in people.values()),
        **{name.removesuffix("_id"): value for name, value in changed.items()},
    }
    record(ticket, events.SLA_ESCALATED, None, "", field=clock.metric, new=number, data=data)
    return data
