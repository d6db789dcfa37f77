"""What the faces show of a ticket's service levels."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..metrics import Metric
from ..models import SlaClock

_ORDER = {metric: position for position, metric in enumerate(Metric.values)}


def ticket_clocks(ticket_id: int) -> list[SlaClock]:
    """The ticket's clocks in the order of the metrics (first response first)."""
    found = SlaClock.objects.filter(ticket_id=ticket_id)
    return sorted(found, key=lambda clock: _ORDER.get(clock.metric, len(_ORDER)))


@dataclass(frozen=True)
class ClockRow:
    """One line of the ticket page's service-level panel."""

    label: Any  # the metric's name, translated when shown
    state: str  # running, overdue, paused, met, met_late, stopped
    due_at: datetime | None
    met_at: datetime | None
    minutes_left: int  # working minutes, for a paused clock


def clock_rows(ticket_id: int, now: datetime) -> list[ClockRow]:
    rows = []
    for clock in ticket_clocks(ticket_id):
        state = clock.state
        if state == SlaClock.State.RUNNING and clock.due_at is not None and clock.due_at <= now:
            state = "overdue"
        elif state == SlaClock.State.MET and clock.breached_at is not None:
            state = "met_late"
        left = max(clock.target_seconds - clock.elapsed_seconds, 0) // 60
        rows.append(ClockRow(Metric(clock.metric).label, state, clock.due_at, clock.met_at, int(left)))
    return rows
