from __future__ import annotations

from datetime import timedelta

import pytest

from serviceloop.accounts.models import Absence, Skills, TeamHours
from serviceloop.core.roles import Role
from serviceloop.customers.models import ProductLine
from serviceloop.routing.assignment import available_members, eligible_members

from .conftest import MONDAY_10, away, members, office_hours, skills, unassigned_ticket

pytestmark = pytest.mark.django_db


def test_someone_absent_now_is_left_out_but_not_someone_absent_tomorrow(world, team):
    first, second, third = members(team)
    away(first, MONDAY_10 - timedelta(hours=1), kind=Absence.Kind.FIELD_VISIT)
    away(second, MONDAY_10 + timedelta(days=1))
    assert available_members(team, MONDAY_10) == [second, third]


def test_an_absence_ends_at_its_return_time(world, team):
    first, second, third = members(team)
    away(first, MONDAY_10 - timedelta(days=1))  # back exactly at MONDAY_10
    assert available_members(team, MONDAY_10) == [first, second, third]
    assert available_members(team, MONDAY_10 - timedelta(minutes=1)) == [second, third]


def test_outside_their_own_working_hours_a_member_is_not_available(world, team):
    first, _second, _third = members(team)
    office_hours(first, "08:00", "12:00")
    assert first in available_members(team, MONDAY_10)
    assert first not in available_members(team, MONDAY_10 + timedelta(hours=3))  # 13:00 Berlin
    assert first not in available_members(team, MONDAY_10 + timedelta(days=5))  # Saturday
    # Hours are read in the member's zone: 10:00 in Shanghai is 03:00 in Berlin.
    first.time_zone = "Asia/Shanghai"
    first.save()
    assert first in available_members(team, MONDAY_10 - timedelta(hours=7))


def test_members_without_hours_follow_the_team_hours(world, team):
    first, second, third = members(team)
    office_hours(first, "12:00", "20:00")
    for weekday in range(5):
        TeamHours.objects.create(team=team, weekday=weekday, starts="09:00", ends="11:00")
    assert available_members(team, MONDAY_10) == [second, third]
    assert available_members(team, MONDAY_10 + timedelta(hours=3)) == [first]


def test_inactive_members_and_those_who_may_not_work_on_tickets_are_left_out(world, team):
    first, second, third = members(team)
    first.is_active = False
    first.save()
    second.role = Role.QUALITY  # reads everything, changes nothing
    second.save()
    team.members.add(world.customer, world.partner_a_tech)
    assert available_members(team, MONDAY_10) == [third]


def test_product_line_and_language_narrow_the_choice(world, team):
    first, second, third = members(team)
    grinders = ProductLine.objects.create(name="Grinders")
    world.contact.language = "zh-CN"
    world.contact.save()
    skills(first, lines=[grinders], languages=["zh-hans"])  # wrong line
    skills(second, lines=[world.line], languages=["en"])  # wrong language
    skills(third, lines=[world.line], languages=["de", "zh"])
    ticket = unassigned_ticket(world, team)
    assert eligible_members(team, ticket, MONDAY_10) == [third]


def test_an_empty_skill_means_anything(world, team):
    first, second, third = members(team)
    grinders = ProductLine.objects.create(name="Grinders")
    skills(first)
    skills(third, lines=[grinders])
    ticket = unassigned_ticket(world, team)
    # The ticket is in English (the organisation's language) about a lathe.
    assert eligible_members(team, ticket, MONDAY_10) == [first, second]


def test_without_a_full_match_language_comes_before_product_line_then_anyone(world, team):
    first, second, third = members(team)
    grinders = ProductLine.objects.create(name="Grinders")
    skills(first, lines=[grinders], languages=["en"])
    skills(second, lines=[world.line], languages=["zh-hans"])
    skills(third, lines=[grinders], languages=["zh-hans"])
    ticket = unassigned_ticket(world, team)
    assert eligible_members(team, ticket, MONDAY_10) == [first]
    away(first, MONDAY_10 - timedelta(hours=1))
    assert eligible_members(team, ticket, MONDAY_10) == [second]
    away(second, MONDAY_10 - timedelta(hours=1))
    assert eligible_members(team, ticket, MONDAY_10) == [third]


def test_nobody_away_is_ever_chosen_even_when_only_they_have_the_skill(world, team):
    first, second, third = members(team)
    grinders = ProductLine.objects.create(name="Grinders")
    skills(first, lines=[world.line])
    skills(second, lines=[grinders])
    skills(third, lines=[grinders])
    away(first, MONDAY_10 - timedelta(hours=1), kind=Absence.Kind.SICK)
    ticket = unassigned_ticket(world, team)
    assert eligible_members(team, ticket, MONDAY_10) == [second, third]
    away(second, MONDAY_10 - timedelta(hours=1))
    away(third, MONDAY_10 - timedelta(hours=1))
    assert eligible_members(team, ticket, MONDAY_10) == []


def test_overlapping_hours_odd_zones_and_stray_commas_do_not_stop_assignment(world, team):
    first, second, third = members(team)
    office_hours(first, "08:00", "12:00")
    office_hours(first, "11:00", "17:00")  # entered twice, overlapping: the union counts
    Skills.objects.create(user=second, languages=" , zh ,")  # stray commas and spaces are no code
    first.time_zone = "Mars/Olympus"  # not a zone: the team's is used
    first.save()
    ticket = unassigned_ticket(world, team)
    world.contact.language = "zh-hans"
    world.contact.save()
    ticket.refresh_from_db()
    assert eligible_members(team, ticket, MONDAY_10 + timedelta(hours=6)) == [first, second, third]
    assert eligible_members(team, ticket, MONDAY_10 + timedelta(hours=8)) == [second, third]
    skills(third, languages=["en"])
    assert eligible_members(team, ticket, MONDAY_10 + timedelta(hours=6)) == [first, second]
