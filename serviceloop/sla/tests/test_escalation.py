"""Escalation chains: each level acts once, at the breach plus its delay, and is written down."""

from __future__ import annotations

import pytest
from django.core import mail

from serviceloop.core import events
from serviceloop.notifications.models import Notification
from serviceloop.sla.metrics import Metric
from serviceloop.sla.models import EscalationAction as Do
from serviceloop.sla.models import EscalationLevel, SlaClock, SlaPolicy
from serviceloop.sla.services import deadlines
from serviceloop.tickets.models import Channel, Status, Ticket, TicketEvent
from serviceloop.tickets.services import add_message, transition

from .conftest import add_targets, berlin

pytestmark = pytest.mark.django_db

DUE = berlin(2026, 11, 24, 9, 30)  # 60 business minutes after Monday 16:30


@pytest.fixture
def chain(standard):
    levels = [
        (0, [Do.NOTIFY_ASSIGNEE, Do.NOTIFY_SUPERVISOR]),
        (30, [Do.REASSIGN_TO_LEAD, Do.RAISE_PRIORITY]),
        (120, [Do.NOTIFY_MANAGER]),
    ]
    for after, actions in levels:
        EscalationLevel.objects.create(
            policy=standard, metric=Metric.FIRST_RESPONSE, after_minutes=after, actions=actions
        )
    # Another metric's chain never touches the first response.
    EscalationLevel.objects.create(
        policy=standard, metric=Metric.RESOLUTION, after_minutes=0, actions=[Do.NOTIFY_MANAGER]
    )
    return standard


@pytest.fixture
def ticket(world, now, chain):
    world.team.members.add(world.supervisor)
    world.team.lead = world.engineer
    world.team.save()
    return world.ticket(
        world.agent, channel=Channel.EMAIL, received_at=now(), team_id=world.team.pk,
        assignee_id=world.agent.pk,
    )  # fmt: skip


def clock(ticket) -> SlaClock:
    return SlaClock.objects.get(ticket=ticket, metric=Metric.FIRST_RESPONSE)


def notified(kind: str = events.SLA_ESCALATED) -> list[str]:
    rows = Notification.objects.filter(kind=kind).order_by("id")
    return [row.recipient.username for row in rows]


def escalations(ticket) -> list[dict]:
    rows = TicketEvent.objects.filter(ticket=ticket, name=events.SLA_ESCALATED).order_by("id")
    return [row.data for row in rows]


def test_each_level_acts_once_at_the_breach_plus_its_delay(world, ticket):
    deadlines.check(clock(ticket).pk, berlin(2026, 11, 24, 9, 18))  # the warning alone
    assert escalations(ticket) == []

    assert deadlines.check(clock(ticket).pk, DUE) == [events.SLA_BREACHED, events.SLA_ESCALATED]
    assert sorted(notified()) == sorted([world.agent.username, world.supervisor.username])
    assert clock(ticket).next_check_at == berlin(2026, 11, 24, 10, 0)  # wall clock, from the breach
    assert deadlines.check(clock(ticket).pk, berlin(2026, 11, 24, 9, 59)) == []

    assert deadlines.check(clock(ticket).pk, berlin(2026, 11, 24, 10, 0)) == [events.SLA_ESCALATED]
    ticket.refresh_from_db()
    assert (ticket.assignee, ticket.priority) == (world.engineer, 3)
    assert deadlines.check(clock(ticket).pk, berlin(2026, 11, 24, 10, 0)) == []  # never twice

    assert deadlines.check(clock(ticket).pk, berlin(2026, 11, 24, 12, 0)) == [events.SLA_ESCALATED]
    assert notified()[-1] == world.manager.username
    assert clock(ticket).next_check_at is None  # the end of the chain

    first, second, third = escalations(ticket)
    assert (first["level"], first["actions"]) == (1, [Do.NOTIFY_ASSIGNEE, Do.NOTIFY_SUPERVISOR])
    assert (second["assignee"], second["priority"]) == (world.engineer.pk, 3)
    assert third["notified"] == [world.manager.username]
    # The changes the chain made are in the history as a rule's, not a person's.
    reassigned = TicketEvent.objects.get(
        ticket=ticket, name=events.TICKET_ASSIGNED, data__rule="sla.escalation"
    )
    assert reassigned.actor_id is None and reassigned.new_value == str(world.engineer.pk)


def test_a_breach_noticed_late_starts_the_chain_when_it_is_noticed(world, ticket):
    # The worker was down all morning: the team gets the first level now, the rest in their time.
    fired = deadlines.check(clock(ticket).pk, berlin(2026, 11, 24, 15, 0))
    assert fired == [events.SLA_WARNING, events.SLA_BREACHED, events.SLA_ESCALATED]
    assert clock(ticket).next_check_at == berlin(2026, 11, 24, 15, 30)
    fired = deadlines.check(clock(ticket).pk, berlin(2026, 11, 24, 17, 0))
    assert fired == [events.SLA_ESCALATED, events.SLA_ESCALATED]
    assert [e["level"] for e in escalations(ticket)] == [1, 2, 3]


