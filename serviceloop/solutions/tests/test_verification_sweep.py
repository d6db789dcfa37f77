"""Rounds left unanswered: one reminder after VERIFICATION_REMINDER_DAYS, then the ticket resolves on
its own after VERIFICATION_AUTO_RESOLVE_DAYS; each exactly once, however often the sweep runs."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from serviceloop.solutions.models import Outcome, Verification, Via
from serviceloop.solutions.services.verification_sweep import sweep
from serviceloop.solutions.tasks import sweep_verifications
from serviceloop.tickets.models import Channel, Message, Status, TicketEvent
from serviceloop.tickets.services import transition

from .conftest import taken


def _asked_days_ago(world, days: float):
    ticket = taken(world)
    transition(world.agent, ticket, "request_verification")
    Verification.objects.filter(ticket=ticket).update(requested_at=timezone.now() - timedelta(days=days))
    return ticket


def _requests(ticket) -> int:
    return Message.objects.filter(
        ticket=ticket, kind=Message.Kind.REPLY, body__contains="/portal/verify/"
    ).count()


def test_nothing_happens_before_the_reminder_is_due(world, settings):
    settings.VERIFICATION_REMINDER_DAYS, settings.VERIFICATION_AUTO_RESOLVE_DAYS = 3, 7
    ticket = _asked_days_ago(world, 2.9)
    assert sweep() == (0, 0)
    assert _requests(ticket) == 1


def test_one_reminder_then_one_auto_resolution(world, settings, django_capture_on_commit_callbacks):
    settings.VERIFICATION_REMINDER_DAYS, settings.VERIFICATION_AUTO_RESOLVE_DAYS = 3, 7
    ticket = _asked_days_ago(world, 3.5)
    with django_capture_on_commit_callbacks(execute=True):
        sweep_verifications.call_local()
        sweep_verifications.call_local()
    assert _requests(ticket) == 2
    reminder = Message.objects.filter(ticket=ticket, kind=Message.Kind.REPLY).latest("id")
    assert reminder.body.startswith("A reminder:") and reminder.author == world.agent
    assert Verification.objects.get(ticket=ticket).reminded_at is not None

    Verification.objects.filter(ticket=ticket).update(requested_at=timezone.now() - timedelta(days=7.1))
    assert sweep() == (0, 1)
    assert sweep() == (0, 0)
    ticket.refresh_from_db()
    assert ticket.status == Status.RESOLVED
    [row] = TicketEvent.objects.filter(ticket=ticket, name="ticket.transitioned", new_value=Status.RESOLVED)
    assert (row.actor, row.channel, row.data["action"]) == (None, Channel.SYSTEM, "resolve")
    assert row.data["rule"] == "verification.auto_resolved"
    answered = Verification.objects.get(ticket=ticket)
    assert (answered.outcome, answered.via) == (Outcome.AUTO_RESOLVED, Via.AUTO)
    assert _requests(ticket) == 2


def test_a_round_overdue_for_both_resolves_without_a_last_reminder(world, settings):
    settings.VERIFICATION_REMINDER_DAYS, settings.VERIFICATION_AUTO_RESOLVE_DAYS = 3, 7
    ticket = _asked_days_ago(world, 10)
    assert sweep() == (0, 1)
    assert _requests(ticket) == 1


def test_zero_days_turns_the_steps_off(world, settings):
    settings.VERIFICATION_REMINDER_DAYS, settings.VERIFICATION_AUTO_RESOLVE_DAYS = 0, 0
    ticket = _asked_days_ago(world, 30)
    assert sweep() == (0, 0)
    ticket.refresh_from_db()
    assert ticket.status == Status.AWAITING_VERIFICATION


def test_an_answered_round_is_left_alone(world, settings):
    settings.VERIFICATION_REMINDER_DAYS, settings.VERIFICATION_AUTO_RESOLVE_DAYS = 3, 7
    ticket = _asked_days_ago(world, 10)
    transition(world.customer, ticket, "confirm_fix", channel=Channel.PORTAL)
    assert sweep() == (0, 0)
    assert Verification.objects.get(ticket=ticket).outcome == Outcome.WORKS


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers; the race needs PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_resolve_once(world, settings):
    settings.VERIFICATION_REMINDER_DAYS, settings.VERIFICATION_AUTO_RESOLVE_DAYS = 3, 7
    ticket = _asked_days_ago(world, 10)
    results: list[tuple[int, int]] = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def run() -> None:
        try:
            start.wait()
            results.append(sweep())
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(results) == [(0, 0), (0, 1)]
    assert TicketEvent.objects.filter(ticket=ticket, new_value=Status.RESOLVED).count() == 1
