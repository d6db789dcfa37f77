"""Clocks follow the ticket: started at reception, paused while the customer has the ball, met by
the right event, retargeted when another policy applies, stopped when nothing is owed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from serviceloop.core import events
from serviceloop.routing.tiers import escalate
from serviceloop.sla.metrics import Metric
from serviceloop.sla.models import SlaClock, TicketPolicy
from serviceloop.tickets.models import Channel, Impact, Status, Ticket, TicketEvent
from serviceloop.tickets.services import add_message, transition, update_ticket

from .conftest import berlin

pytestmark = pytest.mark.django_db

State = SlaClock.State


def clock(ticket, metric: str) -> SlaClock:
    return SlaClock.objects.get(ticket=ticket, metric=metric)


def portal_ticket(world, now, **fields):
    return world.ticket(world.customer, channel=Channel.PORTAL, received_at=now(), **fields)


def test_a_new_ticket_gets_the_policy_and_its_deadlines_on_the_business_calendar(world, now, standard):
    ticket = portal_ticket(world, now)  # Monday 16:30, the office closes at 17:00

    first = clock(ticket, Metric.FIRST_RESPONSE)
    assert first.state == State.RUNNING
    assert first.due_at == berlin(2026, 11, 24, 9, 30)  # 30 minutes on Monday, 30 on Tuesday
    assert first.warn_at == berlin(2026, 11, 24, 9, 18)  # at 80 % of the hour
    assert clock(ticket, Metric.RESOLUTION).due_at == berlin(2026, 11, 25, 9, 30)  # 0.5 + 7 + 0.5 hours
    ticket.refresh_from_db()
    assert ticket.due_at == first.due_at
    assert TicketPolicy.objects.get(ticket=ticket).policy == standard
    applied = TicketEvent.objects.get(ticket=ticket, name=events.SLA_POLICY_APPLIED)
    assert applied.new_value == "Standard"
    assert not SlaClock.objects.filter(ticket=ticket, metric=Metric.NEXT_UPDATE).exists()


def test_the_first_deadline_is_written_with_the_new_ticket_not_after_it(world, now, standard):
    with CaptureQueriesContext(connection) as captured:
        ticket = portal_ticket(world, now)
    writes = [q["sql"] for q in captured.captured_queries if q["sql"].startswith('UPDATE "tickets_ticket"')]
    assert writes == []
    assert Ticket.objects.get(pk=ticket.pk).due_at == clock(ticket, Metric.FIRST_RESPONSE).due_at


def test_a_call_logged_by_an_agent_was_answered_on_the_phone(world, now, standard):
    received = now() - timedelta(minutes=20)  # entered after the call
    ticket = world.ticket(world.agent, channel=Channel.PHONE, received_at=received)
    first = clock(ticket, Metric.FIRST_RESPONSE)
    assert (first.state, first.met_at) == (State.MET, received)
    assert clock(ticket, Metric.RESOLUTION).state == State.RUNNING


def test_no_policy_no_clocks(world, now):
    ticket = portal_ticket(world, now)
    assert not SlaClock.objects.filter(ticket=ticket).exists()
    ticket.refresh_from_db()
    assert ticket.due_at is None
    assert TicketPolicy.objects.get(ticket=ticket).policy is None


def test_the_first_public_staff_reply_meets_the_first_response_and_starts_the_update_clock(
    world, now, standard
):
    ticket = portal_ticket(world, now)
    now.set(berlin(2026, 11, 23, 16, 40))
    add_message(world.customer, ticket, "Any news?")
    add_message(world.agent, ticket, "Looking into it", internal=True)
    assert clock(ticket, Metric.FIRST_RESPONSE).state == State.RUNNING

    now.set(berlin(2026, 11, 23, 16, 50))
    add_message(world.agent, ticket, "We are on it.")
    first = clock(ticket, Metric.FIRST_RESPONSE)
    assert (first.state, first.met_at, first.elapsed_seconds) == (State.MET, now(), 20 * 60)
    update = clock(ticket, Metric.NEXT_UPDATE)
    assert update.due_at == berlin(2026, 11, 24, 13, 50)  # 10 min Monday, 3 h morning, 50 min after lunch

    now.set(berlin(2026, 11, 24, 10, 0))
    add_message(world.agent, ticket, "The part is ordered.")
    update.refresh_from_db()
    assert (update.cycle, update.started_at, update.due_at) == (2, now(), berlin(2026, 11, 24, 15, 0))


def test_waiting_for_the_customer_pauses_and_moves_the_deadline(world, now, standard):
    ticket = portal_ticket(world, now)
    now.set(berlin(2026, 11, 23, 16, 45))
    transition(world.agent, ticket, "take")
    transition(world.agent, ticket, "wait_for_customer")
    resolution = clock(ticket, Metric.RESOLUTION)
    assert (resolution.state, resolution.elapsed_seconds, resolution.due_at) == (State.PAUSED, 15 * 60, None)
    ticket.refresh_from_db()
    assert ticket.due_at == clock(ticket, Metric.HANDOFF).due_at or ticket.due_at is None

    now.set(berlin(2026, 11, 25, 10, 0))  # two days later the customer answers
    add_message(world.customer, ticket, "Here are the photos.")
    resolution.refresh_from_db()
    assert resolution.state == State.RUNNING
    assert resolution.paused_seconds == (now() - berlin(2026, 11, 23, 16, 45)).total_seconds()
    # 7 h 45 min of the 8 h were left: Wednesday's last 6 hours, then 1 h 45 min on Thursday.
    assert resolution.due_at == berlin(2026, 11, 26, 10, 45)


def test_escalation_starts_the_expert_clock_and_an_engineer_note_meets_it(world, now, standard):
    ticket = portal_ticket(world, now)
    now.set(berlin(2026, 11, 24, 9, 0))
    escalate(world.agent, ticket, "engineer", "Needs an engineer.", "Checked the spindle log.")
    expert = clock(ticket, Metric.EXPERT_REPLY)
    assert expert.due_at == berlin(2026, 11, 24, 9, 30)
    assert clock(ticket, Metric.HANDOFF).state == State.MET

    now.set(berlin(2026, 11, 24, 9, 10))
    add_message(world.engineer, ticket, "Checked the logs: encoder fault.", internal=True)
    expert.refresh_from_db()
    assert (expert.state, expert.met_at) == (State.MET, now())


def test_an_emergency_is_under_the_emergency_policy_around_the_clock(world, now, standard, emergency):
    now.set(berlin(2026, 11, 28, 22, 0))  # Saturday night
    ticket = portal_ticket(world, now, impact=Impact.STOPPED)
    assert TicketPolicy.objects.get(ticket=ticket).policy == emergency
    assert clock(ticket, Metric.FIRST_RESPONSE).due_at == berlin(2026, 11, 28, 22, 10)
    assert not SlaClock.objects.filter(ticket=ticket, metric=Metric.HANDOFF).exists()


def test_a_change_of_classification_applies_the_policy_that_matches_now(world, now, standard, emergency):
    ticket = portal_ticket(world, now)
    now.set(berlin(2026, 11, 23, 16, 40))
    update_ticket(world.agent, ticket, {"impact": Impact.STOPPED})

    assert TicketPolicy.objects.get(ticket=ticket).policy == emergency
    first = clock(ticket, Metric.FIRST_RESPONSE)
    # Ten minutes of the new ten-minute target are used up already.
    assert (first.policy, first.due_at) == (emergency, now())
    assert clock(ticket, Metric.HANDOFF).state == State.STOPPED  # the emergency policy promises none
    changes = TicketEvent.objects.filter(ticket=ticket, name=events.SLA_POLICY_APPLIED).order_by("id")
    assert [(e.old_value, e.new_value) for e in changes] == [("", "Standard"), ("Standard", "Emergency")]


def test_resolution_starts_the_follow_up_and_a_reopen_resumes_the_resolution_clock(world, now, standard):
    ticket = portal_ticket(world, now)
    now.set(berlin(2026, 11, 24, 10, 0))
    transition(world.agent, ticket, "take")
    transition(world.agent, ticket, "resolve")
    assert clock(ticket, Metric.RESOLUTION).state == State.MET
    follow_up = clock(ticket, Metric.FOLLOW_UP)
    assert follow_up.due_at == now() + timedelta(hours=24)  # calendar hours

    now.set(berlin(2026, 11, 24, 11, 0))
    transition(world.agent, ticket, "reopen")
    resolution = clock(ticket, Metric.RESOLUTION)
    assert (resolution.state, resolution.met_at, resolution.elapsed_seconds) == (State.RUNNING, None, 90 * 60)
    assert resolution.due_at == berlin(2026, 11, 25, 10, 30)  # 6 h 30 min left: 5 h on Tuesday


def test_cancelling_stops_every_clock_and_clears_the_deadline(world, now, standard):
    ticket = portal_ticket(world, now)
    transition(world.agent, ticket, "cancel")
    assert set(SlaClock.objects.filter(ticket=ticket).values_list("state", flat=True)) == {State.STOPPED}
    assert not SlaClock.objects.filter(ticket=ticket, next_check_at__isnull=False).exists()
    ticket.refresh_from_db()
    assert ticket.status == Status.CANCELLED and ticket.due_at is None
