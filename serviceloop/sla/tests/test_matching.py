"""The first active policy whose conditions all hold applies; a process sees policy changes at once."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from serviceloop.accounts.models import Team
from serviceloop.customers.models import Tier
from serviceloop.sla.metrics import Metric
from serviceloop.sla.models import BusinessCalendar, OpeningHours, SlaClock, SlaPolicy, SlaTarget, Warranty
from serviceloop.sla.services.matching import matches, policy_for, target_for
from serviceloop.tickets.models import Category, Channel, Impact
from serviceloop.tickets.services import assign, update_ticket

from .conftest import add_targets

pytestmark = pytest.mark.django_db


@pytest.fixture
def ticket(world, now):
    return world.ticket(world.agent, channel=Channel.EMAIL, received_at=now(), category=Category.TECHNICAL)


def policy(office, **conditions) -> SlaPolicy:
    organisations = conditions.pop("organisations", [])
    lines = conditions.pop("product_lines", [])
    made = SlaPolicy.objects.create(name=f"P{SlaPolicy.objects.count()}", calendar=office, **conditions)
    made.organisations.set(organisations)
    made.product_lines.set(lines)
    return made


@pytest.mark.parametrize(
    ("conditions", "expected"),
    [
        ({}, True),
        ({"tiers": [Tier.STANDARD]}, True),
        ({"tiers": [Tier.KEY]}, False),
        ({"countries": ["de"]}, True),
        ({"countries": ["CN"]}, False),
        ({"channels": [Channel.EMAIL, Channel.PHONE]}, True),
        ({"channels": [Channel.PORTAL]}, False),
        ({"categories": [Category.TECHNICAL]}, True),
        ({"categories": [Category.ORDER]}, False),
        ({"priorities": [4, 3]}, True),
        ({"priorities": [1]}, False),
        ({"emergency": "yes"}, False),
        ({"emergency": "no"}, True),
        ({"warranty": Warranty.IN}, False),  # the machine's warranty end is unknown
    ],
)
def test_each_condition(world, office, ticket, conditions, expected):
    ticket.organisation.refresh_from_db()
    assert matches(policy(office, **conditions), ticket) is expected


def test_organisations_product_lines_regions_and_warranty(world, office, ticket):
    assert matches(policy(office, organisations=[world.org]), ticket)
    assert not matches(policy(office, organisations=[world.other_org]), ticket)
    assert matches(policy(office, product_lines=[world.line]), ticket)
    ticket.organisation.region = "Bavaria"
    assert matches(policy(office, regions=["bavaria "]), ticket)
    ticket.machine.warranty_end = date(2027, 1, 1)
    assert matches(policy(office, warranty=Warranty.IN), ticket)
    ticket.machine.warranty_end = date(2026, 1, 1)
    assert matches(policy(office, warranty=Warranty.OUT), ticket)


def test_the_first_matching_active_policy_in_order_wins(office, ticket):
    key = policy(office, tiers=[Tier.KEY], position=1)
    general = policy(office, position=50)
    inactive = policy(office, position=10, is_active=False)
    assert policy_for(ticket) == general
    inactive.is_active = True
    inactive.save()
    assert policy_for(ticket) == inactive
    assert key != policy_for(ticket)


def test_a_regional_target_comes_before_the_general_one(world, office, ticket):
    made = add_targets(policy(office), first_response=60)
    SlaTarget.objects.create(policy=made, metric=Metric.FIRST_RESPONSE, minutes=15, region="Bavaria")
    ticket.organisation.region = "bavaria"
    made = SlaPolicy.objects.prefetch_related("targets").get(pk=made.pk)
    target = target_for(made, Metric.FIRST_RESPONSE, ticket)
    assert target is not None and target.minutes == 15
    ticket.organisation.region = "Saxony"
    target = target_for(made, Metric.FIRST_RESPONSE, ticket)
    assert target is not None and target.minutes == 60


def test_changes_to_policies_are_seen_by_the_next_ticket(world, now, office):
    made = policy(office, organisations=[world.other_org])
    first = world.ticket(world.customer, channel=Channel.PORTAL, received_at=now())
    assert not SlaClock.objects.filter(ticket=first).exists()

    made.organisations.add(world.org)  # only the M2M changes
    add_targets(made, first_response=30)
    second = world.ticket(world.customer, channel=Channel.PORTAL, received_at=now())
    assert list(SlaClock.objects.filter(ticket=second).values_list("metric", "target_seconds")) == [
        (Metric.FIRST_RESPONSE, 1800)
    ]

    SlaTarget.objects.filter(policy=made).get().delete()
    third = world.ticket(world.customer, channel=Channel.PORTAL, received_at=now(), impact=Impact.DEGRADED)
    assert not SlaClock.objects.filter(ticket=third).exists()


def test_bad_conditions_are_refused_with_what_to_fix(office):
    made = SlaPolicy(name="Bad", calendar=office, tiers=["gold"], priorities=[0], channels="email")
    with pytest.raises(ValidationError) as caught:
        made.full_clean()
    assert set(caught.value.message_dict) == {"tiers", "priorities", "channels"}
    assert "key" in caught.value.message_dict["tiers"][0]


def test_a_team_policy_keeps_the_teams_own_hours_and_follows_a_hand_over(world, now, office, standard):
    round_the_clock = BusinessCalendar.objects.create(name="Hotline 24x7", time_zone="Europe/Berlin")
    for weekday in range(7):
        OpeningHours.objects.create(calendar=round_the_clock, weekday=weekday, opens=time(0), closes=time(0))
    hotline = Team.objects.create(name="Hotline")
    by_team = add_targets(
        SlaPolicy.objects.create(name="Hotline team", position=1, calendar=round_the_clock), first_response=60
    )
    by_team.teams.set([hotline])
    assert not matches(by_team, world.ticket(world.agent, channel=Channel.EMAIL, received_at=now()))

    ticket = world.ticket(world.agent, channel=Channel.EMAIL, received_at=now())  # Monday 16:30
    assert ticket.sla_policy.policy == standard
    assign(world.agent, ticket, team_id=hotline.pk)
    ticket.refresh_from_db()
    assert ticket.sla_policy.policy == by_team
    first = ticket.sla_clocks.get(metric=Metric.FIRST_RESPONSE)
    assert first.calendar == round_the_clock and first.due_at.hour == 16  # 17:30 Berlin, not tomorrow


def test_only_a_change_to_a_field_policies_read_matches_again(world, now, office, standard):
    ticket = world.ticket(world.agent, channel=Channel.EMAIL, received_at=now(), category=Category.TECHNICAL)
    with CaptureQueriesContext(connection) as captured:
        update_ticket(world.agent, ticket, {"subject": "Spindle grinds louder", "tags": ["noise"]})
    assert not [q for q in captured.captured_queries if "sla_ticketpolicy" in q["sql"]]
    with CaptureQueriesContext(connection) as captured:
        update_ticket(world.agent, ticket, {"category": Category.COMPLAINT})
    assert [q for q in captured.captured_queries if "sla_ticketpolicy" in q["sql"]]
