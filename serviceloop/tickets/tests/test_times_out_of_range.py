"""Times a face hands the ticket services are stored as UTC: PostgreSQL refuses the offsets beyond
±15:59 that Python allows, and nothing outside years 1-9999 UTC can be stored, which is refused."""

from datetime import date, datetime, timedelta, timezone

import pytest
from django.utils import timezone as django_timezone

from serviceloop.core.errors import InvalidInput
from serviceloop.tickets.services import TicketFilter, filter_tickets

FAR_WEST = timezone(timedelta(hours=-23, minutes=-39))


def test_an_offset_beyond_postgresql_is_stored_as_the_same_instant(world):
    sent = datetime(2026, 1, 5, 1, 51, tzinfo=FAR_WEST)
    due = datetime(2026, 1, 6, 9, 0, tzinfo=FAR_WEST)
    ticket = world.ticket(received_at=sent, commitments=[("Call back", due)])
    ticket.refresh_from_db()
    assert ticket.received_at == sent and ticket.received_at.utcoffset() == timedelta(0)
    assert ticket.commitments.get().due_at == due


def test_a_filter_with_such_an_offset_finds_by_the_instant(world):
    ticket = world.ticket(received_at=django_timezone.now() - timedelta(hours=1))
    since = (django_timezone.now() - timedelta(hours=2)).astimezone(FAR_WEST)
    found = filter_tickets(world.agent, TicketFilter(view="all", received_from=since, received_to=since))
    assert list(found) == []
    assert list(filter_tickets(world.agent, TicketFilter(view="all", received_from=since))) == [ticket]


@pytest.mark.parametrize(
    "filters, field",
    [
        ({"received_to": date.max}, "received_to"),
        ({"received_from": datetime(1, 1, 1, 2, tzinfo=timezone(timedelta(hours=5)))}, "received_from"),
    ],
)
def test_a_filter_no_database_can_store_is_refused(world, filters, field):
    with pytest.raises(InvalidInput) as excinfo:
        list(filter_tickets(world.agent, TicketFilter(view="all", **filters)))
    assert excinfo.value.field == field


def test_a_ticket_received_before_year_one_in_utc_is_refused(world):
    with pytest.raises(InvalidInput) as excinfo:
        world.ticket(received_at=datetime(1, 1, 1, 1, tzinfo=timezone(timedelta(hours=5))))
    assert excinfo.value.field == "received_at"
