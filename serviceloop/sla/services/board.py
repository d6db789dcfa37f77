"""The supervisors' service-level board: what breaks within the hour, what broke today, and where.

Every figure comes from the clocks' indexes (running clocks by due time, breached clocks by breach
time), never from a pass over the open tickets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from serviceloop.accounts.models import Team, User
from serviceloop.core import policy
from serviceloop.tickets.models import Ticket

from ..models import SlaClock

AT_RISK_WITHIN = timedelta(hours=1)
LISTED = 50
_RELATED = ("ticket", "ticket__organisation", "ticket__assignee", "ticket__team")


@dataclass
class Line:
    """A team's or an engineer's figures."""

    name: str
    at_risk: int
    overdue: int
    breached_today: int


@dataclass
class Board:
    at_risk: list[SlaClock]
    breached_today: list[SlaClock]
    overdue_count: int
    kept_today: int
    broken_today: int
    by_team: list[Line]
    by_engineer: list[Line]

    @property
    def kept_percent(self) -> int | None:
        total = self.kept_today + self.broken_today
        return round(100 * self.kept_today / total) if total else None


def _visible(user: Any, clocks: QuerySet) -> QuerySet:
    if policy.is_staff(user):  # staff see every ticket: no subquery
        return clocks
    return clocks.filter(ticket__in=policy.visible_tickets(user, Ticket.objects.all()).values("pk"))


def _lines(clocks: QuerySet, key: str, model: Any, conditions: dict[str, Q]) -> list[Line]:
    rows = list(
        clocks.filter(conditions["any"])
        .exclude(**{f"{key}__isnull": True})
        .values(key)
        .annotate(**{name: Count("pk", filter=q) for name, q in conditions.items() if name != "any"})
        .order_by("-overdue", "-at_risk", "-breached_today", key)
    )
    names = {obj.pk: str(obj) for obj in model.objects.filter(pk__in=[row[key] for row in rows])}
    return [
        Line(names.get(row[key], ""), row["at_risk"], row["overdue"], row["breached_today"]) for row in rows
    ]


def board(user: Any, now: datetime) -> Board:
    clocks = _visible(user, SlaClock.objects.all())
    start_of_day = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    running = Q(state=SlaClock.State.RUNNING)
    at_risk = running & Q(due_at__gt=now, due_at__lte=now + AT_RISK_WITHIN)
    overdue = running & Q(due_at__lte=now)
    broken = Q(breached_at__gte=start_of_day)
    conditions = {"any": at_risk | overdue | broken, "at_risk": at_risk, "overdue": overdue,
                  "breached_today": broken}  # fmt: skip
    met_today = clocks.filter(met_at__gte=start_of_day)
    return Board(
        at_risk=list(clocks.filter(at_risk).select_related(*_RELATED).order_by("due_at")[:LISTED]),
        breached_today=list(
            clocks.filter(broken).select_related(*_RELATED).order_by("-breached_at")[:LISTED]
        ),
        overdue_count=clocks.filter(overdue).count(),
        kept_today=met_today.filter(breached_at__isnull=True).count(),
        broken_today=clocks.filter(broken).count(),
        by_team=_lines(clocks, "ticket__team", Team, conditions),
        by_engineer=_lines(clocks, "ticket__assignee", User, conditions),
    )
