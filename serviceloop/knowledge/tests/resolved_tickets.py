"""Tickets solved by an approved plan and then resolved: what “Turn into article” starts from."""

from __future__ import annotations

from typing import Any

from serviceloop.solutions.services import PlanContent, review, start_version, submit
from serviceloop.tickets.models import Ticket
from serviceloop.tickets.services import transition

CAUSE = "The belt of SN CL200-0001 was worn; Anna Müller saw it first."
STEPS = ["Stop the machine", "Replace the spindle belt", "Call +49 30 1234 5678 when done"]
RESOURCES = [{"kind": "spare_part", "description": "Belt 8M-1200", "quantity": "1"}]


def solved(world: Any, *, resolve: bool = True, **fields: Any) -> Ticket:
    """A ticket with an approved plan written by the engineer, resolved by the agent."""
    ticket = world.ticket(**fields)
    transition(world.agent, ticket, "take")
    plan = start_version(
        world.engineer, ticket,
        PlanContent.of(cause=CAUSE, steps=STEPS, resources=RESOURCES, delivery="on_site",
                       estimated_hours="2", risks=""),
    )  # fmt: skip
    review(world.manager, submit(world.engineer, plan), "approve", "Go ahead.")
    ticket.refresh_from_db()
    if resolve:
        transition(world.agent, ticket, "start_work")
        transition(world.agent, ticket, "resolve")
        ticket.refresh_from_db()
    return ticket
