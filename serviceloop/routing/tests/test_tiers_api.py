"""Escalations through the API: staff escalate and hand back; others are answered 403 or 404."""

from __future__ import annotations

import pytest

from serviceloop.accounts.services import issue_api_token
from serviceloop.api.tests.conftest import ApiClient
from serviceloop.routing.models import HandOff
from serviceloop.tickets.models import Status
from serviceloop.tickets.services import transition

pytestmark = pytest.mark.django_db

BODY = {"to_tier": "engineer", "reason": "Noise persists", "tried": "Belt swapped"}


@pytest.fixture
def api_for():
    return lambda user: ApiClient(issue_api_token(user))


@pytest.fixture
def taken(world):
    ticket = world.ticket()
    transition(world.agent, ticket, "take")
    return ticket


def test_escalate_then_read_the_hand_offs_newest_first(world, api_for, taken):
    agent = api_for(world.agent)
    path = f"/tickets/{taken.number}/escalations"
    created = agent.post(path, {**BODY, "assignee_id": world.engineer.pk})
    assert created.status_code == 201
    assert created.json()["to_user"]["id"] == world.engineer.pk and created.json()["tried"] == "Belt swapped"
    api_for(world.engineer).post(path, {**BODY, "to_tier": "manager"})
    listed = agent.get(path).json()
    assert listed["current_tier"] == "manager"
    assert [item["to_tier"] for item in listed["items"]] == ["manager", "engineer"]
    taken.refresh_from_db()
    assert taken.status == Status.ESCALATED


def test_hand_back_to_the_l1_agent(world, api_for, taken):
    api_for(world.agent).post(
        f"/tickets/{taken.number}/escalations", {**BODY, "assignee_id": world.engineer.pk}
    )
    answer = api_for(world.engineer).post(f"/tickets/{taken.number}/de-escalations", {"reason": "Call them"})
    assert answer.status_code == 201 and answer.json()["to_user"]["id"] == world.agent.pk
    assert answer.json()["direction"] == "down"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**BODY, "reason": ""}, "reason"),
        ({**BODY, "tried": " "}, "tried"),
        ({**BODY, "to_tier": "x"}, "to_tier"),
    ],
)
def test_missing_or_wrong_fields_are_named(world, api_for, taken, body, field):
    answer = api_for(world.agent).post(f"/tickets/{taken.number}/escalations", body)
    assert answer.status_code == 422 and answer.json()["field"] == field


def test_a_missing_field_is_named_by_validation(world, api_for, taken):
    answer = api_for(world.agent).post(f"/tickets/{taken.number}/escalations", {"to_tier": "engineer"})
    assert answer.status_code == 422 and answer.json()["field"] in {"reason", "tried"}


def test_sideways_or_down_is_a_conflict(world, api_for, taken):
    agent = api_for(world.agent)
    agent.post(f"/tickets/{taken.number}/escalations", BODY)
    answer = agent.post(f"/tickets/{taken.number}/escalations", BODY)
    assert answer.status_code == 409 and answer.json()["field"] == "to_tier"
    assert HandOff.objects.count() == 1


def test_handing_back_a_ticket_at_l1_is_a_conflict(world, api_for, taken):
    answer = api_for(world.agent).post(f"/tickets/{taken.number}/de-escalations", {"reason": "x"})
    assert answer.status_code == 409


def test_the_plain_escalate_transition_points_here(world, api_for, taken):
    answer = api_for(world.agent).post(f"/tickets/{taken.number}/transitions", {"action": "escalate"})
    assert answer.status_code == 409 and "/escalations" in answer.json()["detail"]


def test_a_partner_may_read_but_not_escalate(world, api_for):
    ticket = world.ticket(machine_id=world.machine_a.pk)
    partner = api_for(world.partner_a_tech)
    assert partner.get(f"/tickets/{ticket.number}/escalations").status_code == 200
    assert partner.post(f"/tickets/{ticket.number}/escalations", BODY).status_code == 403
    assert partner.post(f"/tickets/{ticket.number}/de-escalations", {"reason": "x"}).status_code == 403
    assert not HandOff.objects.exists()


def test_customers_cannot_escalate_and_others_tickets_are_not_found(world, api_for, taken):
    own = api_for(world.customer)
    assert own.post(f"/tickets/{taken.number}/escalations", BODY).status_code == 403
    stranger = api_for(world.other_customer)
    assert stranger.get(f"/tickets/{taken.number}/escalations").status_code == 404
    assert stranger.post(f"/tickets/{taken.number}/escalations", BODY).status_code == 404
    assert api_for(world.agent).get("/tickets/T-999999/escalations").status_code == 404
