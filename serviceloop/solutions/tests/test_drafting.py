"""Writing a plan: what a draft must hold, who may write it, and versions that never change once sent."""

from __future__ import annotations

import pytest

from serviceloop.core.errors import Conflict, Forbidden, InvalidInput
from serviceloop.solutions.models import PlanState, SolutionPlan
from serviceloop.solutions.services import PlanContent, edit, start_version, submit
from serviceloop.tickets.models import Status

from .conftest import complete, submitted_plan


def test_a_draft_keeps_steps_in_order_and_typed_resources(world, ticket):
    plan = start_version(world.engineer, ticket, complete(resources=[
        {"kind": "software", "description": "Firmware 4.2", "quantity": "1"},
        {"kind": "instrument", "description": "Dial gauge", "quantity": 1.5},
    ]))  # fmt: skip
    plan.refresh_from_db()
    assert (plan.version, plan.state, plan.author) == (1, PlanState.DRAFT, world.engineer)
    assert plan.steps == ["Stop the machine", "Replace the front bearing", "Run in for 30 minutes"]
    assert plan.resources == [
        {"kind": "software", "description": "Firmware 4.2", "quantity": "1"},
        {"kind": "instrument", "description": "Dial gauge", "quantity": "1.5"},
    ]
    assert str(plan.estimated_hours) == "4.5"
    assert ticket.events.filter(name="solution.drafted").count() == 1


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"steps": "one step"}, "steps", "give a list of step texts"),
        ({"resources": [{"kind": "magic", "description": "x"}]}, "resources", "'magic' is not one of"),
        ({"resources": [{"kind": "software", "description": ""}]}, "resources", "must not be empty"),
        ({"resources": [{"kind": "software", "description": "x", "quantity": -1}]}, "resources", "positive"),
        ({"delivery": "by post"}, "delivery", "'by post' is not one of"),
        ({"estimated_hours": "soon"}, "estimated_hours", "above 0"),
        ({"estimated_hours": 0}, "estimated_hours", "above 0"),
        ({"cause": "a\x00b"}, "cause", "NUL character"),
    ],
)
def test_bad_content_is_refused_naming_the_field(world, ticket, values, field, message):
    with pytest.raises(InvalidInput) as error:
        start_version(world.engineer, ticket, PlanContent.of(**values))
    assert error.value.field == field and message in error.value.message
    assert not SolutionPlan.objects.exists()


@pytest.mark.parametrize(
    ("missing", "field"),
    [({"cause": " "}, "cause"), ({"steps": []}, "steps"), ({"delivery": ""}, "delivery")],
)
def test_an_incomplete_plan_cannot_be_submitted(world, ticket, missing, field):
    plan = start_version(world.engineer, ticket, complete(**missing))
    with pytest.raises(InvalidInput) as error:
        submit(world.engineer, plan)
    assert error.value.field == field and "before submitting the plan" in error.value.message
    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT


def test_quality_and_customers_may_not_write_plans_partners_of_other_products_neither(world, ticket):
    for person in (world.quality, world.customer, world.partner_b_tech):
        with pytest.raises(Forbidden):
            start_version(person, ticket, complete())
    plan = start_version(world.partner_a_tech, ticket, complete())  # machine_a is partner A's product
    assert plan.author == world.partner_a_tech


def test_a_draft_is_edited_in_place_and_a_submitted_version_never(world, ticket):
    plan = start_version(world.engineer, ticket, complete())
    edit(world.engineer, plan, PlanContent.of(risks="", estimated_hours=None))
    plan.refresh_from_db()
    assert (plan.risks, plan.estimated_hours, plan.version) == ("", None, 1)
    submit(world.engineer, plan)
    with pytest.raises(Conflict, match="can no longer be changed"):
        edit(world.engineer, plan, PlanContent.of(cause="Something else"))
    with pytest.raises(Conflict, match="waiting for review"):
        start_version(world.engineer, ticket)
    plan.refresh_from_db()
    assert plan.cause == "The spindle bearing is worn."
    assert list(ticket.events.filter(name__startswith="solution.").values_list("name", flat=True)) == [
        "solution.drafted", "solution.edited", "solution.submitted",
    ]  # fmt: skip


def test_only_one_draft_at_a_time(world, ticket):
    start_version(world.engineer, ticket, complete())
    with pytest.raises(Conflict, match="still a draft"):
        start_version(world.agent, ticket)


def test_submitting_proposes_the_solution(world, ticket):
    plan = submitted_plan(world, ticket)
    ticket.refresh_from_db()
    assert ticket.status == Status.SOLUTION_PROPOSED
    assert plan.submitted_by == world.engineer and plan.submitted_at is not None
    moved = ticket.events.filter(name="ticket.transitioned").last()
    assert moved is not None
    assert moved.data["action"] == "propose_solution" and moved.actor == world.engineer
    submitted = ticket.events.get(name="solution.submitted")
    assert (submitted.old_value, submitted.new_value, submitted.data["version"]) == ("draft", "submitted", 1)


def test_a_new_ticket_takes_no_plan_yet(world):
    ticket = world.ticket()
    plan = start_version(world.engineer, ticket, complete())
    with pytest.raises(Conflict, match="once the ticket is being worked on"):
        submit(world.engineer, plan)
