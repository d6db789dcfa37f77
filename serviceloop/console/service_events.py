"""How the timeline words what the service levels and milestones wrote to a ticket's history."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from serviceloop.core import events
from serviceloop.sla.metrics import Metric
from serviceloop.sla.models import EscalationAction
from serviceloop.tickets.milestones import Milestone
from serviceloop.tickets.models import TicketEvent


def _label(choices: Any, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def describe(row: TicketEvent) -> tuple[str, str] | None:
    """The sentence and the comment for a service-level or milestone row; None for other rows."""
    metric = _label(Metric, row.field) if row.field in Metric.values else row.field
    data = row.data
    if row.name == events.SLA_POLICY_APPLIED:
        return _("applied the service level policy"), ""
    if row.name == events.SLA_WARNING:
        return _("%(metric)s: the deadline is near") % {"metric": metric}, ""
    if row.name == events.SLA_BREACHED:
        return _("%(metric)s: the deadline was missed") % {"metric": metric}, ""
    if row.name == events.SLA_ESCALATED:
        actions = ", ".join(_label(EscalationAction, a) for a in data.get("actions", []))
        told = ", ".join(data.get("notified", []))
        text = _("%(metric)s: escalation level %(level)s") % {"metric": metric, "level": data.get("level")}
        return text, (f"{actions}. " + (_("Told: %(names)s") % {"names": told} if told else "")).strip()
    if row.name == events.SLA_EMERGENCY_RAISED:
        told = ", ".join(data.get("notified", [])) or "—"
        return _("emergency: the supervisors were alerted"), _("Told: %(names)s") % {"names": told}
    if row.name == events.SLA_EMERGENCY_HANDLED:
        if data.get("reason") == "taken":
            return _("took charge of the emergency"), ""
        return _("the emergency alert ended"), ""
    if row.name == events.TICKET_MILESTONE:
        return _label(Milestone, row.new_value), str(data.get("note", ""))
    if row.name == events.SOLUTION_REMOTE_SESSION:
        return _("remote assistance session: %(tool)s") % {"tool": row.new_value}, ""
    return _offer(row)


def _offer(row: TicketEvent) -> tuple[str, str] | None:
    supplier = {"supplier": row.data.get("supplier", row.new_value)}
    note = str(row.data.get("note", ""))
    if row.name == events.ROUTING_OFFERED:
        return _("offered the ticket to %(supplier)s") % supplier, ""
    if row.name == events.ROUTING_OFFER_ANSWERED:
        return _("%(supplier)s took the ticket up") % supplier, note
    if row.name == events.ROUTING_OFFER_DECLINED:
        return _("%(supplier)s declined the ticket") % supplier, note
    if row.name == events.ROUTING_OFFER_EXPIRED:
        return _("%(supplier)s did not answer in time") % supplier, ""
    if row.name == events.ROUTING_OFFER_WITHDRAWN:
        return _("the offer to the supplier was withdrawn"), ""
    return None
