"""Ticket lists: the named views of the console, filters and sort orders, shared by console and API."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from serviceloop.core import policy
from serviceloop.core.errors import InvalidInput

from ..models import Status, Ticket
from ..models.ticket import OPEN_STATUS_LIST
from ..priority import PRIORITY_LABELS
from . import validation as v
from .queries import search_tickets

# Named views: what an agent means by "my tickets", "unassigned" and so on.
VIEWS = ("mine", "team", "unassigned", "escalated", "awaiting_approval", "pending_customer", "open", "all")

# Deadline filters, on the ticket's next deadline (the earliest due time of its running clocks).
DEADLINES = ("breached", "due_soon")
DUE_SOON = timedelta(hours=1)

SORTS: dict[str, list[Any]] = {
    "priority": ["priority", "due_sort", "received_at", "id"],
    "due": ["due_sort", "priority", "id"],
    "newest": ["-received_at", "-id"],
    "oldest": ["received_at", "id"],
    "updated": ["-updated_at", "-id"],
}


@dataclass
class TicketFilter:
    view: str = "open"
    status: list[str] = field(default_factory=list)
    team_id: int | None = None
    assignee_id: int | None = None
    priority: list[int] = field(default_factory=list)
    channel: str = ""
    product_model_id: int | None = None
    organisation_id: int | None = None
    received_from: date | datetime | None = None
    received_to: date | datetime | None = None
    q: str = ""
    deadline: str = ""
    sort: str = "priority"


def _start_of(value: date | datetime, field: str, *, next_day: bool = False) -> datetime:
    """The instant a date filter (its midnight here, or the next one) or a datetime filter names."""
    if not isinstance(value, datetime):
        try:
            value = datetime.combine(value + timedelta(days=1) if next_day else value, time.min)
        except OverflowError as exc:  # the day after 9999-12-31
            raise InvalidInput(
                _("%(field)s: %(value)s is out of the range we can store.")
                % {"field": field, "value": value},
                field=field,
            ) from exc
    return v.instant(value, field)


def _view(user: Any, qs: QuerySet, view: str) -> QuerySet:
    open_statuses = OPEN_STATUS_LIST
    if view == "all":
        return qs
    if view == "mine":
        return qs.filter(assignee_id=user.pk, status__in=open_statuses)
    if view == "team":
        return qs.filter(team__members=user, status__in=open_statuses)
    if view == "unassigned":
        return qs.filter(assignee__isnull=True, status__in=open_statuses)
    if view == "escalated":
        return qs.filter(status=Status.ESCALATED)
    if view == "awaiting_approval":
        return qs.filter(status=Status.SOLUTION_PROPOSED)
    if view == "pending_customer":
        return qs.filter(status=Status.PENDING_CUSTOMER)
    return qs.filter(status__in=open_statuses)


_ID_FILTERS = ("team_id", "assignee_id", "product_model_id", "organisation_id")


def _check(f: TicketFilter) -> None:
    """Raise InvalidInput naming the first filter that cannot be asked of the database."""
    for name in ("q", "channel", "view", "sort", "status", "deadline"):
        # Refused rather than searched for: PostgreSQL cannot even compare text holding a NUL.
        v.reject_nul(getattr(f, name), name)
    for name in _ID_FILTERS:
        # Ids are positive 64-bit numbers; SQLite cannot even bind a larger one, PostgreSQL can.
        value = getattr(f, name)
        if value is not None and not 1 <= value <= v.MAX_ID:
            raise InvalidInput(
                _("%(field)s: %(value)s is not an id.") % {"field": name, "value": value}, field=name
            )
    if f.view not in VIEWS:
        raise InvalidInput(
            _("%(field)s: %(value)s is not one of %(choices)s.")
            % {"field": "view", "value": repr(f.view), "choices": ", ".join(VIEWS)},
            field="view",
        )
    if f.deadline and f.deadline not in DEADLINES:
        raise InvalidInput(
            _("%(field)s: %(value)s is not one of %(choices)s.")
            % {"field": "deadline", "value": repr(f.deadline), "choices": ", ".join(DEADLINES)},
            field="deadline",
        )
    if f.sort not in SORTS:
        raise InvalidInput(
            _("%(field)s: %(value)s is not one of %(choices)s.")
            % {"field": "sort", "value": repr(f.sort), "choices": ", ".join(SORTS)},
            field="sort",
        )
    bad_status = set(f.status) - set(Status.values)
    if bad_status:
        raise InvalidInput(
            _("status: unknown %(values)s.") % {"values": ", ".join(sorted(bad_status))}, field="status"
        )
    # Checked, not only matched: SQLite cannot even bind a number beyond 64 bits.
    bad_priority = set(f.priority) - set(PRIORITY_LABELS)
    if bad_priority:
        raise InvalidInput(
            _("priority: unknown %(values)s; use %(choices)s.")
            % {
                "values": ", ".join(map(str, sorted(bad_priority))),
                "choices": ", ".join(map(str, PRIORITY_LABELS)),
            },
            field="priority",
        )


def filter_tickets(user: Any, f: TicketFilter, base: QuerySet | None = None) -> QuerySet:
    """The tickets `user` may see that match `f`, sorted; raises InvalidInput naming a bad filter."""
    _check(f)
    qs = policy.visible_tickets(user, base if base is not None else Ticket.objects.all())
    qs = _view(user, qs, f.view)
    exact = {
        "status__in": f.status,
        "team_id": f.team_id,
        "assignee_id": f.assignee_id,
        "priority__in": f.priority,
        "channel": f.channel,
        "product_model_id": f.product_model_id,
        "organisation_id": f.organisation_id,
    }
    qs = qs.filter(**{k: v for k, v in exact.items() if v not in (None, "", [])})
    if f.received_from:
        qs = qs.filter(received_at__gte=_start_of(f.received_from, "received_from"))
    if f.received_to:
        qs = qs.filter(received_at__lt=_start_of(f.received_to, "received_to", next_day=True))
    if f.deadline:
        now = timezone.now()
        if f.deadline == "breached":
            qs = qs.filter(due_at__lte=now)
        else:
            qs = qs.filter(due_at__gt=now, due_at__lte=now + DUE_SOON)
    if f.q.strip():
        qs = search_tickets(qs, f.q)
    return qs.order_by(*SORTS[f.sort])


def pinned_tickets(user: Any) -> QuerySet:
    """Open tickets pinned above every queue (an emergency nobody has taken), oldest pin first.

    Shown to everyone who may see them whatever view or filter they chose: that is the point."""
    pinned = Ticket.objects.filter(pinned_at__isnull=False, status__in=OPEN_STATUS_LIST)
    return policy.visible_tickets(user, pinned).order_by("pinned_at", "id")
