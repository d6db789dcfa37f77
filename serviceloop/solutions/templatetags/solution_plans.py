"""The approved solution plan, read-only, on the customer's ticket page."""

from __future__ import annotations

from typing import Any

from django import template

from ..models import Delivery
from ..services import approved_plan

register = template.Library()


@register.inclusion_tag("solutions/_approved_plan.html")
def approved_solution_plan(ticket: Any) -> dict[str, Any]:
    plan = approved_plan(ticket)
    if plan is None:
        return {"plan": None}
    return {
        "plan": plan,
        "delivery": dict(Delivery.choices).get(plan.delivery, ""),
    }
