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

A team of hundreds is sorted through for every new ticket, so this reads the team's roster kept in
memory (roster.py), checked by one small query, and plain values, never model instances.
"""

from __future__ import annotations

from datetime import datetime

from serviceloop.accounts.models import Team, User
from serviceloop.tickets.models import Ticket

from .roster import Member, main_language, roster_of


def _available(team: Team, at: datetime) -> list[Member]:
    roster = roster_of(team)
    away = roster.away_at(at)
    open_now: dict[object, bool] = {None: True}  # most members share a few weeks: ask each once
    available = []
    for member in roster.members:
        if member.pk in away:
            continue
        schedule = member.schedule or roster.team_schedule
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
    language = main_language(ticket_language(ticket))
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
