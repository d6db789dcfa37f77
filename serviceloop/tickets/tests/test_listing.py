from datetime import timedelta

import pytest
from django.utils import timezone

from serviceloop.core.errors import InvalidInput
from serviceloop.routing.tiers import escalate
from serviceloop.tickets.services import TicketFilter, filter_tickets, transition


def numbers(user, **kw):
    return [t.number for t in filter_tickets(user, TicketFilter(**kw))]


def test_views_and_default_sort_by_priority(world):
    low = world.ticket(urgency="low")
    stopped = world.ticket(impact="stopped")
    mine = world.ticket(assignee_id=world.agent.pk)
    transition(world.agent, low, "take")  # assigns to the agent
    escalated = world.ticket()
    escalate(world.agent, escalated, "engineer", "Needs an engineer.", "Checked the spindle log.")
    assert numbers(world.agent) == [stopped.number, low.number, mine.number, escalated.number]
    assert set(numbers(world.agent, view="mine")) == {low.number, mine.number}
    assert numbers(world.agent, view="unassigned") == [stopped.number, escalated.number]
    assert numbers(world.agent, view="escalated") == [escalated.number]


def test_filters_combine(world):
    a = world.ticket(machine_id=world.machine_a.pk)
    world.ticket(machine_id=world.machine_b.pk)
    world.ticket(organisation_id=world.other_org.pk, contact_id=None, machine_id=None)
    assert numbers(world.agent, product_model_id=world.model_a.pk, organisation_id=world.org.pk) == [a.number]
    assert numbers(world.agent, received_from=timezone.localdate() + timedelta(days=1)) == []
    assert len(numbers(world.agent, received_to=timezone.localdate())) == 3


def test_scope_applies_to_lists(world):
    a = world.ticket(machine_id=world.machine_a.pk)
    world.ticket(machine_id=world.machine_b.pk)
    assert numbers(world.partner_a_tech, view="all") == [a.number]
    assert numbers(world.other_customer, view="all") == []


@pytest.mark.parametrize("kw", [{"view": "someday"}, {"sort": "random"}, {"status": ["lost"]}])
def test_bad_filters_are_named(world, kw):
    with pytest.raises(InvalidInput) as exc:
        filter_tickets(world.agent, TicketFilter(**kw))
    assert exc.value.field == next(iter(kw))
