"""GET /tickets/{number} shows each service-level clock: target, due time, state, met and breach."""

from __future__ import annotations

import pytest

from serviceloop.sla.services import deadlines
from serviceloop.sla.tests.conftest import berlin, now, office, standard  # noqa: F401
from serviceloop.tickets.models import Channel
from serviceloop.tickets.services import add_message

pytestmark = pytest.mark.django_db


def test_a_ticket_read_shows_its_clocks(world, client_for, now, standard):  # noqa: F811
    ticket = world.ticket(world.customer, channel=Channel.PORTAL, received_at=now())  # Monday 16:30 Berlin
    now.set(berlin(2026, 11, 23, 16, 50))
    add_message(world.agent, ticket, "We are on it.")
    resolution = ticket.sla_clocks.get(metric="resolution")
    deadlines.check(resolution.pk, berlin(2026, 11, 30, 9, 0))

    body = client_for(world.agent).get(f"/tickets/{ticket.number}").json()
    clocks = {clock["metric"]: clock for clock in body["sla"]}
    assert [clock["metric"] for clock in body["sla"]] == [
        "first_response", "handoff", "solution_plan", "next_update", "resolution",
    ]  # fmt: skip
    first = clocks["first_response"]
    assert (first["state"], first["target_minutes"], first["elapsed_minutes"]) == ("met", 60, 20)
    assert first["met_at"].startswith("2026-11-23T15:50:00")  # UTC
    assert first["breached_at"] is None
    late = clocks["resolution"]
    assert late["state"] == "running" and late["due_at"].startswith("2026-11-25T08:30:00")
    assert late["breached_at"].startswith("2026-11-30T08:00:00")
    assert body["due_at"].startswith("2026-11-24T")  # the handoff, four business hours on


def test_a_ticket_under_no_policy_has_no_clocks(world, client_for, now):  # noqa: F811
    ticket = world.ticket(world.customer, channel=Channel.PORTAL, received_at=now())
    assert client_for(world.agent).get(f"/tickets/{ticket.number}").json()["sla"] == []


def test_a_milestone_recorded_through_the_api_meets_its_clock(world, client_for, now, standard):  # noqa: F811
    from serviceloop.sla.tests.conftest import add_targets

    add_targets(standard, order_confirmation=(1440, False))
    ticket = world.ticket(world.agent, channel=Channel.EMAIL, category="order", received_at=now())
    api = client_for(world.agent)
    response = api.post(f"/tickets/{ticket.number}/milestones", {"milestone": "order_confirmed"})
    assert response.status_code == 201
    clocks = {clock["metric"]: clock for clock in response.json()["sla"]}
    assert clocks["order_confirmation"]["state"] == "met"

    wrong = api.post(f"/tickets/{ticket.number}/milestones", {"milestone": "teleported"})
    assert wrong.status_code == 422 and wrong.json()["field"] == "milestone"
    later = api.post(
        f"/tickets/{ticket.number}/milestones", {"milestone": "delivered", "at": "2030-01-01T00:00:00Z"}
    )
    assert later.status_code == 422 and later.json()["field"] == "at"
    refused = client_for(world.customer).post(
        f"/tickets/{ticket.number}/milestones", {"milestone": "delivered"}
    )
    assert refused.status_code == 403


def test_the_service_levels_own_history_is_for_staff_only(world, client_for, now, standard):  # noqa: F811
    ticket = world.ticket(world.customer, channel=Channel.PORTAL, received_at=now())
    deadlines.check(ticket.sla_clocks.get(metric="first_response").pk, berlin(2026, 11, 24, 9, 31))
    staff = [h["name"] for h in client_for(world.agent).get(f"/tickets/{ticket.pk}/history").json()["items"]]
    customer = client_for(world.customer).get(f"/tickets/{ticket.pk}/history").json()["items"]
    assert {"sla.policy_applied", "sla.warning", "sla.breached"} <= set(staff)
    assert [h["name"] for h in customer] == ["ticket.created"]
