"""Who in a team may be given a ticket now.

Available: an active member whose role may work on tickets (`policy.can_edit_ticket`: staff, not
quality inspectors), who has no absence covering the moment and is within working hours: their own
weekly hours in their time zone, else the team's hours in the team's zone, else at any time.

Among the available, skills narrow the choice. An empty skill means "anything": someone with no
product lines handles every line, someone with no languages answers in any. Languages match on their
main part, so "zh", "zh-hans" and "zh-CN" are one. When nobody available has both skills, the
choice falls back step by step: those who speak the customer's language (they can ask a colleague
about the machine, a customer cannot be answered in a language nobody speaks), then those who know
the product line, then anyone available. It never falls back to someone away or off work: then
nobody is eligible and the ticket waits in the team's queue.

A team of hundreds is sorted through for every new ticket, so this reads plain values (four small
queries), not model instances: building a few hundred of those would cost more than all the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from django.db.models import Exists, OuterRef

from serviceloop.accounts.models import Absence, PersonalHours, Skills, Team, TeamHours, User
from serviceloop.accounts.models.skills import language_codes
from serviceloop.core import policy
from serviceloop.core.roles import Role
from serviceloop.tickets.models import Ticket

from . import hours


@dataclass
class Member:
    """What eligibility needs to know of a team member."""

    pk: int
    zone: str
    languages: set[str] = field(default_factory=set)
    lines: set[int] = field(default_factory=set)
    hours: list[hours.HoursRow] = field(default_factory=list)


@dataclass(frozen=True)
class _RoleOnly:
    """A stand-in user of one role, to ask the policy which roles may work on tickets."""

    role: str
    is_active: bool = True
    is_authenticated: bool = True


@cache
def _working_roles() -> list[str]:
    return [role.value for role in Role if policy.can_edit_ticket(_RoleOnly(role.value))]


def _main(code: str) -> str:
    return code.split("-")[0].lower()


def _languages(stored: str | None) -> set[str]:
    return {_main(code) for code in language_codes(stored or "")}


def _present_members(team: Team, at: datetime) -> dict[int, Member]:
    away = Absence.objects.filter(user=OuterRef("pk"), starts_at__lte=at, ends_at__gt=at)
    rows = (
        team.members.filter(is_active=True, role__in=_working_roles())
        .exclude(Exists(away))
        .order_by("pk")
        .values_list("pk", "time_zone", "skills__languages")
    )
    members = {
        pk: Member(pk, hours.zone(time_zone, team.time_zone), _languages(languages))
        for pk, time_zone, languages in rows
    }
    # Filtered by the team, not by the ids read: a list of hundreds of ids costs more to send than the join.
    lines = Skills.product_lines.through.objects.filter(skills__user__teams=team)
    for user_id, line_id in lines.values_list("skills__user_id", "productline_id"):
        if user_id in members:
            members[user_id].lines.add(line_id)
    own_hours = PersonalHours.objects.filter(user__teams=team)
    for user_id, *row in own_hours.values_list("user_id", "weekday", "starts", "ends"):
        if user_id in members:
            members[user_id].hours.append(tuple(row))  # type: ignore[arg-type]
    return members


def _available(team: Team, at: datetime) -> list[Member]:
    members = _present_members(team, at)
    usual = hours.working_time(
        hours.zone(team.time_zone),
        TeamHours.objects.filter(team=team).values_list("weekday", "starts", "ends"),
    )
    open_now: dict[object, bool] = {None: True}  # most members share a few weeks: ask each once
    available = []
    for member in members.values():
        own = hours.working_time(member.zone, member.hours) if member.hours else None
        schedule = own or usual
        if schedule not in open_now:
            open_now[schedule] = schedule.is_open(at)  # type: ignore[union-attr]
        if open_now[schedule]:
            available.append(member)
    return available


def ticket_language(ticket: Ticket) -> str:
    """The language the customer is answered in: the contact's, else their organisation's."""
    if ticket.contact_id and ticket.contact and ticket.contact.language:
        return ticket.contact.language
    return ticket.organisation.language if ticket.organisation_id else ""


def eligible_ids(team: Team, ticket: Ticket, at: datetime) -> list[int]:
    """Ids of the available members best suited to `ticket`, in order of id (see the module's text)."""
    available = _available(team, at)
    line = ticket.product_model.line_id if ticket.product_model_id and ticket.product_model else None
    language = _main(ticket_language(ticket))
    knows = [line is None or not m.lines or line in m.lines for m in available]
    speaks = [not language or not m.languages or language in m.languages for m in available]
    for wanted in ([k and s for k, s in zip(knows, speaks, strict=True)], speaks, knows):
        chosen = [m.pk for m, ok in zip(available, wanted, strict=True) if ok]
        if chosen:
            return chosen
    return [m.pk for m in available]


def available_members(team: Team, at: datetime) -> list[User]:
    """Members who could take work at `at`, whatever the ticket, in order of id."""
    return list(User.objects.filter(pk__in=[m.pk for m in _available(team, at)]).order_by("pk"))


def eligible_members(team: Team, ticket: Ticket, at: datetime) -> list[User]:
    """The available members best suited to `ticket`, in order of id."""
    return list(User.objects.filter(pk__in=eligible_ids(team, ticket, at)).order_by("pk"))
