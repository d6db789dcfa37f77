"""A customer's tier, country or region, or a machine's warranty, changes: open tickets re-match."""

from __future__ import annotations

from datetime import date

import pytest

from serviceloop.customers.models import Organisation, Tier
from serviceloop.sla import tasks
from serviceloop.sla.models import SlaPolicy, TicketPolicy, Warranty
from serviceloop.tickets.models import Channel
from serviceloop.tickets.services import transition

from .conftest import add_targets

pytestmark = pytest.mark.django_db


def policy_of(ticket) -> str:
    applied = TicketPolicy.objects.select_related("policy").get(ticket=ticket)
    return applied.policy.name if applied.policy else ""


@pytest.fixture
def key_accounts(office):
    return add_targets(
        SlaPolicy.objects.create(name="Key accounts", position=1, calendar=office, tiers=[Tier.KEY]),
        first_response=30,
    )


def test_a_customer_made_a_key_account_gets_its_open_tickets_under_the_key_policy(
    world, now, standard, key_accounts, django_capture_on_commit_callbacks
):
    open_ticket = world.ticket(world.agent, channel=Channel.EMAIL, received_at=now())
    assert policy_of(open_ticket) == "Standard"
    organisation = Organisation.objects.get(pk=world.org.pk)
    organisation.tier = Tier.KEY
    with django_capture_on_commit_callbacks(execute=True):
        organisation.save()
    assert policy_of(open_ticket) == "Key accounts"
    assert open_ticket.sla_clocks.get(metric="first_response").target_seconds == 30 * 60


def test_a_change_no_policy_reads_does_no_work(
    world, now, standard, django_capture_on_commit_callbacks, monkeypatch
):
    world.ticket(world.agent, channel=Channel.EMAIL, received_at=now())
    calls = []
    monkeypatch.setattr(tasks, "rematch_open_tickets", lambda **target: calls.append(target))
    organisation = Organisation.objects.get(pk=world.org.pk)
    organisation.name = "Müller Fertigung GmbH"
    with django_capture_on_commit_callbacks(execute=True):
        organisation.save()
    machine = world.machine_a
    machine.warranty_end = date(2027, 12, 31)
    with django_capture_on_commit_callbacks(execute=True):
        machine.save()
    assert calls == [{"machine_id": machine.pk}]


def test_a_warranty_extended_puts_the_machines_tickets_under_the_warranty_policy(
    world, now, office, standard, django_capture_on_commit_callbacks
):
    add_targets(
        SlaPolicy.objects.create(name="In warranty", position=1, calendar=office, warranty=Warranty.IN),
        first_response=20,
    )
    ticket = world.ticket(world.agent, channel=Channel.EMAIL, received_at=now())
    closed = world.ticket(world.agent, channel=Channel.EMAIL, received_at=now())
    transition(world.agent, closed, "cancel")
    assert policy_of(ticket) == "Standard"
    machine = world.machine_a
    machine.warranty_end = date(2027, 12, 31)
    with django_capture_on_commit_callbacks(execute=True):
        machine.save()
    assert policy_of(ticket) == "In warranty"
    assert policy_of(closed) == "Standard"  # a cancelled ticket owes nothing any more
