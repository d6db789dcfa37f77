"""Reviewing a plan: who may decide, what each decision does to the ticket, and who is told."""

from __future__ import annotations

import pytest

from serviceloop.conftest import make_user
from serviceloop.core.errors import Conflict, Forbidden, InvalidInput
from serviceloop.core.roles import Role
from serviceloop.customers.models import ProductLine, ProductModel
from serviceloop.notifications.models import Notification
from serviceloop.solutions.models import PlanApprover, PlanState, SolutionPlan
from serviceloop.solutions.services import PlanContent, edit, review, start_version, submit
from serviceloop.tickets.models import Status

from .conftest import complete, submitted_plan, taken


def test_approving_moves_the_ticket_and_records_the_decision(world, ticket):
    plan = submitted_plan(world, ticket)
    review(world.manager, plan, "approve", "Go ahead.")
    ticket.refresh_from_db()
    plan.refresh_from_db()
    assert ticket.status == Status.SOLUTION_APPROVED
    assert (plan.state, plan.reviewer, plan.review_comment) == (
        PlanState.APPROVED,
        world.manager,
        "Go ahead.",
    )
    approved = ticket.events.get(name="solution.approved")
    assert (approved.actor, approved.old_value, approved.new_value) == (
        world.manager,
        "submitted",
        "approved",
    )
    assert ticket.events.filter(name="ticket.transitioned").last().data["action"] == "approve_solution"


@pytest.mark.parametrize(
    ("decision", "state", "event"),
    [("reject", PlanState.REJECTED, "solution.rejected"),
     ("request_changes", PlanState.CHANGES_REQUESTED, "solution.changes_requested")],
)  # fmt: skip
def test_rejecting_or_asking_for_changes_puts_the_ticket_back_where_plans_are_proposed(
    world, ticket, decision, state, event
):
    plan = submitted_plan(world, ticket)
    review(world.supervisor, plan, decision, "Check the cheaper option first.")
    ticket.refresh_from_db()
    plan.refresh_from_db()
    assert ticket.status == Status.ESCALATED
    assert plan.state == state and plan.review_comment == "Check the cheaper option first."
    assert ticket.events.filter(name=event).count() == 1
    # A new version can be proposed from there.
    revised = start_version(world.engineer, ticket, PlanContent.of(cause="The cheaper option first."))
    submit(world.engineer, revised)
    ticket.refresh_from_db()
    assert (revised.version, ticket.status) == (2, Status.SOLUTION_PROPOSED)
    assert revised.steps == plan.steps  # a copy of the previous version


@pytest.mark.parametrize("decision", ["reject", "request_changes"])
def test_a_refusal_needs_a_comment(world, ticket, decision):
    plan = submitted_plan(world, ticket)
    with pytest.raises(InvalidInput) as error:
        review(world.manager, plan, decision, "  ")
    assert error.value.field == "comment"
    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED


def test_an_unknown_decision_is_refused(world, ticket):
    plan = submitted_plan(world, ticket)
    with pytest.raises(InvalidInput, match="'maybe' is not one of approve, reject, request_changes"):
        review(world.manager, plan, "maybe")


def test_the_author_cannot_approve_their_own_plan(world, ticket):
    plan = submitted_plan(world, ticket, author=world.supervisor)
    with pytest.raises(Forbidden, match="another approver must review it"):
        review(world.supervisor, plan, "approve")
    review(world.manager, plan, "approve")


@pytest.mark.parametrize("role", ["agent", "engineer", "quality", "partner_a_tech", "customer"])
def test_people_without_the_right_may_not_review(world, ticket, role):
    plan = submitted_plan(world, ticket)
    with pytest.raises(Forbidden, match="may review solution plans"):
        review(getattr(world, role), plan, "approve")


