"""One history row per step of a plan, published like every ticket event."""

from __future__ import annotations

from typing import Any

from serviceloop.tickets.services.history import record

from ..models import SolutionPlan


def record_step(plan: SolutionPlan, name: str, actor: Any, channel: str, old_state: str = "") -> None:
    # Only the version and its state: customers read the ticket's history, and a review comment may
    # be meant for the service side alone (it stays on the plan, shown to those who see every version).
    record(plan.ticket, name, actor, channel, field="solution_plan", old=old_state or None, new=plan.state,
           data={"plan_id": plan.pk, "version": plan.version})  # fmt: skip
