"""Milestones meet and start the promises that follow the service beyond the conversation: remote
contact, the engineer on site, the order confirmed, the call back after delivery."""

from __future__ import annotations

from datetime import timedelta

import pytest

from serviceloop.core.errors import Conflict, Forbidden, InvalidInput
from serviceloop.routing.tiers import escalate
from serviceloop.sla.metrics import Metric
from serviceloop.sla.models import SlaClock, SlaTarget
from serviceloop.solutions.services import PlanContent, review, start_version, submit
from serviceloop.tickets.milestones import Milestone
from serviceloop.tickets.models import Category, Channel
from serviceloop.tickets.services import record_milestone, transition

from .conftest import add_targets, berlin

pytestmark = pytest.mark.django_db
State = SlaClock.State


@pytest.fixture
def policy(standard):
    add_targets(
        standard, remote_contact=120, order_confirmation=(1440, False), delivery_callback=(2880, False),
        on_site_arrival=(4320, False),
    )  # fmt: skip
    SlaTarget.objects.create(
        policy=standard, metric=Metric.ON_SITE_ARRIVAL, minutes=1440, business_hours=False, region="Bavaria"
    )
    return standard


def clocks_of(ticket) -> dict[str, SlaClock]:
    return {c.metric: c for c in SlaClock.objects.filter(ticket=ticket)}


def test_an_order_owes_its_confirmation_from_reception_and_a_fault_does_not(world, now, policy):
    order = world.ticket(world.agent, channel=Channel.EMAIL, category=Category.ORDER, received_at=now())
    fault = world.ticket(world.agent, channel=Channel.EMAIL, received_at=now())
    assert Metric.ORDER_CONFIRMATION not in clocks_of(fault)
    assert clocks_of(order)[Metric.ORDER_CONFIRMATION].due_at == now() + timedelta(days=1)

    now.set(berlin(2026, 11, 24, 10, 0))
    record_milestone(world.agent, order, Milestone.ORDER_CONFIRMED, at=berlin(2026, 11, 24, 9, 15))
    confirmed = clocks_of(order)[Metric.ORDER_CONFIRMATION]
    assert (confirmed.state, confirmed.met_at) == (State.MET, berlin(2026, 11, 24, 9, 15))


def test_remote_contact_is_owed_after_the_hand_off_and_not_once_solved(world, now, policy):
    ticket = world.ticket(world.agent, channel=Channel.EMAIL, received_at=now())
    assert Metric.REMOTE_CONTACT not in clocks_of(ticket)
    escalate(world.agent, ticket, "engineer", "Needs an engineer.", "Checked the spindle log.")
    remote = clocks_of(ticket)[Metric.REMOTE_CONTACT]
    assert remote.state == State.RUNNING and remote.due_at == berlin(2026, 11, 24, 10, 30)  # 2 business hours
    record_milestone(world.engineer, ticket, Milestone.REMOTE_CONTACT)
    assert clocks_of(ticket)[Metric.REMOTE_CONTACT].state == State.MET

    other = world.ticket(world.agent, channel=Channel.EMAIL, received_at=now())
    escalate(world.agent, other, "engineer", "Needs an engineer.", "Checked the spindle log.")
    # Work starts on an approved solution plan (serviceloop.solutions).
    plan = start_version(world.engineer, other, PlanContent.of(cause="Worn belt", steps=["Replace it"],
                                                               delivery="remote"))  # fmt: skip
    review(world.supervisor, submit(world.engineer, plan), "approve")
    transition(world.engineer, other, "start_work")
    transition(world.engineer, other, "resolve")
    assert clocks_of(other)[Metric.REMOTE_CONTACT].state == State.STOPPED  # nothing owed


def test_the_engineer_on_site_meets_the_promise_made_when_the_visit_was_decided(world, now, policy):
    world.org.region = "Bavaria"
    world.org.save()
    ticket = world.ticket(world.agent, channel=Channel.EMAIL, received_at=now())
    record_milestone(world.engineer, ticket, Milestone.VISIT_PLANNED)
    visit = clocks_of(ticket)[Metric.ON_SITE_ARRIVAL]
    assert visit.due_at == now() + timedelta(hours=24)  # Bavaria's target, not the general 72 hours
    now.set(now() + timedelta(hours=20))
    record_milestone(world.partner_a_tech, ticket, Milestone.ENGINEER_ON_SITE, note="Spindle replaced")
    visit.refresh_from_db()
    assert visit.state == State.MET and visit.breached_at is None


def test_the_call_back_after_delivery_runs_even_on_a_resolved_ticket(world, now, policy):
    ticket = world.ticket(world.agent, channel=Channel.EMAIL, category=Category.ORDER, received_at=now())
    transition(world.agent, ticket, "take")
    transition(world.agent, ticket, "resolve")
    record_milestone(world.agent, ticket, Milestone.DELIVERED)
    callback = clocks_of(ticket)[Metric.DELIVERY_CALLBACK]
    assert callback.state == State.RUNNING and callback.due_at == now() + timedelta(hours=48)
    record_milestone(world.agent, ticket, Milestone.CALLED_BACK)
    assert clocks_of(ticket)[Metric.DELIVERY_CALLBACK].state == State.MET


def test_closing_the_ticket_ends_a_call_back_still_owed(world, now, policy):
    ticket = world.ticket(world.agent, channel=Channel.EMAIL, category=Category.ORDER, received_at=now())
    transition(world.agent, ticket, "take")
    transition(world.agent, ticket, "resolve")
    record_milestone(world.agent, ticket, Milestone.DELIVERED)
    transition(world.agent, ticket, "close")
    callback = clocks_of(ticket)[Metric.DELIVERY_CALLBACK]
    assert callback.state == State.STOPPED and callback.next_check_at is None


def test_a_milestone_is_checked_before_it_is_written(world, now, policy):
    ticket = world.ticket(world.agent, channel=Channel.EMAIL, received_at=now())
    with pytest.raises(InvalidInput, match="before it happens"):
        record_milestone(world.agent, ticket, Milestone.DELIVERED, at=now() + timedelta(hours=1))
    with pytest.raises(InvalidInput, match="before the ticket was received"):
        record_milestone(world.agent, ticket, Milestone.DELIVERED, at=now() - timedelta(days=1))
    with pytest.raises(InvalidInput, match="milestone"):
        record_milestone(world.agent, ticket, "teleported")
    for outsider in (world.customer, world.quality):
        with pytest.raises(Forbidden):
            record_milestone(outsider, ticket, Milestone.DELIVERED)
    transition(world.agent, ticket, "cancel")
    with pytest.raises(Conflict):
        record_milestone(world.agent, ticket, Milestone.DELIVERED)
    assert not ticket.events.filter(name="ticket.milestone").exists()
