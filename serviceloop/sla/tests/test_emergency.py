"""The emergency path: supervisors told at once, the ticket pinned until someone takes charge."""

from __future__ import annotations

import pytest
from django.core import mail

from serviceloop.core import events
from serviceloop.core.errors import Conflict, Forbidden
from serviceloop.core.roles import Role
from serviceloop.notifications.models import Notification
from serviceloop.sla.metrics import Metric
from serviceloop.sla.models import EmergencyAlert, SlaClock, TicketPolicy
from serviceloop.sla.services import emergency as emergencies
from serviceloop.tickets.models import Channel, Impact, TicketEvent
from serviceloop.tickets.services import transition, update_ticket

pytestmark = pytest.mark.django_db


def history(ticket, name: str) -> list[dict]:
    return [e.data for e in TicketEvent.objects.filter(ticket=ticket, name=name).order_by("id")]


@pytest.fixture
def stopped(world, now, standard, emergency, django_capture_on_commit_callbacks):
    world.team.members.add(world.supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        return world.ticket(
            world.agent,
            channel=Channel.EMAIL,
            impact=Impact.STOPPED,
            team_id=world.team.pk,
            received_at=now(),
        )


def test_an_emergency_tells_the_team_supervisors_at_once_and_is_pinned(world, stopped, emergency):
    stopped.refresh_from_db()
    assert stopped.pinned_at is not None
    alert = EmergencyAlert.objects.get(ticket=stopped)
    assert alert.handled_at is None
    told = Notification.objects.get(kind=events.SLA_EMERGENCY_RAISED)
    assert told.recipient == world.supervisor and told.urgent and told.mail == Notification.Mail.SENT
    assert stopped.number in told.title and "Müller Fertigung" in told.title
    [message] = [m for m in mail.outbox if m.to == [world.supervisor.email]]
    assert message.subject.startswith("[Urgent]") and message.extra_headers["Importance"] == "high"
    assert history(stopped, events.SLA_EMERGENCY_RAISED) == [{"notified": [world.supervisor.username]}]
    # Its own, tighter clocks: the emergency policy, counted around the clock.
    assert TicketPolicy.objects.get(ticket=stopped).policy_id == emergency.pk
    first = SlaClock.objects.get(ticket=stopped, metric=Metric.FIRST_RESPONSE)
    assert first.target_seconds == 600 and not first.business_hours


def test_without_supervisors_in_the_team_every_supervisor_is_told(world, now, emergency):
    other = world.supervisor
    world.ticket(world.agent, channel=Channel.EMAIL, impact=Impact.STOPPED, received_at=now())
    assert [n.recipient for n in Notification.objects.all()] == [other]


def test_an_ordinary_ticket_raises_nothing(world, now, standard):
    ticket = world.ticket(world.agent, channel=Channel.EMAIL, received_at=now())
    assert not EmergencyAlert.objects.exists() and not Notification.objects.exists()
    assert ticket.pinned_at is None


def test_taking_charge_unpins_and_assigns_and_happens_once(world, stopped):
    emergencies.take_charge(world.engineer, stopped, stopped.received_at)
    stopped.refresh_from_db()
    assert stopped.pinned_at is None and stopped.assignee == world.engineer
    assert EmergencyAlert.objects.get(ticket=stopped).handled_by == world.engineer
    with pytest.raises(Conflict, match="already taken charge"):
        emergencies.take_charge(world.agent, stopped, stopped.received_at)
    handled = TicketEvent.objects.get(ticket=stopped, name=events.SLA_EMERGENCY_HANDLED)
    assert handled.actor == world.engineer and handled.data == {"reason": "taken"}


def test_customers_and_quality_staff_cannot_take_charge(world, stopped):
    for person in (world.customer, world.quality):
        with pytest.raises(Forbidden):
            emergencies.take_charge(person, stopped, stopped.received_at)
    assert emergencies.pending_alert(stopped) is not None


def test_an_emergency_declared_later_is_raised_then_ends_when_downgraded(world, now, standard, emergency):
    ticket = world.ticket(world.agent, channel=Channel.EMAIL, received_at=now())
    update_ticket(world.agent, ticket, {"impact": Impact.STOPPED})
    ticket.refresh_from_db()
    assert ticket.pinned_at is not None and emergencies.pending_alert(ticket) is not None

    update_ticket(world.agent, ticket, {"impact": Impact.DEGRADED})
    ticket.refresh_from_db()
    assert ticket.pinned_at is None and not EmergencyAlert.objects.exists()
    assert history(ticket, events.SLA_EMERGENCY_HANDLED) == [{"reason": "no_longer_emergency"}]

    update_ticket(world.agent, ticket, {"impact": Impact.STOPPED})  # a new emergency: raised again
    assert len(history(ticket, events.SLA_EMERGENCY_RAISED)) == 2


def test_resolving_an_emergency_unpins_it(world, stopped):
    transition(world.agent, stopped, "take")
    transition(world.agent, stopped, "resolve")
    stopped.refresh_from_db()
    assert stopped.pinned_at is None
    assert history(stopped, events.SLA_EMERGENCY_HANDLED) == [{"reason": "closed"}]


def test_a_supervisor_who_left_is_not_told(world, now, emergency):
    world.supervisor.is_active = False
    world.supervisor.save()
    from serviceloop.conftest import make_user

    present = make_user(Role.SUPERVISOR)
    world.ticket(world.agent, channel=Channel.EMAIL, impact=Impact.STOPPED, received_at=now())
    assert [n.recipient for n in Notification.objects.all()] == [present]
