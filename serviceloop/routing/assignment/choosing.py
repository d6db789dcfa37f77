"""Choosing one eligible member by the team's assignment mode."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from django.db.models import Count

from serviceloop.accounts.models import AssignmentMode, Team, User
from serviceloop.tickets.models import Ticket
from serviceloop.tickets.models.ticket import OPEN_STATUS_LIST

from .eligibility import eligible_ids

# Open work counts by urgency: a P1 ticket weighs 5, P2 4, P3 3, P4 2, P5 1 (and anything else 1).
PRIORITY_WEIGHTS = {1: 5, 2: 4, 3: 3, 4: 2, 5: 1}
# Round robin retries its claim when another assignment moved the turn meanwhile; past this many
# tries the team is so busy that handing out a turn twice costs less than waiting.
_CLAIM_ATTEMPTS = 10


def open_load(member_ids: Sequence[int]) -> dict[int, int]:
    """Weighted open tickets of each member (absent from the result: none).

    One aggregate over the members' open tickets, counted per priority and weighed here: PostgreSQL
    reads (assignee, status, priority) from ticket_assignee_queue_idx alone, without the table."""
    rows = (
        Ticket.objects.filter(assignee_id__in=member_ids, status__in=OPEN_STATUS_LIST)
        .order_by()
        .values("assignee_id", "priority")
        .annotate(count=Count("*"))
        .values_list("assignee_id", "priority", "count")
    )
    loads: dict[int, int] = defaultdict(int)
    for assignee_id, priority, count in rows:
        loads[assignee_id] += PRIORITY_WEIGHTS.get(priority, 1) * count
    return dict(loads)


def least_loaded(candidates: Sequence[int]) -> int:
    """The candidate (id) with the least weighted open work; on a tie the oldest account (lowest id)."""
    loads = open_load(candidates)
    return min(candidates, key=lambda pk: (loads.get(pk, 0), pk))


def round_robin(team: Team, candidates: Sequence[int]) -> int:
    """The first candidate (id, in order) after the team's last assigned member, wrapping round, claimed.

    The claim is an UPDATE conditional on the turn still being where it was read: of two assignments
    at once, one moves it and the other reads it again and takes the next member."""
    chosen = candidates[0]
    for _ in range(_CLAIM_ATTEMPTS):
        last = Team.objects.filter(pk=team.pk).values_list("last_assigned_id", flat=True).get()
        chosen = next((pk for pk in candidates if last is not None and pk > last), candidates[0])
        if Team.objects.filter(pk=team.pk, last_assigned_id=last).update(last_assigned_id=chosen):
            break
    team.last_assigned_id = chosen
    return chosen


def choose_assignee(team: Team, ticket: Ticket, at: datetime) -> User | None:
    """Who in `team` should get `ticket` at `at`; None in manual mode or when nobody is eligible."""
    if team.assignment_mode not in (AssignmentMode.ROUND_ROBIN, AssignmentMode.LEAST_LOADED):
        return None
    candidates = eligible_ids(team, ticket, at)
    if not candidates:
        return None
    if team.assignment_mode == AssignmentMode.ROUND_ROBIN:
        chosen = round_robin(team, candidates)
    else:
        chosen = least_loaded(candidates)
    return User.objects.get(pk=chosen)
