"""The plans over the REST API: versions, drafts, submission and review, with the ticket's visibility."""

from __future__ import annotations

import pytest

from serviceloop.accounts.services import issue_api_token
from serviceloop.api.tests.conftest import ApiClient
from serviceloop.solutions.models import PlanState
from serviceloop.solutions.services import review
from serviceloop.tickets.models import Status

from .conftest import submitted_plan

PLAN = {
    "cause": "The spindle bearing is worn.",
    "steps": ["Stop the machine", "Replace the bearing"],
    "resources": [{"kind": "spare_part", "description": "Bearing 7014", "quantity": 2}],
    "delivery": "on_site",
    "estimated_hours": 4,
    "risks": "",
}


@pytest.fixture
def api():
    return lambda user: ApiClient(issue_api_token(user))


def _url(ticket, tail: str = "") -> str:
    return f"/tickets/{ticket.number}/solution-plans{tail}"


def test_a_partner_drafts_and_submits_and_a_manager_approves(world, ticket, api):
    partner = api(world.partner_a_tech)
    created = partner.post(_url(ticket), PLAN)
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["version"], body["state"], body["author"]["username"]) == (
        1,
        "draft",
        world.partner_a_tech.username,
    )
    assert body["resources"] == [{"kind": "spare_part", "description": "Bearing 7014", "quantity": "2"}]

    patched = partner.patch(_url(ticket, "/1"), {"risks": "Balancing may be needed."})
    assert patched.status_code == 200 and patched.json()["risks"] == "Balancing may be needed."
    assert patched.json()["steps"] == PLAN["steps"]  # what was not sent stays

    submitted = partner.post(_url(ticket, "/1/submit"))
    assert submitted.status_code == 200 and submitted.json()["state"] == "submitted"
    ticket.refresh_from_db()
    assert ticket.status == Status.SOLUTION_PROPOSED

    approved = api(world.manager).post(_url(ticket, "/1/review"), {"decision": "approve", "comment": "Fine."})
    assert approved.status_code == 200, approved.json()
    assert (
        approved.json()["state"] == "approved"
        and approved.json()["reviewer"]["username"] == world.manager.username
    )
    ticket.refresh_from_db()
    assert ticket.status == Status.SOLUTION_APPROVED


def test_bad_input_answers_422_naming_the_field(world, ticket, api):
    client = api(world.engineer)
    response = client.post(_url(ticket), {**PLAN, "delivery": "by post"})
    assert response.status_code == 422 and response.json()["field"] == "delivery"
    response = client.post(_url(ticket), {**PLAN, "colour": "red"})
    assert response.status_code == 422 and response.json()["field"] == "colour"
    client.post(_url(ticket), {"steps": []})
    response = client.post(_url(ticket, "/1/submit"))
    assert response.status_code == 422 and response.json()["field"] == "cause"
    response = client.patch(_url(ticket, "/1"), {"steps": ["a\x00b"]})
    assert response.status_code == 422 and response.json()["field"] == "steps"


def test_review_errors_403_409_and_422(world, ticket, api):
    submitted_plan(world, ticket, author=world.supervisor)
    own = api(world.supervisor).post(_url(ticket, "/1/review"), {"decision": "approve"})
    assert own.status_code == 403 and "another approver must review it" in own.json()["detail"]
    agent = api(world.agent).post(_url(ticket, "/1/review"), {"decision": "approve"})
    assert agent.status_code == 403
    no_comment = api(world.manager).post(_url(ticket, "/1/review"), {"decision": "reject"})
    assert no_comment.status_code == 422 and no_comment.json()["field"] == "comment"
    wrong = api(world.manager).post(_url(ticket, "/1/review"), {"decision": "perhaps"})
    assert wrong.status_code == 422 and wrong.json()["field"] == "decision"
    done = api(world.manager).post(
        _url(ticket, "/1/review"), {"decision": "request_changes", "comment": "More."}
    )
    assert done.status_code == 200 and done.json()["state"] == PlanState.CHANGES_REQUESTED
    again = api(world.admin).post(_url(ticket, "/1/review"), {"decision": "approve"})
    assert again.status_code == 409
    edit = api(world.supervisor).patch(_url(ticket, "/1"), {"risks": "None."})
    assert edit.status_code == 200 and edit.json()["version"] == 2  # the changes go into a new version


def test_plain_transition_points_to_the_review(world, ticket, api):
    submitted_plan(world, ticket)
    response = api(world.manager).post(
        f"/tickets/{ticket.number}/transitions", {"action": "approve_solution"}
    )
    assert response.status_code == 409 and "Review solution plan version 1" in response.json()["detail"]


def test_visibility_follows_the_ticket(world, ticket, api):
    submitted_plan(world, ticket)
    # Partner B does not stand behind this machine; the other organisation's customer is not its owner.
    for outsider in (world.partner_b_tech, world.other_customer):
        client = api(outsider)
        assert client.get(_url(ticket)).status_code == 404
        assert client.get(_url(ticket, "/1")).status_code == 404
        assert client.post(_url(ticket), PLAN).status_code == 404
    assert api(world.engineer).get(_url(ticket, "/7")).status_code == 404


def test_customers_read_approved_plans_only_and_write_none(world, ticket, api):
    plan = submitted_plan(world, ticket)
    customer = api(world.customer)
    assert customer.get(_url(ticket)).json() == {"items": []}
    assert customer.get(_url(ticket, "/1")).status_code == 404
    assert customer.post(_url(ticket), PLAN).status_code == 403

    review(world.manager, plan, "approve", "Internal: the cheap option.")
    [item] = customer.get(_url(ticket)).json()["items"]
    assert item["state"] == "approved" and item["cause"] == "The spindle bearing is worn."
    assert item["review_comment"] == ""  # the reviewer's words stay on the service side
    staff_item = api(world.engineer).get(_url(ticket, "/1")).json()
    assert staff_item["review_comment"] == "Internal: the cheap option."
    assert (
        customer.post(_url(ticket, "/1/review"), {"decision": "reject", "comment": "no"}).status_code == 403
    )


def test_a_body_that_is_not_json_answers_400(world, ticket, api):
    response = api(world.engineer).post(_url(ticket), raw="{not json")
    assert response.status_code == 400
    assert not ticket.solution_plans.exists()
