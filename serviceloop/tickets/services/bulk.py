"""Changing many tickets at once, as a desk does from its queue.

Each ticket goes through the same service a single change would (`update_ticket`, `transition`), in
a transaction of its own: a ticket the service refuses (an illegal move, a missing permission, a
change someone else made meanwhile) is reported and never undoes or blocks the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from serviceloop.core import policy
from serviceloop.core.errors import Forbidden, InvalidInput, ServiceError

from ..models import Ticket
from .changes import update_ticket
from .tagging import clean_tags, tag_names
from .transitions import transition

MAX_TICKETS = 100
# The moves that read the same on fifty tickets as on one: the others ask for a reason, a plan or a
# target ticket, which a bulk change cannot give each ticket.
LIFECYCLE_ACTIONS = ("take", "resolve", "close", "reopen", "cancel")
# Changes of fields, made through `update_ticket`.
FIELD_CHANGES = ("assign", "team", "classify", "tags")


@dataclass(frozen=True)
class TicketRef:
    """A ticket as the list showed it: its number, and the version it had then (None: as it is now)."""

    number: str
    version: int | None = None


@dataclass(frozen=True)
class Change:
    """The one change made to every selected ticket.

    `kind` is a field change (assign, team, classify, tags) or a lifecycle action (take, close...);
    the other attributes carry the values the kind needs."""

    kind: str
    assignee_id: int | None = None
    team_id: int | None = None
    urgency: str = ""
    impact: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """What happened to one ticket: changed, or refused with the service's message."""

    number: str
    ok: bool
    message: str


def apply_to_many(actor: Any, refs: Sequence[TicketRef], change: Change) -> list[Outcome]:
    """Make `change` to each ticket `refs` names, in the order given; one outcome per ticket.

    Tickets the actor may not see are "not found", as any unknown number, so that another
    organisation's tickets are not revealed."""
    if not policy.can_edit_ticket(actor):
        raise Forbidden(_("You may not change tickets in bulk."))
    refs = _unique(refs)
    if not refs:
        raise InvalidInput(_("Select at least one ticket."), field="tickets")
    if len(refs) > MAX_TICKETS:
        raise InvalidInput(
            _("At most %(max)s tickets can be changed at once; %(count)s were selected.")
            % {"max": MAX_TICKETS, "count": len(refs)},
            field="tickets",
        )
    _check(change)
    tickets = _read(actor, [ref.number for ref in refs], change)
    return [_apply_one(actor, tickets.get(ref.number), ref, change) for ref in refs]


def _unique(refs: Sequence[TicketRef]) -> list[TicketRef]:
    """The refs with normalised numbers, each ticket once (the first version given for it wins)."""
    seen: dict[str, TicketRef] = {}
    for ref in refs:
        number = str(ref.number).strip().upper()
        seen.setdefault(number, TicketRef(number, ref.version))
    return list(seen.values())


def _check(change: Change) -> None:
    """Refuse a change that could not succeed on any ticket before touching one."""
    if change.kind in LIFECYCLE_ACTIONS or change.kind in ("assign", "team"):
        return
    if change.kind == "classify":
        if not (change.urgency or change.impact):
            raise InvalidInput(_("Choose an urgency or an impact."), field="urgency")
        return
    if change.kind == "tags":
        if not clean_tags(list(change.tags)):
            raise InvalidInput(_("Name at least one tag to add."), field="tags")
        return
    raise InvalidInput(_("Unknown bulk change %(kind)s.") % {"kind": repr(change.kind)}, field="change")


def _read(actor: Any, numbers: list[str], change: Change) -> dict[str, Ticket]:
    """The selected tickets the actor may see, in one query (and one more for tags when adding tags)."""
    tickets = policy.visible_tickets(actor, Ticket.objects.filter(number__in=numbers))
    tickets = tickets.defer("search_document").order_by()
    if change.kind == "tags":
        tickets = tickets.prefetch_related("tags")
    return {ticket.number: ticket for ticket in tickets}


def _apply_one(actor: Any, ticket: Ticket | None, ref: TicketRef, change: Change) -> Outcome:
    if ticket is None:
        return Outcome(ref.number, False, _("not found"))
    try:
        with transaction.atomic():
            _change(actor, ticket, ref.version, change)
    except ServiceError as exc:
        return Outcome(ticket.number, False, exc.message)
    return Outcome(ticket.number, True, _("done"))


def _change(actor: Any, ticket: Ticket, version: int | None, change: Change) -> None:
    if change.kind in LIFECYCLE_ACTIONS:
        transition(actor, ticket, change.kind, expected_version=version)
        return
    update_ticket(actor, ticket, _fields(ticket, change), expected_version=version)


def _fields(ticket: Ticket, change: Change) -> dict[str, Any]:
    """The field changes `update_ticket` takes; priority follows urgency and impact there."""
    if change.kind == "assign":
        return {"assignee_id": change.assignee_id}
    if change.kind == "team":
        return {"team_id": change.team_id}
    if change.kind == "classify":
        fields = {"urgency": change.urgency, "impact": change.impact}
        return {name: value for name, value in fields.items() if value}
    # Adding keeps the tags the ticket has: `update_ticket` takes the whole new list.
    return {"tags": tag_names(ticket) + list(change.tags)}


def summary(outcomes: Sequence[Outcome]) -> tuple[int, int]:
    """How many tickets were changed and how many refused."""
    changed = sum(1 for outcome in outcomes if outcome.ok)
    return changed, len(outcomes) - changed
