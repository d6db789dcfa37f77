"""Assignees and watchers hear what happens on their tickets; nobody hears of their own doing."""

from __future__ import annotations

import pytest
from django.core import mail

from serviceloop.notifications.models import Notification
from serviceloop.tickets.models import Channel
from serviceloop.tickets.services import add_message, assign, set_watching, transition, update_ticket

pytestmark = pytest.mark.django_db


def told(kind: str) -> dict[str, Notification]:
    return {n.recipient.username: n for n in Notification.objects.filter(kind=kind)}


@pytest.fixture
def ticket(world):
    ticket = world.ticket(world.agent, channel=Channel.EMAIL, assignee_id=world.engineer.pk)
    set_watching(world.supervisor, ticket, True)
    return ticket


def test_a_ticket_created_for_someone_else_tells_them_and_mails_them(world, ticket):
    assert set(told("ticket.assigned")) == {world.engineer.username}
    mine = world.ticket(world.agent, channel=Channel.EMAIL, assignee_id=world.agent.pk)
    assert not Notification.objects.filter(ticket=mine).exists()


def test_the_customers_answer_is_mailed_to_the_assignee_and_shown_to_watchers(
    world, ticket, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        add_message(world.customer, ticket, "The noise is back.")
    people = told("ticket.replied")
    assert set(people) == {world.engineer.username, world.supervisor.username}
    assert people[world.engineer.username].mail == Notification.Mail.SENT
    assert people[world.supervisor.username].mail == Notification.Mail.NONE
    assert "the customer answered" in people[world.supervisor.username].title
    assert [m.to for m in mail.outbox if "the customer answered" in m.subject] == [[world.engineer.email]]


def test_the_author_of_a_reply_or_a_move_is_not_told_about_it(world, ticket):
    add_message(world.engineer, ticket, "We replace the bearing tomorrow.")
    assert set(told("ticket.replied")) == {world.supervisor.username}
    transition(world.supervisor, ticket, "cancel")
    assert set(told("ticket.transitioned")) == {world.engineer.username}
    assert "Cancelled" in told("ticket.transitioned")[world.engineer.username].title


def test_whoever_had_the_ticket_learns_it_was_taken_over(world, ticket):
    transition(world.supervisor, ticket, "take")
    [notice] = Notification.objects.filter(kind="ticket.reassigned")
    assert notice.recipient == world.engineer
    assert f"now assigned to {world.supervisor}" in notice.title
    assert notice.mail == Notification.Mail.NONE
    assert not Notification.objects.filter(kind="ticket.reassigned", recipient=world.supervisor).exists()


def test_an_internal_note_reaches_the_watchers_who_may_read_it(world, ticket):
    set_watching(world.partner_a_tech, ticket, True)
    add_message(world.engineer, ticket, "Batch 42 is suspect.", internal=True, share_with_partner=True)
    assert set(told("ticket.note_added")) == {world.supervisor.username, world.partner_a_tech.username}
    assert all(n.mail == Notification.Mail.NONE for n in told("ticket.note_added").values())
    # A note not shared with the partner is not announced to them either.
    Notification.objects.all().delete()
    add_message(world.engineer, ticket, "Batch 43 too; invoice still open.", internal=True)
    assert set(told("ticket.note_added")) == {world.supervisor.username}


def test_a_partner_watching_a_ticket_no_longer_about_its_products_hears_nothing(world, ticket):
    set_watching(world.partner_a_tech, ticket, True)
    update_ticket(world.agent, ticket, {"machine_id": world.machine_b.pk})  # partner B's model now
    add_message(world.customer, ticket, "Any news?")
    assert world.partner_a_tech.username not in told("ticket.replied")


def test_assigning_tells_the_new_assignee_but_taking_it_oneself_does_not(world, ticket):
    Notification.objects.all().delete()
    assign(world.supervisor, ticket, team_id=world.team.pk, assignee_id=world.agent.pk)
    assert set(told("ticket.assigned")) == {world.agent.username}
    assign(world.engineer, ticket, team_id=world.team.pk, assignee_id=world.engineer.pk)
    assert set(told("ticket.assigned")) == {world.agent.username}