def test_time_the_customer_has_the_ball_does_not_count_towards_the_next_level(world, ticket, now):
    deadlines.check(clock(ticket).pk, DUE)
    assert clock(ticket).next_check_at == berlin(2026, 11, 24, 10, 0)
    now.set(berlin(2026, 11, 24, 9, 40))
    transition(world.agent, ticket, "take")
    transition(world.agent, ticket, "wait_for_customer")
    now.set(berlin(2026, 11, 24, 11, 40))  # two hours later the customer answers
    add_message(world.customer, ticket, "Here is the photo you asked for.")
    first = clock(ticket)
    assert first.state == SlaClock.State.RUNNING  # a customer's message does not answer for us
    assert first.next_check_at == berlin(2026, 11, 24, 12, 0)  # 10:00 plus the two hours paused


def test_the_mails_go_to_each_person_told(world, ticket, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        deadlines.check(clock(ticket).pk, DUE)
    to = sorted(address for message in mail.outbox for address in message.to)
    assert to == sorted([world.agent.email, world.supervisor.email])
    message = next(m for m in mail.outbox if m.to == [world.agent.email])
    assert ticket.number in message.subject and f"/console/tickets/{ticket.number}/" in message.body
    assert Notification.objects.filter(mail=Notification.Mail.SENT).count() == 2


def test_answering_the_customer_stops_the_chain(world, ticket, now):
    deadlines.check(clock(ticket).pk, DUE)
    now.set(berlin(2026, 11, 24, 9, 45))
    add_message(world.agent, ticket, "We are looking into it.")
    assert clock(ticket).next_check_at is None
    assert deadlines.check(clock(ticket).pk, berlin(2026, 11, 24, 12, 0)) == []
    assert len(escalations(ticket)) == 1


def test_a_paused_clock_does_not_escalate(world, ticket, now):
    deadlines.check(clock(ticket).pk, DUE)
    now.set(berlin(2026, 11, 24, 9, 40))
    transition(world.agent, ticket, "take")
    transition(world.agent, ticket, "wait_for_customer")
    assert clock(ticket).state == SlaClock.State.PAUSED
    assert deadlines.check(clock(ticket).pk, berlin(2026, 11, 24, 12, 0)) == []
    assert len(escalations(ticket)) == 1


def test_without_a_team_lead_the_reassignment_is_skipped_and_said(world, ticket):
    world.team.lead = None
    world.team.save()
    deadlines.check(clock(ticket).pk, DUE)
    deadlines.check(clock(ticket).pk, berlin(2026, 11, 24, 10, 0))
    ticket.refresh_from_db()
    assert ticket.assignee == world.agent and ticket.priority == 3
    second = escalations(ticket)[1]
    assert "assignee" not in second and second["actions"] == [Do.REASSIGN_TO_LEAD, Do.RAISE_PRIORITY]


def test_a_level_needs_known_actions(standard):
    from django.core.exceptions import ValidationError

    for actions in ([], ["call_the_ceo"], "notify_manager"):
        level = EscalationLevel(policy=standard, after_minutes=5, actions=actions)
        with pytest.raises(ValidationError) as error:
            level.full_clean()
        assert "actions" in error.value.message_dict


def test_a_raised_priority_that_brings_another_policy_climbs_that_policys_chain(world, ticket, office):
    urgent = add_targets(SlaPolicy.objects.create(name="Urgent", position=1, calendar=office, priorities=[3]),
                         first_response=60)  # fmt: skip
    EscalationLevel.objects.create(policy=urgent, after_minutes=0, actions=[Do.NOTIFY_MANAGER])
    deadlines.check(clock(ticket).pk, DUE)
    fired = deadlines.check(clock(ticket).pk, berlin(2026, 11, 24, 10, 0))  # standard's level 2: P4 -> P3
    assert fired == [events.SLA_ESCALATED, events.SLA_ESCALATED]
    assert clock(ticket).policy == urgent
    assert escalations(ticket)[-1]["notified"] == [world.manager.username]  # urgent's first level


def test_a_solved_ticket_is_told_about_but_never_changed_by_the_chain(world, ticket, now):
    deadlines.check(clock(ticket).pk, DUE)
    now.set(berlin(2026, 11, 24, 9, 45))
    transition(world.agent, ticket, "take")
    Ticket.objects.filter(pk=ticket.pk).update(status=Status.RESOLVED)  # as if resolved by another path
    deadlines.check(clock(ticket).pk, berlin(2026, 11, 24, 10, 0))
    ticket.refresh_from_db()
    assert (ticket.assignee, ticket.priority) == (world.agent, 4)
    assert escalations(ticket)[-1]["level"] == 2 and "assignee" not in escalations(ticket)[-1]


def test_an_inactive_team_lead_is_not_given_the_ticket(world, ticket):
    world.engineer.is_active = False
    world.engineer.save()
    deadlines.check(clock(ticket).pk, DUE)
    deadlines.check(clock(ticket).pk, berlin(2026, 11, 24, 10, 0))
    ticket.refresh_from_db()
    assert ticket.assignee == world.agent and ticket.priority == 3
