"""Warnings and breaches fire once each, at their moment, found through the next-check index."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection

from serviceloop.core import events
from serviceloop.sla import tasks
from serviceloop.sla.metrics import Metric
from serviceloop.sla.models import SlaClock
from serviceloop.sla.services import deadlines
from serviceloop.tickets.models import Channel, TicketEvent
from serviceloop.tickets.services import add_message, transition

from .conftest import berlin

pytestmark = pytest.mark.django_db


def history(ticket, *names: str) -> list[tuple[str, str]]:
    rows = TicketEvent.objects.filter(ticket=ticket, name__in=names).order_by("id")
    return [(e.name, e.field) for e in rows]


@pytest.fixture
def ticket(world, now, standard):
    return world.ticket(world.customer, channel=Channel.PORTAL, received_at=now())  # Monday 16:30


def first_response(ticket) -> Any:
    return SlaClock.objects.get(ticket=ticket, metric=Metric.FIRST_RESPONSE)


def test_the_warning_then_the_breach_fire_once_each(ticket, now):
    clock = first_response(ticket)
    assert clock.next_check_at == clock.warn_at == berlin(2026, 11, 24, 9, 18)

    assert deadlines.check(clock.pk, berlin(2026, 11, 24, 9, 17)) == []
    assert deadlines.check(clock.pk, berlin(2026, 11, 24, 9, 18)) == [events.SLA_WARNING]
    assert deadlines.check(clock.pk, berlin(2026, 11, 24, 9, 19)) == []
    clock.refresh_from_db()
    assert (clock.warned_at, clock.next_check_at) == (berlin(2026, 11, 24, 9, 18), clock.due_at)

    assert deadlines.check(clock.pk, berlin(2026, 11, 24, 9, 30)) == [events.SLA_BREACHED]
    assert deadlines.check(clock.pk, berlin(2026, 11, 24, 9, 45)) == []
    clock.refresh_from_db()
    assert clock.breached_at == berlin(2026, 11, 24, 9, 30)
    assert clock.next_check_at is None and clock.state == SlaClock.State.RUNNING  # overdue, still owed
    assert history(ticket, events.SLA_WARNING, events.SLA_BREACHED) == [
        (events.SLA_WARNING, Metric.FIRST_RESPONSE),
        (events.SLA_BREACHED, Metric.FIRST_RESPONSE),
    ]


def test_a_clock_checked_late_fires_both_at_once_and_a_met_clock_fires_nothing(world, ticket, now):
    clock = first_response(ticket)
    assert deadlines.check(clock.pk, berlin(2026, 11, 25, 9, 0)) == [events.SLA_WARNING, events.SLA_BREACHED]

    resolution = SlaClock.objects.get(ticket=ticket, metric=Metric.RESOLUTION)
    now.set(berlin(2026, 11, 24, 10, 0))
    transition(world.agent, ticket, "take")
    transition(world.agent, ticket, "resolve")
    assert deadlines.check(resolution.pk, berlin(2026, 12, 1, 9, 0)) == []


def test_a_paused_clock_does_not_fire(world, ticket, now):
    now.set(berlin(2026, 11, 23, 16, 40))
    transition(world.agent, ticket, "take")
    transition(world.agent, ticket, "wait_for_customer")
    clock = first_response(ticket)
    assert clock.next_check_at is None
    assert deadlines.check(clock.pk, berlin(2026, 11, 30, 9, 0)) == []


def test_checking_a_clock_twice_at_once_fires_once(ticket):
    """The second worker's conditional update finds the column already set."""
    clock = first_response(ticket)
    stale = SlaClock.objects.get(pk=clock.pk)
    assert deadlines.check(clock.pk, berlin(2026, 11, 24, 9, 20)) == [events.SLA_WARNING]
    assert deadlines._fire(stale, "warned_at", berlin(2026, 11, 24, 9, 21)) is False
    assert len(history(ticket, events.SLA_WARNING)) == 1


def test_a_new_cycle_may_warn_again(world, ticket, now):
    now.set(berlin(2026, 11, 23, 16, 50))
    add_message(world.agent, ticket, "We are on it.")
    update: Any = SlaClock.objects.get(ticket=ticket, metric=Metric.NEXT_UPDATE)
    assert deadlines.check(update.pk, update.warn_at) == [events.SLA_WARNING]
    now.set(update.warn_at + timedelta(minutes=1))
    add_message(world.agent, ticket, "Still on it.")
    update.refresh_from_db()
    assert update.cycle == 2 and update.warned_at is None
    assert deadlines.check(update.pk, update.warn_at) == [events.SLA_WARNING]


def test_the_sweep_fires_what_is_past_and_times_what_comes_within_the_minute(ticket, now, monkeypatch):
    timed: list[tuple[int, object]] = []
    monkeypatch.setattr(
        tasks.check_clock, "schedule", lambda args, eta: timed.append((args[0], eta)), raising=False
    )
    clock = first_response(ticket)

    now.set(clock.warn_at - timedelta(seconds=90))
    tasks.sweep_deadlines.call_local()
    assert timed == []

    now.set(clock.warn_at - timedelta(seconds=30))
    tasks.sweep_deadlines.call_local()
    assert timed == [(clock.pk, clock.warn_at)]

    now.set(clock.due_at + timedelta(seconds=5))
    tasks.sweep_deadlines.call_local()
    assert history(ticket, events.SLA_WARNING, events.SLA_BREACHED) == [
        (events.SLA_WARNING, Metric.FIRST_RESPONSE),
        (events.SLA_BREACHED, Metric.FIRST_RESPONSE),
    ]


def test_the_sweep_reads_the_partial_index_not_the_tickets(ticket, now):
    query = SlaClock.objects.filter(next_check_at__lte=now()).order_by("next_check_at").values("pk")
    with connection.cursor() as cursor:
        sql, params = query.query.sql_with_params()
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(row) for row in cursor.fetchall())
        else:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = " ".join(row[0] for row in cursor.fetchall())
    assert "sla_next_check_idx" in plan
