"""Taking a ticket: it becomes the taker's, and whoever lost a race is told who won."""

import pytest

from serviceloop.conftest import make_user
from serviceloop.core import events
from serviceloop.core.errors import Conflict
from serviceloop.core.roles import Role
from serviceloop.tickets.models import Status, Ticket, TicketEvent
from serviceloop.tickets.services import transition


def test_taking_a_ticket_given_to_someone_else_makes_it_the_takers(world):
    colleague = make_user(Role.ENGINEER)
    ticket = world.ticket(assignee_id=colleague.pk)
    transition(world.agent, ticket, "take")
    ticket.refresh_from_db()
    assert (ticket.status, ticket.assignee_id) == (Status.OPEN, world.agent.pk)
    row = TicketEvent.objects.get(ticket=ticket, name=events.TICKET_ASSIGNED, actor=world.agent)
    assert (row.old_value, row.new_value) == (str(colleague.pk), str(world.agent.pk))


def test_the_one_who_lost_the_race_to_take_is_told_who_won(world):
    ticket = world.ticket()
    second = make_user(Role.AGENT, last_name="Lee")
    stale = Ticket.objects.get(pk=ticket.pk)  # the second agent's screen, loaded before the first took it
    transition(world.agent, ticket, "take")
    stale.status = Status.NEW  # as the screen still shows it, so only the version check can refuse
    with pytest.raises(Conflict, match=f"{ticket.number} has just been taken by {world.agent}"):
        transition(second, stale, "take")
    assert Ticket.objects.get(pk=ticket.pk).assignee_id == world.agent.pk


def test_other_lost_races_keep_the_general_message(world):
    ticket = world.ticket()
    stale = Ticket.objects.get(pk=ticket.pk)
    transition(world.agent, ticket, "take")
    with pytest.raises(Conflict, match="changed by someone else"):
        transition(world.agent, stale, "cancel")