def test_a_delegate_reviews_the_plans_of_their_product_line_only(world, ticket):
    delegate = make_user(Role.ENGINEER)
    PlanApprover.objects.create(user=delegate, product_line=world.line)
    other_line = ProductLine.objects.create(name="Milling centres")
    mill = ProductModel.objects.create(line=other_line, code="MC-5", name="Mill 5")
    other_delegate = make_user(Role.EXPERT)
    PlanApprover.objects.create(user=other_delegate, product_line=other_line)

    plan = submitted_plan(world, ticket)
    with pytest.raises(Forbidden):
        review(other_delegate, plan, "approve")
    review(delegate, plan, "approve")  # the ticket's machine is a lathe: the delegate's line
    ticket.refresh_from_db()
    assert ticket.status == Status.SOLUTION_APPROVED
    assert ticket.events.filter(name="ticket.transitioned").last().actor == delegate

    mill_plan = submitted_plan(world, taken(world, machine_id=None, product_model_id=mill.pk))
    with pytest.raises(Forbidden):
        review(delegate, mill_plan, "approve")
    review(other_delegate, mill_plan, "request_changes", "More detail, please.")


def test_only_a_submitted_plan_is_reviewed_once(world, ticket):
    draft = start_version(world.engineer, ticket, complete())
    with pytest.raises(Conflict, match="only a submitted plan"):
        review(world.manager, draft, "approve")
    submit(world.engineer, draft)
    review(world.manager, draft, "approve")
    with pytest.raises(Conflict, match="only a submitted plan"):
        review(world.supervisor, draft, "reject", "Too late")


def test_changes_asked_for_are_made_in_a_new_version_and_the_reviewed_one_is_kept(world, ticket):
    plan = submitted_plan(world, ticket)
    review(world.manager, plan, "request_changes", "Add the balancing step.")
    revised = edit(world.engineer, plan, PlanContent.of(steps=[*plan.steps, "Balance the spindle"]))
    plan.refresh_from_db()
    assert (revised.version, revised.state) == (2, PlanState.DRAFT)
    assert plan.state == PlanState.CHANGES_REQUESTED and len(plan.steps) == 3
    assert revised.steps[-1] == "Balance the spindle"
    with pytest.raises(Conflict, match="newer version"):
        edit(world.engineer, plan, PlanContent.of(risks="none"))


def test_a_newer_approved_plan_supersedes_the_earlier_one(world, ticket):
    first = submitted_plan(world, ticket)
    review(world.manager, first, "approve")
    second = start_version(world.engineer, ticket, PlanContent.of(estimated_hours=6))
    submit(world.engineer, second)  # a revision while the ticket is approved: it stays approved
    ticket.refresh_from_db()
    assert ticket.status == Status.SOLUTION_APPROVED
    review(world.supervisor, second, "approve")
    first.refresh_from_db()
    assert first.state == PlanState.SUPERSEDED
    ticket.refresh_from_db()
    assert ticket.status == Status.SOLUTION_APPROVED


def test_approvers_hear_of_a_submitted_plan_and_the_author_of_the_review(world, ticket):
    delegate = make_user(Role.EXPERT)
    PlanApprover.objects.create(user=delegate, product_line=world.line)
    plan = submitted_plan(world, ticket)
    told = set(Notification.objects.filter(kind="solution.submitted").values_list("recipient", flat=True))
    assert told == {world.supervisor.pk, world.manager.pk, world.admin.pk, delegate.pk}
    assert world.engineer.pk not in told  # the author needs no reminder of their own plan

    review(world.manager, plan, "reject", "Too expensive.")
    [note] = Notification.objects.filter(kind="solution.rejected")
    assert note.recipient == world.engineer
    assert "was rejected" in note.title and note.body == "Too expensive."


def test_two_reviewers_at_once_one_decision_wins(world, ticket):
    plan = submitted_plan(world, ticket)
    stale = SolutionPlan.objects.get(pk=plan.pk)  # what the second reviewer's page loaded
    review(world.manager, plan, "approve")
    with pytest.raises(Conflict, match="was reviewed meanwhile"):
        review(world.supervisor, stale, "reject", "No.")
    plan.refresh_from_db()
    assert (plan.state, plan.reviewer) == (PlanState.APPROVED, world.manager)
    assert ticket.events.filter(name__in=["solution.approved", "solution.rejected"]).count() == 1
