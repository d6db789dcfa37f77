"""Changing a ticket's fields: classification, assignment, subject, tags."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from serviceloop.accounts.models import Team, User
from serviceloop.core import events, policy
from serviceloop.core.errors import Forbidden, InvalidInput
from serviceloop.customers.models import Contact, Machine, ProductModule

from ..models import Category, Channel, FaultType, Impact, Ticket, Urgency
from ..priority import priority_for
from . import validation as v
from .history import record
from .search_document import refresh_search_document
from .tagging import clean_tags, set_tags
from .versioned import save_versioned

_REFERENCES = {
    "contact_id": Contact,
    "machine_id": Machine,
    "product_module_id": ProductModule,
    "fault_type_id": FaultType,
    "team_id": Team,
    "assignee_id": User,
}
_CHOICES = {"category": Category, "urgency": Urgency, "impact": Impact}
EDITABLE_FIELDS = frozenset({"subject", "tags", *_REFERENCES, *_CHOICES})
_ASSIGNMENT_FIELDS = {"team_id", "assignee_id"}


def _clean(ticket: Ticket, name: str, value: Any) -> Any:
    if name == "subject":
        return v.text(value, "subject", max_length=255)
    if name in _CHOICES:
        return v.choice(value, _CHOICES[name], name)
    obj = v.resolve(_REFERENCES[name], value, name)
    if obj is None:
        return None
    if name in {"contact_id", "machine_id"} and obj.organisation_id != ticket.organisation_id:
        raise InvalidInput(
            _("%(field)s: that belongs to another organisation.") % {"field": name}, field=name
        )
    if name == "assignee_id" and not policy.can_use_console(obj):
        raise InvalidInput(_("assignee_id: tickets can only be assigned to service staff."), field=name)
    if name == "product_module_id" and ticket.product_model and obj.line_id != ticket.product_model.line_id:
        raise InvalidInput(_("product_module_id: that module is not part of this product line."), field=name)
    return obj.pk


def update_ticket(
    actor: Any,
    ticket: Ticket,
    changes: dict[str, Any],
    *,
    expected_version: int | None = None,
    channel: str = Channel.CONSOLE,
) -> Ticket:
    """Apply `changes` (field -> new value) and write one history row per changed field."""
    if not policy.can_edit_ticket(actor):
        raise Forbidden(_("You may not change this ticket."))
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise InvalidInput(_("These fields cannot be changed here: %(fields)s.")
                           % {"fields": ", ".join(sorted(unknown))}, field=sorted(unknown)[0])  # fmt: skip
    tags = changes.pop("tags", None)
    new = {name: _clean(ticket, name, value) for name, value in changes.items()}
    diff = {name: value for name, value in new.items() if getattr(ticket, name) != value}
    if "machine_id" in diff and diff["machine_id"] is not None:
        diff["product_model_id"] = Machine.objects.values_list("model_id", flat=True).get(
            pk=diff["machine_id"]
        )
    if {"urgency", "impact"} & diff.keys():
        diff["priority"] = priority_for(new.get("urgency", ticket.urgency), new.get("impact", ticket.impact))
    old = {name: getattr(ticket, name) for name in diff}
    old_tags = sorted(ticket.tags.values_list("name", flat=True)) if tags is not None else []
    new_tags = sorted(clean_tags(tags)) if tags is not None else []
    with transaction.atomic():
        if diff or new_tags != old_tags:
            save_versioned(ticket, diff, expected_version)
        for name, value in diff.items():
            event = events.TICKET_ASSIGNED if name in _ASSIGNMENT_FIELDS else events.TICKET_UPDATED
            record(ticket, event, actor, channel, field=name.removesuffix("_id"), old=old[name], new=value)
        if tags is not None and new_tags != old_tags:
            set_tags(ticket, new_tags)
            record(ticket, events.TICKET_UPDATED, actor, channel, field="tags", old=" ".join(old_tags),
                   new=" ".join(new_tags))  # fmt: skip
        if {"subject", "machine_id", "contact_id"} & diff.keys():
            refresh_search_document(ticket)
    return ticket


def assign(actor: Any, ticket: Ticket, *, team_id: Any = None, assignee_id: Any = None,
           expected_version: int | None = None, channel: str = Channel.CONSOLE) -> Ticket:  # fmt: skip
    """Hand the ticket to a team and/or a person."""
    return update_ticket(
        actor, ticket, {"team_id": team_id, "assignee_id": assignee_id},
        expected_version=expected_version, channel=channel,
    )  # fmt: skip


def change_by_rule(ticket: Ticket, changes: dict[str, Any], *, rule: str) -> dict[str, Any]:
    """Apply a change an automatic rule decided (an escalation, say): no person's permissions apply.

    Only `team_id`, `assignee_id` and `priority` may change this way. Each changed field gets a
    history row without an actor, naming the rule; returns the fields that really changed."""
    allowed = {"team_id", "assignee_id", "priority"}
    if set(changes) - allowed:
        raise ValueError(f"a rule may change only {sorted(allowed)}")
    diff = {name: value for name, value in changes.items() if getattr(ticket, name) != value}
    old = {name: getattr(ticket, name) for name in diff}
    with transaction.atomic():
        if diff:
            save_versioned(ticket, diff, None)
        for name, value in diff.items():
            event = events.TICKET_ASSIGNED if name in ("team_id", "assignee_id") else events.TICKET_UPDATED
            record(ticket, event, None, "", field=name.removesuffix("_id"), old=old[name], new=value,
                   data={"rule": rule})  # fmt: skip
    return diff
