from __future__ import annotations

from typing import Any

import pytest

from serviceloop.routing.models import RoutingRule
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
