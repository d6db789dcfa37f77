"""Waiting for a spare part parks the ticket: the fix's clock stops, the customer is still owed news."""

from __future__ import annotations

import pytest

from serviceloop.core.errors import Conflict
from serviceloop.routing.tiers import escalate
from serviceloop.sla.metrics import Metric
from serviceloop.sla.models import SlaClock
from serviceloop.tickets.models import Channel, Status
from serviceloop.tickets.services import transition

from .conftest import berlin

pytestmark = pytest.mark.django_db
State = SlaClock.State


def clock(ticket, metric: str) -> SlaClock:
    return SlaClock.objects.get(ticket=ticket, metric=metric)


def test_the_resolution_clock_waits_with_the_ticket_and_the_work_resumes_where_it_was(world, now, standard):
    ticket = world.ticket(world.customer, channel=Channel.PORTAL, received_at=now())  # Monday 16:30
    now.set(berlin(2026, 11, 23, 16, 45))
    transition(world.agent, ticket, "take")
    escalate(world.agent, ticket, "engineer", "Needs an engineer.", "Checked the spindle log.")
    transition(world.engineer, ticket, "wait_for_parts")
    ticket.refresh_from_db()
    assert (ticket.status, ticket.resume_status) == (Status.WAITING_FOR_PARTS, Status.ESCALATED)
    resolution = clock(ticket, Metric.RESOLUTION)
    assert (resolution.state, resolution.elapsed_seconds) == (State.PAUSED, 15 * 60)
    # The customer still gets an answer on time: the first response keeps running.
    assert clock(ticket, Metric.FIRST_RESPONSE).state == State.RUNNING

    now.set(berlin(2026, 11, 30, 9, 0))  # the part arrives a week later
    transition(world.engineer, ticket, "parts_arrived")
    ticket.refresh_from_db()
    assert (ticket.status, ticket.resume_status) == (Status.ESCALATED, "")
    resolution.refresh_from_db()
    assert resolution.state == State.RUNNING
    # 7 h 45 min of the 8 business hours were left: Monday's 7 working hours, then 45 minutes.
    assert resolution.due_at == berlin(2026, 12, 1, 9, 45)


def test_parts_can_only_arrive_for_a_ticket_waiting_for_them(world, now, standard):
    ticket = world.ticket(world.customer, channel=Channel.PORTAL, received_at=now())
    with pytest.raises(Conflict, match="Waiting for parts"):
        transition(world.agent, ticket, "parts_arrived")
    with pytest.raises(Conflict):
        transition(world.customer, ticket, "wait_for_parts")
