import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from serviceloop.conftest import make_user
from serviceloop.console.counts import view_counts
from serviceloop.core.roles import Role
from serviceloop.routing.tiers import escalate
from serviceloop.tickets.models import Ticket
from serviceloop.tickets.services import transition

from .conftest import numbers_in, text_of

QUEUE = reverse("console:queue")


def view_count(html: str, view: str) -> str:
    match = re.search(rf'data-view-count="{view}">([^<]+)<', html)
    assert match, f"no count for {view}"
    return match.group(1)


def test_views_have_counts(login, world):
    mine = world.ticket(assignee_id=world.agent.pk)
    team = world.ticket(team_id=world.team.pk)
    escalated = world.ticket()
    escalate(world.agent, escalated, "engineer", "Needs an engineer.", "Checked the spindle log.")
    pending = world.ticket()
    transition(world.agent, pending, "take")
    transition(world.agent, pending, "wait_for_customer")
    closed = world.ticket()
    transition(world.agent, closed, "cancel")

    html = text_of(login(world.agent).get(QUEUE))
    expected = {"mine": "2", "team": "1", "unassigned": "2", "escalated": "1", "awaiting_approval": "0",
                "pending_customer": "1", "open": "4", "all": "5"}  # fmt: skip
    assert {view: view_count(html, view) for view in expected} == expected
    # The default view lists the open tickets, most urgent first.
    assert set(numbers_in(html)) == {mine.number, team.number, escalated.number, pending.number}


def test_counts_are_capped_not_counted_to_the_end(world):
    for _ in range(4):
        world.ticket()
    counts = view_counts(world.agent, cap=2)
    assert counts["all"] == 3  # "more than 2"
    assert counts["escalated"] == 0
    assert view_counts(world.other_customer)["all"] == 0
    unlinked_partner = make_user(Role.PARTNER)  # sees nothing at all: the SQL is never even built
    assert set(view_counts(unlinked_partner).values()) == {0}


def test_filters_narrow_the_table(login, world):
    a = world.ticket(machine_id=world.machine_a.pk, impact="stopped")
    b = world.ticket(machine_id=world.machine_b.pk, channel="email")
    c = world.ticket(organisation_id=world.other_org.pk, contact_id=None, machine_id=None)
    client = login(world.agent)

    def shown(query: str) -> set[str]:
        response = client.get(QUEUE + query)
        assert response.status_code == 200
        return set(numbers_in(text_of(response)))

    assert shown("?view=all") == {a.number, b.number, c.number}
    assert shown("?view=all&priority=1") == {a.number}
    assert shown(f"?view=all&product_model={world.model_b.pk}") == {b.number}
    assert shown(f"?view=all&organisation={world.other_org.pk}") == {c.number}
    assert shown("?view=all&channel=email") == {b.number}
    assert shown("?view=all&status=new&status=open") == {a.number, b.number, c.number}
    assert shown("?view=all&status=escalated") == set()
    assert shown("?view=all&received_from=2000-01-01&received_to=2000-01-02") == set()
    assert shown(f"?view=all&assignee={world.engineer.pk}") == set()


def test_emergency_badge_and_columns(login, world):
    ticket = world.ticket(impact="stopped", assignee_id=world.engineer.pk)
    html = text_of(login(world.agent).get(QUEUE))
    row = html[html.index(f'data-row-href="/console/tickets/{ticket.number}/"') :].split("</tr>")[0]
    for part in ("P1", "Emergency", "Müller Fertigung", "CL200-0001", "CL-200", "New", str(world.engineer)):
        assert part in row


def test_bad_parameters_show_errors_not_500(login, world):
    world.ticket()
    url = QUEUE + "?view=someday&priority=9&team=abc&received_from=yesterday&sort=random&page=0"
    response = login(world.agent).get(url)
    assert response.status_code == 200
    html = text_of(response)
    assert "Some filters could not be used" in html
    assert "Select a valid choice" in html
    assert "Enter a valid date" in html
    assert len(numbers_in(html)) == 1  # the bad filters are ignored, the rest still applies


def test_reversed_date_range_is_an_error(login, world):
    html = text_of(login(world.agent).get(QUEUE + "?received_from=2026-02-01&received_to=2026-01-01"))
    assert "The end of the range is before its start." in html


