from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from serviceloop.accounts.models import Absence, PersonalHours, Skills, Team, User
from serviceloop.conftest import World, make_user
from serviceloop.core.roles import Role
from serviceloop.routing.assignment import subscribers  # noqa: F401  (as RoutingConfig.ready does)
from serviceloop.tickets.models import Ticket

BERLIN = ZoneInfo("Europe/Berlin")
# A Monday morning in Berlin.
MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=BERLIN)


def away(user: User, start: datetime, days: float = 1, kind: str = Absence.Kind.HOLIDAY) -> Absence:
    return Absence.objects.create(user=user, kind=kind, starts_at=start, ends_at=start + timedelta(days=days))


def office_hours(user: User, starts: str = "08:00", ends: str = "17:00") -> None:
    for weekday in range(5):
        PersonalHours.objects.create(
            user=user, weekday=weekday, starts=time.fromisoformat(starts), ends=time.fromisoformat(ends)
        )


def skills(user: User, lines=(), languages=()) -> Skills:
    profile = Skills.objects.create(user=user, languages=", ".join(languages))
    profile.product_lines.set(lines)
    return profile


@pytest.fixture
def team(world: World) -> Team:
    """Engineers in Berlin, three of them, assigning nothing until a test chooses a mode."""
    team = Team.objects.create(name="Engineers", time_zone="Europe/Berlin")
    team.members.add(*(make_user(Role.ENGINEER, time_zone="Europe/Berlin") for _ in range(3)))
    return team


def members(team: Team) -> list[User]:
    return list(team.members.order_by("pk"))


def with_mode(team: Team, mode: str) -> Team:
    team.assignment_mode = mode
    team.save(update_fields=["assignment_mode"])
    return team


def unassigned_ticket(world: World, team: Team | None = None, **fields) -> Ticket:
    """A ticket of `team` made while the team assigns by hand, so it starts with nobody."""
    ticket = world.ticket(**fields)
    if team is not None:
        Ticket.objects.filter(pk=ticket.pk).update(team=team)
        ticket.refresh_from_db()
    return ticket
