"""A policy's chain or a calendar changed: place the deadlines of the clocks that run on it again.

A clock keeps the target it started with (a promise made is not rewritten), but where its due time
falls depends on the calendar (a holiday imported today moves tomorrow's deadlines) and what happens
after a breach depends on the policy's chain (a level added now applies to tickets overdue now)."""

from __future__ import annotations

from django.db import transaction

from serviceloop.tickets.models import Ticket

from ..models import SlaClock
from . import clocks
from .tracking import refresh_due_at


def after_change(*, policy_id: int | None = None, calendar_id: int | None = None) -> None:
    """Once the change is committed, re-place the running clocks of that policy or calendar."""
    from ..tasks import replace_clocks

    transaction.on_commit(lambda: replace_clocks(policy_id=policy_id, calendar_id=calendar_id))


def replace_running(*, policy_id: int | None = None, calendar_id: int | None = None) -> int:
    """Re-place every running clock of the policy or calendar; returns how many moved."""
    running = SlaClock.objects.filter(state=SlaClock.State.RUNNING)
    if policy_id is not None:
        running = running.filter(policy_id=policy_id)
    if calendar_id is not None:
        running = running.filter(calendar_id=calendar_id)
    moved = 0
    for clock_id, ticket_id in running.values_list("pk", "ticket_id").iterator():
        with transaction.atomic():  # one ticket at a time, locked as the scheduler locks it
            ticket = Ticket.objects.select_for_update(no_key=True).filter(pk=ticket_id).first()
            clock = SlaClock.objects.select_for_update().filter(pk=clock_id).first()
            if ticket is None or clock is None or clock.state != SlaClock.State.RUNNING:
                continue
            before = (clock.due_at, clock.warn_at, clock.next_check_at)
            clocks.place(clock)
            if (clock.due_at, clock.warn_at, clock.next_check_at) != before:
                clock.save(update_fields=["due_at", "warn_at", "next_check_at"])
                refresh_due_at(ticket)
                moved += 1
    return moved
