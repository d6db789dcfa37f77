"""A customer's answer given by phone, recorded by staff (console and API); "not fixed" keeps the
plans and lets a new version be written and submitted."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from serviceloop.accounts.services import issue_api_token
from serviceloop.api.tests.conftest import ApiClient
from serviceloop.core.errors import Conflict, Forbidden
from serviceloop.solutions.models import Outcome, PlanState, SolutionPlan, Verification, Via
from serviceloop.solutions.services import review, start_version, submit
from serviceloop.solutions.services.verification import record_phone_answer
from serviceloop.tickets.models import Channel, Status, TicketEvent
from serviceloop.tickets.services import transition

from .conftest import submitted_plan, taken


@pytest.fixture
def waiting(world, django_capture_on_commit_callbacks):
    ticket = taken(world)
    plan = submitted_plan(world, ticket)
    review(world.manager, plan, "approve")
    transition(world.engineer, ticket, "start_work")
    with django_capture_on_commit_callbacks(execute=True):
        transition(world.engineer, ticket, "request_verification")
    return ticket


def test_staff_record_a_phone_confirmation(world, waiting):
    record_phone_answer(world.agent, waiting, "works", "Anna called: runs quietly now.")
    waiting.refresh_from_db()
    assert waiting.status == Status.RESOLVED
    row = TicketEvent.objects.filter(ticket=waiting, name="ticket.transitioned").latest("id")
    assert (row.actor, row.channel, row.data["action"]) == (world.agent, Channel.PHONE, "confirm_fix")
    assert row.data["comment"] == "Anna called: runs quietly now."
    answered = Verification.objects.get(ticket=waiting)
    assert (answered.outcome, answered.via, answered.by) == (Outcome.WORKS, Via.PHONE, world.agent)


def test_not_fixed_reopens_and_a_new_plan_version_can_be_submitted(world, waiting):
    record_phone_answer(world.agent, waiting, "not_fixed", "Still noisy.")
    waiting.refresh_from_db()
    assert waiting.status == Status.REOPENED
    assert list(SolutionPlan.objects.filter(ticket=waiting).values_list("version", "state")) == [
        (1, PlanState.APPROVED)
    ]
    plan = submit(world.engineer, start_version(world.engineer, waiting))
    waiting.refresh_from_db()
    assert plan.version == 2 and waiting.status == Status.SOLUTION_PROPOSED
    review(world.manager, plan, "approve")
    states = dict(SolutionPlan.objects.filter(ticket=waiting).values_list("version", "state"))
    assert states == {1: PlanState.SUPERSEDED, 2: PlanState.APPROVED}


@pytest.mark.parametrize("who", ["customer", "partner_a_tech", "quality"])
def test_only_working_staff_record_phone_answers(world, waiting, who):
    with pytest.raises(Forbidden):
        record_phone_answer(getattr(world, who), waiting, "works")


def test_a_phone_answer_needs_a_ticket_waiting_for_it(world):
    with pytest.raises(Conflict):
        record_phone_answer(world.agent, taken(world), "works")


def test_the_console_form_records_the_answer(world, waiting):
    client = Client()
    client.force_login(world.agent)
    page = client.get(reverse("console:ticket", args=[waiting.number])).content.decode()
    assert 'id="verification"' in page and reverse("console:phone_answer", args=[waiting.number]) in page
    bad = client.post(reverse("console:phone_answer", args=[waiting.number]), {"outcome": "maybe"})
    assert bad.status_code == 422
    response = client.post(reverse("console:phone_answer", args=[waiting.number]),
                           {"outcome": "not_fixed", "note": "Called back"})  # fmt: skip
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Status.REOPENED


def test_the_api_records_a_phone_answer_and_refuses_customers(world, waiting):
    url = f"/tickets/{waiting.number}/verification"
    refused = ApiClient(issue_api_token(world.customer)).post(url, {"outcome": "works"})
    assert refused.status_code == 403
    agent = ApiClient(issue_api_token(world.agent))
    response = agent.post(url, {"outcome": "works", "note": "By phone", "via": "phone"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["outcome"], body["via"], body["ticket_status"]) == ("works", "phone", "resolved")
    assert body["by"]["id"] == world.agent.pk and body["note"] == "By phone"
    assert agent.post(url, {"outcome": "works"}).status_code == 409
    assert agent.post(url, {"outcome": "maybe"}).status_code == 422
    other = ApiClient(issue_api_token(world.other_customer)).post(url, {"outcome": "works"})
    assert other.status_code == 404
