"""The plan panel of the console's ticket page: write, submit, review, and read every version."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from serviceloop.solutions.models import PlanState, SolutionPlan
from serviceloop.solutions.services import review
from serviceloop.tickets.models import Status

from .conftest import submitted_plan

FORM = {
    "cause": "The spindle bearing is worn.",
    "steps": "Stop the machine\n\nReplace the front bearing\n",
    "resources": "Spare part | Bearing 7014 | 2\ninstrument | Dial gauge\nGrease",
    "delivery": "on_site",
    "estimated_hours": "4.5",
    "risks": "",
}


@pytest.fixture
def login():
    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


def _page(client: Client, ticket) -> str:
    return client.get(reverse("console:ticket", args=[ticket.number])).content.decode()


def _post_plan(client: Client, ticket, **extra):
    return client.post(reverse("console:solution_plan", args=[ticket.number]), {**FORM, **extra})


def test_an_engineer_drafts_then_submits_from_the_panel(world, ticket, login):
    client = login(world.engineer)
    assert "No plan yet" in _page(client, ticket)
    response = _post_plan(client, ticket, save="1")
    assert response.status_code == 302 and response["Location"].endswith("#solution-plan")
    plan = SolutionPlan.objects.get(ticket=ticket)
    assert plan.state == PlanState.DRAFT and plan.steps == ["Stop the machine", "Replace the front bearing"]
    assert plan.resources == [
        {"kind": "spare_part", "description": "Bearing 7014", "quantity": "2"},
        {"kind": "instrument", "description": "Dial gauge", "quantity": "1"},
        {"kind": "other", "description": "Grease", "quantity": "1"},
    ]
    html = _page(client, ticket)
    assert "Edit draft version 1" in html and "Spare part | Bearing 7014 | 2" in html
    # The generic action buttons leave proposing and deciding to the plan.
    assert 'name="action" value="propose_solution"' not in html

    response = _post_plan(client, ticket, submit="1", risks="Balancing may be needed.")
    assert response.status_code == 302
    plan.refresh_from_db()
    ticket.refresh_from_db()
    assert (plan.version, plan.state, plan.risks) == (1, PlanState.SUBMITTED, "Balancing may be needed.")
    assert ticket.status == Status.SOLUTION_PROPOSED
    html = _page(client, ticket)
    assert (
        'data-plan-state="submitted"' in html and 'id="plan-review"' not in html
    )  # not the author's to decide


def test_form_errors_keep_what_was_typed(world, ticket, login):
    client = login(world.engineer)
    response = _post_plan(client, ticket, resources="Magic | wand | 1")
    assert response.status_code == 422
    html = response.content.decode()
    assert "Line 1: write kind | description | quantity." in html and "Magic | wand | 1" in html
    response = _post_plan(client, ticket, submit="1", cause="")
    assert response.status_code == 422
    assert "describe the cause of the problem before submitting the plan" in response.content.decode()
    assert SolutionPlan.objects.get(ticket=ticket).state == PlanState.DRAFT


def test_an_approver_reviews_from_the_panel_and_a_refusal_needs_a_comment(world, ticket, login):
    plan = submitted_plan(world, ticket)
    client = login(world.manager)
    html = _page(client, ticket)
    assert 'id="plan-review"' in html and 'name="action" value="approve_solution"' not in html
    url = reverse("console:solution_plan_review", args=[ticket.number, 1])
    response = client.post(url, {"decision": "reject", "comment": ""})
    assert response.status_code == 422 and "say why" in response.content.decode()
    response = client.post(url, {"decision": "request_changes", "comment": "Add the balancing step."})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.state == PlanState.CHANGES_REQUESTED
    html = _page(login(world.engineer), ticket)
    assert "Add the balancing step." in html and "Edit draft version 1" not in html
    assert "Write version 2" in html and "Changes requested" in html


def test_the_author_and_the_agent_get_no_review_buttons_and_a_post_is_refused(world, ticket, login):
    submitted_plan(world, ticket)
    url = reverse("console:solution_plan_review", args=[ticket.number, 1])
    for person in (world.engineer, world.agent):
        client = login(person)
        assert 'id="plan-review"' not in _page(client, ticket)
        assert client.post(url, {"decision": "approve"}).status_code == 403


def test_every_version_can_be_read(world, ticket, login):
    plan = submitted_plan(world, ticket)
    review(world.manager, plan, "reject", "Too expensive.")
    client = login(world.engineer)
    _post_plan(client, ticket, submit="1", cause="A cheaper repair: regrease the bearing.")
    html = _page(login(world.supervisor), ticket)
    versions = html.split('id="plan-versions"', 1)[1]
    assert "Version 2" in versions and "Version 1" in versions
    assert "The spindle bearing is worn." in versions and "A cheaper repair" in versions
    assert "Too expensive." in versions


def test_a_partner_of_another_product_cannot_reach_the_panel(world, ticket, login):
    client = login(world.partner_b_tech)
    assert _post_plan(client, ticket).status_code == 404
    assert not SolutionPlan.objects.exists()
