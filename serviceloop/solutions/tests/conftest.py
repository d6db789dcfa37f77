"""Helpers for the plans' tests: a ticket being worked on, and a complete plan for it."""

from __future__ import annotations

from typing import Any

import pytest

from serviceloop.solutions.models import SolutionPlan
from serviceloop.solutions.services import PlanContent, start_version, submit
from serviceloop.tickets.models import Ticket
from serviceloop.tickets.services import transition


def complete(**overrides: Any) -> PlanContent:
    values: dict[str, Any] = {
        "cause": "The spindle bearing is worn.",
        "steps": ["Stop the machine", "Replace the front bearing", "Run in for 30 minutes"],
        "resources": [{"kind": "spare_part", "description": "Bearing 7014", "quantity": 2}],
        "delivery": "on_site",
        "estimated_hours": "4.5",
        "risks": "The spindle may need balancing afterwards.",
    }
    values.update(overrides)
    return PlanContent.of(**values)


def taken(world, **fields: Any) -> Ticket:
    ticket = world.ticket(**fields)
    transition(world.agent, ticket, "take")
    return ticket


def submitted_plan(world, ticket: Ticket | None = None, author: Any = None) -> SolutionPlan:
    ticket = ticket or taken(world)
    plan = start_version(author or world.engineer, ticket, complete())
    return submit(author or world.engineer, plan)


@pytest.fixture
def ticket(world) -> Ticket:
    return taken(world)
