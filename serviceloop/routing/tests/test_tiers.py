from __future__ import annotations

import pytest

from serviceloop.accounts.models import AssignmentMode, Team
from serviceloop.conftest import make_user
from serviceloop.core.errors import Conflict, Forbidden, InvalidInput
from serviceloop.core.roles import Role
from serviceloop.notifications.models import Notification
from serviceloop.routing.models import HandOff, Tier, TierTeam
from serviceloop.routing.tiers import current_tier, de_escalate, escalate
from serviceloop.tickets.models import Status, TicketEvent
from serviceloop.tickets.services import transition

REASON = "Spindle bearing noise persists"
TRIED = "Checked lubrication, swapped the belt"


def _taken(world):
    ticket = world.ticket()
    transition(world.agent, ticket, "take")
    return ticket


def _up(actor, ticket, tier, **kwargs):
    return escalate(actor, ticket, tier, REASON, TRIED, **kwargs)


def test_a_ticket_climbs_each_tier_in_turn(world):
    ticket = _taken(world)
    assert current_tier(ticket) == Tier.L1
    _up(world.agent, ticket, Tier.ENGINEER)
    assert ticket.status == Status.ESCALATED and current_tier(ticket) == Tier.ENGINEER
    _up(world.engineer, ticket, Tier.EXPERT)  # already escalated: the status stays
    assert ticket.status == Status.ESCALATED and current_tier(ticket) == Tier.EXPERT
    _up(world.engineer, ticket, Tier.MANAGER)
    assert current_tier(ticket) == Tier.MANAGER
    steps = list(HandOff.objects.filter(ticket=ticket).order_by("pk").values_list("from_tier", "to_tier"))
    assert steps == [("l1", "engineer"), ("engineer", "expert"), ("expert", "manager")]


@pytest.mark.parametrize("steps", [[], [Tier.ENGINEER], [Tier.ENGINEER, Tier.EXPERT]])
def test_a_manager_may_be_called_from_any_tier(world, steps):
    ticket = _taken(world)
    for tier in steps:
        _up(world.agent, ticket, tier)
    _up(world.agent, ticket, Tier.MANAGER)
    assert current_tier(ticket) == Tier.MANAGER


def test_tiers_cannot_be_skipped_below_the_manager(world):
    ticket = _taken(world)
    with pytest.raises(Conflict, match="Support engineer / Support manager"):
        _up(world.agent, ticket, Tier.EXPERT)


@pytest.mark.parametrize("target", [Tier.ENGINEER, Tier.L1])
def test_escalation_goes_up_only(world, target):
    ticket = _taken(world)
    _up(world.agent, ticket, Tier.ENGINEER)
    with pytest.raises(Conflict, match="up only") as caught:
        _up(world.engineer, ticket, target)
    assert caught.value.field == "to_tier"
    assert HandOff.objects.filter(ticket=ticket).count() == 1


def test_nothing_is_above_the_manager(world):
    ticket = _taken(world)
    _up(world.agent, ticket, Tier.MANAGER)
    with pytest.raises(Conflict, match="no higher tier"):
        _up(world.manager, ticket, Tier.MANAGER)


@pytest.mark.parametrize(
    ("reason", "tried", "field"), [("", TRIED, "reason"), ("  ", TRIED, "reason"), (REASON, "", "tried")]
)
def test_reason_and_what_was_tried_are_required(world, reason, tried, field):
    ticket = _taken(world)
    with pytest.raises(InvalidInput) as caught:
        escalate(world.agent, ticket, Tier.ENGINEER, reason, tried)
    assert caught.value.field == field and field in str(caught.value)
    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN and not HandOff.objects.exists()


@pytest.mark.parametrize("tier", ["", "wizard", None])
def test_an_unknown_tier_is_named(world, tier):
    with pytest.raises(InvalidInput) as caught:
        escalate(world.agent, _taken(world), tier, REASON, TRIED)
    assert caught.value.field == "to_tier"


def test_the_tier_team_receives_and_its_assignment_chooses_a_person(world):
    engineers = Team.objects.create(name="Engineering", assignment_mode=AssignmentMode.ROUND_ROBIN)
    engineers.members.add(world.engineer)
    TierTeam.objects.create(tier=Tier.ENGINEER, team=engineers)
    ticket = _taken(world)
    hand_off = _up(world.agent, ticket, Tier.ENGINEER)
    ticket.refresh_from_db()
    assert ticket.team_id == engineers.pk and ticket.assignee_id == world.engineer.pk
    assert (hand_off.to_team_id, hand_off.to_user_id) == (engineers.pk, world.engineer.pk)
    assert (hand_off.from_team_id, hand_off.from_user_id) == (None, world.agent.pk)


def test_a_manual_team_gets_the_ticket_in_its_queue_and_every_member_is_told(world):
    experts = Team.objects.create(name="Experts")
    other = make_user(Role.EXPERT)
    experts.members.add(world.engineer, other)
    ticket = _taken(world)
    _up(world.agent, ticket, Tier.ENGINEER, team=experts.pk)
    ticket.refresh_from_db()
    assert ticket.team_id == experts.pk and ticket.assignee_id is None
    told = set(Notification.objects.filter(kind="routing.escalated").values_list("recipient", flat=True))
    assert told == {world.engineer.pk, other.pk}


def test_the_named_person_is_told_the_summary(world):
    ticket = _taken(world)
    _up(world.agent, ticket, Tier.ENGINEER, assignee=world.engineer.pk)
    [note] = Notification.objects.filter(kind="routing.escalated")
    assert note.recipient == world.engineer and ticket.number in note.title
    assert REASON in note.body and TRIED in note.body


