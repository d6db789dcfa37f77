"""The queue's bulk toolbar: tick rows, choose one change, read what happened to each ticket."""

from __future__ import annotations

import re

import pytest
from django.db.models import Q
from django.test import Client
from django.urls import reverse

from serviceloop.core import policy
from serviceloop.tickets.models import Status, Ticket
from serviceloop.tickets.services import transition, update_ticket
from serviceloop.tickets.services.tagging import tag_names

from .conftest import numbers_in, text_of

QUEUE = reverse("console:queue")
BULK = reverse("console:bulk")
HTMX = {"HX-Request": "true", "HX-Target": "queue-results"}


def ticked(*tickets: Ticket) -> list[str]:
    """The checkbox values of these rows, as the queue rendered them (with the version shown)."""
    return [f"{t.number}:{t.version}" for t in tickets]


def post(
    client: Client, tickets: list[str], change: str, query: str = "view=all", htmx: bool = False, **data
):
    """The toolbar's form as a browser sends it; with `htmx`, as htmx does."""
    payload = {"ticket": tickets, "change": change, "query": query, **data}
    return client.post(BULK, payload, headers=HTMX if htmx else None)


def fresh(ticket: Ticket) -> Ticket:
    return Ticket.objects.get(pk=ticket.pk)


def outcomes_in(html: str) -> dict[str, str]:
    found = re.findall(r'data-bulk-outcome="([^"]+)">[^:]+: ([^<]*)</li>', html)
    return {number: message.strip() for number, message in found}


def test_the_queue_offers_a_box_per_row_and_the_toolbar(login, world):
    ticket = world.ticket()
    html = text_of(login(world.agent).get(QUEUE))
    assert f'name="ticket" value="{ticket.number}:{ticket.version}" form="queue-bulk"' in html
    assert "data-bulk-all" in html
    assert f'id="queue-bulk" method="post" action="{BULK}"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    for label in ("Assign to me", "Move to team", "Add tags", "Take", "Close", "Cancel", str(world.team)):
        assert label in html


@pytest.mark.parametrize("who", ["partner_a_tech", "quality"])
def test_those_who_may_not_change_tickets_see_no_toolbar(login, world, who):
    world.ticket(machine_id=world.machine_a.pk)
    html = text_of(login(getattr(world, who)).get(QUEUE, {"view": "all"}))
    assert len(numbers_in(html)) == 1
    assert "queue-bulk" not in html and "data-bulk-row" not in html


@pytest.mark.parametrize("who", ["customer", "partner_a_tech", "quality"])
def test_a_post_by_someone_not_allowed_is_forbidden(login, world, who):
    ticket = world.ticket(machine_id=world.machine_a.pk)
    response = post(login(getattr(world, who)), ticked(ticket), "cancel")
    assert response.status_code == 403
    assert fresh(ticket).status == Status.NEW


@pytest.mark.parametrize(
    ("change", "data", "check"),
    [
        ("assign_to_me", {}, lambda t, w: t.assignee_id == w.agent.pk),
        ("assign", {"assignee": "engineer"}, lambda t, w: t.assignee_id == w.engineer.pk),
        ("team", {"team": "team"}, lambda t, w: t.team_id == w.team.pk),
        ("classify", {"urgency": "critical"}, lambda t, w: (t.urgency, t.priority) == ("critical", 2)),
        ("tags", {"tags": "recall, Batch-7"}, lambda t, w: tag_names(t) == ["batch-7", "recall"]),
        ("take", {}, lambda t, w: (t.status, t.assignee_id) == (Status.OPEN, w.agent.pk)),
        ("cancel", {}, lambda t, w: t.status == Status.CANCELLED),
    ],
)
def test_each_change_is_made_to_every_ticked_ticket(login, world, change, data, check):
    tickets = [world.ticket() for _ in range(3)]
    values = {
        name: getattr(world, value).pk if hasattr(world, value) else value for name, value in data.items()
    }
    response = post(login(world.agent), ticked(*tickets), change, **values, htmx=True)
    assert response.status_code == 200
    assert outcomes_in(text_of(response)) == {t.number: "done" for t in tickets}
    assert all(check(fresh(t), world) for t in tickets)


