"""Firing warnings, breaches and escalations: each once, even with several workers, soon after its moment.

Every minute one sweep (the periodic task) reads the clocks whose next moment falls within the next
minute from a small partial index, never the open tickets, and gives each a timer for its exact
moment. A timer, or a sweep finding a moment already past, calls `check`, which fires through a
conditional UPDATE: only the worker whose UPDATE changed the row records the event.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from serviceloop.core import events
from serviceloop.tickets.models import Ticket
from serviceloop.tickets.services.history import record

from ..models import SlaClock
from . import clocks, escalation

LOOKAHEAD = timedelta(seconds=60)
# A chain is a handful of levels; this bounds a policy switch that starts another chain.
_MAX_LEVELS_AT_ONCE = 20
SWEEP_LIMIT = 5000  # more in one minute than this waits for the next sweep, a minute later


def coming_due(now: datetime, lookahead: timedelta = LOOKAHEAD) -> list[tuple[int, datetime]]:
    rows = (
        SlaClock.objects.filter(next_check_at__lte=now + lookahead)
        .order_by("next_check_at")
        .values_list("pk", "next_check_at")[:SWEEP_LIMIT]
    )
    return [(pk, moment) for pk, moment in rows if moment is not None]


def _fire(clock: SlaClock, column: str, now: datetime) -> bool:
    values = {column: now}
    if column == "breached_at":
        values["escalation_from"] = now  # the chain counts from here, less any time paused since
    changed = SlaClock.objects.filter(
        pk=clock.pk, cycle=clock.cycle, state=SlaClock.State.RUNNING, **{f"{column}__isnull": True}
    ).update(**values)
    if changed:
        for name, value in values.items():
            setattr(clock, name, value)
    return bool(changed)


def check(clock_id: int, now: datetime | None = None) -> list[str]:
    """Fire what is due on one clock; returns the names of the events recorded."""
    now = now or timezone.now()
    ticket_id = SlaClock.objects.filter(pk=clock_id).values_list("ticket_id", flat=True).first()
    if ticket_id is None:
        return []
    with transaction.atomic():
        # Ticket first, then clock: the order every ticket event takes them in (it updates the
        # ticket, then its clocks), so an escalation changing the ticket never deadlocks with an
        # agent's reply. The locks (PostgreSQL; SQLite serialises writers anyway) keep a ticket event
        # from changing the clock between this read and the write of its next moment below.
        Ticket.objects.select_for_update(no_key=True).filter(pk=ticket_id).values_list("pk").first()
        clock = (
            SlaClock.objects.select_for_update(of=("self",))
            .select_related("ticket", "calendar")
            .filter(pk=clock_id)
            .first()
        )
        if clock is None:
            return []
        fired = _fire_due(clock, now) if clock.state == SlaClock.State.RUNNING else []
        clocks.place(clock)
        SlaClock.objects.filter(pk=clock.pk).update(next_check_at=clock.next_check_at)
    return fired


def _fire_due(clock: SlaClock, now: datetime) -> list[str]:
    fired = []
    data = {"metric": clock.metric, "due_at": clock.due_at.isoformat() if clock.due_at else None}
    for column, moment, event in (
        ("warned_at", clock.warn_at, events.SLA_WARNING),
        ("breached_at", clock.due_at, events.SLA_BREACHED),
    ):
        if (
            moment is not None
            and moment <= now
            and getattr(clock, column) is None
            and _fire(clock, column, now)
        ):
            record(clock.ticket, event, None, "", field=clock.metric, data=data)
            fired.append(event)
    return fired + _escalate(clock, now)


def _escalate(clock: SlaClock, now: datetime) -> list[str]:
    """Climb every level of the chain whose moment has come, each once."""
    fired = []
    for _level in range(_MAX_LEVELS_AT_ONCE):
        step = escalation.next_level(clock)
        if step is None or step[1] > now:
            break
        number = clock.escalation_level + 1
        climbed = SlaClock.objects.filter(
            pk=clock.pk, cycle=clock.cycle, state=SlaClock.State.RUNNING,
            escalation_level=clock.escalation_level,
        ).update(escalation_level=number)  # fmt: skip
        if not climbed:
            break
        clock.escalation_level = number
        escalation.carry_out(clock, step[0], number)
        fired.append(events.SLA_ESCALATED)
        # The level may have changed the ticket and so its policy, target or chain.
        clock.refresh_from_db()
    return fired


def wake_if_soon(clock_id: int, moment: datetime | None) -> None:
    """Give a clock whose moment comes before the next sweep a timer (no-op otherwise)."""
    if moment is None or moment > timezone.now() + LOOKAHEAD:
        return
    from ..tasks import check_clock

    check_clock.schedule(args=(clock_id,), eta=moment)
