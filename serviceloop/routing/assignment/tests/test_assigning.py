from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from serviceloop.accounts.models import AssignmentMode, Team
from serviceloop.conftest import make_user
from serviceloop.core import events
from serviceloop.core.roles import Role
from serviceloop.routing.assignment import assign_within_team
from serviceloop.tickets.models import TicketEvent
from serviceloop.tickets.services import assign

from .conftest import away, members, unassigned_ticket, with_mode

pytestmark = pytest.mark.django_db


def _assignment_rows(ticket):
    return list(
        TicketEvent.objects.filter(ticket=ticket, name=events.TICKET_ASSIGNED, field="assignee").order_by(
            "pk"
        )
    )


def test_a_new_ticket_for_a_round_robin_team_is_assigned_with_a_history_row(world, team):
    first, second, _ = members(team)
    with_mode(team, AssignmentMode.ROUND_ROBIN)
    ticket = world.ticket(team_id=team.pk)
    assert ticket.assignee == first
    [row] = _assignment_rows(ticket)
    assert (row.actor_id, row.new_value, row.data) == (
        None,
        str(first.pk),
        {"rule": "assignment.round_robin"},
    )
    assert world.ticket(team_id=team.pk).assignee == second


def test_a_new_ticket_with_an_assignee_keeps_it(world, team):
    with_mode(team, AssignmentMode.ROUND_ROBIN)
    ticket = world.ticket(team_id=team.pk, assignee_id=world.engineer.pk)
    assert ticket.assignee == world.engineer
    assert len(_assignment_rows(ticket)) == 0


def test_manual_mode_leaves_the_ticket_in_the_team_queue(world, team):
    ticket = world.ticket(team_id=team.pk)
    assert ticket.assignee is None
    assert assign_within_team(ticket) is None
    assert _assignment_rows(ticket) == []


def test_nobody_available_leaves_the_ticket_unassigned(world, team):
    with_mode(team, AssignmentMode.LEAST_LOADED)
    for member in members(team):
        away(member, timezone.now() - timedelta(hours=1))
    ticket = world.ticket(team_id=team.pk)
    assert ticket.assignee is None
    assert _assignment_rows(ticket) == []


def test_moving_a_ticket_to_another_team_assigns_it_there_after_the_change(
    world, team, django_capture_on_commit_callbacks
):
    first, _, _ = members(team)
    with_mode(team, AssignmentMode.LEAST_LOADED)
    ticket = world.ticket(team_id=world.team.pk, assignee_id=world.agent.pk)
    with django_capture_on_commit_callbacks(execute=True):
        assign(world.agent, ticket, team_id=team.pk, assignee_id=None)
    ticket.refresh_from_db()
    assert ticket.assignee == first
    by_person, by_rule = _assignment_rows(ticket)
    assert (by_person.actor_id, by_person.new_value) == (world.agent.pk, "")
    assert (by_rule.actor_id, by_rule.new_value, by_rule.data) == (
        None,
        str(first.pk),
        {"rule": "assignment.least_loaded"},
    )


def test_moving_a_ticket_with_a_named_assignee_keeps_that_person(
    world, team, django_capture_on_commit_callbacks
):
    with_mode(team, AssignmentMode.ROUND_ROBIN)
    ticket = world.ticket()
    someone = make_user(Role.ENGINEER)
    with django_capture_on_commit_callbacks(execute=True):
        assign(world.agent, ticket, team_id=team.pk, assignee_id=someone.pk)
    ticket.refresh_from_db()
    assert ticket.assignee == someone
    assert Team.objects.get(pk=team.pk).last_assigned is None  # no turn used up


def test_unassigning_without_a_team_change_does_not_reassign(world, team, django_capture_on_commit_callbacks):
    with_mode(team, AssignmentMode.ROUND_ROBIN)
    ticket = world.ticket(team_id=team.pk)
    assert ticket.assignee is not None
    with django_capture_on_commit_callbacks(execute=True):
        assign(world.agent, ticket, team_id=team.pk, assignee_id=None)
    ticket.refresh_from_db()
    assert ticket.assignee is None


def test_a_finished_ticket_is_not_assigned(world, team):
    with_mode(team, AssignmentMode.ROUND_ROBIN)
    ticket = unassigned_ticket(world, team)
    ticket.status = "closed"
    assert assign_within_team(ticket) is None
