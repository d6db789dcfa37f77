"""The team roster kept in memory: changes are seen at once, without extra queries in between."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from serviceloop.accounts.models import Absence, User
from serviceloop.customers.models import ProductLine
from serviceloop.routing.assignment import available_members, roster
from serviceloop.routing.assignment.eligibility import eligible_ids

from .conftest import MONDAY_10, away, members, office_hours, skills, unassigned_ticket

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rosters():
    roster.forget()
    yield
    roster.forget()


def test_an_unchanged_roster_costs_one_small_query(world, team):
    ticket = unassigned_ticket(world, team)
    now = timezone.now()
    eligible_ids(team, ticket, now)
    with CaptureQueriesContext(connection) as queries:
        eligible_ids(team, ticket, now)
    assert len(queries) == 1 and "rosterrevision" in queries[0]["sql"]


@pytest.mark.parametrize(
    "change",
    [
        lambda first, now: away(first, now - timedelta(hours=1)),
        lambda first, now: office_hours(first, "00:00", "00:01"),
        lambda first, now: User.objects.get(pk=first.pk).delete(),
        lambda first, now: first.teams.clear(),
    ],
    ids=["absence", "own hours", "account deleted", "left the team"],
)
def test_a_change_is_seen_at_the_next_question(world, team, change):
    first = members(team)[0]
    now = MONDAY_10 + timedelta(hours=2)  # noon: outside the one-minute hours of the second case
    assert first in available_members(team, now)
    change(first, now)
    assert first.pk not in [m.pk for m in available_members(team, now)]


def test_a_new_skill_is_seen_at_once(world, team):
    first, second, third = members(team)
    ticket = unassigned_ticket(world, team, product_model_id=world.model_a.pk)
    now = timezone.now()
    assert eligible_ids(team, ticket, now) == [first.pk, second.pk, third.pk]
    skills(second, lines=[world.line])
    assert eligible_ids(team, ticket, now) == [first.pk, second.pk, third.pk]  # empty skills: anything
    skills(first, lines=[ProductLine.objects.create(name="Presses")])
    assert eligible_ids(team, ticket, now) == [second.pk, third.pk]


def test_an_absence_that_begins_later_applies_when_its_time_comes(world, team):
    first, _, _ = members(team)
    now = timezone.now()
    away(first, now + timedelta(hours=2))
    assert first in available_members(team, now)
    assert first not in available_members(team, now + timedelta(hours=3))


def test_a_change_without_signals_is_seen_after_a_minute(world, team, monkeypatch):
    first, _, _ = members(team)
    now = timezone.now()
    available_members(team, now)
    Absence.objects.bulk_create(
        [Absence(user=first, starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=1))]
    )
    assert first in available_members(team, now)  # no signal: the roster kept in memory still holds
    later = roster.time.monotonic() + roster.RELOAD_AFTER + 1
    monkeypatch.setattr(roster.time, "monotonic", lambda: later)
    assert first not in available_members(team, now)


def test_a_moment_before_the_kept_absences_is_asked_of_the_database(world, team):
    first, _, _ = members(team)
    long_ago = timezone.now() - roster.ABSENCE_HISTORY - timedelta(days=10)
    away(first, long_ago - timedelta(hours=1), days=0.5)
    assert first not in available_members(team, long_ago)
