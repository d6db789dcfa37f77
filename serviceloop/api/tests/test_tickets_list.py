import base64
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from serviceloop.tickets.models import Ticket
from serviceloop.tickets.services import paging
from serviceloop.tickets.services.listing import SORTS, TicketFilter, filter_tickets


@pytest.fixture
def many(world):
    """13 tickets in few priorities and due times, some without a due time, so keys tie often."""
    now = timezone.now()
    tickets = []
    for i in range(13):
        ticket = world.ticket(urgency=["normal", "high"][i % 2], received_at=now - timedelta(hours=i % 3))
        due = None if i % 4 == 0 else now + timedelta(hours=i % 2)
        Ticket.objects.filter(pk=ticket.pk).update(due_at=due, updated_at=now - timedelta(minutes=i % 2))
        tickets.append(ticket)
    return tickets


def _walk(client, **params):
    seen, cursor, pages = [], None, 0
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        page = client.get("/tickets", query).json()
        seen += [t["number"] for t in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            return seen, pages


@pytest.mark.parametrize("sort", sorted(SORTS))
def test_cursor_walks_every_ticket_once_in_sort_order(world, client_for, many, sort):
    client = client_for(world.agent)
    seen, pages = _walk(client, sort=sort, limit=4, view="all")
    expected = [
        t["number"]
        for t in client.get("/tickets", {"sort": sort, "limit": 200, "view": "all"}).json()["items"]
    ]
    assert len(expected) == 13 and pages == 4
    assert seen == expected


def test_filters_are_mapped(world, client_for, many):
    client = client_for(world.agent)
    Ticket.objects.filter(pk=many[0].pk).update(status="escalated")
    Ticket.objects.filter(pk=many[1].pk).update(status="pending_customer")
    both = client.get("/tickets?status=escalated&status=pending_customer&view=all").json()["items"]
    assert {t["number"] for t in both} == {many[0].number, many[1].number}
    high = client.get("/tickets", {"priority": many[1].priority, "view": "all"}).json()["items"]
    assert high and all(t["priority"] == many[1].priority for t in high)
    assert client.get("/tickets", {"organisation_id": world.other_org.pk}).json()["items"] == []
    assert client.get("/tickets", {"received_from": "2000-01-01", "received_to": "2000-01-02"}).json() == {
        "items": [], "next_cursor": None,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"limit": 201}, "limit"),
        ({"limit": 0}, "limit"),
        ({"sort": "random"}, "sort"),
        ({"view": "someday"}, "view"),
        ({"cursor": "not base64 json"}, "cursor"),
        ({"received_from": "yesterday"}, "received_from"),
    ],
)
def test_bad_list_parameters_are_422_naming_the_field(world, client_for, query, field):
    response = client_for(world.agent).get("/tickets", query)
    assert response.status_code == 422
    assert response.json()["field"] == field


def test_cursor_of_another_sort_or_forged_values_is_refused(world, client_for, many):
    client = client_for(world.agent)
    cursor = client.get("/tickets", {"limit": 2, "sort": "newest"}).json()["next_cursor"]
    assert client.get("/tickets", {"cursor": cursor, "sort": "oldest"}).json()["field"] == "cursor"
    forged = base64.urlsafe_b64encode(json.dumps(["newest", "not a date", 3]).encode()).decode()
    assert client.get("/tickets", {"cursor": forged, "sort": "newest"}).json()["field"] == "cursor"


def test_partner_lists_only_tickets_of_their_products(world, client_for):
    own = world.ticket(machine_id=world.machine_a.pk)
    world.ticket(machine_id=world.machine_b.pk)
    items = client_for(world.partner_a_tech).get("/tickets", {"view": "all"}).json()["items"]
    assert [t["number"] for t in items] == [own.number]


def test_query_count_does_not_grow_with_page_size(world, client_for, django_assert_max_num_queries):
    client = client_for(world.agent)
    client.get("/users/me")  # the token's first use writes last_used_at; keep that out of the count
    for _ in range(2):
        world.ticket(tags=["a", "b"], team_id=world.team.pk, assignee_id=world.engineer.pk)
    with django_assert_max_num_queries(4) as few:
        assert len(client.get("/tickets").json()["items"]) == 2
    baseline = len(few)  # read now: each request clears Django's query log
    for _ in range(20):
        world.ticket(tags=["a", "b"], team_id=world.team.pk, assignee_id=world.engineer.pk)
    with django_assert_max_num_queries(baseline):
        assert len(client.get("/tickets").json()["items"]) == 22


@pytest.mark.parametrize("window", [3, 5000])
@pytest.mark.parametrize("sort", list(SORTS))
def test_a_searched_list_walks_the_same_tickets_however_its_first_page_is_found(
    world, client_for, monkeypatch, window, sort
):
    monkeypatch.setattr(paging, "SEARCH_WINDOW", window)  # 3: the window cannot hold a first page
    subjects = ["Oil leak at the pump", "Spindle noise", "Hydraulic oil leak", "Oil change"] * 3
    for n, subject in enumerate(subjects):
        world.ticket(subject=subject, urgency=["normal", "high"][n % 2])
    wanted = TicketFilter(view="all", q="oil leak", sort=sort)
    expected = [t.number for t in filter_tickets(world.agent, wanted)]
    seen, _pages = _walk(client_for(world.agent), view="all", q="oil leak", sort=sort, limit=2)
    assert seen == expected and len(expected) == 6
