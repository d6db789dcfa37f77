"""A new ticket goes through the rules when it is created: order, the stop flag, each action with its
history row, and what its creator chose is kept."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from serviceloop.accounts.models import Team
from serviceloop.notifications.models import Notification
from serviceloop.routing.events import RULE_APPLIED
from serviceloop.tickets.models import Category, Channel, Impact, Ticket, TicketEvent, Urgency

from .conftest import make_rule

pytestmark = pytest.mark.django_db


@pytest.fixture
def engineers(world) -> Team:
    team = Team.objects.create(name="Engineering")
    team.members.add(world.engineer)
    return team


def history(ticket, name: str, field: str = "") -> list[TicketEvent]:
    rows = TicketEvent.objects.filter(ticket=ticket, name=name)
    return list(rows.filter(field=field) if field else rows)


def test_the_first_rule_that_holds_fires_and_stops(world, engineers):
    make_rule("orders", position=1, categories=[Category.ORDER], team=world.team)
    make_rule("technical", position=2, categories=[Category.TECHNICAL], team=engineers)
    make_rule("everything else", position=3, team=world.team, tags=["catch-all"])
    ticket = world.ticket(category=Category.TECHNICAL)
    assert ticket.team_id == engineers.pk
    assert list(ticket.tags.values_list("name", flat=True)) == []
    (applied,) = history(ticket, RULE_APPLIED)
    assert applied.data == {"rules": ["technical"], "changed": ["team"]} and applied.actor_id is None


def test_position_decides_not_the_order_of_creation(world, engineers):
    make_rule("late", position=20, team=world.team)
    make_rule("early", position=10, team=engineers)
    assert world.ticket().team_id == engineers.pk


def test_inactive_rules_are_skipped(world, engineers):
    make_rule("off", position=1, team=world.team, is_active=False)
    make_rule("on", position=2, team=engineers)
    assert world.ticket().team_id == engineers.pk


def test_without_stop_later_rules_fill_in_and_add(world, engineers):
    make_rule("tag complaints", position=1, stop=False, categories=[Category.COMPLAINT], tags=["complaint"],
              priority=3)  # fmt: skip
    make_rule("german complaints", position=2, stop=False, countries=["DE"], team=engineers,
              priority=2, tags=["de"])  # fmt: skip
    make_rule("catch-all", position=3, team=world.team, tags=["routed"])
    make_rule("never reached", position=4, tags=["never"])
    ticket = world.ticket(category=Category.COMPLAINT)
    assert ticket.team_id == engineers.pk  # the first rule that sets a team decides it
    assert ticket.priority == 3  # the first rule that sets a priority decides it
    assert sorted(ticket.tags.values_list("name", flat=True)) == ["complaint", "de", "routed"]
    (applied,) = history(ticket, RULE_APPLIED)
    assert applied.data["rules"] == ["tag complaints", "german complaints", "catch-all"]
    (team_row,) = history(ticket, "ticket.assigned", "team")
    assert team_row.data == {"rule": "german complaints"}


def test_team_and_assignee_actions_write_history_without_actor(world, engineers):
    make_rule("to engineering", team=engineers, assignee=world.engineer)
    ticket = world.ticket()
    assert (ticket.team_id, ticket.assignee_id) == (engineers.pk, world.engineer.pk)
    (team_row,) = history(ticket, "ticket.assigned", "team")
    (assignee_row,) = history(ticket, "ticket.assigned", "assignee")
    for row in (team_row, assignee_row):
        assert row.actor_id is None and row.data == {"rule": "to engineering"}
    assert assignee_row.new_value == str(world.engineer.pk)
    # The assignee hears of it as of any assignment.
    assert Notification.objects.filter(recipient=world.engineer, kind="ticket.assigned").exists()


def test_priority_action_raises_with_history(world):
    make_rule("urgent words", keywords=["grinding"], priority=2)
    ticket = world.ticket()
    assert ticket.priority == 2
    (row,) = history(ticket, "ticket.updated", "priority")
    assert (row.old_value, row.new_value, row.data) == ("4", "2", {"rule": "urgent words"})


def test_priority_is_never_lowered_below_what_urgency_and_impact_gave(world):
    make_rule("calm down", priority=4)
    ticket = world.ticket(urgency=Urgency.HIGH, impact=Impact.STOPPED)
    assert ticket.priority == 1
    assert history(ticket, "ticket.updated", "priority") == []
    assert history(ticket, RULE_APPLIED)[0].data["changed"] == []


def test_tags_action_adds_to_the_creators_tags(world):
    make_rule("tagger", tags=["Spindle", "noise"])
    ticket = world.ticket(tags=["urgent-call", "noise"])
    assert sorted(ticket.tags.values_list("name", flat=True)) == ["noise", "spindle", "urgent-call"]
    (row,) = history(ticket, "ticket.updated", "tags")
    assert (row.old_value, row.new_value) == ("noise urgent-call", "noise spindle urgent-call")
    assert row.actor_id is None and row.data == {"rule": "tagger"}


def test_a_rules_tags_are_part_of_the_new_tickets_first_version(world):
    make_rule("tagger", tags=["spindle"])
    with CaptureQueriesContext(connection) as captured:
        ticket = world.ticket()
    assert ticket.version == 1 and Ticket.objects.get(pk=ticket.pk).version == 1
    rewrites = [q["sql"] for q in captured.captured_queries if q["sql"].startswith('UPDATE "tickets_ticket"')]
    assert rewrites == []
    assert history(ticket, "ticket.updated", "tags")[0].new_value == "spindle"


def test_notify_action_tells_people_and_team_members_once(world, engineers):
    engineers.members.add(world.supervisor)
    make_rule("tell", notify_users=[world.supervisor, world.manager], notify_team=engineers)
    ticket = world.ticket()
    told = Notification.objects.filter(ticket=ticket, kind=RULE_APPLIED)
    assert sorted(told.values_list("recipient__username", flat=True)) == sorted(
        [world.supervisor.username, world.manager.username, world.engineer.username]
    )
    assert all("routed by tell" in row.title for row in told)
    assert history(ticket, RULE_APPLIED)[0].data["changed"] == ["notified"]


def test_a_partner_is_told_only_of_tickets_about_its_products(world):
    make_rule("tell partners", notify_users=[world.partner_a_tech, world.partner_b_tech])
    ticket = world.ticket()  # machine_a: partner A's model
    told = Notification.objects.filter(ticket=ticket, kind=RULE_APPLIED)
    assert list(told.values_list("recipient", flat=True)) == [world.partner_a_tech.pk]


def test_team_and_assignee_chosen_at_creation_are_kept(world, engineers):
    make_rule("to engineering", team=engineers, assignee=world.engineer, tags=["routed"])
    ticket = world.ticket(team_id=world.team.pk, assignee_id=world.agent.pk)
    assert (ticket.team_id, ticket.assignee_id) == (world.team.pk, world.agent.pk)
    assert history(ticket, "ticket.assigned") == []
    assert history(ticket, RULE_APPLIED)[0].data["changed"] == ["tags"]


def test_an_assignee_outside_the_chosen_team_is_not_given_the_ticket(world, engineers):
    make_rule("to the engineer", assignee=world.engineer)  # a rule without a team
    ticket = world.ticket(team_id=world.team.pk)  # the creator chose the L1 desk
    assert ticket.assignee_id is None


def test_an_assignee_who_left_is_skipped(world, engineers):
    make_rule("to engineering", team=engineers, assignee=world.engineer)
    world.engineer.is_active = False
    world.engineer.save()
    ticket = world.ticket()
    assert (ticket.team_id, ticket.assignee_id) == (engineers.pk, None)


def test_a_ticket_no_rule_holds_for_gets_no_history(world):
    make_rule("chat only", channels=[Channel.CHAT], team=world.team)
    ticket = world.ticket()
    assert ticket.team_id is None
    assert history(ticket, RULE_APPLIED) == []


def test_a_customers_ticket_is_routed_too(world, engineers):
    make_rule("portal", channels=[Channel.PORTAL], team=engineers)
    ticket = world.ticket(world.customer, channel=Channel.PORTAL, contact_id=None)
    assert ticket.team_id == engineers.pk


def test_the_ticket_object_the_creator_holds_is_up_to_date(world, engineers):
    make_rule("to engineering", team=engineers, priority=2, tags=["x"])
    ticket = world.ticket()
    fresh = type(ticket).objects.get(pk=ticket.pk)
    assert (ticket.version, ticket.team_id, ticket.priority) == (fresh.version, fresh.team_id, fresh.priority)
