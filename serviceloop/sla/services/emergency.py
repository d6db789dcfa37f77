"""The emergency path: the customer's business has stopped, so the supervisors hear of it at once.

An emergency ticket (impact "business stopped") raises one alert: the supervisors are notified by
e-mail and in the console, and the ticket is pinned above every queue until someone takes charge
of it. Its tighter clocks come from the policies, which can match emergencies only.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from serviceloop.core import events, policy
from serviceloop.core.errors import Conflict, Forbidden
from serviceloop.notifications.services import Text, notify
from serviceloop.tickets.models import Ticket
from serviceloop.tickets.models.ticket import OPEN_STATUSES
from serviceloop.tickets.services import assign, set_pinned
from serviceloop.tickets.services.history import record

from ..models import EmergencyAlert
from .escalation import supervisors_of


def _is_live(ticket: Ticket) -> bool:
    return ticket.is_emergency and ticket.status in OPEN_STATUSES


def review(ticket: Ticket, at: datetime) -> None:
    """After any change of the ticket: raise the alert, or end it when the emergency is over."""
    alert = EmergencyAlert.objects.filter(ticket=ticket).first()
    if _is_live(ticket):
        if alert is None:
            _raise(ticket, at)
        return
    if alert is None:
        return
    # Conditional: someone taking charge at this moment has recorded it already.
    unhandled = EmergencyAlert.objects.filter(pk=alert.pk, handled_at__isnull=True)
    if ticket.is_emergency:
        ended, reason = unhandled.update(handled_at=at), "closed"
    else:
        ended, reason = unhandled.delete()[0], "no_longer_emergency"
        EmergencyAlert.objects.filter(pk=alert.pk).delete()  # a later emergency raises a new alert
    if ended:
        record(ticket, events.SLA_EMERGENCY_HANDLED, None, "", data={"reason": reason})
    set_pinned(ticket, False)


def _message(ticket: Ticket) -> Text:
    title = _("Emergency on %(number)s: %(customer)s's business has stopped") % {
        "number": ticket.number, "customer": ticket.organisation,
    }  # fmt: skip
    lines = [
        ticket.subject,
        _("Machine: %(machine)s") % {"machine": ticket.machine or ticket.product_model or "-"},
        _("Contact: %(contact)s") % {"contact": ticket.contact or "-"},
        _("Received: %(at)s via %(channel)s")
        % {
            "at": date_format(localtime(ticket.received_at), "DATETIME_FORMAT"),
            "channel": ticket.get_channel_display(),
        },
        _("Take charge of it in the console; it stays at the top of every queue until someone does."),
    ]
    return Text(title, "\n".join(lines))


def _raise(ticket: Ticket, at: datetime) -> None:
    EmergencyAlert.objects.create(ticket=ticket, raised_at=at)
    set_pinned(ticket, True)
    supervisors = supervisors_of(ticket)
    notify(supervisors, events.SLA_EMERGENCY_RAISED, lambda user: _message(ticket), ticket=ticket,
           urgent=True)  # fmt: skip
    record(ticket, events.SLA_EMERGENCY_RAISED, None, "",
           data={"notified": sorted(u.username for u in supervisors)})  # fmt: skip


def pending_alert(ticket: Ticket) -> EmergencyAlert | None:
    return EmergencyAlert.objects.filter(ticket=ticket, handled_at__isnull=True).first()


def take_charge(actor: Any, ticket: Ticket, at: datetime) -> EmergencyAlert:
    """A member of staff takes charge: the alert is handled, the ticket unpinned and, if nobody had
    it, assigned to them."""
    if not (policy.is_staff(actor) and policy.can_edit_ticket(actor)):
        raise Forbidden(_("Only service staff can take charge of an emergency."))
    with transaction.atomic():
        # The ticket first, as every change of it locks it first, then the alert.
        Ticket.objects.select_for_update(no_key=True).filter(pk=ticket.pk).values_list("pk").first()
        alert = EmergencyAlert.objects.select_for_update().filter(ticket=ticket).first()
        if alert is None or alert.handled_at is not None:
            who = alert.handled_by if alert else None
            raise Conflict(
                _("%(name)s has already taken charge of this emergency.") % {"name": who}
                if who else _("This ticket has no emergency waiting for someone to take charge.")
            )  # fmt: skip
        alert.handled_at, alert.handled_by = at, actor
        alert.save(update_fields=["handled_at", "handled_by"])
        set_pinned(ticket, False)
        if ticket.assignee_id is None:
            assign(actor, ticket, team_id=ticket.team_id, assignee_id=actor.pk)
        record(ticket, events.SLA_EMERGENCY_HANDLED, actor, "", data={"reason": "taken"})
    return alert
