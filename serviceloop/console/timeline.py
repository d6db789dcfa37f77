"""A ticket's timeline: its messages and its history merged in time order, with readable values."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from serviceloop.accounts.models import Team, User
from serviceloop.core import events
from serviceloop.customers.models import Contact, Machine, ProductModel, ProductModule
from serviceloop.routing.models import Tier
from serviceloop.solutions.models import PlanState
from serviceloop.tickets import lifecycle
from serviceloop.tickets.models import (
    Attachment,
    Category,
    Channel,
    FaultType,
    Impact,
    Message,
    Status,
    Ticket,
    TicketEvent,
    Urgency,
)
from serviceloop.tickets.priority import PRIORITY_LABELS
from serviceloop.tickets.services import visible_messages

from . import service_events

# Each message's files, as `message.files` (a list: no related manager built per message).
FILES = Prefetch("attachments", to_attr="files")
# A reply or a note shows up as the message itself; its history row would only repeat it.
_SHOWN_AS_MESSAGE = (events.TICKET_REPLIED, events.TICKET_NOTE_ADDED)
_FIELD_LABELS: dict[str, Any] = {
    "status": _("status"),
    "team": _("team"),
    "assignee": _("assignee"),
    "category": _("category"),
    "urgency": _("urgency"),
    "impact": _("impact"),
    "priority": _("priority"),
    "machine": _("machine"),
    "contact": _("contact"),
    "product_module": _("product module"),
    "product_model": _("product model"),
    "fault_type": _("fault type"),
    "tags": _("tags"),
    "subject": _("subject"),
    "solution_plan": _("solution plan"),
    "tier": _("tier"),
}
_CHOICES: dict[str, Any] = {
    "status": Status,
    "category": Category,
    "urgency": Urgency,
    "impact": Impact,
    "solution_plan": PlanState,
    "tier": Tier,
}
_REFERENCES: dict[str, Callable[[], QuerySet]] = {
    "team": Team.objects.all,
    "assignee": User.objects.all,
    "machine": lambda: Machine.objects.select_related("model"),
    "contact": Contact.objects.all,
    "product_module": ProductModule.objects.all,
    "product_model": ProductModel.objects.all,
    "fault_type": FaultType.objects.all,
}


@dataclass
class Entry:
    at: datetime
    message: Message | None = None
    files: list[Attachment] = dataclasses.field(default_factory=list)  # the message's
    event: TicketEvent | None = None
    text: Any = ""
    old: str = ""
    new: str = ""
    comment: str = ""

    @property
    def channel_label(self) -> str:
        channel = self.event.channel if self.event else ""
        return str(Channel(channel).label) if channel in Channel.values else channel


def _reference_names(rows: Iterable[TicketEvent]) -> dict[tuple[str, str], str]:
    """Names for the ids history stores, one query per kind of reference, never one per row."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for row in rows:
        if row.field in _REFERENCES:
            wanted[row.field].update(int(v) for v in (row.old_value, row.new_value) if v.isdigit())
    names = {}
    for field, ids in wanted.items():
        for obj in _REFERENCES[field]().filter(pk__in=ids):
            names[(field, str(obj.pk))] = str(obj)
    return names


def _readable(field: str, value: str, names: dict[tuple[str, str], str]) -> str:
    if not value:
        return ""
    if field in _CHOICES:
        choices = _CHOICES[field]
        return str(choices(value).label) if value in choices.values else value
    if field == "priority" and value.isdigit():
        return PRIORITY_LABELS.get(int(value), value)
    return names.get((field, value), value)


def _describe(row: TicketEvent) -> Any:
    if row.name == events.TICKET_CREATED:
        return _("opened the ticket")
    if row.name == events.TICKET_TRANSITIONED:
        action = lifecycle.ACTIONS.get(row.data.get("action", ""))
        return action.label if action else _("changed the status")
    if row.field:
        return _("changed %(field)s") % {"field": _FIELD_LABELS.get(row.field, row.field)}
    return row.name


def _event_entry(row: TicketEvent, names: dict[tuple[str, str], str]) -> Entry:
    service = service_events.describe(row)
    if service is not None:
        old, new = (row.old_value, row.new_value) if row.name == events.SLA_POLICY_APPLIED else ("", "")
        return Entry(at=row.at, event=row, text=service[0], comment=service[1], old=old, new=new)
    comment = str(row.data.get("comment", ""))
    if row.data.get("merged_into"):
        merged = str(_("Merged into %(n)s.") % {"n": row.data["merged_into"]})
        comment = f"{comment} {merged}" if comment else merged
    return Entry(
        at=row.at,
        event=row,
        text=_describe(row),
        comment=comment,
        old=_readable(row.field, row.old_value, names),
        new=_readable(row.field, row.new_value, names),
    )


def build_timeline(user: Any, ticket: Ticket) -> list[Entry]:
    """Messages the user may see and the ticket's history, oldest first."""
    shown = visible_messages(user, ticket).prefetch_related(None).prefetch_related(FILES)
    messages = [Entry(at=m.created_at, message=m, files=m.files) for m in shown]  # type: ignore[attr-defined]
    rows = list(
        TicketEvent.objects.filter(ticket=ticket).exclude(name__in=_SHOWN_AS_MESSAGE).select_related("actor")
    )
    names = _reference_names(rows)
    entries = messages + [_event_entry(row, names) for row in rows]
    # At the same instant the message comes first: "opened the ticket" follows its first message.
    entries.sort(key=lambda e: (e.at, e.message is None, (e.message or e.event).pk))  # type: ignore[union-attr]
    return entries
