from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from serviceloop.routing.models import ExpertContact, RoutingRule
from serviceloop.routing.services import ruleset

LINKS = ("product_lines", "product_models", "product_modules", "suppliers", "notify_users")


@pytest.fixture(autouse=True)
def fresh_rules():
    """Each test starts without this process's copy of another test's rules."""
    ruleset.forget()
    yield
    ruleset.forget()


def make_rule(name: str, position: int = 100, **fields: Any) -> RoutingRule:
    links = {name: fields.pop(name) for name in LINKS if name in fields}
    rule = RoutingRule.objects.create(name=name, position=position, **fields)
    for link, values in links.items():
        getattr(rule, link).set(values)
    return rule


@pytest.fixture
def handled(world):
    """Hydra handles its lathes in warranty; machine A is in warranty; Hydra has two contacts."""
    world.partner_a.handles_in_warranty = True
    world.partner_a.save()
    world.machine_a.warranty_end = date.today() + timedelta(days=100)
    world.machine_a.save()
    ExpertContact.objects.create(company=world.partner_a, name="Hydra desk", user=world.partner_a_tech,
                                 mobile="+49 170 1")  # fmt: skip
    ExpertContact.objects.create(company=world.partner_a, name="Hydra phone line", phone="+49 30 9")
    return world
