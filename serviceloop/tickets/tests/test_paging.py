"""A page of a searched ticket list is the same page however it is found (see services/paging.py)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from serviceloop.tickets.models import Urgency
from serviceloop.tickets.services import paging
from serviceloop.tickets.services.listing import TicketFilter, filter_tickets
from serviceloop.tickets.services.paging import ticket_page

pytestmark = pytest.mark.django_db

SUBJECTS = [
    "Oil leak at the pump", "Hydraulic oil leak", "Spindle noise", "Oil leak again", "Leak of coolant",
    "Oil change due", "Oil leak, valve", "Noise and oil leak",
]  # fmt: skip


@pytest.fixture
def tickets(world):
    urgencies = [Urgency.LOW, Urgency.NORMAL, Urgency.HIGH]
    return [
        world.ticket(subject=subject, urgency=urgencies[n % 3], body=f"Report {n}.")
        for n in range(3)
        for subject in SUBJECTS
    ]


@pytest.mark.parametrize("window", [2, 5, 9, 5000])
@pytest.mark.parametrize("sort", ["priority", "newest", "oldest"])
@pytest.mark.parametrize("query", ["oil leak", "leak", "oil noise", "pump oil leak", "gearbox oil"])
def test_a_searched_page_is_the_same_page(world, tickets, monkeypatch, window, sort, query):
    monkeypatch.setattr(paging, "SEARCH_WINDOW", window)
    wanted = TicketFilter(view="all", q=query, sort=sort)
    everything = list(filter_tickets(world.agent, wanted))
    for start, count in [(0, 4), (4, 4), (0, 30), (10, 5)]:
        assert ticket_page(world.agent, wanted, start, count) == everything[start : start + count]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the window is PostgreSQL's")
def test_on_postgresql_words_many_tickets_share_are_found_in_the_window(world, tickets):
    wanted = TicketFilter(view="all", q="oil leak")
    with CaptureQueriesContext(connection) as captured:
        page = ticket_page(world.agent, wanted, 0, 3)
    assert len(page) == 3
    [window] = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT w.pk")]
    assert "LIMIT 5000" in window
