"""What the faces show of a ticket's service levels."""

from __future__ import annotations

from ..metrics import Metric
from ..models import SlaClock

_ORDER = {metric: position for position, metric in enumerate(Metric.values)}


def ticket_clocks(ticket_id: int) -> list[SlaClock]:
    """The ticket's clocks in the order of the metrics (first response first)."""
    found = SlaClock.objects.filter(ticket_id=ticket_id)
    return sorted(found, key=lambda clock: _ORDER.get(clock.metric, len(_ORDER)))
