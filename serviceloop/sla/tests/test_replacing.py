"""A changed calendar or escalation chain reaches the clocks already running on it."""

from __future__ import annotations

from datetime import date

import pytest

from serviceloop.core import events
from serviceloop.sla.metrics import Metric
from serviceloop.sla.models import EscalationAction, SlaClock
from serviceloop.sla.services import administration, deadlines
from serviceloop.sla.services.holiday_import import import_holidays
from serviceloop.tickets.models import Channel

from .conftest import berlin

pytestmark = pytest.mark.django_db

TUESDAY_OFF = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//EN\r
BEGIN:VEVENT\r
UID:strike-2026@test\r
DTSTART;VALUE=DATE:20261124\r
SUMMARY:Works holiday\r
END:VEVENT\r
END:VCALENDAR\r
"""


def first_response(ticket) -> SlaClock:
    return SlaClock.objects.get(ticket=ticket, metric=Metric.FIRST_RESPONSE)


def test_a_holiday_imported_moves_the_deadlines_running_over_it(
    world, now, office, standard, django_capture_on_commit_callbacks
):
    ticket = world.ticket(world.agent, channel=Channel.EMAIL, received_at=now())  # Monday 16:30
    assert first_response(ticket).due_at == berlin(2026, 11, 24, 9, 30)
    with django_capture_on_commit_callbacks(execute=True):
        import_holidays(office, TUESDAY_OFF)
    assert first_response(ticket).due_at == berlin(2026, 11, 25, 9, 30)  # Tuesday is closed now
    ticket.refresh_from_db()
    assert ticket.due_at == berlin(2026, 11, 25, 9, 30)
    assert office.holidays.filter(date=date(2026, 11, 24)).exists()


def test_a_level_added_after_the_breach_still_acts(world, now, standard, django_capture_on_commit_callbacks):
    ticket = world.ticket(world.agent, channel=Channel.EMAIL, received_at=now())
    clock = first_response(ticket)
    deadlines.check(clock.pk, berlin(2026, 11, 24, 9, 30))
    assert first_response(ticket).next_check_at is None  # no chain: nothing more to do
    with django_capture_on_commit_callbacks(execute=True):
        administration.change_policy(world.supervisor, standard, {
            "escalation_levels": [{"after_minutes": 60, "actions": [EscalationAction.NOTIFY_MANAGER]}],
        })  # fmt: skip
    assert first_response(ticket).next_check_at == berlin(2026, 11, 24, 10, 30)
    assert deadlines.check(clock.pk, berlin(2026, 11, 24, 10, 30)) == [events.SLA_ESCALATED]
