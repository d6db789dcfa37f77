"""Which SLA policy a ticket is under: the first active one whose conditions all hold."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import Model

from serviceloop.tickets.models import Ticket

from ..models import BusinessCalendar, Emergency, SlaPolicy, SlaTarget, TicketPolicy, Warranty

_STAMP_PART = "SELECT '{tag}', id, revision FROM {table}"
_cached: tuple[tuple[Any, ...], list[SlaPolicy]] | None = None
# Other caches of rarely changed rows (routing rules) whose revisions come with the same read, so a
# new ticket costs one small query for all of them: tag -> model with `id` and `revision` columns.
_shared: dict[str, type[Model]] = {}
_last = threading.local()
_RECENT_SECONDS = 1.0


def share_stamp(tag: str, model: type[Model]) -> None:
    """Read the revisions of `model`'s rows along with the policies' (see `recent_stamp`)."""
    _shared[tag] = model


def _stamp() -> tuple[Any, ...]:
    """Every policy's and calendar's revision: a new one marks any change of them, their targets,
    conditions, hours or days. A few dozen short rows, read instead of four tables."""
    quote = connection.ops.quote_name
    tables: dict[str, type[Model]] = {"p": SlaPolicy, "c": BusinessCalendar, **_shared}
    parts = [_STAMP_PART.format(tag=tag, table=quote(model._meta.db_table)) for tag, model in tables.items()]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts) + " ORDER BY 1, 2")
        stamp = tuple(cursor.fetchall())
    _last.read = (time.monotonic(), stamp)
    return stamp


def recent_stamp() -> tuple[Any, ...]:
    """The revisions this thread read within the last second, or read now. At a ticket's creation
    the service levels read them moments before (they subscribe first), so a later subscriber need
    not read again; an older reading is never trusted."""
    read = getattr(_last, "read", None)
    if read is None or time.monotonic() - read[0] > _RECENT_SECONDS:
        return _stamp()
    return read[1]


def read_stamp() -> tuple[Any, ...]:
    """The revisions as they are now."""
    return _stamp()


def active_policies() -> list[SlaPolicy]:
    """The active policies in order, with all a match needs; reloaded only after a change.

    Every new ticket needs them, so a process keeps them and checks one small query's answer
    instead of loading four tables each time."""
    global _cached
    stamp = _stamp()
    if _cached is None or _cached[0] != stamp:
        policies = list(
            SlaPolicy.objects.filter(is_active=True)
            .select_related("calendar")
            .prefetch_related(
                "organisations", "product_lines", "teams", "targets__calendar", "escalation_levels"
            )
        )
        _cached = (stamp, policies)
    return _cached[1]


def active_policy(pk: int | None) -> SlaPolicy | None:
    """One active policy as `active_policies` keeps it; None for an inactive or deleted one."""
    return next((policy for policy in active_policies() if policy.pk == pk), None)


def _warranty(ticket: Ticket) -> str | None:
    machine = ticket.machine
    if machine is None or machine.warranty_end is None:
        return None  # unknown: only a policy for any warranty applies
    return Warranty.IN if ticket.received_at.date() <= machine.warranty_end else Warranty.OUT


def _folded(values: Iterable[Any]) -> set[str]:
    return {str(v).strip().casefold() for v in values}


# The ticket fields (as the history names them) that `matches` reads, directly or through a row they
# point to: a change to any other field (its subject, tags, contact, module) never needs a re-match.
MATCHED_FIELDS = frozenset(
    {"organisation", "channel", "category", "priority", "urgency", "impact", "machine", "product_model",
     "team", "received_at"}
)  # fmt: skip


def matches(policy: SlaPolicy, ticket: Ticket) -> bool:
    organisation = ticket.organisation
    checks = (
        not policy.tiers or organisation.tier in policy.tiers,
        not policy.countries or organisation.country.casefold() in _folded(policy.countries),
        not policy.regions or organisation.region.strip().casefold() in _folded(policy.regions),
        not policy.channels or ticket.channel in policy.channels,
        not policy.categories or ticket.category in policy.categories,
        not policy.priorities or ticket.priority in policy.priorities,
        policy.emergency == Emergency.ANY or (policy.emergency == Emergency.YES) == ticket.is_emergency,
        policy.warranty == Warranty.ANY or policy.warranty == _warranty(ticket),
    )
    if not all(checks):
        return False
    organisations = {o.pk for o in policy.organisations.all()}
    if organisations and ticket.organisation_id not in organisations:
        return False
    teams = {team.pk for team in policy.teams.all()}
    if teams and ticket.team_id not in teams:
        return False
    lines = {line.pk for line in policy.product_lines.all()}
    return not lines or (ticket.product_model is not None and ticket.product_model.line_id in lines)


def policy_for(ticket: Ticket, policies: list[SlaPolicy] | None = None) -> SlaPolicy | None:
    """The first policy whose conditions the ticket meets (a routing rule's choice is kept apart, see
    `kept_choice`)."""
    for policy in active_policies() if policies is None else policies:
        if matches(policy, ticket):
            return policy
    return None


def kept_choice(applied: TicketPolicy) -> SlaPolicy | None:
    """The policy a routing rule chose for the ticket, while that policy is active."""
    return active_policy(applied.chosen_id) if applied.chosen_id else None


def choose_policy(ticket: Ticket, policy: SlaPolicy, at: datetime) -> bool:
    """Put the ticket under `policy` whatever its conditions say (a routing rule chose it) and move
    its clocks to the new targets; later re-matching keeps it. True if the ticket is now under it and
    was not before (an inactive policy is not applied; matching goes on as before).

    Called inside the ticket's transaction, after `ticket_created`."""
    from .tracking import ticket_changed  # tracking builds on this module

    applied = TicketPolicy.objects.filter(ticket_id=ticket.pk)
    before = applied.values_list("policy_id", flat=True).first()
    applied.update(chosen=policy)
    ticket_changed(ticket.pk, at)
    ticket.due_at = Ticket.objects.values_list("due_at", flat=True).get(pk=ticket.pk)
    after = applied.values_list("policy_id", flat=True).first()
    return after == policy.pk and before != after


def target_for(policy: SlaPolicy | None, metric: str, ticket: Ticket) -> SlaTarget | None:
    """The policy's target for `metric`, the one for the customer's region first."""
    if policy is None:
        return None
    region = ticket.organisation.region.strip().casefold()
    general = None
    for target in policy.targets.all():
        if target.metric != metric:
            continue
        if not target.region:
            general = target
        elif target.region.strip().casefold() == region:
            return target
    return general
