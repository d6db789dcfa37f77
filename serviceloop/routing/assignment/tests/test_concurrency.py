"""Two people (or two assignments) at the same moment, on real PostgreSQL connections."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections, transaction

from serviceloop.accounts.models import AssignmentMode, Team
from serviceloop.conftest import make_user
from serviceloop.core import events
from serviceloop.core.errors import Conflict
from serviceloop.core.roles import Role
from serviceloop.routing.assignment import choose_assignee
from serviceloop.tickets.models import Status, Ticket, TicketEvent
from serviceloop.tickets.services import transition

from .conftest import MONDAY_10, members, unassigned_ticket, with_mode

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers; the race needs PostgreSQL"
)


def _run(*jobs: Callable[[], Any]) -> tuple[list[Any], list[BaseException]]:
    results: list[Any] = []
    errors: list[BaseException] = []

    def run(job: Callable[[], Any]) -> None:
        try:
            results.append(job())
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results, errors


@pytest.mark.django_db(transaction=True)
def test_two_agents_taking_the_same_ticket_at_once_one_gets_it_the_other_is_told(world):
    ticket_id = world.ticket().pk
    second_agent = make_user(Role.AGENT)
    both_loaded = threading.Barrier(2)
    first_wrote = threading.Event()

    def take(agent, hold: bool) -> str:
        mine = Ticket.objects.get(pk=ticket_id)  # each agent's screen shows the ticket, version 1
        both_loaded.wait()
        if not hold:
            first_wrote.wait()  # the other's change is written, not yet committed: this waits on it
            transition(agent, mine, "take")
            return agent.username
        with transaction.atomic():
            transition(agent, mine, "take")
            first_wrote.set()
            time.sleep(0.5)
        return agent.username

    results, errors = _run(lambda: take(world.agent, True), lambda: take(second_agent, False))
    assert results == [world.agent.username]
    [error] = errors
    assert isinstance(error, Conflict)
    assert f"has just been taken by {world.agent}" in error.message
    ticket = Ticket.objects.get(pk=ticket_id)
    assert (ticket.status, ticket.assignee_id, ticket.version) == (Status.OPEN, world.agent.pk, 2)
    rows = TicketEvent.objects.filter(ticket_id=ticket_id, name=events.TICKET_ASSIGNED)
    assert list(rows.values_list("actor_id", flat=True)) == [world.agent.pk]


@pytest.mark.django_db(transaction=True)
def test_a_take_after_the_other_committed_is_refused_as_already_open(world):
    ticket_id = world.ticket().pk
    second_agent = make_user(Role.AGENT)
    transition(world.agent, Ticket.objects.get(pk=ticket_id), "take")
    with pytest.raises(Conflict, match="Cannot take a ticket that is Open"):
        transition(second_agent, Ticket.objects.get(pk=ticket_id), "take")


@pytest.mark.django_db(transaction=True)
def test_round_robin_claims_at_once_hand_out_different_turns(world, team):
    with_mode(team, AssignmentMode.ROUND_ROBIN)
    team.members.add(*(make_user(Role.ENGINEER) for _ in range(3)))
    ticket = unassigned_ticket(world, team)
    start = threading.Barrier(6)

    def claim() -> int:
        mine = Team.objects.get(pk=team.pk)
        start.wait()
        with transaction.atomic():
            chosen = choose_assignee(mine, ticket, MONDAY_10)
            time.sleep(0.05)  # hold the claim a moment, as an assignment inside a ticket change does
        assert chosen is not None
        return chosen.pk

    results, errors = _run(*(claim for _ in range(6)))
    assert errors == []
    assert sorted(results) == sorted(m.pk for m in members(team))
