"""Which SLA policy a ticket is under: the first active one whose conditions all hold."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection

from serviceloop.tickets.models import Ticket

from ..models import BusinessCalendar, Emergency, SlaPolicy, SlaTarget, Warranty

_STAMP_SQL = "SELECT 'p', id, revision FROM {p} UNION ALL SELECT 'c', id, revision FROM {c} ORDER BY 1, 2"
_cached: tuple[tuple[Any, ...], list[SlaPolicy]] | None = None


def _stamp() -> tuple[Any, ...]:
    """Every policy's and calendar's revision: a new one marks any change of them, their targets,
    conditions, hours or days. A few dozen short rows, read instead of four tables."""
    quote = connection.ops.quote_name
    sql = _STAMP_SQL.format(p=quote(SlaPolicy._meta.db_table), c=quote(BusinessCalendar._meta.db_table))
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(cursor.fetchall())


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
    for policy in active_policies() if policies is None else policies:
        if matches(policy, ticket):
            return policy
    return None


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
