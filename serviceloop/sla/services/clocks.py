"""Running, pausing and stopping one clock, and placing its warning and due time on its calendar.

Only the scheduler writes `warned_at` and `breached_at` (with conditional updates, so each fires
once); the functions here save them only to start a new cycle, so a clock changed by a ticket event
at the moment its breach fires cannot un-fire it. They reset `escalation_level` for a new cycle or
another policy's chain; the scheduler holds the ticket's lock while it climbs, so the two never meet.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from serviceloop.core.worktime import WorkingTime

from ..models import SlaClock, SlaPolicy, SlaTarget
from .calendars import working_time
from .escalation import next_level

_SCHEDULE_FIELDS = ["due_at", "warn_at", "next_check_at"]


def clock_time(clock: SlaClock) -> WorkingTime:
    return working_time(clock.calendar if clock.business_hours else None)


def elapsed_at(clock: SlaClock, at: datetime) -> float:
    """Working seconds the clock has used by `at`."""
    if clock.running_since is None:
        return clock.elapsed_seconds
    return clock.elapsed_seconds + clock_time(clock).between(clock.running_since, at)


def place(clock: SlaClock) -> None:
    """Set due, warning and next-check times from what is left of the target (running clocks only)."""
    if clock.state != SlaClock.State.RUNNING or clock.running_since is None:
        clock.due_at = clock.warn_at = clock.next_check_at = None
        return
    time = clock_time(clock)
    left = clock.target_seconds - clock.elapsed_seconds
    # Already used up (a shorter target applies now): overdue since the clock last started running.
    clock.due_at = time.add(clock.running_since, left) if left > 0 else clock.running_since
    warn_after = clock.target_seconds * clock.warn_at_percent / 100 - clock.elapsed_seconds
    clock.warn_at = (
        time.add(clock.running_since, warn_after)
        if 0 < clock.warn_at_percent < 100 and warn_after > 0
        else None
    )
    pending = [
        moment
        for moment, fired in ((clock.warn_at, clock.warned_at), (clock.due_at, clock.breached_at))
        if moment is not None and fired is None
    ]
    step = next_level(clock)
    if step is not None:
        pending.append(step[1])
    clock.next_check_at = min(pending, default=None)


def set_target(clock: SlaClock, policy: SlaPolicy, target: SlaTarget) -> None:
    clock.policy = policy
    clock.calendar = target.calendar or policy.calendar
    clock.business_hours = target.business_hours
    clock.target_seconds = target.minutes * 60
    clock.warn_at_percent = policy.warn_at_percent


def new_clock(ticket_id: int, metric: str, policy: SlaPolicy, target: SlaTarget, at: datetime) -> SlaClock:
    clock = SlaClock(ticket_id=ticket_id, metric=metric, started_at=at, running_since=at)
    set_target(clock, policy, target)
    place(clock)
    return clock


def restart(clock: SlaClock, at: datetime) -> None:
    """A new cycle of a recurring promise: the old one's outcome is in the ticket history."""
    clock.state = SlaClock.State.RUNNING
    clock.cycle += 1
    clock.started_at = clock.running_since = at
    clock.elapsed_seconds = clock.paused_seconds = 0
    clock.paused_at = clock.met_at = clock.warned_at = clock.breached_at = None
    clock.escalation_level = 0
    clock.escalation_from = None
    place(clock)
    clock.save()  # a new cycle: the previous cycle's warning and breach no longer apply


def pause(clock: SlaClock, at: datetime) -> None:
    if clock.state != SlaClock.State.RUNNING:
        return
    clock.elapsed_seconds = elapsed_at(clock, at)
    clock.running_since = None
    clock.state = SlaClock.State.PAUSED
    clock.paused_at = at
    place(clock)
    clock.save(update_fields=["elapsed_seconds", "running_since", "state", "paused_at", *_SCHEDULE_FIELDS])


def resume(clock: SlaClock, at: datetime) -> None:
    if clock.state == SlaClock.State.PAUSED and clock.paused_at is not None:
        paused = max(at - clock.paused_at, timedelta(0))
        clock.paused_seconds += paused.total_seconds()
        if clock.escalation_from is not None:
            clock.escalation_from += paused  # the chain waits while the customer has the ball
    elif clock.state != SlaClock.State.MET:  # a met promise runs again when the ticket is reopened
        return
    clock.state = SlaClock.State.RUNNING
    clock.running_since = at
    clock.paused_at = clock.met_at = None
    place(clock)
    clock.save(update_fields=["state", "running_since", "paused_at", "paused_seconds", "met_at",
                              "escalation_from", *_SCHEDULE_FIELDS])  # fmt: skip


def close(clock: SlaClock, at: datetime, state: str = SlaClock.State.MET) -> bool:
    """Meet the promise at `at` (or stop it, owing nothing), in memory; False if it was not live.

    The last due time stays, for reports of how early or late it was met."""
    if clock.state not in (SlaClock.State.RUNNING, SlaClock.State.PAUSED):
        return False
    due_at = clock.due_at
    clock.elapsed_seconds = elapsed_at(clock, at)
    clock.running_since = None
    clock.state = state
    clock.met_at = at if state == SlaClock.State.MET else None
    place(clock)
    clock.due_at = due_at
    return True


def finish(clock: SlaClock, at: datetime, state: str = SlaClock.State.MET) -> None:
    if close(clock, at, state):
        clock.save(update_fields=["elapsed_seconds", "running_since", "state", "met_at", *_SCHEDULE_FIELDS])


def retarget(clock: SlaClock, policy: SlaPolicy, target: SlaTarget, at: datetime) -> None:
    """Another policy now applies: the time used so far counts against the new target."""
    if clock.state == SlaClock.State.RUNNING:
        clock.elapsed_seconds = elapsed_at(clock, at)
        clock.running_since = at
    if clock.policy_id != policy.pk:
        clock.escalation_level = 0  # another policy, another chain: climbed from its first level
    set_target(clock, policy, target)
    place(clock)
    clock.save(
        update_fields=["policy", "calendar", "business_hours", "target_seconds", "warn_at_percent",
                       "elapsed_seconds", "running_since", "escalation_level", *_SCHEDULE_FIELDS]
    )  # fmt: skip
