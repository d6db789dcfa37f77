"""The promises a service level can make, and which ticket events start, pause and stop each clock.

The rules live here, in code, because they follow the ticket's lifecycle: a policy only says how
long each promise may take, on which calendar.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from serviceloop.tickets.milestones import Milestone
from serviceloop.tickets.models import Category, Status


class Metric(models.TextChoices):
    FIRST_RESPONSE = "first_response", _("First response")
    HANDOFF = "handoff", _("Hand-off to an engineer")
    EXPERT_REPLY = "expert_reply", _("Expert reply after hand-off")
    SOLUTION_PLAN = "solution_plan", _("Solution plan proposed")
    NEXT_UPDATE = "next_update", _("Next update to the customer")
    RESOLUTION = "resolution", _("Resolution")
    FOLLOW_UP = "follow_up", _("Follow-up after resolution")
    REMOTE_CONTACT = "remote_contact", _("Remote contact after hand-off")
    ON_SITE_ARRIVAL = "on_site_arrival", _("Engineer on site")
    ORDER_CONFIRMATION = "order_confirmation", _("Order confirmation")
    DELIVERY_CALLBACK = "delivery_callback", _("Call back after delivery")


@dataclass(frozen=True)
class Rules:
    # Statuses in which the clock does not run: the ball is in the customer's court.
    pause_in: frozenset[str]
    # Statuses whose arrival stops (meets) the clock; a reply stopping it is handled by the subscriber.
    met_by_status: frozenset[str] = frozenset()
    # Statuses whose arrival ends the clock owing nothing: the promise was no longer needed.
    stopped_by_status: frozenset[str] = frozenset()
    # Milestones (tickets.milestones) that start a new clock, and that meet it.
    started_by_milestone: str = ""
    met_by_milestone: str = ""


_WAITING_FOR_CUSTOMER = frozenset({Status.PENDING_CUSTOMER})
# Nothing we can do but wait for a part to arrive: the fix is late through no fault of the desk.
_WAITING_FOR_PARTS = frozenset({Status.WAITING_FOR_PARTS})
_DONE = frozenset({Status.RESOLVED, Status.CLOSED})

RULES: dict[str, Rules] = {
    # Met by the first public reply of staff, or at once for a call or visit logged by staff.
    Metric.FIRST_RESPONSE: Rules(_WAITING_FOR_CUSTOMER, _DONE),
    # L1 hands a case it cannot solve to an engineer: met by escalation, or by solving it.
    Metric.HANDOFF: Rules(_WAITING_FOR_CUSTOMER, _DONE | {Status.ESCALATED, Status.AWAITING_VERIFICATION}),
    # Starts at each escalation; met by the next reply or internal note of staff.
    Metric.EXPERT_REPLY: Rules(_WAITING_FOR_CUSTOMER, _DONE),
    Metric.SOLUTION_PLAN: Rules(
        _WAITING_FOR_CUSTOMER, _DONE | {Status.SOLUTION_PROPOSED, Status.AWAITING_VERIFICATION}
    ),
    # Keeps the customer informed: starts again at every public reply of staff until resolved.
    Metric.NEXT_UPDATE: Rules(_WAITING_FOR_CUSTOMER | {Status.AWAITING_VERIFICATION}, _DONE),
    # Time the customer spends verifying the fix is theirs, not ours.
    Metric.RESOLUTION: Rules(
        _WAITING_FOR_CUSTOMER | _WAITING_FOR_PARTS | {Status.AWAITING_VERIFICATION}, _DONE
    ),
    # Starts at resolution; met when the ticket is closed after the follow-up call or survey.
    Metric.FOLLOW_UP: Rules(frozenset(), frozenset({Status.CLOSED})),
    # An engineer who took over a case contacts the customer remotely; not owed once it is solved.
    Metric.REMOTE_CONTACT: Rules(
        _WAITING_FOR_CUSTOMER, stopped_by_status=_DONE, met_by_milestone=Milestone.REMOTE_CONTACT
    ),
    # From the decision to go on site to the engineer's arrival (targets per region).
    Metric.ON_SITE_ARRIVAL: Rules(
        _WAITING_FOR_CUSTOMER,
        stopped_by_status=_DONE,
        started_by_milestone=Milestone.VISIT_PLANNED,
        met_by_milestone=Milestone.ENGINEER_ON_SITE,
    ),
    # An order's details are confirmed to the customer; started at reception for order tickets.
    Metric.ORDER_CONFIRMATION: Rules(
        _WAITING_FOR_CUSTOMER, stopped_by_status=_DONE, met_by_milestone=Milestone.ORDER_CONFIRMED
    ),
    # After delivery we call the customer back, even when the ticket is already resolved; closing
    # the ticket says nothing more is owed.
    Metric.DELIVERY_CALLBACK: Rules(
        frozenset(),
        stopped_by_status=frozenset({Status.CLOSED}),
        started_by_milestone=Milestone.DELIVERED,
        met_by_milestone=Milestone.CALLED_BACK,
    ),
}

# Clocks that start when the ticket is received.
STARTED_AT_RECEPTION = (
    Metric.FIRST_RESPONSE,
    Metric.HANDOFF,
    Metric.SOLUTION_PLAN,
    Metric.RESOLUTION,
    Metric.ORDER_CONFIRMATION,
)


def starts_at_reception(metric: str, category: str) -> bool:
    """Whether a ticket of `category` owes `metric` from the moment it is received."""
    if metric == Metric.ORDER_CONFIRMATION:
        return category == Category.ORDER
    return metric in STARTED_AT_RECEPTION
