"""Tickets that waited in an automatic team's queue are handed out once someone is at work."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from serviceloop.accounts.models import AssignmentMode, Team
from serviceloop.routing.assignment.waiting import assign_waiting
from serviceloop.routing.tasks import assign_waiting_tickets
from serviceloop.tickets.models import Ticket
from serviceloop.tickets.services import transition

from .conftest import away, members, unassigned_ticket, with_mode

pytestmark = pytest.mark.django_db


def test_a_ticket_that_waited_while_everyone_was_away_gets_someone_back_at_work(world, team):
    with_mode(team, AssignmentMode.LEAST_LOADED)
    now = timezone.now()
    absences = [away(member, now - timedelta(hours=1), days=0.5) for member in members(team)]
    ticket = world.ticket(team_id=team.pk)
    assert ticket.assignee is None
    assert assign_waiting(now) == 0  # still nobody there
    back = absences[1]
    back.ends_at = now - timedelta(minutes=1)
    back.save()
    assert assign_waiting(now) == 1
    assert Ticket.objects.get(pk=ticket.pk).assignee == back.user


def test_manual_teams_finished_and_assigned_tickets_are_left_alone(world, team):
    desk = Team.objects.create(name="Desk")  # manual: members take tickets themselves
    desk.members.add(world.agent)
    in_manual_team = unassigned_ticket(world, desk)
    with_mode(team, AssignmentMode.ROUND_ROBIN)
    taken = unassigned_ticket(world, team)
    transition(world.agent, taken, "take")
    cancelled = unassigned_ticket(world, team)
    transition(world.agent, cancelled, "cancel")
    assert assign_waiting() == 0
    assert Ticket.objects.get(pk=in_manual_team.pk).assignee is None
    assert Ticket.objects.get(pk=taken.pk).assignee == world.agent
    assert Ticket.objects.get(pk=cancelled.pk).assignee is None


def test_the_periodic_task_hands_out_the_oldest_first(world, team):
    with_mode(team, AssignmentMode.ROUND_ROBIN)
    older = unassigned_ticket(world, team, received_at=timezone.now() - timedelta(hours=3))
    newer = unassigned_ticket(world, team, received_at=timezone.now() - timedelta(hours=1))
    assign_waiting_tickets.call_local()
    first, second, _ = members(team)
    assert Ticket.objects.get(pk=older.pk).assignee == first
    assert Ticket.objects.get(pk=newer.pk).assignee == second
