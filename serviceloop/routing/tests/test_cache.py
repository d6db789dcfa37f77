"""Each process keeps the active rules and reloads them after any change; routing adds no query to a
new ticket's creation (the revision comes with the service levels' own read)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from serviceloop.routing.models import RoutingRevision, RoutingRule
from serviceloop.routing.services import ruleset
from serviceloop.routing.services.deciding import matching_rule
from serviceloop.routing.services.facts import facts_of
from serviceloop.tickets.models import Channel

from .conftest import make_rule

pytestmark = pytest.mark.django_db


def creation_queries(world, **fields) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        world.ticket(**fields)
    return [q["sql"] for q in captured.captured_queries]


def test_without_rules_routing_adds_no_query(world):
    world.ticket()  # the first creation in the process
    sql = creation_queries(world)
    stamps = [q for q in sql if "routing_routingrevision" in q]
    assert len(stamps) == 1 and "sla_slapolicy" in stamps[0]  # one read, shared with the SLA policies
    assert not [q for q in sql if "routing_" in q and q not in stamps]


def test_rules_that_do_not_hold_add_no_query_after_the_first_load(world):
    for n in range(20):
        make_rule(f"chat {n}", position=n, channels=[Channel.CHAT], countries=["FR"], team=world.team)
    world.ticket()  # loads the rules
    sql = creation_queries(world)
    assert not [q for q in sql if "routing_" in q and "sla_slapolicy" not in q]


def test_a_keyword_rule_reads_the_new_tickets_text_from_the_event_not_the_database(world):
    make_rule("leaks", keywords=["leak"], team=world.team)
    world.ticket()
    with CaptureQueriesContext(connection) as captured:
        ticket = world.ticket(team_id=None, body="Oil leaks from the pump since Monday.")
    selects = [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
    assert not [q for q in selects if "tickets_message" in q]
    assert ticket.team_id == world.team.pk  # the rule did read the text


def rule_for(world):
    found = matching_rule(facts_of(world.ticket()))
    return found.name if found else None


def test_a_change_of_a_rule_is_seen_at_once(world):
    rule = make_rule("phone", channels=[Channel.PHONE])
    assert rule_for(world) == "phone"
    rule.channels = [Channel.EMAIL]
    rule.save()
    assert rule_for(world) is None
    rule.channels = []
    rule.save()
    rule.product_models.set([world.model_b])  # a link changed
    assert rule_for(world) is None
    rule.product_models.clear()
    assert rule_for(world) == "phone"


def test_deleting_rules_is_seen_at_once(world):
    make_rule("one")
    make_rule("two", position=200)
    assert rule_for(world) == "one"
    RoutingRule.objects.filter(name="one").delete()  # a bulk delete, as the admin's action does
    assert rule_for(world) == "two"


def test_another_processes_change_is_seen_through_the_revision(world):
    make_rule("one")
    assert rule_for(world) == "one"
    # Another process changed the row and renewed the revision; this process's copy is stale.
    RoutingRule.objects.filter(name="one").update(is_active=False)
    assert rule_for(world) == "one"
    RoutingRevision.renew()
    assert rule_for(world) is None


def test_rules_are_loaded_once_per_revision(world, django_assert_num_queries):
    make_rule("one")
    ruleset.active_rules()
    with django_assert_num_queries(1):  # the revision read only
        ruleset.active_rules()
