"""What a plan says, checked: the same rules whichever face sent it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from serviceloop.core.errors import InvalidInput
from serviceloop.tickets.services import validation as v

from ..models import Delivery, ResourceKind, SolutionPlan

MAX_STEPS = 50
MAX_RESOURCES = 50
MAX_HOURS = Decimal("10000")
_TEXT = 20_000
_LINE = 2_000


@dataclass
class PlanContent:
    """The fields of a plan a person writes; None in `edit` means "leave as it is"."""

    cause: str | None = None
    steps: list[str] | None = None
    resources: list[dict[str, Any]] | None = None
    delivery: str | None = None
    estimated_hours: Any = None
    risks: str | None = None
    # Which fields were given, so an edit can set estimated_hours back to empty.
    given: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, **values: Any) -> PlanContent:
        return cls(**values, given=set(values))


def _steps(value: Any) -> list[str]:
    if not isinstance(value, list | tuple):
        raise InvalidInput(_("steps: give a list of step texts."), field="steps")
    steps = [v.text(step, "steps", max_length=_LINE, required=False) for step in value]
    steps = [step for step in steps if step]
    if len(steps) > MAX_STEPS:
        raise InvalidInput(_("steps: at most %(max)s steps.") % {"max": MAX_STEPS}, field="steps")
    return steps


def _quantity(value: Any) -> str:
    try:
        number = Decimal(str(value if value not in (None, "") else "1").strip())
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or number <= 0 or number > Decimal("1000000"):
        raise InvalidInput(
            _("resources: the quantity %(value)s is not a positive number.") % {"value": v.shown(value)[:30]},
            field="resources",
        )
    return str(number.normalize()) if number == number.to_integral() else str(number)


def _resources(value: Any) -> list[dict[str, str]]:
    if not isinstance(value, list | tuple):
        raise InvalidInput(_("resources: give a list of lines."), field="resources")
    lines = []
    for item in value:
        if not isinstance(item, dict):
            raise InvalidInput(
                _("resources: each line needs a kind, a description and a quantity."), field="resources"
            )
        kind = v.choice(item.get("kind"), ResourceKind, "resources", default=ResourceKind.OTHER)
        description = v.text(item.get("description"), "resources", max_length=_LINE)
        lines.append({"kind": kind, "description": description, "quantity": _quantity(item.get("quantity"))})
    if len(lines) > MAX_RESOURCES:
        raise InvalidInput(_("resources: at most %(max)s lines.") % {"max": MAX_RESOURCES}, field="resources")
    return lines


def _hours(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        hours = Decimal(str(value).strip())
    except InvalidOperation:
        hours = Decimal("NaN")
    if not hours.is_finite() or hours <= 0 or hours > MAX_HOURS:
        raise InvalidInput(
            _("estimated_hours: give a number of hours above 0 and up to %(max)s.") % {"max": MAX_HOURS},
            field="estimated_hours",
        )
    return hours.quantize(Decimal("0.1"))


def checked(content: PlanContent) -> dict[str, Any]:
    """The given fields as they will be stored, or InvalidInput naming the first one to fix."""
    values: dict[str, Any] = {}
    given = content.given
    if "cause" in given:
        values["cause"] = v.text(content.cause, "cause", max_length=_TEXT, required=False)
    if "steps" in given:
        values["steps"] = _steps(content.steps if content.steps is not None else [])
    if "resources" in given:
        values["resources"] = _resources(content.resources if content.resources is not None else [])
    if "delivery" in given:
        values["delivery"] = v.choice(content.delivery, Delivery, "delivery", default="")
    if "estimated_hours" in given:
        values["estimated_hours"] = _hours(content.estimated_hours)
    if "risks" in given:
        values["risks"] = v.text(content.risks, "risks", max_length=_TEXT, required=False)
    return values


def check_complete(plan: SolutionPlan) -> None:
    """A plan goes to review only once it says why, what to do and how."""
    if not plan.cause.strip():
        raise InvalidInput(_("cause: describe the cause of the problem before submitting the plan."),
                           field="cause")  # fmt: skip
    if not plan.steps:
        raise InvalidInput(_("steps: give at least one step before submitting the plan."), field="steps")
    if not plan.delivery:
        raise InvalidInput(
            _("delivery: say whether the work is done remotely or on site before submitting the plan."),
            field="delivery",
        )
