"""Times PostgreSQL cannot take as sent: Python (and so the API schema) accepts offsets up to ±23:59,
PostgreSQL only up to ±15:59 (once a 500 found by the schema fuzz test), and no database stores an
instant outside years 1-9999 UTC. Offsets are turned into UTC; what stays out of range is 422."""

import base64
import json
from datetime import UTC, datetime

import pytest

from serviceloop.tickets.models import Commitment, Ticket

ODD_OFFSET = "2026-01-05T01:51:54-23:39"


def test_a_list_filter_with_an_offset_beyond_postgresql_works(world, client_for):
    ticket = world.ticket()
    client = client_for(world.supervisor)
    params = {
        "view": "all",
        "received_from": "2000-01-01T00:00:00+23:59",
        "received_to": "2999-01-01T00:00-23:59",
    }
    response = client.get("/tickets", params)
    assert response.status_code == 200
    assert [t["number"] for t in response.json()["items"]] == [ticket.number]
    assert client.get("/tickets", {"received_to": "0381-06-11T01:51:54-23:39"}).json()["items"] == []


@pytest.mark.parametrize(
    "params, field",
    [
        ({"received_to": "9999-12-31"}, "received_to"),
        ({"received_from": "0001-01-01T02:00:00+05:00"}, "received_from"),
    ],
)
def test_a_list_filter_no_database_can_store_is_422(world, client_for, params, field):
    response = client_for(world.supervisor).get("/tickets", params)
    assert response.status_code == 422, response.json()
    assert response.json()["field"] == field


def test_a_ticket_received_at_an_odd_offset_is_stored_as_the_same_instant(world, client_for):
    body = {
        "subject": "Alarm", "body": "Alarm 2041.", "organisation_id": world.org.pk, "received_at": ODD_OFFSET,
        "commitments": [{"promise": "Call back", "due_at": "2030-01-01T00:00:00+23:59"}],
    }  # fmt: skip
    response = client_for(world.agent).post("/tickets", body)
    assert response.status_code == 201, response.json()
    assert Ticket.objects.get().received_at == datetime(2026, 1, 6, 1, 30, 54, tzinfo=UTC)
    assert Commitment.objects.get().due_at == datetime(2029, 12, 31, 0, 1, tzinfo=UTC)


def test_a_ticket_received_before_year_one_in_utc_is_422(world, client_for):
    body = {
        "subject": "A",
        "body": "B",
        "organisation_id": world.org.pk,
        "received_at": "0001-01-01T01:00+05:00",
    }
    response = client_for(world.agent).post("/tickets", body)
    assert response.status_code == 422 and response.json()["field"] == "received_at"
    assert not Ticket.objects.exists()


def _cursor(*values) -> str:
    return base64.urlsafe_b64encode(json.dumps(["newest", *values]).encode()).decode().rstrip("=")


def test_a_made_up_cursor_with_such_times_answers_a_page_or_422(world, client_for):
    ticket = world.ticket(received_at=datetime(2026, 1, 4, tzinfo=UTC))
    client = client_for(world.supervisor)
    later = client.get("/tickets", {"sort": "newest", "view": "all", "cursor": _cursor(ODD_OFFSET, 10**6)})
    assert [t["number"] for t in later.json()["items"]] == [ticket.number]
    too_early = client.get("/tickets", {"sort": "newest", "cursor": _cursor("0001-01-01T01:00+05:00", 1)})
    assert too_early.status_code == 422 and too_early.json()["field"] == "cursor"