def test_a_mix_reports_each_ticket_and_keeps_the_allowed_changes(login, world):
    resolved = [world.ticket() for _ in range(2)]
    for ticket in resolved:
        transition(world.agent, ticket, "take")
        transition(world.agent, ticket, "resolve")
    new = world.ticket()
    response = post(login(world.agent), [*ticked(*resolved, new), "SL-1999-000001:1"], "close", htmx=True)
    html = text_of(response)
    assert "2 changed, 2 refused." in html
    outcomes = outcomes_in(html)
    assert outcomes[resolved[0].number] == outcomes[resolved[1].number] == "done"
    assert outcomes[new.number].startswith("Cannot close a ticket that is New")
    assert outcomes["SL-1999-000001"] == "not found"
    assert [fresh(t).status for t in (*resolved, new)] == [Status.CLOSED, Status.CLOSED, Status.NEW]


def test_a_ticket_changed_after_the_list_was_shown_is_refused_not_overwritten(login, world):
    kept, stale = world.ticket(), world.ticket()
    shown = ticked(kept, stale)
    update_ticket(world.engineer, stale, {"assignee_id": world.engineer.pk})
    html = text_of(post(login(world.agent), shown, "assign_to_me", htmx=True))
    assert "was changed by someone else" in outcomes_in(html)[stale.number]
    assert (fresh(kept).assignee_id, fresh(stale).assignee_id) == (world.agent.pk, world.engineer.pk)


def test_more_than_a_hundred_tickets_are_refused_with_a_message(login, world):
    ticket = world.ticket()
    too_many = ticked(ticket) + [f"SL-2000-{n:06d}:1" for n in range(100)]
    response = post(login(world.agent), too_many, "cancel")
    assert response.status_code == 422
    assert "At most 100 tickets can be changed at once; 101 were selected." in text_of(response)
    assert fresh(ticket).status == Status.NEW


def test_tickets_beyond_the_users_sight_are_not_found(login, world, monkeypatch):
    ours = world.ticket()
    theirs = world.ticket(organisation_id=world.other_org.pk, contact_id=None, machine_id=None)
    # An agent limited to one organisation (no such role yet): the other's ticket must stay unknown.
    scope = policy.ticket_scope
    monkeypatch.setattr(policy, "ticket_scope", lambda user: scope(user) & Q(organisation_id=world.org.pk))  # type: ignore[operator]
    html = text_of(post(login(world.agent), ticked(ours, theirs), "cancel", htmx=True))
    assert outcomes_in(html) == {ours.number: "done", theirs.number: "not found"}
    assert fresh(theirs).status == Status.NEW


def test_without_javascript_the_outcomes_follow_a_redirect_to_the_same_list(login, world):
    ticket = world.ticket(team_id=world.team.pk)
    client = login(world.agent)
    query = f"view=all&team={world.team.pk}&sort=oldest"
    response = post(client, [*ticked(ticket), "SL-1999-000001:1"], "take", query=query)
    assert response.status_code == 302
    assert response["Location"] == f"{QUEUE}?{query}"
    html = text_of(client.get(response["Location"]))
    assert "1 changed, 1 refused." in html
    assert outcomes_in(html) == {ticket.number: "done", "SL-1999-000001": "not found"}
    assert f'value="{ticket.number}:{fresh(ticket).version}"' in html  # the list shows the new version


def test_htmx_gets_the_results_fragment_with_the_outcomes(login, world):
    ticket = world.ticket()
    response = post(login(world.agent), ticked(ticket), "take", query="view=mine", htmx=True)
    html = text_of(response)
    assert "<html" not in html
    assert 'id="bulk-outcomes"' in html and "1 changed, 0 refused." in html
    assert numbers_in(html) == [ticket.number]  # now in "my tickets", the list it was made from
    assert 'name="query" value="view=mine" form="queue-bulk"' in html
    # The views' counts beside the list come along, for htmx to swap in out of band.
    mine = re.search(r'<span id="view-count-mine"[^>]*hx-swap-oob="true">(\d+)</span>', html)
    assert mine is not None and mine.group(1) == "1"


def test_a_change_missing_its_value_is_refused_whole(login, world):
    ticket = world.ticket()
    client = login(world.agent)
    response = post(client, ticked(ticket), "assign", htmx=True)
    assert response.status_code == 422
    assert "Choose whom to assign the tickets to." in text_of(response)
    response = post(client, [], "take")
    assert response.status_code == 422
    assert "Select at least one ticket." in text_of(response)
    assert fresh(ticket).version == ticket.version


def test_csrf_is_enforced(world):
    ticket = world.ticket()
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.agent)
    assert post(client, ticked(ticket), "cancel").status_code == 403
    assert fresh(ticket).status == Status.NEW
    page = text_of(client.get(QUEUE))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token
    response = post(client, ticked(ticket), "cancel", csrfmiddlewaretoken=token.group(1))
    assert response.status_code == 302
    assert fresh(ticket).status == Status.CANCELLED