def test_history_rows_carry_the_tier_reason_and_what_was_tried(world):
    ticket = _taken(world)
    _up(world.agent, ticket, Tier.ENGINEER, assignee=world.engineer.pk)
    row = TicketEvent.objects.get(ticket=ticket, name="routing.escalated")
    assert (row.actor, row.old_value, row.new_value) == (world.agent, "l1", "engineer")
    assert row.data == {"tier": "engineer", "reason": REASON, "tried": TRIED}
    assert TicketEvent.objects.filter(
        ticket=ticket, name="ticket.transitioned", new_value="escalated"
    ).exists()
    assert TicketEvent.objects.filter(ticket=ticket, name="ticket.assigned", field="assignee").count() == 2


def test_handing_back_returns_the_ticket_to_the_l1_agent_who_escalated_it(world):
    ticket = _taken(world)
    _up(world.agent, ticket, Tier.ENGINEER, assignee=world.engineer.pk)
    _up(world.engineer, ticket, Tier.EXPERT, assignee=world.manager.pk)
    hand_off = de_escalate(world.manager, ticket, "Fix found; please call the customer")
    ticket.refresh_from_db()
    assert ticket.assignee_id == world.agent.pk and current_tier(ticket) == Tier.L1
    assert (hand_off.from_tier, hand_off.direction) == (Tier.EXPERT, HandOff.Direction.DOWN)
    row = TicketEvent.objects.get(ticket=ticket, name="routing.de_escalated")
    assert row.data == {"tier": "l1", "reason": "Fix found; please call the customer"}
    [note] = Notification.objects.filter(kind="routing.de_escalated")
    assert note.recipient == world.agent


def test_handing_back_to_another_l1_agent_and_escalating_again(world):
    l1_team = Team.objects.create(name="Front desk")
    TierTeam.objects.create(tier=Tier.L1, team=l1_team)
    colleague = make_user(Role.AGENT)
    ticket = world.ticket()  # nobody took it: the climb starts from the queue
    _up(world.agent, ticket, Tier.ENGINEER, assignee=world.engineer.pk)
    de_escalate(world.engineer, ticket, "Customer must confirm", to_user=colleague.pk)
    ticket.refresh_from_db()
    assert ticket.assignee_id == colleague.pk and ticket.team_id == l1_team.pk
    _up(colleague, ticket, Tier.ENGINEER, assignee=world.engineer.pk)
    de_escalate(world.engineer, ticket, "Done")
    ticket.refresh_from_db()
    assert ticket.assignee_id == colleague.pk  # the latest climb's L1 agent


def test_a_ticket_at_l1_cannot_be_handed_back(world):
    with pytest.raises(Conflict, match="L1 already"):
        de_escalate(world.agent, _taken(world), "Nothing to do")


def test_handing_back_needs_a_reason(world):
    ticket = _taken(world)
    _up(world.agent, ticket, Tier.ENGINEER)
    with pytest.raises(InvalidInput) as caught:
        de_escalate(world.engineer, ticket, "")
    assert caught.value.field == "reason"


@pytest.mark.parametrize("who", ["partner_a_tech", "customer", "quality"])
def test_partners_customers_and_inspectors_cannot_move_tickets_between_tiers(world, who):
    ticket = _taken(world)
    with pytest.raises(Forbidden):
        _up(getattr(world, who), ticket, Tier.ENGINEER)
    _up(world.agent, ticket, Tier.ENGINEER)
    with pytest.raises(Forbidden):
        de_escalate(getattr(world, who), ticket, "No")


def test_the_plain_escalate_transition_points_to_the_escalation_form(world):
    ticket = _taken(world)
    with pytest.raises(Conflict, match="escalation form") as caught:
        transition(world.agent, ticket, "escalate")
    assert f"/api/v1/tickets/{ticket.number}/escalations" in str(caught.value)
    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN


def test_a_closed_ticket_does_not_move_between_tiers(world):
    ticket = _taken(world)
    transition(world.agent, ticket, "cancel")
    with pytest.raises(Conflict, match="no longer moves"):
        _up(world.agent, ticket, Tier.ENGINEER)


def test_assigning_to_a_customer_is_refused_and_nothing_is_kept(world):
    ticket = _taken(world)
    with pytest.raises(InvalidInput) as caught:
        _up(world.agent, ticket, Tier.ENGINEER, assignee=world.customer.pk)
    assert caught.value.field == "assignee_id"
    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN and not HandOff.objects.exists()


def test_handing_back_an_escalated_ticket_lets_l1_work_it_again(world):
    ticket = _taken(world)
    _up(world.agent, ticket, Tier.ENGINEER, assignee=world.engineer.pk)
    assert ticket.status == Status.ESCALATED
    de_escalate(world.engineer, ticket, "Advice given by phone; please confirm with the customer")
    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN
    transition(world.agent, ticket, "request_verification")  # L1 can follow up now
    assert ticket.status == Status.AWAITING_VERIFICATION


def test_handing_back_keeps_a_later_status(world):
    ticket = _taken(world)
    _up(world.agent, ticket, Tier.ENGINEER, assignee=world.engineer.pk)
    transition(world.engineer, ticket, "wait_for_customer")
    de_escalate(world.engineer, ticket, "Waiting for the customer's photos")
    ticket.refresh_from_db()
    assert ticket.status == Status.PENDING_CUSTOMER


def test_hand_back_is_not_a_plain_transition(world):
    ticket = _taken(world)
    _up(world.agent, ticket, Tier.ENGINEER)
    with pytest.raises(Conflict, match="tier panel"):
        transition(world.engineer, ticket, "hand_back")
