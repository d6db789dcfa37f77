"""The scheduler and an agent acting on one ticket at the same moment, on real connections."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction

from serviceloop.sla.metrics import Metric
from serviceloop.sla.models import EscalationAction, EscalationLevel, SlaClock
from serviceloop.sla.services import clocks, deadlines
from serviceloop.tickets.models import Channel, Ticket

from .conftest import berlin

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers; the race needs PostgreSQL"
)


@pytest.mark.django_db(transaction=True)
def test_an_escalation_waits_for_an_agent_holding_the_ticket_and_neither_deadlocks(world, now, standard):
    EscalationLevel.objects.create(
        policy=standard, after_minutes=0, actions=[EscalationAction.RAISE_PRIORITY]
    )
    ticket = world.ticket(world.agent, channel=Channel.EMAIL, received_at=now())
    clock_id = SlaClock.objects.get(ticket=ticket, metric=Metric.FIRST_RESPONSE).pk
    agent_has_ticket = threading.Event()
    errors: list[BaseException] = []
    fired: list[str] = []

    def agent() -> None:
        # As a reply does: the ticket row first, then (a moment later) its clock.
        try:
            with transaction.atomic():
                Ticket.objects.filter(pk=ticket.pk).update(subject="Spindle grinds (reply sent)")
                agent_has_ticket.set()
                time.sleep(0.5)  # the scheduler runs meanwhile
                clock = SlaClock.objects.get(pk=clock_id)
                clocks.finish(clock, berlin(2026, 11, 24, 9, 29))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    def scheduler() -> None:
        try:
            agent_has_ticket.wait()
            fired.extend(deadlines.check(clock_id, berlin(2026, 11, 24, 9, 30)))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=agent), threading.Thread(target=scheduler)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    # The scheduler waited for the agent: by then the promise was met, so nothing fired.
    assert fired == []
    assert SlaClock.objects.get(pk=clock_id).state == SlaClock.State.MET
