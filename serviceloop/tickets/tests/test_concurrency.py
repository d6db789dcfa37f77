"""Two agents acting on one ticket at the same moment, on real connections in parallel threads."""

import threading

import pytest
from django.db import connection, connections

from serviceloop.core.errors import Conflict
from serviceloop.tickets.models import Ticket, TicketEvent
from serviceloop.tickets.services import assign

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers; the race needs PostgreSQL"
)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_assignments_one_wins_and_the_other_is_told(world):
    ticket = world.ticket()
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def attempt(name, user):
        try:
            mine = Ticket.objects.get(pk=ticket.pk)  # both load version 1
            barrier.wait()
            assign(user, mine, assignee_id=user.pk, team_id=world.team.pk)
            outcomes[name] = "won"
        except Conflict:
            outcomes[name] = "told"
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=attempt, args=("agent", world.agent)),
        threading.Thread(target=attempt, args=("engineer", world.engineer)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes.values()) == ["told", "won"]
    winner = world.agent if outcomes["agent"] == "won" else world.engineer
    ticket.refresh_from_db()
    assert ticket.assignee == winner and ticket.version == 2
    assert TicketEvent.objects.filter(ticket=ticket, field="assignee").count() == 1
