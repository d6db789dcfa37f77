import zoneinfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone

from serviceloop.tickets.services import transition

LIST = reverse("portal:tickets")


def other_org_ticket(world):
    return world.ticket(
        organisation_id=world.other_org.pk, contact_id=None, machine_id=world.other_machine.pk,
        subject="Other company's spindle",
    )  # fmt: skip


def test_customer_sees_only_their_organisations_tickets(portal, world):
    mine = world.ticket(subject="Coolant pump leaks")
    theirs = other_org_ticket(world)
    response = portal.get(LIST)
    assert response.status_code == 200
    shown = [t.number for t in response.context["page"].object_list]
    assert shown == [mine.number]
    assert theirs.number.encode() not in response.content
    assert b"Coolant pump leaks" in response.content and b"CL200-0001" in response.content


def test_open_and_closed_filters(portal, world):
    running = world.ticket(subject="Still running")
    done = world.ticket(subject="All fixed")
    transition(world.agent, done, "take")
    transition(world.agent, done, "resolve")

    def shown(**params):
        return {t.number for t in portal.get(LIST, params).context["page"].object_list}

    assert shown(state="open") == {running.number}
    assert shown(state="closed") == {done.number}
    assert shown() == {running.number, done.number}


def test_search_box_finds_by_words_and_number(portal, world):
    pump = world.ticket(subject="Coolant pump leaks")
    world.ticket(subject="Door sensor fault")
    assert [t.number for t in portal.get(LIST, {"q": "coolant"}).context["page"].object_list] == [pump.number]
    by_number = portal.get(LIST, {"q": pump.number}).context["page"].object_list
    assert [t.number for t in by_number] == [pump.number]
    assert b"No requests match" in portal.get(LIST, {"q": "hydraulic"}).content


def test_status_reads_in_plain_words_and_time_in_the_customers_zone(portal, world):
    world.customer.time_zone = "Asia/Shanghai"
    world.customer.save()
    ticket = world.ticket()
    transition(world.agent, ticket, "take")
    transition(world.agent, ticket, "wait_for_customer")
    ticket.refresh_from_db()
    response = portal.get(LIST)
    content = response.content.decode()
    assert "Waiting for your reply" in content and "Pending customer" not in content
    local = timezone.localtime(ticket.updated_at, zoneinfo.ZoneInfo("Asia/Shanghai"))
    assert formats.date_format(local, "DATETIME_FORMAT") in content
    assert "Asia/Shanghai" in content


def test_list_is_paginated(portal, world):
    for i in range(27):
        world.ticket(subject=f"Request {i}")
    first = portal.get(LIST)
    assert len(first.context["page"].object_list) == 25
    second = portal.get(LIST, {"page": 2})
    assert len(second.context["page"].object_list) == 2
    assert portal.get(LIST, {"page": "nonsense"}).status_code == 200


def _queries_for_list(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(LIST)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_tickets(portal, world, django_assert_max_num_queries):
    for _ in range(3):
        world.ticket()
    few = _queries_for_list(portal)
    for i in range(17):
        world.ticket(machine_id=world.machine_b.pk if i % 2 else world.machine_a.pk)
    with django_assert_max_num_queries(few):
        response = portal.get(LIST)
    assert len(response.context["page"].object_list) == 20
    assert few <= 6
