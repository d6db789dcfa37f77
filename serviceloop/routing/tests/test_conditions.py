"""Each kind of condition: a rule fires when the ticket meets it and not otherwise."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from serviceloop.customers.models import Tier
from serviceloop.routing.models import WarrantyStatus
from serviceloop.routing.services.deciding import matching_rule
from serviceloop.routing.services.facts import facts_of
from serviceloop.tickets.models import Category, Channel

from .conftest import make_rule

pytestmark = pytest.mark.django_db


def fired(ticket) -> str | None:
    rule = matching_rule(facts_of(ticket))
    return rule.name if rule else None


def fires(ticket, **conditions) -> bool:
    make_rule("under test", **conditions)
    rule = matching_rule(facts_of(ticket))
    return rule is not None and rule.name == "under test"


@pytest.fixture
def ticket(world):
    return world.ticket(
        channel=Channel.EMAIL, category=Category.TECHNICAL, product_module_id=world.spindle.pk
    )


@pytest.mark.parametrize(
    ("conditions", "expected"),
    [
        ({}, True),
        ({"channels": [Channel.EMAIL, Channel.PHONE]}, True),
        ({"channels": [Channel.PORTAL]}, False),
        ({"categories": [Category.TECHNICAL]}, True),
        ({"categories": [Category.ORDER, Category.COMPLAINT]}, False),
        ({"tiers": [Tier.STANDARD]}, True),
        ({"tiers": [Tier.KEY]}, False),
        ({"countries": ["de"]}, True),
        ({"countries": ["CN", "FR"]}, False),
        ({"languages": ["EN"]}, True),
        ({"languages": ["zh"]}, False),
        ({"keywords": ["GRIND"]}, True),  # "grinding" in the subject, "grinds" in the body
        ({"keywords": ["3000 rpm"]}, True),
        ({"keywords": ["leak", "smoke"]}, False),
        ({"keywords": ["rind"]}, False),  # inside a word: not a keyword of this ticket
        ({"warranty": [WarrantyStatus.UNKNOWN]}, True),
        ({"warranty": [WarrantyStatus.IN, WarrantyStatus.OUT]}, False),
    ],
)
def test_plain_conditions(ticket, conditions, expected):
    assert fires(ticket, **conditions) is expected


def test_region_ignores_case_and_spaces(world, ticket):
    world.org.region = " Bavaria"
    world.org.save()
    ticket.organisation.refresh_from_db()
    make_rule("elsewhere", position=1, regions=["Saxony"])
    make_rule("here", position=2, regions=["bavaria ", "Saxony"])
    assert fired(ticket) == "here"


@pytest.mark.parametrize(
    ("link", "fires_for"),
    [
        ("product_lines", lambda w: [w.line]),
        ("product_models", lambda w: [w.model_a]),
        ("product_modules", lambda w: [w.spindle]),
        ("suppliers", lambda w: [w.partner_a]),
    ],
)
def test_catalogue_conditions(world, ticket, link, fires_for):
    assert fires(ticket, **{link: fires_for(world)})


def test_catalogue_conditions_that_do_not_hold(world, ticket):
    from serviceloop.customers.models import ProductLine, ProductModule

    other_line = ProductLine.objects.create(name="Mills")
    hydraulics = ProductModule.objects.create(line=world.line, name="Hydraulics")
    for n, conditions in enumerate([
        {"product_lines": [other_line]}, {"product_models": [world.model_b]},
        {"product_modules": [hydraulics]}, {"suppliers": [world.partner_b]},
    ]):  # fmt: skip
        make_rule(f"no {n}", position=n, **conditions)
    assert matching_rule(facts_of(ticket)) is None


def test_the_machines_own_supplier_comes_before_its_models(world):
    world.machine_a.supplier = world.partner_b
    world.machine_a.save()
    ticket = world.ticket()
    make_rule("Spark", suppliers=[world.partner_b])
    assert fired(ticket) == "Spark"


def test_warranty_in_and_out(world):
    today = timezone.now().date()
    world.machine_a.warranty_end = today + timedelta(days=30)
    world.machine_a.save()
    world.machine_b.warranty_end = date(2020, 1, 1)
    world.machine_b.save()
    make_rule("in", warranty=[WarrantyStatus.IN])
    make_rule("out", position=200, warranty=[WarrantyStatus.OUT])
    assert fired(world.ticket(machine_id=world.machine_a.pk)) == "in"
    assert fired(world.ticket(machine_id=world.machine_b.pk)) == "out"


def test_language_of_the_contact_comes_first_and_zh_holds_for_every_chinese(world):
    world.contact.language = "zh-Hans"
    world.contact.save()
    ticket = world.ticket()
    assert fires(ticket, languages=["zh"])


def test_chinese_keywords_are_found_inside_a_sentence(world):
    ticket = world.ticket(subject="机床主轴漏油", body="今天早上发现主轴漏油，请尽快处理。")
    make_rule("leak", keywords=["漏油"])
    make_rule("noise", position=50, keywords=["异响"])
    assert fired(ticket) == "leak"


def test_full_width_letters_match_their_ascii_keyword(world):
    ticket = world.ticket(subject="ＡＬＡＲＭ 1040 on the controller")
    assert fires(ticket, keywords=["alarm"])


def test_every_condition_set_must_hold(world, ticket):
    make_rule("both", channels=[Channel.EMAIL], countries=["CN"])
    assert matching_rule(facts_of(ticket)) is None


def test_keywords_are_looked_for_in_the_start_of_a_very_long_message(world):
    from serviceloop.routing.services.facts import KEYWORD_TEXT_LIMIT

    make_rule("early", keywords=["overheating"])
    early = world.ticket(subject="Log", body="overheating " + "x" * KEYWORD_TEXT_LIMIT)
    late = world.ticket(subject="Log", body="x " * KEYWORD_TEXT_LIMIT + "overheating")
    assert fired(early) == "early"
    assert fired(late) is None
