"""A rule's SLA policy wins over the policies' own matching, its clocks follow it, and later changes
of the ticket keep it."""

from __future__ import annotations

import pytest

from serviceloop.accounts.models import Team
from serviceloop.sla.metrics import Metric
from serviceloop.sla.models import SlaClock, SlaPolicy, TicketPolicy
from serviceloop.sla.tests.conftest import add_targets, now, office, standard  # noqa: F401
from serviceloop.tickets.models import Category, TicketEvent
from serviceloop.tickets.services import update_ticket

from .conftest import make_rule

pytestmark = pytest.mark.django_db


@pytest.fixture
def key_accounts(office) -> SlaPolicy:  # noqa: F811
    policy = SlaPolicy.objects.create(name="Key accounts", position=500, calendar=office, tiers=["key"])
    return add_targets(policy, first_response=15, resolution=120)


def clocks(ticket) -> dict[str, tuple[int | None, int]]:
    return {c.metric: (c.policy_id, c.target_seconds) for c in SlaClock.objects.filter(ticket=ticket)}


def test_the_rules_policy_replaces_the_matched_one_and_moves_the_clocks(world, now, standard, key_accounts):  # noqa: F811
    make_rule("complaints are key", categories=[Category.COMPLAINT], sla_policy=key_accounts)
    ticket = world.ticket(category=Category.COMPLAINT, received_at=now())
    assert TicketPolicy.objects.get(ticket=ticket).policy == key_accounts
    assert clocks(ticket)[Metric.RESOLUTION] == (key_accounts.pk, 120 * 60)
    # Promises the key-account policy does not make are stopped; the first response, given on the
    # phone at reception, stays met.
    for clock in SlaClock.objects.filter(ticket=ticket).exclude(policy=key_accounts):
        assert clock.state in (SlaClock.State.STOPPED, SlaClock.State.MET), clock.metric
    running = SlaClock.objects.filter(ticket=ticket, state=SlaClock.State.RUNNING).earliest("due_at")
    ticket.refresh_from_db()
    assert ticket.due_at == running.due_at
    applied = TicketEvent.objects.get(ticket=ticket, name="routing.rule_applied")
    assert applied.data["changed"] == ["sla_policy"]
    switched = TicketEvent.objects.filter(ticket=ticket, name="sla.policy_applied").latest("id")
    assert (switched.old_value, switched.new_value) == ("Standard", "Key accounts")


def test_later_changes_keep_the_rules_policy(world, now, standard, key_accounts):  # noqa: F811
    make_rule("complaints are key", categories=[Category.COMPLAINT], sla_policy=key_accounts)
    ticket = world.ticket(category=Category.COMPLAINT, received_at=now())
    engineers = Team.objects.create(name="Engineering")
    update_ticket(world.agent, ticket, {"team_id": engineers.pk, "category": Category.TECHNICAL})
    assert TicketPolicy.objects.get(ticket=ticket).policy == key_accounts
    assert clocks(ticket)[Metric.RESOLUTION] == (key_accounts.pk, 120 * 60)


def test_an_inactive_policy_leaves_matching_as_it_was(world, now, standard, key_accounts):  # noqa: F811
    key_accounts.is_active = False
    key_accounts.save()
    make_rule("complaints are key", sla_policy=key_accounts, tags=["x"])
    ticket = world.ticket(received_at=now())
    assert TicketPolicy.objects.get(ticket=ticket).policy == standard
    assert TicketEvent.objects.get(ticket=ticket, name="routing.rule_applied").data["changed"] == ["tags"]


def test_a_ticket_no_rule_chose_for_is_rematched_as_before(world, now, standard, key_accounts):  # noqa: F811
    key_accounts.position = 1
    key_accounts.save()
    ticket = world.ticket(received_at=now())
    assert TicketPolicy.objects.get(ticket=ticket).policy == standard
    world.org.tier = "key"
    world.org.save()
    update_ticket(world.agent, ticket, {"category": Category.TECHNICAL})
    assert TicketPolicy.objects.get(ticket=ticket).policy == key_accounts
