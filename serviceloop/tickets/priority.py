"""Priority from urgency and impact: 1 is the most urgent. A stopped business is always priority 1."""

from .models.ticket import Impact, Urgency

_MATRIX: dict[tuple[str, str], int] = {
    (Impact.STOPPED, Urgency.CRITICAL): 1,
    (Impact.STOPPED, Urgency.HIGH): 1,
    (Impact.STOPPED, Urgency.NORMAL): 1,
    (Impact.STOPPED, Urgency.LOW): 1,
    (Impact.DEGRADED, Urgency.CRITICAL): 2,
    (Impact.DEGRADED, Urgency.HIGH): 2,
    (Impact.DEGRADED, Urgency.NORMAL): 3,
    (Impact.DEGRADED, Urgency.LOW): 3,
    (Impact.MINOR, Urgency.CRITICAL): 2,
    (Impact.MINOR, Urgency.HIGH): 3,
    (Impact.MINOR, Urgency.NORMAL): 4,
    (Impact.MINOR, Urgency.LOW): 4,
}

PRIORITY_LABELS = {1: "P1", 2: "P2", 3: "P3", 4: "P4"}


def priority_for(urgency: str, impact: str) -> int:
    return _MATRIX[(impact, urgency)]
