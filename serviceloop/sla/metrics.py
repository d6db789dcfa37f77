"""The promises a service level can make, and which ticket events start, pause and stop each clock.

The rules live here, in code, because they follow the ticket's lifecycle: a policy only says how
long each promise may take, on which calendar.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from serviceloop.tickets.models import Status


class Metric(models.TextChoices):
    FIRST_RESPONSE = "first_response", _("First response")
    HANDOFF = "handoff", _("Hand-off to an engineer")
    EXPERT_REPLY = "expert_reply", _("Expert reply after hand-off")
    SOLUTION_PLAN = "solution_plan", _("Solution plan proposed")
    NEXT_UPDATE = "next_update", _("Next update to the customer")
    RESOLUTION = "resolution", _("Resolution")
    FOLLOW_UP = "follow_up", _("Follow-up after resolution")


@dataclass(frozen=True)
class Rules:
    # Statuses in which the clock does not run: the ball is in the customer's court.
    pause_in: frozenset[str]
    # Statuses whose arrival stops (meets) the clock; a reply stopping it is handled by the subscriber.
    met_by_status: frozenset[str] = frozenset()


_WAITING_FOR_CUSTOMER = frozenset({Status.PENDING_CUSTOMER})
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
    Metric.RESOLUTION: Rules(_WAITING_FOR_CUSTOMER | {Status.AWAITING_VERIFICATION}, _DONE),
    # Starts at resolution; met when the ticket is closed after the follow-up call or survey.
    Metric.FOLLOW_UP: Rules(frozenset(), frozenset({Status.CLOSED})),
}

# Clocks that start when the ticket is received.
STARTED_AT_RECEPTION = (
    Metric.FIRST_RESPONSE,
    Metric.HANDOFF,
    Metric.SOLUTION_PLAN,
    Metric.RESOLUTION,
)
