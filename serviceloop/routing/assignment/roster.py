"""A team's roster as assignment reads it, kept in memory per process.

Who works in a team, their skills, weekly hours and absences change a few times a day, while tickets
are assigned many times a minute; reading them costs four queries and the building of a few hundred
schedules. So each process keeps every team's roster and reloads it when the roster revision (one
small query, renewed by signals on every change, see accounts/signals.py) is new, or after a minute
at most, for changes made without signals (QuerySet.update, bulk_create).

Absences are kept from a month back on, and asked at the moment of the question: an absence that
begins later is honoured when its time comes without a reload. A question about an earlier moment
reads the absences from the database.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache

from django.db.models import Q
from django.utils import timezone

from serviceloop.accounts.models import Absence, PersonalHours, RosterRevision, Skills, Team, TeamHours
from serviceloop.accounts.models.skills import language_codes
from serviceloop.core import policy
from serviceloop.core.roles import Role
from serviceloop.core.worktime import WorkingTime

from . import hours

RELOAD_AFTER = 60.0  # seconds: the longest a change made without signals goes unseen
ABSENCE_HISTORY = timedelta(days=31)


@dataclass
class Member:
    """What eligibility needs to know of a team member."""

    pk: int
    zone: str
    languages: set[str] = field(default_factory=set)
    lines: set[int] = field(default_factory=set)
    hours: list[hours.HoursRow] = field(default_factory=list)
    # Their own weekly hours in their zone; None when they keep the team's.
    schedule: WorkingTime | None = None


@dataclass
class Roster:
    team_id: int
    revision: uuid.UUID | None
    loaded: float
    members: list[Member]
    team_schedule: WorkingTime | None
    # From `horizon` on, every absence of the members: (user, starts, ends).
    absences: list[tuple[int, datetime, datetime]]
    horizon: datetime

    def away_at(self, at: datetime) -> set[int]:
        """Members absent at `at`."""
        if at < self.horizon:
            pks = [m.pk for m in self.members]
            covering = Absence.objects.filter(user_id__in=pks, starts_at__lte=at, ends_at__gt=at)
            return set(covering.values_list("user_id", flat=True))
        return {user for user, starts, ends in self.absences if starts <= at < ends}


@dataclass(frozen=True)
class _RoleOnly:
    """A stand-in user of one role, to ask the policy which roles may work on tickets."""

    role: str
    is_active: bool = True
    is_authenticated: bool = True


@cache
def _working_roles() -> list[str]:
    return [role.value for role in Role if policy.can_edit_ticket(_RoleOnly(role.value))]


def main_language(code: str) -> str:
    """ "zh-Hans" -> "zh": languages match on their main part."""
    return code.split("-")[0].lower()


def _languages(codes: str | None) -> set[str]:
    return {main_language(code) for code in language_codes(codes or "")}


def _members(team: Team) -> list[Member]:
    rows = (
        team.members.filter(is_active=True, role__in=_working_roles())
        .order_by("pk")
        .values_list("pk", "time_zone", "skills__languages")
    )
    members = {
        pk: Member(pk, hours.zone(zone, team.time_zone), _languages(codes)) for pk, zone, codes in rows
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
    for member in members.values():
        member.schedule = hours.working_time(member.zone, member.hours) if member.hours else None
    return list(members.values())


def _load(team_id: int, revision: uuid.UUID | None) -> Roster:
    team = Team.objects.get(pk=team_id)
    members = _members(team)
    team_week = TeamHours.objects.filter(team=team).values_list("weekday", "starts", "ends")
    horizon = timezone.now() - ABSENCE_HISTORY
    absences = Absence.objects.filter(Q(ends_at__gt=horizon), user__teams=team)
    by_user: dict[int, list[tuple[datetime, datetime]]] = defaultdict(list)
    for user_id, starts, ends in absences.values_list("user_id", "starts_at", "ends_at"):
        by_user[user_id].append((starts, ends))
    return Roster(
        team_id=team.pk, revision=revision, loaded=time.monotonic(), members=members,
        team_schedule=hours.working_time(hours.zone(team.time_zone), team_week),
        absences=[(user, s, e) for user, spans in by_user.items() for s, e in spans], horizon=horizon,
    )  # fmt: skip


_rosters: dict[int, Roster] = {}
_lock = threading.Lock()


def roster_of(team: Team) -> Roster:
    """The team's roster, read again when it changed (or a minute went by)."""
    revision = RosterRevision.current()
    with _lock:
        known = _rosters.get(team.pk)
    if known is not None and known.revision == revision and time.monotonic() - known.loaded < RELOAD_AFTER:
        return known
    loaded = _load(team.pk, revision)
    with _lock:
        _rosters[team.pk] = loaded
    return loaded


def forget() -> None:
    """Drop every roster this process keeps (tests that change rosters without signals)."""
    with _lock:
        _rosters.clear()
