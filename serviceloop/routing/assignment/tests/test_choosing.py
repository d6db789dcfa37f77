from __future__ import annotations

from datetime import timedelta

import pytest

from serviceloop.accounts.models import AssignmentMode, Team
from serviceloop.routing.assignment import choose_assignee, open_load
from serviceloop.tickets.models import Status, Ticket

from .conftest import MONDAY_10, away, members, unassigned_ticket, with_mode

pytestmark = pytest.mark.django_db


def test_manual_mode_chooses_nobody(world, team):
    ticket = unassigned_ticket(world, team)
    assert choose_assignee(team, ticket, MONDAY_10) is None


def test_round_robin_goes_round_in_order_and_wraps(world, team):
    first, second, third = members(team)
    with_mode(team, AssignmentMode.ROUND_ROBIN)
    ticket = unassigned_ticket(world, team)
    chosen = [choose_assignee(team, ticket, MONDAY_10) for _ in range(4)]
    assert chosen == [first, second, third, first]
    assert Team.objects.get(pk=team.pk).last_assigned == first


def test_round_robin_skips_whoever_is_away_and_continues_after_the_last(world, team):
    first, second, third = members(team)
    with_mode(team, AssignmentMode.ROUND_ROBIN)
    ticket = unassigned_ticket(world, team)
    assert choose_assignee(team, ticket, MONDAY_10) == first
    away(second, MONDAY_10 - timedelta(hours=1))
    assert choose_assignee(team, ticket, MONDAY_10) == third
    assert choose_assignee(team, ticket, MONDAY_10) == first


def test_round_robin_reads_the_turn_another_assignment_moved(world, team):
    first, second, _third = members(team)
    with_mode(team, AssignmentMode.ROUND_ROBIN)
    ticket = unassigned_ticket(world, team)
    stale = Team.objects.get(pk=team.pk)
    assert choose_assignee(team, ticket, MONDAY_10) == first
    # `stale` was read before that claim: it still gives the next turn, not the same one twice.
    assert choose_assignee(stale, ticket, MONDAY_10) == second


def _give(world, person, priorities: list[int], status: str = Status.OPEN) -> None:
    for priority in priorities:
        ticket = world.ticket()
        Ticket.objects.filter(pk=ticket.pk).update(assignee=person, priority=priority, status=status)


def test_open_load_weighs_by_priority_and_ignores_finished_work(world, team):
    first, second, third = members(team)
    _give(world, first, [1])  # 5
    _give(world, second, [5, 5, 4])  # 1 + 1 + 2
    _give(world, third, [1, 1, 1], status=Status.CLOSED)
    _give(world, third, [2], status=Status.RESOLVED)
    _give(world, third, [3], status=Status.PENDING_CUSTOMER)  # waiting, still theirs: 3
    assert open_load([first.pk, second.pk, third.pk]) == {first.pk: 5, second.pk: 4, third.pk: 3}


def test_least_loaded_picks_the_lightest_weighted_load(world, team):
    first, second, third = members(team)
    with_mode(team, AssignmentMode.LEAST_LOADED)
    ticket = unassigned_ticket(world, team)
    assert choose_assignee(team, ticket, MONDAY_10) == first  # all equal: the first
    _give(world, first, [5, 5, 5])  # three small tickets: 3
    _give(world, second, [1])  # one urgent ticket: 5
    _give(world, third, [2])  # 4
    assert choose_assignee(team, ticket, MONDAY_10) == first
    _give(world, first, [4])  # 5: now as loaded as second, third is lightest
    assert choose_assignee(team, ticket, MONDAY_10) == third
    away(third, MONDAY_10 - timedelta(hours=1))
    assert choose_assignee(team, ticket, MONDAY_10) == first  # tie with second: lower id


def test_nobody_eligible_chooses_nobody(world, team):
    with_mode(team, AssignmentMode.LEAST_LOADED)
    for member in members(team):
        away(member, MONDAY_10 - timedelta(hours=1))
    ticket = unassigned_ticket(world, team)
    assert choose_assignee(team, ticket, MONDAY_10) is None
