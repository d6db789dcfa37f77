"""Only an approved plan moves the ticket to 'in progress'; only a review decides a proposed solution."""

from __future__ import annotations

import pytest

from serviceloop.core.errors import Conflict
from serviceloop.solutions.services import PlanContent, approved_plan, review, start_version, submit
from serviceloop.tickets.models import Status, Ticket
from serviceloop.tickets.services import transition

from .conftest import submitted_plan


def test_work_starts_on_an_approved_plan(world, ticket):
    plan = submitted_plan(world, ticket)
    review(world.manager, plan, "approve")
    transition(world.engineer, ticket, "start_work")
    ticket.refresh_from_db()
    assert ticket.status == Status.IN_PROGRESS


def test_work_does_not_start_without_an_approved_plan(world, ticket):
    # A ticket put in 'solution approved' by other means than a review (an import, an old database).
    Ticket.objects.filter(pk=ticket.pk).update(status=Status.SOLUTION_APPROVED)
    ticket.refresh_from_db()
    with pytest.raises(Conflict, match="Work starts only on an approved solution plan"):
        transition(world.engineer, ticket, "start_work")
    ticket.refresh_from_db()
    assert ticket.status == Status.SOLUTION_APPROVED


def test_a_revision_under_review_holds_the_work_back(world, ticket):
    plan = submitted_plan(world, ticket)
    review(world.manager, plan, "approve")
    start_version(world.engineer, ticket, PlanContent.of(risks="More than we thought."))
    ticket.refresh_from_db()
    # A draft being written changes nothing yet ...
    transition(world.engineer, ticket, "wait_for_parts")
    transition(world.engineer, ticket, "parts_arrived")
    revision = ticket.solution_plans.get(version=2)
    submit(world.engineer, revision)
    ticket.refresh_from_db()
    # ... a submitted one does: the work waits for its review.
    with pytest.raises(Conflict, match="version 2 is waiting for review"):
        transition(world.engineer, ticket, "start_work")
    # Rejecting the revision leaves the approved plan standing.
    review(world.supervisor, revision, "reject", "Keep to the first plan.")
    ticket.refresh_from_db()
    assert approved_plan(ticket) == plan
    transition(world.engineer, ticket, "start_work")


@pytest.mark.parametrize("action", ["approve_solution", "reject_solution"])
def test_the_plain_transition_points_to_the_plan_review(world, ticket, action):
    plan = submitted_plan(world, ticket)
    ticket.refresh_from_db()
    with pytest.raises(Conflict, match="Review solution plan version 1 instead"):
        transition(world.manager, ticket, action)
    plan.refresh_from_db()
    ticket.refresh_from_db()
    assert (plan.state, ticket.status) == ("submitted", Status.SOLUTION_PROPOSED)


def test_a_solution_proposed_without_a_plan_waits_for_one(world, ticket):
    transition(world.engineer, ticket, "propose_solution")
    with pytest.raises(Conflict, match="has no plan waiting for review"):
        transition(world.manager, ticket, "approve_solution")
    # Submitting a plan now leaves the ticket where it is, and its review moves it on.
    plan = submitted_plan(world, ticket)
    review(world.manager, plan, "approve")
    ticket.refresh_from_db()
    assert ticket.status == Status.SOLUTION_APPROVED
