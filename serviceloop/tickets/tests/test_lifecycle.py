import pytest
from django.utils import translation

from serviceloop.core.errors import Conflict, Forbidden, InvalidInput
from serviceloop.routing.tiers import escalate
from serviceloop.solutions.services import PlanContent, review, start_version, submit
from serviceloop.tickets import lifecycle
from serviceloop.tickets.models import Status, TicketEvent
from serviceloop.tickets.services import add_message, transition


def _submit_plan(author, ticket):
    # Proposing a solution is submitting a written plan (serviceloop.solutions); its review decides.
    content = PlanContent.of(cause="Worn bearing", steps=["Replace the bearing"], delivery="on_site")
    return submit(author, start_version(author, ticket, content))


def test_full_closed_loop(world):
    t = world.ticket()
    transition(world.agent, t, "take")
    assert t.status == Status.OPEN and t.assignee == world.agent
    escalate(world.agent, t, "engineer", "Needs an engineer.", "Checked the spindle log.")
    review(world.supervisor, _submit_plan(world.engineer, t), "approve")
    transition(world.engineer, t, "start_work")
    transition(world.engineer, t, "request_verification")
    transition(world.customer, t, "confirm_fix")
    assert t.status == Status.RESOLVED and t.resolved_at is not None
    transition(world.agent, t, "close")
    t.refresh_from_db()
    assert t.status == Status.CLOSED and t.closed_at is not None
    statuses = list(
        TicketEvent.objects.filter(ticket=t, field="status").values_list("old_value", "new_value")
    )
    assert statuses[0] == ("new", "open") and statuses[-1] == ("resolved", "closed")
    assert len(statuses) == 8


def test_illegal_transition_is_refused_with_a_clear_message(world):
    t = world.ticket()
    with pytest.raises(
        Conflict, match="Cannot approve solution a ticket that is New; allowed from: Solution"
    ):
        transition(world.supervisor, t, "approve_solution")
    t.refresh_from_db()
    assert t.status == Status.NEW and t.version == 1


def test_unknown_action_lists_known_ones(world):
    with pytest.raises(Conflict, match="known actions"):
        transition(world.agent, world.ticket(), "teleport")


def test_only_approvers_approve_solutions(world):
    t = world.ticket()
    transition(world.agent, t, "take")
    plan = _submit_plan(world.engineer, t)
    with pytest.raises(Forbidden):
        transition(world.engineer, t, "approve_solution")
    review(world.manager, plan, "approve")
    assert t.status == Status.SOLUTION_APPROVED


def test_customer_reply_returns_a_pending_ticket_to_where_it_was(world):
    t = world.ticket()
    transition(world.agent, t, "take")
    escalate(world.agent, t, "engineer", "Needs an engineer.", "Checked the spindle log.")
    transition(world.engineer, t, "wait_for_customer")
    assert t.status == Status.PENDING_CUSTOMER
    add_message(world.customer, t, "Here is the photo you asked for.")
    t.refresh_from_db()
    assert t.status == Status.ESCALATED and t.resume_status == ""


def test_customer_rejecting_the_fix_reopens(world):
    t = world.ticket()
    transition(world.agent, t, "take")
    transition(world.agent, t, "request_verification")
    transition(world.customer, t, "reject_fix", comment="Still grinding")
    assert t.status == Status.REOPENED
    event = TicketEvent.objects.filter(ticket=t, field="status").latest("id")
    assert event.data["comment"] == "Still grinding"


def test_merge_needs_a_live_target(world):
    a, b = world.ticket(), world.ticket()
    with pytest.raises(InvalidInput):
        transition(world.agent, a, "merge")
    with pytest.raises(InvalidInput, match="itself"):
        transition(world.agent, a, "merge", merge_into=a.number)
    transition(world.agent, a, "merge", merge_into=b.number)
    assert a.status == Status.MERGED and a.merged_into == b
    with pytest.raises(InvalidInput):
        add_message(world.agent, a, "too late")


def test_every_action_has_a_translatable_verb_reading_as_its_name_in_english():
    # A new action without its own entry would name itself by code name in every language.
    assert set(lifecycle._VERBS) == set(lifecycle.ACTIONS)
    with translation.override("en"):
        assert all(a.verb == a.name.replace("_", " ") for a in lifecycle.ACTIONS.values())
    with translation.override("zh-hans"):
        assert lifecycle.ACTIONS["approve_solution"].verb == "审批通过解决方案"