def test_sort_orders(login, world):
    older = world.ticket(received_at=datetime(2025, 1, 1, tzinfo=UTC))
    newer = world.ticket(received_at=datetime(2025, 6, 1, tzinfo=UTC))
    client = login(world.agent)
    assert numbers_in(text_of(client.get(QUEUE + "?view=all&sort=newest"))) == [newer.number, older.number]
    assert numbers_in(text_of(client.get(QUEUE + "?view=all&sort=oldest"))) == [older.number, newer.number]


def test_received_is_shown_in_the_viewers_zone(login, world):
    world.agent.time_zone = "Asia/Shanghai"
    world.agent.save()
    world.ticket(received_at=datetime(2025, 3, 1, 23, 30, tzinfo=UTC))
    html = text_of(login(world.agent).get(QUEUE + "?view=all"))
    assert 'datetime="2025-03-02T07:30:00+08:00" title="2025-03-02 07:30">2025-03-02</time>' in html


@pytest.mark.parametrize("query", ["主轴", "CL300-0002", "grinding"])
def test_search_in_english_chinese_and_serial_numbers(login, world, query):
    zh = world.ticket(subject="主轴异响", body="设备在高速运转时有异响。", machine_id=world.machine_b.pk)
    en = world.ticket(subject="Coolant pump", body="The spindle is grinding.", machine_id=world.machine_a.pk)
    expected = {"主轴": {zh.number}, "CL300-0002": {zh.number}, "grinding": {en.number}}[query]
    html = text_of(login(world.agent).get(QUEUE, {"view": "all", "q": query}))
    assert set(numbers_in(html)) == expected


def test_a_full_ticket_number_opens_the_ticket(login, world):
    ticket = world.ticket()
    client = login(world.agent)
    response = client.get(QUEUE, {"q": ticket.number.lower()})
    assert response.status_code == 302
    assert response["Location"] == reverse("console:ticket", args=[ticket.number])
    response = client.get(QUEUE, {"q": ticket.number}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="queue-results")
    assert response["HX-Redirect"] == reverse("console:ticket", args=[ticket.number])


def test_a_ticket_number_the_partner_may_not_see_does_not_open(login, world):
    theirs = world.ticket(machine_id=world.machine_b.pk)
    response = login(world.partner_a_tech).get(QUEUE, {"q": theirs.number, "view": "all"})
    assert response.status_code == 200
    assert numbers_in(text_of(response)) == []


def test_htmx_gets_only_the_table(login, world):
    ticket = world.ticket()
    response = login(world.agent).get(
        QUEUE, {"view": "all"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="queue-results"
    )
    html = text_of(response)
    assert "<html" not in html
    assert "data-view-count" not in html  # no side nav, so no counting either
    assert numbers_in(html) == [ticket.number]
    assert "HX-Request" in response["Vary"]


def test_full_page_works_without_js(login, world):
    html = text_of(login(world.agent).get(QUEUE))
    assert 'method="get" action="/console/"' in html  # the filter form submits by itself
    assert 'hx-get="/console/"' in html and 'hx-push-url="true"' in html
    assert "console/keys.js" in html
    assert "<kbd>j</kbd>" in html  # the keys are documented in the footer


def test_pagination_without_counting_everything(login, world, monkeypatch):
    monkeypatch.setattr("serviceloop.console.views.queue.PAGE_SIZE", 2)
    for _ in range(5):
        world.ticket()
    client = login(world.agent)
    everything = list(Ticket.objects.order_by("received_at", "id").values_list("number", flat=True))
    first = text_of(client.get(QUEUE + "?view=all&sort=oldest"))
    assert numbers_in(first) == everything[:2]
    assert re.search(
        r'page-item">\s*<a class="page-link" href="\?view=all&amp;sort=oldest&amp;page=2"', first
    )
    last = text_of(client.get(QUEUE + "?view=all&sort=oldest&page=3"))
    assert numbers_in(last) == everything[4:]
    assert re.search(r'page-item disabled">\s*<a class="page-link" href="[^"]*page=4"', last)


def test_queue_query_count_does_not_grow_with_rows(login, world, count_queries):
    client = login(world.agent)
    url = QUEUE + f"?view=all&team={world.team.pk}&product_model={world.model_a.pk}"
    for _ in range(5):
        world.ticket(team_id=world.team.pk, assignee_id=world.engineer.pk)
    few = count_queries(lambda: client.get(url))
    for _ in range(25):
        world.ticket(team_id=world.team.pk, assignee_id=world.agent.pk, machine_id=world.machine_a.pk)
    many = count_queries(lambda: client.get(url))
    assert len(numbers_in(text_of(client.get(url)))) == 30
    assert few == many
    assert many <= 11  # with the pinned emergencies and the unread notifications of the menu
