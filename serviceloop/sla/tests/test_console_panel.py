"""The ticket page shows a line per promise: due, overdue, paused with time left, met or met late."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from serviceloop.sla.services import deadlines
from serviceloop.tickets.models import Channel
from serviceloop.tickets.services import add_message, transition

from .conftest import berlin

pytestmark = pytest.mark.django_db


def states_on_page(world, ticket) -> dict[str, str]:
    client = Client()
    client.force_login(world.agent)
    html = client.get(reverse("console:ticket", args=[ticket.number])).content.decode()
    panel = html[html.index('id="service-levels"') :]
    rows = panel.split('data-sla-state="')[1:]
    return {row.split('fw-semibold">')[1].split("<")[0]: row.split('"')[0] for row in rows}


def test_the_panel_follows_the_clocks(world, now, standard):
    ticket = world.ticket(world.customer, channel=Channel.PORTAL, received_at=now())
    assert states_on_page(world, ticket)["First response"] == "running"

    first = ticket.sla_clocks.get(metric="first_response")
    deadlines.check(first.pk, berlin(2026, 11, 24, 9, 31))
    now.set(berlin(2026, 11, 24, 9, 40))
    assert states_on_page(world, ticket)["First response"] == "overdue"

    add_message(world.agent, ticket, "Sorry for the wait; we are on it.")
    transition(world.agent, ticket, "take")
    transition(world.agent, ticket, "wait_for_customer")
    states = states_on_page(world, ticket)
    assert states["First response"] == "met_late"
    assert states["Resolution"] == "paused"
    assert states["Next update to the customer"] == "paused"


def test_no_policy_no_panel(world, now):
    ticket = world.ticket(world.customer, channel=Channel.PORTAL, received_at=now())
    client = Client()
    client.force_login(world.agent)
    assert (
        'id="service-levels"'
        not in client.get(reverse("console:ticket", args=[ticket.number])).content.decode()
    )
